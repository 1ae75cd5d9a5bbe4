/** `billing-sync status`: connection state, last license sync ("never") and license expiry. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface BillingSyncStatusOptions {
  org: string;
}

export function billingSyncStatusOptions(input: VerbInput): BillingSyncStatusOptions {
  const org = typeof input.opts.org === 'string' ? input.opts.org.trim() : '';
  if (org === '') throw new UsageError('--org ID is required (the self-hosted organization id)', { commandPath: input.commandPath });
  return { org };
}

export async function billingSyncStatusRun(o: BillingSyncStatusOptions, d: Deps): Promise<void> {
  const { billingSyncStatus } = await import('../../domain/billing-sync.js');
  const s = await billingSyncStatus(d, o.org);
  d.out.object(
    {
      organization: s.name,
      organizationId: s.organizationId,
      cloudCommunication: s.cloudCommunication ? 'on' : 'off',
      billingSync: !s.configured ? 'not configured' : s.enabled ? 'enabled' : 'disabled',
      cloudOrganizationId: s.cloudOrganizationId ?? undefined,
      lastSync: s.lastLicenseSync ?? 'never',
      licenseExpires: s.licenseExpiration ?? 'unknown',
      expirationWithoutGracePeriod: s.expirationWithoutGracePeriod ?? undefined,
      seats: s.seats ?? 'unlimited',
    },
    { view: s },
  );
  if (!s.cloudCommunication) d.out.warn('cloud communication is off on this server: billing sync cannot run (globalSettings__enableCloudCommunication)');
}

export const billingSyncStatusSpec: CommandSpec = {
  name: 'status',
  summary: 'Show billing sync state and license expiry',
  description:
    'Shows whether billing sync is configured and enabled for a self-hosted organization, when the license was last synced ("never" until the first sync; the server forgets it when the connection is updated), the license expiry and seats from the server, and whether the server has cloud communication on. Owner only.',
  options: [{ flags: '--org <org-id>', description: 'self-hosted organization id' }],
  examples: [
    { comment: 'Last sync and license expiry', command: 'bwmsp billing-sync status --org 1f0c... --profile contoso-selfhost' },
    { comment: 'As JSON', command: 'bwmsp billing-sync status --org 1f0c... --json' },
  ],
  run: (input, deps) => billingSyncStatusRun(billingSyncStatusOptions(input), deps),
};
