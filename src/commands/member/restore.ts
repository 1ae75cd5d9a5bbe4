import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';
import { memberBulkOptions, type MemberBulkOptions } from './reinvite.js';
import { reportOutcomes, target } from './shared.js';

export async function memberRestoreRun(opts: MemberBulkOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { restore }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/member.js')]);
  await withAdminOrg(d, opts, { key: 'optional', orgApiKey: false, why: 'member restore needs a user login (the Public API path covers list, invite, set-role and remove)' }, async (org) => {
    reportOutcomes(d, await restore(org, opts.members), { done: 'restored', verb: 'Restored', orgName: org.name });
  });
}

export const memberRestoreSpec: CommandSpec = {
  name: 'restore',
  summary: 'Restore access of revoked members',
  description: 'Restores revoked members to the status they had before (each needs a free seat). Members that are not revoked are skipped.',
  args: ['<email-or-id...>'],
  options: target,
  examples: [
    { comment: 'Restore a member', command: "bwmsp member restore bo@contoso.example --client 'Contoso Ltd'" },
    { comment: 'Restore several, results as JSON', command: "bwmsp member restore a@contoso.example b@contoso.example --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => memberRestoreRun(memberBulkOptions(input), deps),
};
