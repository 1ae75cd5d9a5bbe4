/** `sponsorship status`: last sponsorship sync and the sponsorships by status, including pending syncs. */
import type { Deps } from '../../deps.js';
import { orgRef, type OrgRefOptions } from '../input.js';
import type { CommandSpec } from '../spec.js';
import { sponsorshipTarget } from './shared.js';

export async function sponsorshipStatusRun(o: OrgRefOptions, d: Deps): Promise<void> {
  const { sponsorshipSyncState } = await import('../../domain/sponsorship.js');
  const s = await sponsorshipSyncState(d, o);
  d.out.object(
    {
      organization: s.organization,
      organizationId: s.organizationId,
      server: s.side,
      lastSync: s.lastSyncDate ?? 'never',
      pendingSync: s.side === 'self-hosted' ? s.pendingSync : undefined,
      requested: s.counts.requested,
      sent: s.counts.sent,
      active: s.counts.active,
      requestRemoved: s.counts['request-removed'],
      revokeWhenExpired: s.counts['revoke-when-expired'],
    },
    { view: s },
  );
  if (s.pendingSync > 0) d.out.info(`${s.pendingSync} sponsorship change(s) wait for the server's daily sponsorship sync with the cloud`);
}

export const sponsorshipStatusSpec: CommandSpec = {
  name: 'status',
  summary: 'Show sponsorship state, including pending syncs',
  description:
    'Shows when the organization\'s sponsorships last synced with the cloud ("never" until the first sync) and how many are in each state. On a self-hosted server, offers and revocations made since the last sync are pending: the server\'s daily sponsorship sync job carries them to the cloud (no API can trigger it). Owner only.',
  options: [...sponsorshipTarget],
  examples: [
    { comment: 'Sponsorship state on a self-hosted server', command: 'bwmsp sponsorship status --org 1f0c... --profile contoso-selfhost' },
    { comment: 'As JSON', command: "bwmsp sponsorship status --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => sponsorshipStatusRun(orgRef(input), deps),
};
