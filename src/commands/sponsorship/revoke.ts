/** `sponsorship revoke`: end the families sponsorship offered to a member. */
import type { Deps } from '../../deps.js';
import { confirmDestructive } from '../input.js';
import type { CommandSpec } from '../spec.js';
import { memberOption, sponsorshipMemberOptions, sponsorshipTarget, type SponsorshipMemberOptions } from './shared.js';

export async function sponsorshipRevokeRun(o: SponsorshipMemberOptions, d: Deps): Promise<void> {
  await confirmDestructive(d, `Revoke the families sponsorship of ${o.member}?`);
  const { revokeFamiliesSponsorship } = await import('../../domain/sponsorship.js');
  const r = await revokeFamiliesSponsorship(d, o, o.member);
  if (r.result === 'removed') d.out.success(`Revoked the families sponsorship of ${r.email}`);
  else d.out.success(`Marked the families sponsorship of ${r.email} for removal (${r.sponsorship?.statusLabel ?? 'pending'})`);
  d.out.object({ member: r.email, organizationId: r.organizationId, server: r.side, result: r.result, status: r.sponsorship?.statusLabel ?? 'removed' }, { view: r });
}

export const sponsorshipRevokeSpec: CommandSpec = {
  name: 'revoke',
  summary: 'Revoke a families sponsorship',
  description:
    'Revokes the sponsorship offered to a member. On the cloud an offer not yet redeemed is deleted, a redeemed one runs until it expires ("Revoke when expired"). On a self-hosted server an offer never synced is deleted, a synced one is marked "Request removed" until the next sponsorship sync. Needs --yes without a terminal.',
  options: [...sponsorshipTarget, memberOption],
  examples: [
    { comment: 'Revoke a sponsorship', command: "bwmsp sponsorship revoke --member ana@contoso.example --client 'Contoso Ltd' --yes" },
    { comment: 'Same, as JSON', command: "bwmsp sponsorship revoke --member ana@contoso.example --client 'Contoso Ltd' --yes --json" },
  ],
  run: (input, deps) => sponsorshipRevokeRun(sponsorshipMemberOptions(input), deps),
};
