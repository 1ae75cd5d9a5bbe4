import { allClientsOption, clientOption, type CommandSpec } from '../spec.js';
import { clientAddExistingSpec } from './add-existing.js';
import { clientCreateSpec } from './create.js';
import { clientEditSpec } from './edit.js';
import { clientListSpec } from './list.js';
import { clientOnboardSpec } from './onboard.js';
import { clientRemoveSpec } from './remove.js';
import { clientViewSpec } from './view.js';

export const clientSpec: CommandSpec = {
  name: 'client',
  summary: "Manage the provider's client organizations",
  subcommands: [
    clientListSpec,
    clientViewSpec,
    clientCreateSpec,
    clientAddExistingSpec,
    clientEditSpec,
    clientRemoveSpec,
    clientOnboardSpec,
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
