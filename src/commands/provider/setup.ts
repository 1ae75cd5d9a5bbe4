import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { printProvider } from './view.js';
import { providerOption, stringOpt } from './provider-flags.js';

export interface ProviderSetupOptions {
  provider?: string | undefined;
  token?: string | undefined;
  name?: string | undefined;
  billingEmail?: string | undefined;
  businessName?: string | undefined;
  country?: string | undefined;
  postalCode?: string | undefined;
  paymentType?: string | undefined;
  paymentToken?: string | undefined;
}

const PAYMENT_TYPES = ['card', 'bankAccount', 'payPal'] as const;
type PaymentType = (typeof PAYMENT_TYPES)[number];

/**
 * Payment method and billing address of the setup request. The official server requires both
 * (admin-api.md §1.2): on the Bitwarden cloud the payment token is made by Stripe/Braintree in the
 * web vault, so bwmsp needs it passed in. A self-hosted URL (the sandbox) has no payment processor;
 * placeholders satisfy the required fields there.
 */
function billing(o: ProviderSetupOptions, cloud: boolean) {
  if (cloud) {
    const missing = [
      ['--payment-type', o.paymentType],
      ['--payment-token', o.paymentToken],
      ['--country', o.country],
      ['--postal-code', o.postalCode],
    ].filter(([, v]) => v === undefined).map(([flag]) => flag);
    if (missing.length) {
      throw new UsageError(`the Bitwarden cloud needs a payment method and billing address to set up a provider: pass ${missing.join(', ')}`, {
        hint: 'The payment token comes from Stripe/Braintree; the simplest path is the "Set up provider now" link of the invitation in the web vault.',
      });
    }
  }
  const type = (o.paymentType ?? 'card') as PaymentType;
  if (!PAYMENT_TYPES.includes(type)) throw new UsageError(`--payment-type ${o.paymentType}: use ${PAYMENT_TYPES.join(', ')}`);
  const country = (o.country ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`--country ${o.country}: use a two-letter country code such as US or FR`);
  return {
    paymentMethod: { type, token: o.paymentToken ?? 'sandbox-no-payment-processor' },
    billingAddress: { country, postalCode: o.postalCode ?? '00000' },
  };
}

export async function providerSetupRun(o: ProviderSetupOptions, d: Deps): Promise<void> {
  const settings = await d.settings();
  const payment = billing(o, settings.urls.kind !== 'self-hosted');
  const token = o.token ?? (await d.prompter.input({ message: 'Setup token from the invitation mail', flag: '--token' }));
  const name = o.name ?? (await d.prompter.input({ message: 'Provider name', flag: '--name' }));
  const billingEmail = o.billingEmail ?? (await d.prompter.input({ message: 'Billing e-mail', flag: '--billing-email' }));
  const [{ withProvider }, { setupProviderFromInvite }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/provider-settings.js')]);
  const { report, result } = await withProvider(d, { provider: o.provider }, { keys: true }, (ctx) =>
    setupProviderFromInvite(ctx, { token, name, billingEmail, businessName: o.businessName, ...payment }),
  );
  printProvider(d, report.view);
  if (result === 'skipped') d.out.info(`Provider ${report.view.name} is already set up; nothing changed.`);
  else d.out.success(`Set up provider ${report.view.name} (${report.view.id}); you are its Provider Admin`);
  if (report.warning) d.out.warn(report.warning);
}

export const providerSetupSpec: CommandSpec = {
  name: 'setup',
  summary: 'Set up a provider from a provider invitation',
  description:
    'Completes the provider setup that Bitwarden staff started: makes the provider key on this machine, wraps it for your account and sends the provider name and billing e-mail. Needs BWMSP_SESSION (bwmsp unlock). On the Bitwarden cloud a payment method tokenized by Stripe is required too.',
  options: [
    providerOption,
    { flags: '--token <token>', description: 'setup token from the invitation mail' },
    { flags: '--name <name>', description: 'provider name' },
    { flags: '--billing-email <email>', description: 'billing e-mail address' },
    { flags: '--business-name <name>', description: 'business name' },
    { flags: '--country <code>', description: 'billing country, two letters (cloud: required)' },
    { flags: '--postal-code <code>', description: 'billing postal code (cloud: required)' },
    { flags: '--payment-type <type>', description: 'payment method type (cloud: required)', choices: PAYMENT_TYPES },
    { flags: '--payment-token <token>', description: 'payment method token from Stripe/Braintree (cloud: required)' },
  ],
  examples: [
    { comment: 'Set up the provider from the invitation', command: "bwmsp provider setup --provider 6f1c... --token abc... --name 'Acme MSP' --billing-email billing@msp.example" },
    { comment: 'Same, printing the provider as JSON', command: "bwmsp provider setup --provider 6f1c... --token abc... --name 'Acme MSP' --billing-email billing@msp.example --json" },
  ],
  run: (input: VerbInput, deps) =>
    providerSetupRun(
      {
        provider: stringOpt(input.opts.provider),
        token: stringOpt(input.opts.token),
        name: stringOpt(input.opts.name),
        billingEmail: stringOpt(input.opts.billingEmail),
        businessName: stringOpt(input.opts.businessName),
        country: stringOpt(input.opts.country),
        postalCode: stringOpt(input.opts.postalCode),
        paymentType: stringOpt(input.opts.paymentType),
        paymentToken: stringOpt(input.opts.paymentToken),
      },
      deps,
    ),
};
