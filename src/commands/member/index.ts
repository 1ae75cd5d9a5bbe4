import type { CommandSpec } from '../spec.js';
import { memberAcceptSpec } from './accept.js';
import { memberConfirmSpec } from './confirm.js';
import { memberInviteSpec } from './invite.js';
import { memberListSpec } from './list.js';
import { memberReinviteSpec } from './reinvite.js';
import { memberRemoveSpec } from './remove.js';
import { memberRestoreSpec } from './restore.js';
import { memberRevokeSpec } from './revoke.js';
import { memberSetRoleSpec } from './set-role.js';

export const memberSpec: CommandSpec = {
  name: 'member',
  summary: 'Manage members of an organization',
  description: 'Members are addressed by e-mail or id. Use --client for a client of your provider, --org for any organization.',
  subcommands: [
    memberListSpec,
    memberInviteSpec,
    memberReinviteSpec,
    memberAcceptSpec,
    memberConfirmSpec,
    memberSetRoleSpec,
    memberRevokeSpec,
    memberRestoreSpec,
    memberRemoveSpec,
  ],
};
