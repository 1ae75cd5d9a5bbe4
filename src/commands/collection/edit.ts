import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { collectionView, orgRef, target, text, warnTo, type OrgRefOptions } from './shared.js';

export interface CollectionEditOptions extends OrgRefOptions {
  collection: string;
  name?: string;
  externalId?: string;
}

export function collectionEditOptions(input: VerbInput): CollectionEditOptions {
  const name = text(input.opts.name);
  const externalId = text(input.opts.externalId);
  return { ...orgRef(input), collection: input.args[0] ?? '', ...(name !== undefined ? { name } : {}), ...(externalId !== undefined ? { externalId } : {}) };
}

export async function collectionEditRun(opts: CollectionEditOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { editCollection, collectionViews }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/collection.js')]);
  const warn = warnTo(d);
  await withAdminOrg(d, opts, { key: 'required', why: 'collection names are encrypted with the organization key', orgApiKey: true }, async (org) => {
    const result = await editCollection(org, opts.collection, { name: opts.name, externalId: opts.externalId }, warn);
    const label = result.collection.name ?? result.collection.id;
    if (result.changed) d.out.success(`Updated collection ${label} in ${org.name}`);
    else d.out.info(`Collection ${label} already is as asked; nothing changed`);
    if (d.out.format === 'json') {
      const [view] = await collectionViews(org, [result.collection], warn);
      d.out.object({}, { view: { ...collectionView(view as NonNullable<typeof view>), changed: result.changed } });
    }
  });
}

export const collectionEditSpec: CommandSpec = {
  name: 'edit',
  summary: 'Rename a collection or change its external id',
  description:
    "Renames a collection (the new name is encrypted with the organization key) or sets its external id (--external-id '' clears it). Access stays as it is. Renaming a parent does not rename its nested collections: rename each one. With an organization API key session only the external id can be changed, naming the collection by id.",
  args: ['<name-or-id>'],
  options: [...target, { flags: '--name <name>', description: 'new name' }, { flags: '--external-id <id>', description: 'new external id' }],
  examples: [
    { comment: 'Rename a collection', command: "bwmsp collection edit IT --name 'IT/Infrastructure' --client 'Contoso Ltd'" },
    { comment: 'Set the external id', command: "bwmsp collection edit IT --external-id it-dept --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => collectionEditRun(collectionEditOptions(input), deps),
};
