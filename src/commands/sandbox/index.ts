import type { CommandSpec } from '../spec.js';

const dataOption = { flags: '--data <dir>', description: 'sandbox data directory (default: <config dir>/sandbox)', complete: 'dirs' as const };

export const sandboxSpec: CommandSpec = {
  name: 'sandbox',
  summary: 'Run the local Bitwarden-compatible sandbox server',
  description: 'A real Bitwarden-compatible server on 127.0.0.1 over a SQLite file, with its own local CA, for rehearsals, demos and tests.',
  subcommands: [
    {
      name: 'start',
      summary: 'Start the sandbox server',
      options: [
        { flags: '--port <n>', description: 'port on 127.0.0.1 (0 picks a free one)', defaultValue: '8443' },
        dataOption,
        { flags: '--mode <mode>', description: 'play the Bitwarden cloud or a self-hosted server', choices: ['cloud', 'selfhost'], defaultValue: 'cloud' },
        { flags: '--detach', description: 'run in the background; stop with `bwmsp sandbox stop`' },
        { flags: '--http', description: 'serve plain HTTP (bwmsp only; the official clients require HTTPS)' },
        { flags: '--verbose', description: 'log every request' },
      ],
      examples: [
        { comment: 'Start in the foreground on port 8443', command: 'bwmsp sandbox start' },
        { comment: 'Start in the background on a free port, for scripts', command: 'bwmsp sandbox start --port 0 --detach --json' },
      ],
    },
    {
      name: 'stop',
      summary: 'Stop a detached sandbox',
      options: [dataOption],
      examples: [
        { comment: 'Stop the sandbox', command: 'bwmsp sandbox stop' },
        { comment: 'Stop the one in a given data directory', command: 'bwmsp sandbox stop --data /tmp/sb --json' },
      ],
    },
    {
      name: 'status',
      summary: 'Show whether the sandbox runs, and where',
      options: [dataOption],
      examples: [
        { comment: 'URL, CA file and pid', command: 'bwmsp sandbox status' },
        { comment: 'For scripts', command: 'bwmsp sandbox status --json' },
      ],
    },
    {
      name: 'seed',
      summary: 'Register demo accounts and print their credentials',
      options: [dataOption],
      examples: [
        { comment: 'Create the demo provider admins, service user and members', command: 'bwmsp sandbox seed' },
        { comment: 'Credentials as JSON for a script', command: 'bwmsp sandbox seed --json > seed.json' },
      ],
    },
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
    {
      name: 'reset',
      summary: 'Delete all sandbox data (accounts, organizations, mail)',
      options: [dataOption],
      examples: [
        { comment: 'Start over', command: 'bwmsp sandbox reset --yes' },
        { comment: 'Reset a given data directory', command: 'bwmsp sandbox reset --data /tmp/sb --yes --json' },
      ],
    },
  ],
};
