import type { CommandSpec, VerbInput } from '../spec.js';
import { runPolicyChange } from './change.js';
import { changeRef, changeTarget, defaultCollectionNameOption } from './shared.js';

export const policyEnableSpec: CommandSpec = {
  name: 'enable',
  summary: 'Turn a policy on',
  description:
    "Turns a policy on, keeping its saved options (use 'policy set' to change them). require-sso, account-recovery, maximum-vault-timeout, uri-match-defaults, automatic-user-confirmation and organization-user-notification need single-org on first. Turning on two-factor-authentication or single-org revokes members who do not comply, so when it is off, --yes is required without a terminal.",
  args: ['<policy>'],
  options: [...changeTarget, defaultCollectionNameOption],
  examples: [
    { comment: 'Require two-step login', command: "bwmsp policy enable two-factor-authentication --client 'Contoso Ltd'" },
    { comment: 'Single organization, as JSON', command: "bwmsp policy enable single-org --client 'Contoso Ltd' --yes --json" },
  ],
  run: async (input: VerbInput, deps) => {
    const { dataForEnable } = await import('../../domain/policy-options.js');
    const name = typeof input.opts.defaultCollectionName === 'string' ? input.opts.defaultCollectionName : undefined;
    await runPolicyChange({ ...changeRef(input), policy: input.args[0] ?? '', ...(name !== undefined ? { defaultCollectionName: name } : {}) }, deps, true, async (def) => (saved) => dataForEnable(def, saved));
  },
};
