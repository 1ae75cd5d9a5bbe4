import type { CommandSpec } from '../spec.js';
import { sandboxResetSpec } from './reset.js';
import { dataOption } from './shared.js';
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
    {
      name: 'mail',
      summary: 'List mail the sandbox would have sent',
      options: [dataOption, { flags: '--to <email>', description: 'only mail to this address' }],
      examples: [
        { comment: 'All mail, newest last', command: 'bwmsp sandbox mail' },
        { comment: 'Invitation tokens for one address', command: 'bwmsp sandbox mail --to ana@contoso.example --json' },
      ],
    },
    {
      name: 'provider-invite',
      summary: 'Invite someone to set up a provider, as Bitwarden staff do',
      args: ['<email>'],
      options: [dataOption, { flags: '--name <name>', description: 'provider name suggested in the invitation' }],
      examples: [
        { comment: 'Send a provider setup invitation', command: 'bwmsp sandbox provider-invite owner@msp.example' },
        { comment: 'Get the setup token as JSON', command: 'bwmsp sandbox provider-invite owner@msp.example --json' },
      ],
    },
    {
      name: 'installation',
      summary: 'Register a self-hosted installation and print its id and key',
      options: [dataOption],
      examples: [
        { comment: 'Register an installation on the cloud sandbox', command: 'bwmsp sandbox installation' },
        { comment: 'For scripts', command: 'bwmsp sandbox installation --data /tmp/cloud --json' },
      ],
    },
    sandboxResetSpec,
  ],
};
