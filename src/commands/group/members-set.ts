import type { CommandSpec } from '../spec.js';
import { groupMembersOptions, groupMembersRun, membersArgs, membersOptions } from './members-shared.js';

export const groupMembersSetSpec: CommandSpec = {
  name: 'set',
  summary: 'Make a group contain exactly these members',
  description: 'Replaces the member list of a group: the named members are added, everyone else is removed. If any name does not resolve, nothing is changed (exit 5).',
  args: membersArgs,
  options: membersOptions,
  examples: [
    { comment: 'Replace the member list', command: "bwmsp group members set Accounting ana@contoso.example cy@contoso.example --client 'Contoso Ltd'" },
    { comment: 'Same, result as JSON', command: "bwmsp group members set IT ana@contoso.example --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => groupMembersRun(groupMembersOptions(input), 'set', deps),
};
