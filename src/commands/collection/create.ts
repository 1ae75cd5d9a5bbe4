import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { collectionView, orgRef, target, text, warnTo, type OrgRefOptions } from './shared.js';

export interface CollectionCreateOptions extends OrgRefOptions {
  name: string;
  externalId?: string;
  parents: boolean;
}

export function collectionCreateOptions(input: VerbInput): CollectionCreateOptions {
  const externalId = text(input.opts.externalId);
  return { ...orgRef(input), name: input.args[0] ?? '', ...(externalId !== undefined ? { externalId } : {}), parents: input.opts.parents === true };
}

export async function collectionCreateRun(opts: CollectionCreateOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { createCollection, collectionViewOf }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/collection.js')]);
  const warn = warnTo(d);
  await withAdminOrg(d, opts, { key: 'required', why: 'creating a collection encrypts its name with the organization key', orgApiKey: false }, async (org) => {
    const result = await createCollection(org, opts.name, { externalId: opts.externalId, parents: opts.parents, warn });
    const name = result.collection.name ?? opts.name;
    for (const parent of result.parentsCreated) d.out.success(`Created parent collection ${parent} in ${org.name}`);
    if (result.parentsMissing.length) {
      warn(`parent collection ${result.parentsMissing.join(', ')} does not exist; ${name} is shown at the top level until it does (create it, or pass --parents)`);
    }
    if (result.created) d.out.success(`Created collection ${name} in ${org.name}`);
    else d.out.info(`Collection ${name} already exists in ${org.name}; nothing changed`);
    if (d.out.format === 'json') {
      d.out.object({}, { view: { ...collectionView(collectionViewOf(result.collection, [], [])), created: result.created, parentsCreated: result.parentsCreated } });
    } else if (d.out.format !== 'table') {
      d.out.data(result.collection.id);
    }
  });
}

export const collectionCreateSpec: CommandSpec = {
  name: 'create',
  summary: 'Create a collection',
  description:
    'Creates a collection; the name is encrypted with the organization key before it is sent. Bitwarden nests collections by name: "Finance/Banking" appears under "Finance". Like the web vault, missing parents are not created unless you pass --parents. If a collection of that exact name exists, nothing is created and its id is printed (re-runs converge). When you are a member of the organization (not only its provider), you get Can manage on it, as with bw and the web vault; grant access to others with `collection access grant`. Needs an unlocked vault (BWMSP_SESSION).',
  args: ['<name>'],
  options: [
    ...target,
    { flags: '--external-id <id>', description: 'external id (directory sync)' },
    { flags: '--parents', description: 'also create missing parent collections (like mkdir -p)' },
  ],
  examples: [
    { comment: 'Create a nested collection and its missing parents', command: "bwmsp collection create 'Finance/Banking' --parents --client 'Contoso Ltd'" },
    { comment: 'Create and capture the id', command: "id=$(bwmsp collection create IT --client 'Contoso Ltd' --json | jq -r .id)" },
  ],
  run: (input, deps) => collectionCreateRun(collectionCreateOptions(input), deps),
};
