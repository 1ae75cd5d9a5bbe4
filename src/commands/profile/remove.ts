import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';

export async function profileRemoveRun(name: string, d: Pick<Deps, 'config' | 'sessions' | 'out'>): Promise<void> {
  const store = await d.config();
  store.removeProfile(name);
  (await d.sessions()).remove(name);
  d.out.success(`Removed profile ${name} and its session`);
  if (d.out.format === 'json') d.out.object({ removed: name });
}

export const profileRemoveSpec: CommandSpec = {
  name: 'remove',
  summary: 'Remove a profile and its session file',
  args: ['<name>'],
  examples: [
    { comment: 'Remove a profile', command: 'bwmsp profile remove old-lab' },
    { comment: 'Remove and confirm as JSON', command: 'bwmsp profile remove old-lab --json' },
  ],
  run: (input, deps) => profileRemoveRun(input.args[0] as string, deps),
};
