import type { Deps } from '../../deps.js';
import { readStdinSecret } from '../../ui/prompter.js';

/** The master password: --password-stdin, then BWMSP_PASSWORD, then a masked prompt. Never from argv. */
export async function masterPassword(d: Pick<Deps, 'io' | 'env' | 'prompter'>, fromStdin: boolean, message = 'Master password'): Promise<string> {
  if (fromStdin) return readStdinSecret(d.io, '--password-stdin');
  const fromEnv = d.env.BWMSP_PASSWORD;
  if (fromEnv) return fromEnv;
  return d.prompter.password({ message, flag: '--password-stdin (or BWMSP_PASSWORD)' });
}

/** Prints a new session key: raw on stdout for scripts, with the export line on a TTY. */
export function printSessionKey(d: Pick<Deps, 'io' | 'out'>, sessionKey: string, raw: boolean): void {
  if (raw || !d.io.stdoutIsTTY) return d.out.data(sessionKey);
  d.out.info('To use the unlocked keys in this shell, export the session key:');
  d.out.data(`export BWMSP_SESSION="${sessionKey}"`);
}
