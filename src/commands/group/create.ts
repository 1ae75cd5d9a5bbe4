import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { groupKeyNeed, groupView, orgRef, stringList, target, text, warnTo, type OrgRefOptions } from './shared.js';

export interface GroupCreateOptions extends OrgRefOptions {
  name: string;
  externalId?: string;
  /** `name[:permission]` values. */
  collections: string[];
}

export function groupCreateOptions(input: VerbInput): GroupCreateOptions {
  const externalId = text(input.opts.externalId);
  return { ...orgRef(input), name: input.args[0] ?? '', ...(externalId !== undefined ? { externalId } : {}), collections: stringList(input.opts.collection) };
}

export async function groupCreateRun(opts: GroupCreateOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { createGroup }, { parseNameWithPermission }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/group.js'),
    import('../../domain/access-level.js'),
  ]);
  const grants = opts.collections.map((value) => {
    const { name, permission } = parseNameWithPermission(value, '--collection');
    return { ref: name, permission };
  });
  const warn = warnTo(d);
  await withAdminOrg(d, opts, groupKeyNeed, async (org) => {
    const result = await createGroup(org, opts.name, { externalId: opts.externalId, collections: grants, warn });
    if (result.created) d.out.success(`Created group ${result.group.name} in ${org.name}`);
    else d.out.info(`Group ${result.group.name} already exists in ${org.name}; nothing changed`);
    if (d.out.format === 'json') d.out.object({}, { view: { ...groupView(result.group), created: result.created } });
    else if (d.out.format !== 'table') d.out.data(result.group.id);
  });
}

export const groupCreateSpec: CommandSpec = {
  name: 'create',
  summary: 'Create a group',
  description:
    'Creates a group, optionally with collection access: --collection NAME[:PERMISSION] (repeatable; permission read-only, hide-passwords, edit, edit-hide-passwords or manage; default edit). If a group of that name exists, nothing is created and its id is printed (re-runs converge). External ids can be set only with an organization API key session (the private API ignores them).',
  args: ['<name>'],
  options: [
    ...target,
    { flags: '--external-id <id>', description: 'external id (directory sync; organization API key sessions)' },
    { flags: '--collection <name[:permission]>', description: 'collection access (repeatable)', repeatable: true },
  ],
  examples: [
    { comment: 'Create a group with read-only access to a collection', command: "bwmsp group create Accounting --collection Finance:read-only --client 'Contoso Ltd'" },
    { comment: 'Create and capture the id', command: "id=$(bwmsp group create IT --client 'Contoso Ltd' --json | jq -r .id)" },
  ],
  run: (input, deps) => groupCreateRun(groupCreateOptions(input), deps),
};
