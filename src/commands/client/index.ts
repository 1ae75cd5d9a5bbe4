import { allClientsOption, clientOption, type CommandSpec } from '../spec.js';

export const clientSpec: CommandSpec = {
  name: 'client',
  summary: "Manage the provider's client organizations",
  subcommands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'List clients with plan and seats',
      examples: [
        { comment: 'The portal table: name, plan, assigned / used / remaining seats', command: 'bwmsp client list' },
        { comment: 'As CSV for a spreadsheet', command: 'bwmsp client list --format csv > clients.csv' },
      ],
    },
    {
      name: 'view',
      summary: 'Show one client',
      args: ['<name-or-id>'],
      examples: [
        { comment: 'Show a client by name', command: "bwmsp client view 'Contoso Ltd'" },
        { comment: 'As JSON', command: 'bwmsp client view 2b7e... --json' },
      ],
    },
    {
      name: 'create',
      summary: 'Create a client organization',
      options: [
        { flags: '--name <name>', description: 'organization name' },
        { flags: '--owner-email <email>', description: "e-mail of the client's owner" },
        { flags: '--plan <plan>', description: 'plan', choices: ['teams', 'enterprise'] },
        { flags: '--seats <n>', description: 'seats assigned to the client' },
      ],
      examples: [
        { comment: 'Create a Teams client with 25 seats', command: "bwmsp client create --name 'Contoso Ltd' --owner-email it@contoso.example --plan teams --seats 25" },
        { comment: 'Create and capture the id', command: "id=$(bwmsp client create --name Fabrikam --owner-email it@fabrikam.example --plan enterprise --seats 100 --json | jq -r .id)" },
      ],
    },
    {
      name: 'add-existing',
      summary: 'Add an organization you own to the provider',
      options: [{ flags: '--org <org-id>', description: 'organization to add' }],
      examples: [
        { comment: 'Bring an existing organization under the provider', command: 'bwmsp client add-existing --org 1f0c...' },
        { comment: 'Same, as JSON', command: 'bwmsp client add-existing --org 1f0c... --json' },
      ],
    },
    {
      name: 'edit',
      summary: 'Change the name or seats of a client',
      args: ['<name-or-id>'],
      options: [
        { flags: '--name <name>', description: 'new name' },
        { flags: '--seats <n>', description: 'new number of assigned seats' },
      ],
      examples: [
        { comment: 'Give a client 40 seats', command: "bwmsp client edit 'Contoso Ltd' --seats 40" },
        { comment: 'Rename a client', command: "bwmsp client edit Fabrikam --name 'Fabrikam Inc' --json" },
      ],
    },
    {
      name: 'remove',
      summary: 'Unlink a client from the provider',
      args: ['<name-or-id>'],
      examples: [
        { comment: 'Unlink a client (it keeps its data and owner)', command: "bwmsp client remove 'Contoso Ltd' --yes" },
        { comment: 'Unlink by id, result as JSON', command: 'bwmsp client remove 2b7e... --yes --json' },
      ],
    },
    {
      name: 'onboard',
      summary: 'Onboard clients from a plan, or with a wizard',
      options: [
        { flags: '--plan <file>', description: 'plan file (YAML or JSON)', complete: 'files' },
        { flags: '--plans <dir>', description: 'directory of plan files, one client each', complete: 'dirs' },
        { flags: '--dry-run', description: 'show the changes without sending any' },
        { flags: '--concurrency <n>', description: 'clients onboarded at once with --plans', defaultValue: '4' },
      ],
      examples: [
        { comment: 'Preview what a plan would change', command: 'bwmsp client onboard --plan contoso.yaml --dry-run' },
        { comment: 'Apply a plan', command: 'bwmsp client onboard --plan contoso.yaml --yes' },
        { comment: 'Onboard every client in a folder, summary as JSON', command: 'bwmsp client onboard --plans clients/ --yes --json' },
      ],
    },
    {
      name: 'audit',
      summary: 'Check a client against the deployment checklist',
      options: [clientOption, allClientsOption, { flags: '--invite-age <days>', description: 'invitations older than this are flagged', defaultValue: '7' }],
      examples: [
        { comment: 'Audit one client', command: "bwmsp client audit --client 'Contoso Ltd'" },
        { comment: 'Audit every client as JSON', command: 'bwmsp client audit --all-clients --json' },
      ],
    },
    {
      name: 'import',
      summary: "Import vault data into a client's collections",
      args: ['<file>'],
      options: [
        clientOption,
        { flags: '--format <format>', description: 'file format', choices: ['bitwarden-json', 'bitwarden-csv', 'lastpass-csv', '1password-csv', 'keeper-csv'] },
      ],
      examples: [
        { comment: 'Import a LastPass export', command: "bwmsp client import export.csv --client 'Contoso Ltd' --format lastpass-csv" },
        { comment: 'Import a Bitwarden JSON export, result as JSON', command: 'bwmsp client import vault.json --client Fabrikam --format bitwarden-json --json' },
      ],
    },
    {
      name: 'purge',
      summary: "Delete every item in a client's vault",
      options: [clientOption],
      examples: [
        { comment: 'Empty the vault after a trial', command: "bwmsp client purge --client 'Contoso Ltd'" },
        { comment: 'Non-interactive (asks for the master password on stdin)', command: "bwmsp client purge --client 'Contoso Ltd' --yes --password-stdin < pw.txt" },
      ],
    },
    {
      name: 'sso',
      summary: 'View or set login with SSO for a client',
      subcommands: [
        {
          name: 'view',
          summary: 'Show the SSO configuration of a client',
          options: [clientOption],
          examples: [
            { comment: 'Show SSO settings', command: "bwmsp client sso view --client 'Contoso Ltd'" },
            { comment: 'As JSON', command: "bwmsp client sso view --client 'Contoso Ltd' --json" },
          ],
        },
        {
          name: 'set',
          summary: 'Configure SAML 2.0 or OpenID Connect SSO for a client',
          options: [
            clientOption,
            { flags: '--type <type>', description: 'SSO protocol', choices: ['saml', 'oidc'] },
            { flags: '--identifier <id>', description: 'SSO identifier users type at login' },
            { flags: '--from <file>', description: 'settings file (YAML or JSON)', complete: 'files' },
            { flags: '--decryption <option>', description: 'member decryption option', choices: ['master-password', 'key-connector', 'trusted-devices'] },
          ],
          examples: [
            { comment: 'Configure OpenID Connect from a file', command: "bwmsp client sso set --client 'Contoso Ltd' --type oidc --identifier contoso --from oidc.yaml" },
            { comment: 'Configure SAML and print the result', command: "bwmsp client sso set --client Fabrikam --type saml --identifier fabrikam --from saml.yaml --json" },
          ],
        },
      ],
    },
    {
      name: 'scim',
      summary: 'Enable SCIM provisioning for a client',
      subcommands: [
        {
          name: 'enable',
          summary: 'Enable SCIM and print the base URL and key',
          options: [clientOption],
          examples: [
            { comment: 'Enable SCIM for a client', command: "bwmsp client scim enable --client 'Contoso Ltd'" },
            { comment: 'As JSON, for the identity provider setup', command: "bwmsp client scim enable --client 'Contoso Ltd' --json" },
          ],
        },
        {
          name: 'rotate',
          summary: 'Rotate the SCIM API key of a client',
          options: [clientOption],
          examples: [
            { comment: 'Rotate the key', command: "bwmsp client scim rotate --client 'Contoso Ltd' --yes" },
            { comment: 'Rotate and print the new key as JSON', command: "bwmsp client scim rotate --client 'Contoso Ltd' --yes --json" },
          ],
        },
        {
          name: 'view',
          summary: 'Show the SCIM base URL and key of a client',
          options: [clientOption],
          examples: [
            { comment: 'Show SCIM settings', command: "bwmsp client scim view --client 'Contoso Ltd'" },
            { comment: 'As JSON', command: "bwmsp client scim view --client 'Contoso Ltd' --json" },
          ],
        },
      ],
    },
  ],
};
