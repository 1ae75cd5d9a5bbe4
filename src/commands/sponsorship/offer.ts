/** `sponsorship offer`: offer a free families organization to a member, on behalf of the organization. */
import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';
import { memberOption, sponsorshipMemberOptions, sponsorshipTarget, type SponsorshipMemberOptions } from './shared.js';

export async function sponsorshipOfferRun(o: SponsorshipMemberOptions, d: Deps): Promise<void> {
  const { offerFamiliesSponsorship } = await import('../../domain/sponsorship.js');
  const r = await offerFamiliesSponsorship(d, o, o.member);
  if (r.result === 'unchanged') d.out.info(`${r.sponsorship.email} already has a sponsorship from ${r.organization} (${r.sponsorship.statusLabel})`);
  else d.out.success(`Offered a families sponsorship from ${r.organization} to ${r.sponsorship.email} (${r.sponsorship.statusLabel})`);
  for (const warning of r.warnings) d.out.warn(warning);
  d.out.object(
    { member: r.sponsorship.email, organizationId: r.organizationId, server: r.side, result: r.result, status: r.sponsorship.statusLabel },
    { view: { organizationId: r.organizationId, side: r.side, result: r.result, ...r.sponsorship } },
  );
}

export const sponsorshipOfferSpec: CommandSpec = {
  name: 'offer',
  summary: 'Offer a families sponsorship to a member',
  description:
    'Offers a free Bitwarden Families organization to a member on behalf of an Enterprise organization (admin-initiated; the organization needs the admin-sponsored families feature). You must be a confirmed Owner, Admin or user manager of the organization. The cloud e-mails the offer at once; a self-hosted server keeps it as "Requested" until its daily sponsorship sync carries it to the cloud. Offering again to the same e-mail changes nothing.',
  options: [...sponsorshipTarget, memberOption],
  examples: [
    { comment: 'Offer a sponsorship', command: "bwmsp sponsorship offer --member ana@contoso.example --client 'Contoso Ltd'" },
    { comment: 'Same, as JSON', command: "bwmsp sponsorship offer --member ana@contoso.example --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => sponsorshipOfferRun(sponsorshipMemberOptions(input), deps),
};
