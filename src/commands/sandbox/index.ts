import type { CommandSpec } from '../spec.js';
import { sandboxInstallationSpec } from './installation.js';
import { sandboxMailSpec } from './mail.js';
import { sandboxProviderInviteSpec } from './provider-invite.js';
import { sandboxResetSpec } from './reset.js';
import { sandboxSeedSpec } from './seed.js';
import { sandboxStartSpec } from './start.js';
import { sandboxStatusSpec } from './status.js';
import { sandboxStopSpec } from './stop.js';

export const sandboxSpec: CommandSpec = {
  name: 'sandbox',
  summary: 'Run the local Bitwarden-compatible sandbox server',
  description: 'A real Bitwarden-compatible server on 127.0.0.1 over a SQLite file, with its own local CA, for rehearsals, demos and tests.',
  subcommands: [
    sandboxStartSpec,
    sandboxStopSpec,
    sandboxStatusSpec,
    sandboxSeedSpec,
    sandboxMailSpec,
    sandboxProviderInviteSpec,
    sandboxInstallationSpec,
    sandboxResetSpec,
  ],
};
