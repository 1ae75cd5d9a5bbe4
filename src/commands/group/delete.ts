import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { confirmDestructive, orgRef, target, type OrgRefOptions } from './shared.js';

export interface GroupDeleteOptions extends OrgRefOptions {
  group: string;
}

export async function groupDeleteRun(opts: GroupDeleteOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { findGroup, deleteGroup }, { loadGroups }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/group.js'),
    import('../../domain/group-info.js'),
  ]);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const group = findGroup(org, await loadGroups(org), opts.group);
    await confirmDestructive(d, `Delete group ${group.name} from ${org.name}? Its members lose the access the group gave them.`);
    await deleteGroup(org, group);
    d.out.success(`Deleted group ${group.name} from ${org.name}`);
    if (d.out.format === 'json') d.out.object({}, { view: { id: group.id, name: group.name, deleted: true } });
  });
}

export const groupDeleteSpec: CommandSpec = {
  name: 'delete',
  summary: 'Delete a group',
  description: 'Deletes a group by name, external id or id. Without a terminal, --yes is required. A name that matches no group exits 5.',
  args: ['<name-or-id>'],
  options: target,
  examples: [
    { comment: 'Delete a group', command: "bwmsp group delete Interns --client 'Contoso Ltd' --yes" },
    { comment: 'Delete by id, result as JSON', command: 'bwmsp group delete 8e1f... --org 1f0c... --yes --json' },
  ],
  run: (input: VerbInput, deps) => groupDeleteRun({ ...orgRef(input), group: input.args[0] ?? '' }, deps),
};
