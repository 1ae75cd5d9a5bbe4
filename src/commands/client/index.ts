import { clientOption, type CommandSpec } from '../spec.js';
import { clientAddExistingSpec } from './add-existing.js';
import { clientAuditSpec } from './audit.js';
import { clientCreateSpec } from './create.js';
import { clientEditSpec } from './edit.js';
import { clientListSpec } from './list.js';
import { clientOnboardSpec } from './onboard.js';
import { clientRemoveSpec } from './remove.js';
import { clientScimEnableSpec } from './scim-enable.js';
import { clientScimRotateSpec } from './scim-rotate.js';
import { clientScimViewSpec } from './scim-view.js';
import { clientSsoSetSpec } from './sso-set.js';
import { clientSsoViewSpec } from './sso-view.js';
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
    clientAuditSpec,
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
      subcommands: [clientSsoViewSpec, clientSsoSetSpec],
    },
    {
      name: 'scim',
      summary: 'Enable SCIM provisioning for a client',
      subcommands: [clientScimEnableSpec, clientScimRotateSpec, clientScimViewSpec],
    },
  ],
};
