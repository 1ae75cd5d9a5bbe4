import { type CommandSpec } from '../spec.js';

export const orgSpec: CommandSpec = {
  name: 'org',
  summary: 'Manage organizations you belong to',
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List your organizations',
      examples: [
        { comment: 'Organizations you are a member of', command: 'bwmsp org list' },
        { comment: 'As JSON', command: 'bwmsp org list --json' },
      ],
    },
    {
      name: 'view',
      summary: 'Show one organization',
      args: ['<org-id>'],
      examples: [
        { comment: 'Show an organization', command: 'bwmsp org view 1f0c...' },
        { comment: 'As JSON', command: 'bwmsp org view 1f0c... --json' },
      ],
    },
    {
      name: 'create',
      summary: 'Create an organization you own',
      options: [
        { flags: '--name <name>', description: 'organization name' },
        { flags: '--billing-email <email>', description: 'billing e-mail address' },
        { flags: '--plan <plan>', description: 'plan', choices: ['free', 'families', 'teams', 'enterprise'], defaultValue: 'free' },
        { flags: '--seats <n>', description: 'seats' },
        { flags: '--collection <name>', description: 'name of the first collection', defaultValue: 'Default collection' },
      ],
      examples: [
        { comment: 'A free organization', command: "bwmsp org create --name 'Lab' --billing-email me@msp.example" },
        { comment: 'A Teams organization, printing its id', command: "bwmsp org create --name 'Internal IT' --billing-email me@msp.example --plan teams --seats 10 --json" },
      ],
    },
    {
      name: 'api-key',
      summary: 'View or rotate the organization API key',
      subcommands: [
        {
          name: 'view',
          summary: 'Show the organization API key (asks the master password)',
          args: ['<org-id>'],
          examples: [
            { comment: 'Show the client id and secret', command: 'bwmsp org api-key view 1f0c...' },
            { comment: 'As JSON, password from stdin', command: 'bwmsp org api-key view 1f0c... --password-stdin --json < pw.txt' },
          ],
        },
        {
          name: 'rotate',
          summary: 'Rotate the organization API key (asks the master password)',
          args: ['<org-id>'],
          examples: [
            { comment: 'Rotate the key', command: 'bwmsp org api-key rotate 1f0c... --yes' },
            { comment: 'Rotate and print the new key as JSON', command: 'bwmsp org api-key rotate 1f0c... --yes --json' },
          ],
        },
      ],
    },
  ],
};
