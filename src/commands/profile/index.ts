import type { CommandSpec } from '../spec.js';
import { profileAddSpec } from './add.js';
import { profileListSpec } from './list.js';
import { profileRemoveSpec } from './remove.js';
import { profileUseSpec } from './use.js';
import { profileViewSpec } from './view.js';

export const profileSpec: CommandSpec = {
  name: 'profile',
  summary: 'Manage connection profiles',
  description:
    'A profile names a server (us, eu or a self-hosted URL) with a default provider or organization. Each profile has its own session file. Choose one with --profile or BWMSP_PROFILE; otherwise the one set with `profile use`.',
  subcommands: [profileAddSpec, profileListSpec, profileViewSpec, profileUseSpec, profileRemoveSpec],
};
