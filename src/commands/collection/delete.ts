import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { confirmDestructive, orgRef, target, warnTo, type OrgRefOptions } from './shared.js';

export interface CollectionDeleteOptions extends OrgRefOptions {
  collection: string;
}

export async function collectionDeleteRun(opts: CollectionDeleteOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { loadCollections, findCollection, deleteCollection }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/collection.js')]);
  const warn = warnTo(d);
  await withAdminOrg(d, opts, { key: 'required', why: 'collection names are encrypted with the organization key', orgApiKey: true }, async (org) => {
    const entry = findCollection(org, await loadCollections(org, warn), opts.collection);
    const label = entry.name ?? entry.id;
    await confirmDestructive(d, `Delete collection ${label} from ${org.name}? Items only in this collection stay in the organization vault, unassigned.`);
    await deleteCollection(org, entry);
    d.out.success(`Deleted collection ${label} from ${org.name}`);
    if (d.out.format === 'json') d.out.object({}, { view: { id: entry.id, name: entry.name, deleted: true } });
  });
}

export const collectionDeleteSpec: CommandSpec = {
  name: 'delete',
  summary: 'Delete a collection',
  description:
    'Deletes a collection by name or id. Without a terminal, --yes is required. Nested collections are separate: deleting "Finance" leaves "Finance/Banking". A name that matches no collection exits 5.',
  args: ['<name-or-id>'],
  options: target,
  examples: [
    { comment: 'Delete a collection', command: "bwmsp collection delete 'Old stuff' --client 'Contoso Ltd' --yes" },
    { comment: 'Delete by id, result as JSON', command: 'bwmsp collection delete 5c3d... --org 1f0c... --yes --json' },
  ],
  run: (input: VerbInput, deps) => collectionDeleteRun({ ...orgRef(input), collection: input.args[0] ?? '' }, deps),
};
