import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, sandboxDir } from './shared.js';

export async function sandboxStopRun(input: VerbInput, d: Deps): Promise<void> {
  const dir = await sandboxDir(d, input.opts.data);
  const { runningSandbox, stopSandbox } = await import('../../domain/sandbox-control.js');
  const info = runningSandbox(dir);
  if (!info) {
    d.out.info(`No sandbox is running in ${dir}.`);
    if (d.out.format === 'json') d.out.object({ dataDir: dir, stopped: false });
    return;
  }
  await stopSandbox(info);
  d.out.success(`Stopped the sandbox at ${info.url} (pid ${info.pid})`);
  if (d.out.format === 'json') d.out.object({ dataDir: dir, stopped: true, pid: info.pid });
}

export const sandboxStopSpec: CommandSpec = {
  name: 'stop',
  summary: 'Stop a detached sandbox',
  options: [dataOption],
  examples: [
    { comment: 'Stop the sandbox', command: 'bwmsp sandbox stop' },
    { comment: 'Stop the one in a given data directory', command: 'bwmsp sandbox stop --data /tmp/sb --json' },
  ],
  run: sandboxStopRun,
};
