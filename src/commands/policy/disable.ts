import type { CommandSpec, VerbInput } from '../spec.js';
import { runPolicyChange } from './change.js';
import { changeRef, changeTarget } from './shared.js';

export const policyDisableSpec: CommandSpec = {
  name: 'disable',
  summary: 'Turn a policy off',
  description: 'Turns a policy off, keeping its options for when it is turned on again. single-org cannot be turned off while a policy that needs it is on.',
  args: ['<policy>'],
  options: changeTarget,
  examples: [
    { comment: 'Turn off the Send policy', command: "bwmsp policy disable disable-send --client 'Contoso Ltd'" },
    { comment: 'Turn off PIN removal, as JSON', command: "bwmsp policy disable remove-unlock-with-pin --client 'Contoso Ltd' --json" },
  ],
  run: (input: VerbInput, deps) => runPolicyChange({ ...changeRef(input), policy: input.args[0] ?? '' }, deps, false, async () => undefined),
};
