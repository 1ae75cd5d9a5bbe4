/** `sponsorship list`: the families sponsorships an organization offers, with their status. */
import type { Deps } from '../../deps.js';
import { orgRef, type OrgRefOptions } from '../input.js';
import type { CommandSpec } from '../spec.js';
import { sponsorshipColumns, sponsorshipTarget } from './shared.js';

export async function sponsorshipListRun(o: OrgRefOptions, d: Deps): Promise<void> {
  const { listSponsorships } = await import('../../domain/sponsorship.js');
  const result = await listSponsorships(d, o);
  d.out.list(result.sponsorships, sponsorshipColumns, { view: (s) => ({ ...s, organizationId: result.organizationId, side: result.side }), empty: `${result.organization} offers no sponsorships` });
}

export const sponsorshipListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List sponsorships of an organization',
  description:
    'Lists the families sponsorships offered on behalf of an Enterprise organization (admin-initiated; the list the server gives), on the cloud or on a self-hosted server, with the web vault\'s status: Requested (self-hosted, waiting for the daily sync), Sent, Active, Request removed, Revoke when expired.',
  options: [...sponsorshipTarget],
  examples: [
    { comment: "A client's sponsorships", command: "bwmsp sponsorship list --client 'Contoso Ltd'" },
    { comment: 'As JSON', command: "bwmsp sponsorship list --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => sponsorshipListRun(orgRef(input), deps),
};
