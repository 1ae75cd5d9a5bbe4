import { DATA_FLAG, POLICY_FLAGS } from '../../domain/policy-flags.js';
import type { CommandSpec, OptionSpec, VerbInput } from '../spec.js';
import { runPolicyChange } from './change.js';
import { changeRef, changeTarget, defaultCollectionNameOption } from './shared.js';

const typedOptions: OptionSpec[] = POLICY_FLAGS.map((f) => ({ flags: f.flags, description: f.description, ...(f.choices ? { choices: f.choices } : {}) }));

export const policySetSpec: CommandSpec = {
  name: 'set',
  summary: 'Turn a policy on with typed options',
  description:
    "Turns a policy on with exactly the options given: options not given go back to their defaults. Each flag names the policy it applies to; a flag of another policy is an error. --data JSON gives the raw data instead (checked against the policy's shape). Policies without options take none. Dependencies are checked as for 'policy enable'.",
  args: ['<policy>'],
  options: [...changeTarget, ...typedOptions, defaultCollectionNameOption, { flags: DATA_FLAG.flags, description: DATA_FLAG.description }],
  examples: [
    { comment: 'Master passwords of at least 14 characters with upper case', command: "bwmsp policy set master-password --min-length 14 --require-upper --client 'Contoso Ltd'" },
    { comment: 'Lock vaults after 15 minutes', command: "bwmsp policy set maximum-vault-timeout --minutes 15 --action lock --client 'Contoso Ltd' --json" },
    { comment: 'Raw data for the password generator', command: `bwmsp policy set password-generator --data '{"minLength":16,"useSpecial":true}' --client 'Contoso Ltd'` },
  ],
  run: async (input: VerbInput, deps) => {
    const { policyDataFromOptions } = await import('../../domain/policy-options.js');
    const name = typeof input.opts.defaultCollectionName === 'string' ? input.opts.defaultCollectionName : undefined;
    await runPolicyChange({ ...changeRef(input), policy: input.args[0] ?? '', ...(name !== undefined ? { defaultCollectionName: name } : {}) }, deps, true, async (def) => policyDataFromOptions(def, input.opts));
  },
};
