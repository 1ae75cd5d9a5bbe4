/** Helpers of the `sponsorship` verbs: the target flags, --member, and the row columns. */
import { UsageError } from '../../errors.js';
import type { SponsorshipView } from '../../domain/sponsorship.js';
import type { Column } from '../../ui/output.js';
import { orgRef, type OrgRefOptions } from '../input.js';
import { clientOption, orgOption, type OptionSpec, type VerbInput } from '../spec.js';

export const sponsorshipTarget: readonly OptionSpec[] = [clientOption, orgOption];
export const memberOption: OptionSpec = { flags: '--member <email>', description: 'e-mail of the member the sponsorship is for' };

export interface SponsorshipMemberOptions extends OrgRefOptions {
  member: string;
}

export function sponsorshipMemberOptions(input: VerbInput): SponsorshipMemberOptions {
  const member = typeof input.opts.member === 'string' ? input.opts.member.trim() : '';
  if (member === '') throw new UsageError('--member EMAIL is required', { commandPath: input.commandPath });
  return { ...orgRef(input), member };
}

export const sponsorshipColumns: readonly Column<SponsorshipView>[] = [
  { header: 'Member', value: (s) => s.email },
  { header: 'Status', value: (s) => s.statusLabel },
  { header: 'Last sync', value: (s) => s.lastSyncDate ?? '' },
  { header: 'Valid until', value: (s) => s.validUntil ?? '' },
];
