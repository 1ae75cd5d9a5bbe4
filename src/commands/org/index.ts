import type { CommandSpec } from '../spec.js';
import { orgApiKeyRotateSpec, orgApiKeyViewSpec } from './api-key.js';
import { orgCreateSpec } from './create.js';
import { orgListSpec } from './list.js';
import { orgViewSpec } from './view.js';

export const orgSpec: CommandSpec = {
  name: 'org',
  summary: 'Manage organizations you belong to',
  description: 'Organizations this account is a member of, outside any provider. Client organizations of a provider are managed with `bwmsp client`.',
  subcommands: [
    orgListSpec,
    orgViewSpec,
    orgCreateSpec,
    {
      name: 'api-key',
      summary: 'View or rotate the organization API key',
      subcommands: [orgApiKeyViewSpec, orgApiKeyRotateSpec],
    },
  ],
};
