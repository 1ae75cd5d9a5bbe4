import type { Deps } from '../../deps.js';
import { clientOption, orgOption, type CommandSpec, type VerbInput } from '../spec.js';
import { orgRef, policyView, type OrgRefOptions } from './shared.js';

export interface PolicyViewOptions extends OrgRefOptions {
  policy: string;
}

export async function policyViewRun(opts: PolicyViewOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { listPolicyStates }, { findPolicy }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/policy.js'),
    import('../../domain/policy-catalog.js'),
  ]);
  const def = findPolicy(opts.policy);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const state = (await listPolicyStates(org)).find((p) => p.type === def.type);
    if (!state) throw new Error(`policy type ${def.type} missing from the list`);
    const options = Object.fromEntries(Object.entries(state.data ?? {}).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v]));
    d.out.object({ name: state.name, title: state.title, type: state.type, status: state.enabled ? 'on' : 'off', ...options }, { view: policyView(state) });
  });
}

export const policyViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show one policy with its options',
  description: 'Shows a policy (by name, server name or type number) with its state and options.',
  args: ['<policy>'],
  options: [clientOption, orgOption],
  examples: [
    { comment: 'Show the master password policy', command: "bwmsp policy view master-password --client 'Contoso Ltd'" },
    { comment: 'As JSON', command: "bwmsp policy view single-org --client 'Contoso Ltd' --json" },
  ],
  run: (input: VerbInput, deps) => policyViewRun({ ...orgRef(input), policy: input.args[0] ?? '' }, deps),
};
