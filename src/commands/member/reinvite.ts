import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { identifiers, orgRef, reportOutcomes, target, type OrgRefOptions } from './shared.js';

export interface MemberBulkOptions extends OrgRefOptions {
  members: string[];
}

export function memberBulkOptions(input: VerbInput): MemberBulkOptions {
  return { ...orgRef(input), members: identifiers(input) };
}

export async function memberReinviteRun(opts: MemberBulkOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { reinvite }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/member.js')]);
  await withAdminOrg(d, opts, { key: 'none', orgApiKey: false, why: 'member reinvite needs a user login (the Public API path covers list, invite, set-role and remove)' }, async (org) => {
    reportOutcomes(d, await reinvite(org, opts.members), { done: 'reinvited', verb: 'Re-sent invitations to', orgName: org.name });
  });
}

export const memberReinviteSpec: CommandSpec = {
  name: 'reinvite',
  summary: 'Send invitations again',
  description: 'Sends a new invitation mail to invited members (members who accepted already are skipped). Cloud servers allow few invitation mails per minute.',
  args: ['<email-or-id...>'],
  options: target,
  examples: [
    { comment: 'Re-send an invitation', command: "bwmsp member reinvite ana@contoso.example --client 'Contoso Ltd'" },
    { comment: 'Re-send to several members, results as JSON', command: "bwmsp member reinvite a@contoso.example b@contoso.example --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => memberReinviteRun(memberBulkOptions(input), deps),
};
