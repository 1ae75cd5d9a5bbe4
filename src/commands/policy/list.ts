import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataSummary, orgRef, policyView, target, type OrgRefOptions } from './shared.js';

export async function policyListRun(opts: OrgRefOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { listPolicyStates }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/policy.js')]);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const states = await listPolicyStates(org);
    d.out.list(
      states,
      [
        { header: 'Policy', value: (p) => p.name },
        { header: 'Status', value: (p) => (p.enabled ? 'on' : 'off') },
        { header: 'Options', value: (p) => dataSummary(p.data), maxWidth: 60 },
        { header: 'Type', value: (p) => p.type },
      ],
      { view: policyView },
    );
  });
}

export const policyListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List policies and whether they are on',
  description: 'Lists every policy type with its state (on/off) and options; policies never saved show as off.',
  options: target,
  examples: [
    { comment: "A client's policies", command: "bwmsp policy list --client 'Contoso Ltd'" },
    { comment: 'As JSON', command: "bwmsp policy list --client 'Contoso Ltd' --json" },
  ],
  run: (input: VerbInput, deps) => policyListRun(orgRef(input), deps),
};
