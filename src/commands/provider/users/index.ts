import type { CommandSpec } from '../../spec.js';
import { providerUsersAcceptSpec } from './accept.js';
import { providerUsersConfirmSpec } from './confirm.js';
import { providerUsersInviteSpec } from './invite.js';
import { providerUsersListSpec } from './list.js';
import { providerUsersReinviteSpec } from './reinvite.js';
import { providerUsersRemoveSpec } from './remove.js';
import { providerUsersSetRoleSpec } from './set-role.js';

export const providerUsersSpec: CommandSpec = {
  name: 'users',
  summary: 'Manage provider users (admins and service users)',
  description:
    'Provider users run the provider: Provider Admins manage the provider, its users and billing; Service Users administer every client. Onboarding is invite → accept (by the invitee) → confirm (by an admin).',
  subcommands: [
    providerUsersListSpec,
    providerUsersInviteSpec,
    providerUsersReinviteSpec,
    providerUsersAcceptSpec,
    providerUsersConfirmSpec,
    providerUsersRemoveSpec,
    providerUsersSetRoleSpec,
  ],
};
