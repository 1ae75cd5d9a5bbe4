import type { CommandSpec } from '../spec.js';
import { collectionAccessOptions, collectionAccessRun } from './access-shared.js';
import { accessTargets, permissionChoices, target } from './shared.js';

export const collectionAccessGrantSpec: CommandSpec = {
  name: 'grant',
  summary: 'Give groups or members access to a collection',
  description:
    "Gives groups and members access to one collection, or changes their permission. Permissions: read-only (can view), hide-passwords (can view except passwords), edit (can edit), edit-hide-passwords (can edit except passwords), manage (can edit and manage access). Members are named by e-mail or id. Items already at that permission are reported and skipped; names that do not resolve are listed and the rest is applied (exit 3).",
  args: ['<collection>'],
  options: [...target, ...accessTargets, { flags: '--permission <permission>', description: 'access level', choices: permissionChoices, defaultValue: 'edit' }],
  examples: [
    { comment: 'Read-only access for a group', command: "bwmsp collection access grant Finance --group Accounting --permission read-only --client 'Contoso Ltd'" },
    { comment: 'Let a member manage the collection', command: "bwmsp collection access grant IT --member ana@contoso.example --permission manage --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => collectionAccessRun(collectionAccessOptions(input), 'grant', deps),
};
