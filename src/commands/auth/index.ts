import type { CommandSpec } from '../spec.js';

export const loginSpec: CommandSpec = {
  name: 'login',
  summary: 'Log in to a Bitwarden server',
  description:
    'Logs in with e-mail and master password (prompted, --password-stdin or BWMSP_PASSWORD), a personal API key (--apikey) or an organization API key (--org-apikey). API keys come from --client-id/BWMSP_CLIENT_ID and BWMSP_CLIENT_SECRET.',
  args: ['[email]'],
  options: [
    { flags: '--apikey', description: 'log in with a personal API key (user.<id>)' },
    { flags: '--org-apikey', description: 'log in with an organization API key (organization.<id>), Public API only' },
    { flags: '--client-id <id>', description: 'API key client id', env: 'BWMSP_CLIENT_ID' },
    { flags: '--password-stdin', description: 'read the master password from stdin' },
    { flags: '--code <code>', description: 'two-step login code (e-mail or authenticator)' },
    { flags: '--method <method>', description: 'two-step login method', choices: ['email', 'authenticator'] },
  ],
  examples: [
    { comment: 'Interactive login', command: 'bwmsp login tech@msp.example' },
    { comment: 'In a script: password on stdin, two-step code from a flag', command: 'bwmsp login tech@msp.example --password-stdin --code 123456 < pw.txt' },
    { comment: 'With a personal API key from the environment', command: 'BWMSP_CLIENT_ID=user.6f1c... BWMSP_CLIENT_SECRET=... bwmsp login --apikey --json' },
  ],
};

export const logoutSpec: CommandSpec = {
  name: 'logout',
  summary: 'Log out and delete the local session',
  examples: [
    { comment: 'Log out of the current profile', command: 'bwmsp logout' },
    { comment: 'Log out of another profile', command: 'bwmsp logout --profile contoso --json' },
  ],
};

export const unlockSpec: CommandSpec = {
  name: 'unlock',
  summary: 'Unlock the vault keys and print a session key',
  description: 'Asks the master password and prints a session key. Export it as BWMSP_SESSION so later commands can decrypt without asking again; the key itself is never stored.',
  options: [
    { flags: '--password-stdin', description: 'read the master password from stdin' },
    { flags: '--raw', description: 'print only the session key' },
  ],
  examples: [
    { comment: 'Unlock and export the session key', command: 'export BWMSP_SESSION=$(bwmsp unlock --raw)' },
    { comment: 'Unlock in a script', command: 'export BWMSP_SESSION=$(bwmsp unlock --raw --password-stdin < pw.txt)' },
  ],
};

export const lockSpec: CommandSpec = {
  name: 'lock',
  summary: 'Forget the session key of the current profile',
  examples: [
    { comment: 'Lock: BWMSP_SESSION values printed before stop working', command: 'bwmsp lock' },
    { comment: 'Lock another profile', command: 'bwmsp lock --profile contoso --json' },
  ],
};

export const statusSpec: CommandSpec = {
  name: 'status',
  summary: 'Show server, account and lock state',
  examples: [
    { comment: 'Who am I, where, and is the vault unlocked', command: 'bwmsp status' },
    { comment: 'For scripts', command: 'bwmsp status --json' },
  ],
};
