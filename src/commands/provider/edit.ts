import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { printProvider } from './view.js';
import { providerOption, stringOpt } from './provider-flags.js';

export interface ProviderEditOptions {
  provider?: string | undefined;
  name?: string | undefined;
  billingEmail?: string | undefined;
  businessName?: string | undefined;
}

export async function providerEditRun(o: ProviderEditOptions, d: Deps): Promise<void> {
  const [{ withProvider }, { editProvider }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/provider-settings.js')]);
  const { report, result } = await withProvider(d, { provider: o.provider }, {}, (ctx) => editProvider(ctx, o));
  printProvider(d, report.view);
  if (result === 'skipped') d.out.info(`Provider ${report.view.name} already has these values; nothing changed.`);
  else d.out.success(`Updated provider ${report.view.name}`);
}

export const providerEditSpec: CommandSpec = {
  name: 'edit',
  summary: 'Change the provider name or billing e-mail',
  description: 'Changes the provider name, business name or billing e-mail. Provider admins only; on a self-hosted server the official server ignores the change.',
  options: [
    providerOption,
    { flags: '--name <name>', description: 'new provider name' },
    { flags: '--billing-email <email>', description: 'new billing e-mail address' },
    { flags: '--business-name <name>', description: 'new business name' },
  ],
  examples: [
    { comment: 'Rename the provider', command: "bwmsp provider edit --name 'Acme Managed Services'" },
    { comment: 'Change the billing address', command: 'bwmsp provider edit --billing-email ap@msp.example --json' },
  ],
  run: (input: VerbInput, deps) =>
    providerEditRun(
      { provider: stringOpt(input.opts.provider), name: stringOpt(input.opts.name), billingEmail: stringOpt(input.opts.billingEmail), businessName: stringOpt(input.opts.businessName) },
      deps,
    ),
};
