import type { CommandSpec } from '../spec.js';
import { providerBillingSpec } from './billing.js';
import { providerEditSpec } from './edit.js';
import { providerEventsSpec } from './events.js';
import { providerSetupSpec } from './setup.js';
import { providerUsersSpec } from './users/index.js';
import { providerViewSpec } from './view.js';

export const providerSpec: CommandSpec = {
  name: 'provider',
  summary: 'Set up and run the provider',
  description:
    'What the Bitwarden Provider Portal does: provider setup, provider users, events and billing. The provider is the one named by --provider, the profile, or the only provider of your account.',
  subcommands: [providerSetupSpec, providerViewSpec, providerEditSpec, providerUsersSpec, providerEventsSpec, providerBillingSpec],
};
