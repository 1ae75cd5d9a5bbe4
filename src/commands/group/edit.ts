import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { groupView, orgRef, target, text, type OrgRefOptions } from './shared.js';

export interface GroupEditOptions extends OrgRefOptions {
  group: string;
  name?: string;
  externalId?: string;
}

export function groupEditOptions(input: VerbInput): GroupEditOptions {
  const name = text(input.opts.name);
  const externalId = text(input.opts.externalId);
  return { ...orgRef(input), group: input.args[0] ?? '', ...(name !== undefined ? { name } : {}), ...(externalId !== undefined ? { externalId } : {}) };
}

export async function groupEditRun(opts: GroupEditOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { editGroup }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/group.js')]);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const result = await editGroup(org, opts.group, { name: opts.name, externalId: opts.externalId });
    if (result.changed) d.out.success(`Updated group ${result.group.name} in ${org.name}`);
    else d.out.info(`Group ${result.group.name} already is as asked; nothing changed`);
    if (d.out.format === 'json') d.out.object({}, { view: { ...groupView(result.group), changed: result.changed } });
  });
}

export const groupEditSpec: CommandSpec = {
  name: 'edit',
  summary: 'Rename a group or change its external id',
  description:
    "Renames a group (at most 100 characters) or sets its external id (--external-id '' clears it; organization API key sessions only). Members and collection access stay as they are.",
  args: ['<name-or-id>'],
  options: [...target, { flags: '--name <name>', description: 'new name' }, { flags: '--external-id <id>', description: 'new external id' }],
  examples: [
    { comment: 'Rename a group', command: "bwmsp group edit IT --name 'IT Operations' --client 'Contoso Ltd'" },
    { comment: 'Set the external id', command: "bwmsp group edit IT --external-id it-ops --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => groupEditRun(groupEditOptions(input), deps),
};
