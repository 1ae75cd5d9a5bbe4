import type { CommandSpec } from '../spec.js';
import { groupMembersOptions, groupMembersRun, membersArgs, membersOptions } from './members-shared.js';

export const groupMembersRemoveSpec: CommandSpec = {
  name: 'remove',
  summary: 'Remove members from a group',
  description: 'Removes members (by e-mail, member id or user id) from a group; their organization membership stays. Members not in the group are reported and skipped; names that do not resolve are listed and the rest is applied (exit 3).',
  args: membersArgs,
  options: membersOptions,
  examples: [
    { comment: 'Remove a member', command: "bwmsp group members remove Accounting bo@contoso.example --client 'Contoso Ltd'" },
    { comment: 'Remove by id, result as JSON', command: "bwmsp group members remove 8e1f... 77aa... --org 1f0c... --json" },
  ],
  run: (input, deps) => groupMembersRun(groupMembersOptions(input), 'remove', deps),
};
