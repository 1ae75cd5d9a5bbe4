import { allClientsOption, clientOption, orgOption, type CommandSpec } from '../spec.js';

const target = [clientOption, orgOption, allClientsOption];

/** Policy names accepted on the command line (kebab-case of the server's PolicyType names). */
export const policyNames = [
  'two-factor-authentication',
  'master-password',
  'password-generator',
  'single-org',
  'require-sso',
  'organization-data-ownership',
  'disable-send',
  'send-options',
  'account-recovery',
  'maximum-vault-timeout',
  'disable-personal-vault-export',
  'activate-autofill',
  'automatic-app-login',
  'free-families-sponsorship',
  'remove-unlock-with-pin',
  'restricted-item-types',
  'uri-match-defaults',
  'autotype-default-setting',
  'automatic-user-confirmation',
  'block-claimed-domain-account-creation',
  'organization-user-notification',
  'send-controls',
  'fill-assist',
] as const;

export const policySpec: CommandSpec = {
  name: 'policy',
  summary: 'Manage policies of an organization',
  description: `Policy types: ${policyNames.join(', ')}.`,
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List policies and whether they are on',
      options: target,
      examples: [
        { comment: "A client's policies", command: "bwmsp policy list --client 'Contoso Ltd'" },
        { comment: 'Every client, as JSON', command: 'bwmsp policy list --all-clients --json' },
      ],
    },
    {
      name: 'view',
      summary: 'Show one policy with its options',
      args: ['<policy>'],
      options: [clientOption, orgOption],
      examples: [
        { comment: 'Show the master password policy', command: "bwmsp policy view master-password --client 'Contoso Ltd'" },
        { comment: 'As JSON', command: "bwmsp policy view single-org --client 'Contoso Ltd' --json" },
      ],
    },
    {
      name: 'enable',
      summary: 'Turn a policy on',
      args: ['<policy>'],
      options: target,
      examples: [
        { comment: 'Require two-step login', command: "bwmsp policy enable two-factor-authentication --client 'Contoso Ltd'" },
        { comment: 'Single organization for every client', command: 'bwmsp policy enable single-org --all-clients --yes --json' },
      ],
    },
    {
      name: 'disable',
      summary: 'Turn a policy off',
      args: ['<policy>'],
      options: target,
      examples: [
        { comment: 'Turn off the Send policy', command: "bwmsp policy disable disable-send --client 'Contoso Ltd'" },
        { comment: 'For every client', command: 'bwmsp policy disable remove-unlock-with-pin --all-clients --yes --json' },
      ],
    },
    {
      name: 'set',
      summary: 'Turn a policy on with typed options',
      args: ['<policy>'],
      options: [
        ...target,
        { flags: '--min-length <n>', description: 'master-password / password-generator: minimum length' },
        { flags: '--min-complexity <0-4>', description: 'master-password: minimum strength score' },
        { flags: '--require-upper', description: 'master-password: require upper case' },
        { flags: '--require-lower', description: 'master-password: require lower case' },
        { flags: '--require-numbers', description: 'master-password: require numbers' },
        { flags: '--require-special', description: 'master-password: require special characters' },
        { flags: '--enforce-on-login', description: 'master-password: check at login' },
        { flags: '--auto-enroll', description: 'account-recovery: enrol new members automatically' },
        { flags: '--minutes <n>', description: 'maximum-vault-timeout: minutes' },
        { flags: '--action <action>', description: 'maximum-vault-timeout: action', choices: ['lock', 'logOut'] },
        { flags: '--data <json>', description: 'raw policy data as JSON (any policy)' },
      ],
      examples: [
        { comment: 'Master passwords of at least 14 characters with upper case', command: "bwmsp policy set master-password --min-length 14 --require-upper --client 'Contoso Ltd'" },
        { comment: 'Lock vaults after 15 minutes in every client', command: 'bwmsp policy set maximum-vault-timeout --minutes 15 --action lock --all-clients --yes --json' },
      ],
    },
  ],
};
