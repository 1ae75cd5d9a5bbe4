import type { Deps } from '../../deps.js';
import { BwmspError, CancelledError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, sandboxDir } from './shared.js';

export async function sandboxResetRun(input: VerbInput, d: Deps): Promise<void> {
  const dir = await sandboxDir(d, input.opts.data);
  const { runningSandbox, resetSandboxData } = await import('../../domain/sandbox-control.js');
  const running = runningSandbox(dir);
  if (running) throw new BwmspError(`the sandbox in ${dir} is running (pid ${running.pid})`, { hint: `Stop it first: bwmsp sandbox stop --data ${dir}` });
  if (!d.globals.yes) {
    const ok = await d.prompter.confirm({ message: `Delete every account, organization and mail of the sandbox in ${dir}?`, flag: '--yes' });
    if (!ok) throw new CancelledError('reset cancelled');
  }
  const removed = resetSandboxData(dir);
  d.out.success(removed.length ? `Reset the sandbox in ${dir}` : `Nothing to reset in ${dir}`);
  if (d.out.format === 'json') d.out.object({ dataDir: dir, removed });
}

export const sandboxResetSpec: CommandSpec = {
  name: 'reset',
  summary: 'Delete all sandbox data (accounts, organizations, mail)',
  description: 'Deletes the SQLite database of a stopped sandbox. Its local CA and certificate are kept, so trust settings stay valid.',
  options: [dataOption],
  examples: [
    { comment: 'Start over', command: 'bwmsp sandbox reset --yes' },
    { comment: 'Reset a given data directory', command: 'bwmsp sandbox reset --data /tmp/sb --yes --json' },
  ],
  run: sandboxResetRun,
};
