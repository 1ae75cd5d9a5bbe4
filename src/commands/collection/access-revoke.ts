import type { CommandSpec } from '../spec.js';
import { collectionAccessOptions, collectionAccessRun } from './access-shared.js';
import { accessTargets, target } from './shared.js';

export const collectionAccessRevokeSpec: CommandSpec = {
  name: 'revoke',
  summary: 'Take access to a collection away',
  description:
    'Removes groups and members from the access list of one collection. Members are named by e-mail or id. Ones that had no access are reported and skipped; names that do not resolve are listed and the rest is applied (exit 3).',
  args: ['<collection>'],
  options: [...target, ...accessTargets],
  examples: [
    { comment: 'Revoke a group', command: "bwmsp collection access revoke Finance --group Interns --client 'Contoso Ltd'" },
    { comment: 'Revoke a member, result as JSON', command: "bwmsp collection access revoke IT --member bo@contoso.example --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => collectionAccessRun(collectionAccessOptions(input), 'revoke', deps),
};
