import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { accessSummary, collectionView, orgRef, target, warnTo, type OrgRefOptions } from './shared.js';

export type CollectionListOptions = OrgRefOptions;

export async function collectionListRun(opts: CollectionListOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { loadCollections, collectionViews }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/collection.js')]);
  const warn = warnTo(d);
  await withAdminOrg(d, opts, { key: 'required', why: 'collection names are encrypted with the organization key', orgApiKey: true }, async (org) => {
    if (org.kind === 'organization') warn('an organization API key cannot read collection names; showing ids and external ids');
    const views = await collectionViews(org, await loadCollections(org, warn), warn);
    d.out.list(
      views,
      [
        { header: 'Name', value: (c) => c.name ?? '', maxWidth: 50 },
        { header: 'Id', value: (c) => c.id },
        { header: 'Groups', value: (c) => accessSummary(c.groups), maxWidth: 40 },
        { header: 'Members', value: (c) => accessSummary(c.members), maxWidth: 40 },
        { header: 'External id', value: (c) => c.externalId ?? '' },
      ],
      { view: collectionView, empty: `No collections in ${org.name}` },
    );
  });
}

export const collectionListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List collections with their decrypted names',
  description:
    'Lists the collections of an organization with their names decrypted (nested collections show their full path, such as Finance/Banking) and who has access: groups and members with their permission. Needs an unlocked vault (BWMSP_SESSION). With an organization API key session only ids, external ids and group access are shown.',
  options: target,
  examples: [
    { comment: "List a client's collections", command: "bwmsp collection list --client 'Contoso Ltd'" },
    { comment: 'As JSON', command: "bwmsp collection list --client 'Contoso Ltd' --json" },
  ],
  run: (input: VerbInput, deps) => collectionListRun(orgRef(input), deps),
};
