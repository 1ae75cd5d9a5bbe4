import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';
import { memberBulkOptions, type MemberBulkOptions } from './reinvite.js';
import { confirmDestructive, plural, reportOutcomes, target } from './shared.js';

export async function memberRemoveRun(opts: MemberBulkOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { remove }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/member.js')]);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    await confirmDestructive(d, `Remove ${plural(opts.members.length, 'member')} from ${org.name}?`);
    reportOutcomes(d, await remove(org, opts.members), { done: 'removed', verb: 'Removed', orgName: org.name });
  });
}

export const memberRemoveSpec: CommandSpec = {
  name: 'remove',
  summary: 'Remove members from the organization',
  description:
    'Removes members from the organization (their accounts stay). Needs --yes without a terminal. Addresses that are not members are reported as skipped, so a re-run converges. Works with an organization API key session too (Public API).',
  args: ['<email-or-id...>'],
  options: target,
  examples: [
    { comment: 'Remove a member', command: "bwmsp member remove bo@contoso.example --client 'Contoso Ltd' --yes" },
    { comment: 'Remove by id, results as JSON', command: 'bwmsp member remove 77aa... --org 1f0c... --yes --json' },
  ],
  run: (input, deps) => memberRemoveRun(memberBulkOptions(input), deps),
};
