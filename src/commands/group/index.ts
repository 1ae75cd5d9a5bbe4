import type { CommandSpec } from '../spec.js';
import { groupAccessSpec } from './access.js';
import { groupCreateSpec } from './create.js';
import { groupDeleteSpec } from './delete.js';
import { groupEditSpec } from './edit.js';
import { groupListSpec } from './list.js';
import { groupMembersAddSpec } from './members-add.js';
import { groupMembersRemoveSpec } from './members-remove.js';
import { groupMembersSetSpec } from './members-set.js';

export const groupSpec: CommandSpec = {
  name: 'group',
  summary: 'Manage groups of an organization',
  description: 'Groups give their members access to collections. They need a Teams or Enterprise plan.',
  subcommands: [
    groupListSpec,
    groupCreateSpec,
    groupEditSpec,
    groupDeleteSpec,
    {
      name: 'members',
      summary: 'Change who is in a group',
      subcommands: [groupMembersAddSpec, groupMembersRemoveSpec, groupMembersSetSpec],
    },
    groupAccessSpec,
  ],
};
