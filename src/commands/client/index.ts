import type { CommandSpec } from '../spec.js';
import { clientAddExistingSpec } from './add-existing.js';
import { clientAuditSpec } from './audit.js';
import { clientCreateSpec } from './create.js';
import { clientEditSpec } from './edit.js';
import { clientListSpec } from './list.js';
import { clientImportSpec } from './import.js';
import { clientOnboardSpec } from './onboard.js';
import { clientPurgeSpec } from './purge.js';
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
    clientImportSpec,
    clientPurgeSpec,
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
