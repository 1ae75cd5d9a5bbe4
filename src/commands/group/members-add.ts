import type { CommandSpec } from '../spec.js';
import { groupMembersOptions, groupMembersRun, membersArgs, membersOptions } from './members-shared.js';

export const groupMembersAddSpec: CommandSpec = {
  name: 'add',
  summary: 'Add members to a group',
  description: 'Adds members (by e-mail, member id or user id) to a group. Members already in it are reported and skipped; names that do not resolve are listed and the rest is applied (exit 3).',
  args: membersArgs,
  options: membersOptions,
  examples: [
    { comment: 'Add two members', command: "bwmsp group members add Accounting ana@contoso.example bo@contoso.example --client 'Contoso Ltd'" },
    { comment: 'Add by id, result as JSON', command: "bwmsp group members add 8e1f... 77aa... --org 1f0c... --json" },
  ],
  run: (input, deps) => groupMembersRun(groupMembersOptions(input), 'add', deps),
};
