import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';
import { memberBulkOptions, type MemberBulkOptions } from './reinvite.js';
import { confirmDestructive, plural, reportOutcomes, target } from './shared.js';

export async function memberRevokeRun(opts: MemberBulkOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { revoke }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/member.js')]);
  await withAdminOrg(d, opts, { key: 'none', orgApiKey: false, why: 'member revoke needs a user login (the Public API path covers list, invite, set-role and remove)' }, async (org) => {
    await confirmDestructive(d, `Revoke the access of ${plural(opts.members.length, 'member')} to ${org.name}?`);
    reportOutcomes(d, await revoke(org, opts.members), { done: 'revoked', verb: 'Revoked', orgName: org.name });
  });
}

export const memberRevokeSpec: CommandSpec = {
  name: 'revoke',
  summary: 'Revoke access of members',
  description: 'Revokes members: they keep their membership but lose access, and free their seat. Needs --yes without a terminal. Already revoked members are skipped.',
  args: ['<email-or-id...>'],
  options: target,
  examples: [
    { comment: 'Revoke a leaver', command: "bwmsp member revoke bo@contoso.example --client 'Contoso Ltd' --yes" },
    { comment: 'Revoke several, results as JSON', command: "bwmsp member revoke a@contoso.example b@contoso.example --client 'Contoso Ltd' --yes --json" },
  ],
  run: (input, deps) => memberRevokeRun(memberBulkOptions(input), deps),
};
