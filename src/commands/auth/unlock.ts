import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { masterPassword, printSessionKey } from './shared.js';

export interface UnlockOptions {
  passwordStdin: boolean;
  raw: boolean;
}

export async function unlockRun(opts: UnlockOptions, d: Deps): Promise<void> {
  const [{ requireSession }, { unlock }] = await Promise.all([import('../../domain/connection.js'), import('../../domain/auth.js')]);
  const { session, sessions, settings } = await requireSession(d);
  const password = await masterPassword(d, opts.passwordStdin);
  const sealed = await unlock(session, password);
  sessions.update(settings.profileName, { sessionProtectedUserKey: sealed.sessionProtectedUserKey });
  if (d.out.format === 'json') return d.out.object({ profile: settings.profileName, status: 'unlocked', sessionKey: sealed.sessionKey });
  if (!opts.raw) d.out.success(`Unlocked profile ${settings.profileName}`);
  printSessionKey(d, sealed.sessionKey, opts.raw);
}

export const unlockSpec: CommandSpec = {
  name: 'unlock',
  summary: 'Unlock the vault keys and print a session key',
  description:
    'Asks the master password and prints a new session key. Export it as BWMSP_SESSION so later commands can decrypt without asking again. The key itself is never stored; each unlock replaces the previous key, and `bwmsp lock` invalidates it.',
  options: [
    { flags: '--password-stdin', description: 'read the master password from stdin' },
    { flags: '--raw', description: 'print only the session key' },
  ],
  examples: [
    { comment: 'Unlock and export the session key', command: 'export BWMSP_SESSION=$(bwmsp unlock --raw)' },
    { comment: 'Unlock in a script', command: 'export BWMSP_SESSION=$(bwmsp unlock --raw --password-stdin < pw.txt)' },
    { comment: 'As JSON', command: 'bwmsp unlock --password-stdin --json < pw.txt' },
  ],
  run: (input: VerbInput, deps) => unlockRun({ passwordStdin: input.opts.passwordStdin === true, raw: input.opts.raw === true }, deps),
};
