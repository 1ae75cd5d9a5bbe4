import { clientOption, orgOption, type CommandSpec } from '../spec.js';

const target = [clientOption, orgOption];
const membersArgs = ['<group>', '<email-or-id...>'];

export const groupSpec: CommandSpec = {
  name: 'group',
  summary: 'Manage groups of an organization',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List groups with their members and collections',
      options: target,
      examples: [
        { comment: "List a client's groups", command: "bwmsp group list --client 'Contoso Ltd'" },
        { comment: 'As JSON', command: "bwmsp group list --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'create',
      summary: 'Create a group',
      args: ['<name>'],
      options: [
        ...target,
        { flags: '--external-id <id>', description: 'external id (directory sync)' },
        { flags: '--collection <name[:permission]>', description: 'collection access (repeatable)', repeatable: true },
      ],
      examples: [
        { comment: 'Create a group with read-only access to a collection', command: "bwmsp group create Accounting --collection Finance:read-only --client 'Contoso Ltd'" },
        { comment: 'Create and capture the id', command: "id=$(bwmsp group create IT --client 'Contoso Ltd' --json | jq -r .id)" },
      ],
    },
    {
      name: 'edit',
      summary: 'Rename a group or change its external id',
      args: ['<name-or-id>'],
      options: [...target, { flags: '--name <name>', description: 'new name' }, { flags: '--external-id <id>', description: 'new external id' }],
      examples: [
        { comment: 'Rename a group', command: "bwmsp group edit IT --name 'IT Operations' --client 'Contoso Ltd'" },
        { comment: 'Set the external id', command: "bwmsp group edit IT --external-id it-ops --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'delete',
      summary: 'Delete a group',
      args: ['<name-or-id>'],
      options: target,
      examples: [
        { comment: 'Delete a group', command: "bwmsp group delete Interns --client 'Contoso Ltd' --yes" },
        { comment: 'Delete by id, result as JSON', command: 'bwmsp group delete 8e1f... --org 1f0c... --yes --json' },
      ],
    },
    {
      name: 'members',
      summary: 'Change who is in a group',
      subcommands: [
        {
          name: 'add',
          summary: 'Add members to a group',
          args: membersArgs,
          options: target,
          examples: [
            { comment: 'Add two members', command: "bwmsp group members add Accounting ana@contoso.example bo@contoso.example --client 'Contoso Ltd'" },
            { comment: 'Add by id, result as JSON', command: 'bwmsp group members add 8e1f... 77aa... --org 1f0c... --json' },
          ],
        },
        {
          name: 'remove',
          summary: 'Remove members from a group',
          args: membersArgs,
          options: target,
          examples: [
            { comment: 'Remove a member', command: "bwmsp group members remove Accounting bo@contoso.example --client 'Contoso Ltd'" },
            { comment: 'Remove by id, result as JSON', command: 'bwmsp group members remove 8e1f... 77aa... --org 1f0c... --json' },
          ],
        },
        {
          name: 'set',
          summary: 'Make a group contain exactly these members',
          args: membersArgs,
          options: target,
          examples: [
            { comment: 'Replace the member list', command: "bwmsp group members set Accounting ana@contoso.example cy@contoso.example --client 'Contoso Ltd'" },
            { comment: 'Same, result as JSON', command: "bwmsp group members set IT ana@contoso.example --client 'Contoso Ltd' --json" },
          ],
        },
      ],
    },
    {
      name: 'access',
      summary: 'Set the collections a group can reach',
      args: ['<group>'],
      options: [
        ...target,
        { flags: '--grant <collection[:permission]>', description: 'give access (repeatable)', repeatable: true },
        { flags: '--revoke <collection>', description: 'take access away (repeatable)', repeatable: true },
      ],
      examples: [
        { comment: 'Read-only access to Finance, manage access to Banking', command: "bwmsp group access Accounting --grant Finance:read-only --grant Finance/Banking:manage --client 'Contoso Ltd'" },
        { comment: 'Revoke access, result as JSON', command: "bwmsp group access Interns --revoke Finance --client 'Contoso Ltd' --json" },
      ],
    },
  ],
};
