import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, requireRunning, runtimeView } from './shared.js';

export async function sandboxStatusRun(input: VerbInput, d: Deps): Promise<void> {
  const info = await requireRunning(d, input.opts.data);
  d.out.object(runtimeView(info));
}

export const sandboxStatusSpec: CommandSpec = {
  name: 'status',
  summary: 'Show whether the sandbox runs, and where',
  description: 'Prints url, caFile, pid, dataDir and mode of the running sandbox; exits 1 when none runs in the data directory.',
  options: [dataOption],
  examples: [
    { comment: 'URL, CA file and pid', command: 'bwmsp sandbox status' },
    { comment: 'For scripts', command: 'url=$(bwmsp sandbox status --json | jq -r .url)' },
  ],
  run: sandboxStatusRun,
};
