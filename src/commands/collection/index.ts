import { clientOption, orgOption, type CommandSpec } from '../spec.js';

const target = [clientOption, orgOption];
const accessOptions = [
  ...target,
  { flags: '--group <name-or-id>', description: 'group to grant or revoke (repeatable)', repeatable: true },
  { flags: '--member <email-or-id>', description: 'member to grant or revoke (repeatable)', repeatable: true },
  { flags: '--permission <permission>', description: 'access level', choices: ['read-only', 'hide-passwords', 'edit', 'manage'], defaultValue: 'edit' },
];

export const collectionSpec: CommandSpec = {
  name: 'collection',
  summary: 'Manage collections of an organization',
  description: 'Collection names are encrypted with the organization key; nested names use "/".',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List collections with their decrypted names',
      options: target,
      examples: [
        { comment: "List a client's collections", command: "bwmsp collection list --client 'Contoso Ltd'" },
        { comment: 'As JSON', command: "bwmsp collection list --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'create',
      summary: 'Create a collection',
      args: ['<name>'],
      options: [...target, { flags: '--external-id <id>', description: 'external id (directory sync)' }],
      examples: [
        { comment: 'Create a nested collection', command: "bwmsp collection create 'Finance/Banking' --client 'Contoso Ltd'" },
        { comment: 'Create and capture the id', command: "id=$(bwmsp collection create IT --client 'Contoso Ltd' --json | jq -r .id)" },
      ],
    },
    {
      name: 'edit',
      summary: 'Rename a collection or change its external id',
      args: ['<name-or-id>'],
      options: [...target, { flags: '--name <name>', description: 'new name' }, { flags: '--external-id <id>', description: 'new external id' }],
      examples: [
        { comment: 'Rename a collection', command: "bwmsp collection edit IT --name 'IT/Infrastructure' --client 'Contoso Ltd'" },
        { comment: 'Set the external id', command: "bwmsp collection edit IT --external-id it-dept --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'delete',
      summary: 'Delete a collection',
      args: ['<name-or-id>'],
      options: target,
      examples: [
        { comment: 'Delete a collection', command: "bwmsp collection delete 'Old stuff' --client 'Contoso Ltd' --yes" },
        { comment: 'Delete by id, result as JSON', command: 'bwmsp collection delete 5c3d... --org 1f0c... --yes --json' },
      ],
    },
    {
      name: 'access',
      summary: 'Grant or revoke access to a collection',
      subcommands: [
        {
          name: 'grant',
          summary: 'Give groups or members access to a collection',
          args: ['<collection>'],
          options: accessOptions,
          examples: [
            { comment: 'Read-only access for a group', command: "bwmsp collection access grant Finance --group Accounting --permission read-only --client 'Contoso Ltd'" },
            { comment: 'Let a member manage the collection', command: "bwmsp collection access grant IT --member ana@contoso.example --permission manage --client 'Contoso Ltd' --json" },
          ],
        },
        {
          name: 'revoke',
          summary: 'Take access to a collection away',
          args: ['<collection>'],
          options: accessOptions.filter((o) => !o.flags.startsWith('--permission')),
          examples: [
            { comment: 'Revoke a group', command: "bwmsp collection access revoke Finance --group Interns --client 'Contoso Ltd'" },
            { comment: 'Revoke a member, result as JSON', command: "bwmsp collection access revoke IT --member bo@contoso.example --client 'Contoso Ltd' --json" },
          ],
        },
      ],
    },
  ],
};
