import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { groupKeyNeed, groupView, orgRef, target, warnTo, type OrgRefOptions } from './shared.js';

export async function groupListRun(opts: OrgRefOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { listGroups }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/group.js')]);
  const warn = warnTo(d);
  await withAdminOrg(d, opts, groupKeyNeed, async (org) => {
    const groups = await listGroups(org, warn);
    d.out.list(
      groups,
      [
        { header: 'Name', value: (g) => g.name, maxWidth: 40 },
        { header: 'Id', value: (g) => g.id },
        { header: 'Members', value: (g) => g.members.map((m) => m.email ?? m.id).join(', '), maxWidth: 40 },
        { header: 'Collections', value: (g) => g.collections.map((c) => `${c.name ?? c.id} (${c.permission})`).join(', '), maxWidth: 50 },
        { header: 'External id', value: (g) => g.externalId ?? '' },
      ],
      { view: groupView, empty: `No groups in ${org.name}` },
    );
  });
}

export const groupListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List groups with their members and collections',
  description:
    'Lists the groups of an organization with their members (e-mails) and collection access. Collection names are shown when the vault is unlocked (BWMSP_SESSION), ids otherwise. Groups need a Teams or Enterprise plan.',
  options: target,
  examples: [
    { comment: "List a client's groups", command: "bwmsp group list --client 'Contoso Ltd'" },
    { comment: 'As JSON', command: "bwmsp group list --client 'Contoso Ltd' --json" },
  ],
  run: (input: VerbInput, deps) => groupListRun(orgRef(input), deps),
};
