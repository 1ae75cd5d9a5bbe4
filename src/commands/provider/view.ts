import type { Deps } from '../../deps.js';
import type { ProviderView } from '../../domain/provider-settings.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { providerOption, stringOpt } from './provider-flags.js';

const typeWords: Record<string, string> = { msp: 'MSP', reseller: 'Reseller', 'business-unit': 'Business unit', unknown: 'Unknown' };
const statusWords: Record<string, string> = { pending: 'Pending (awaiting setup)', created: 'Created', billable: 'Billable', unknown: 'Unknown' };
const roleWords: Record<string, string> = { admin: 'Provider Admin', 'service-user': 'Service User', unknown: 'Unknown' };

/** The provider as JSON (the view as is) or as "Key: value" lines. */
export function printProvider(d: Pick<Deps, 'out'>, view: ProviderView): void {
  const users = view.users;
  d.out.object(
    {
      id: view.id,
      name: view.name,
      businessName: view.businessName ?? undefined,
      billingEmail: view.billingEmail,
      type: typeWords[view.type],
      status: statusWords[view.status],
      enabled: view.enabled === null ? undefined : view.enabled ? 'yes' : 'no',
      yourRole: view.role === null ? undefined : roleWords[view.role],
      clients: view.clients ?? undefined,
      users: users
        ? `${users.total} (${users.confirmedAdmins} confirmed admin${users.confirmedAdmins === 1 ? '' : 's'}, ${users.serviceUsers} service user${users.serviceUsers === 1 ? '' : 's'}, ${users.invited} invited, ${users.needsConfirmation} need confirmation)`
        : undefined,
      created: view.creationDate ?? undefined,
    },
    { view },
  );
}

export async function providerViewRun(o: { provider?: string | undefined }, d: Deps): Promise<void> {
  const [{ withProvider }, { viewProvider }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/provider-settings.js')]);
  const report = await withProvider(d, { provider: o.provider }, {}, viewProvider);
  printProvider(d, report.view);
  if (report.warning) d.out.warn(report.warning);
}

export const providerViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show the provider',
  description:
    'Shows the provider: name, billing e-mail, type, status, your role, and for provider admins the numbers of users and clients. Warns on stderr when the provider has only one confirmed Provider Admin.',
  options: [{ ...providerOption, description: 'provider id or name (default: the profile or your only provider)' }],
  examples: [
    { comment: 'Show the provider of the current profile', command: 'bwmsp provider view' },
    { comment: 'As JSON', command: 'bwmsp provider view --json' },
  ],
  run: (input: VerbInput, deps) => providerViewRun({ provider: stringOpt(input.opts.provider) }, deps),
};
