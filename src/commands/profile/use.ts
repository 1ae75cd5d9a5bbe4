import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';

export async function profileUseRun(name: string, d: Pick<Deps, 'config' | 'out'>): Promise<void> {
  const store = await d.config();
  store.setActiveProfile(name);
  d.out.success(`Using profile ${name}`);
  if (d.out.format === 'json') d.out.object({ active: name });
}

export const profileUseSpec: CommandSpec = {
  name: 'use',
  summary: 'Make a profile the active one',
  args: ['<name>'],
  examples: [
    { comment: 'Switch to the EU profile', command: 'bwmsp profile use msp-eu' },
    { comment: 'Switch and confirm as JSON', command: 'bwmsp profile use sandbox --json' },
  ],
  run: (input, deps) => profileUseRun(input.args[0] as string, deps),
};
