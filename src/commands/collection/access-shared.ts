/** What `collection access grant` and `revoke` share: options, run and rendering. */
import type { Deps } from '../../deps.js';
import type { AccessChange } from '../../domain/collection.js';
import type { Permission } from '../../domain/access-level.js';
import type { VerbInput } from '../spec.js';
import { collectionView, orgRef, stringList, text, warnTo, type OrgRefOptions } from './shared.js';

export interface CollectionAccessOptions extends OrgRefOptions {
  collection: string;
  groups: string[];
  members: string[];
  /** Absent for revoke. */
  permission?: string;
}

export function collectionAccessOptions(input: VerbInput): CollectionAccessOptions {
  const permission = text(input.opts.permission);
  return {
    ...orgRef(input),
    collection: input.args[0] ?? '',
    groups: stringList(input.opts.group),
    members: stringList(input.opts.member),
    ...(permission !== undefined ? { permission } : {}),
  };
}

const RESULT_WORDS: Record<AccessChange['result'], string> = {
  granted: 'granted',
  updated: 'changed',
  unchanged: 'already set (skipped)',
  revoked: 'revoked',
  absent: 'had no access (skipped)',
};

export function changeView(c: AccessChange) {
  return { kind: c.kind, ref: c.ref, id: c.id, name: c.label, result: c.result, permission: c.permission, previous: c.previous };
}

export async function collectionAccessRun(opts: CollectionAccessOptions, mode: 'grant' | 'revoke', d: Deps): Promise<void> {
  const [{ withAdminOrg }, { changeCollectionAccess, assertNoAccessFailures, collectionViews }, { parsePermission }, { UsageError }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/collection.js'),
    import('../../domain/access-level.js'),
    import('../../errors.js'),
  ]);
  if (opts.groups.length === 0 && opts.members.length === 0) throw new UsageError('name at least one --group or --member');
  const permission: Permission | undefined = mode === 'grant' ? parsePermission(opts.permission ?? 'edit', '--permission') : undefined;
  const warn = warnTo(d);
  await withAdminOrg(d, opts, { key: 'required', why: 'collection names are encrypted with the organization key', orgApiKey: true }, async (org) => {
    const outcome = await changeCollectionAccess(org, opts.collection, { groups: opts.groups, members: opts.members, ...(permission ? { permission } : {}) }, warn);
    const label = outcome.collection.name ?? outcome.collection.id;
    for (const c of outcome.changes) {
      const what = `${c.kind} ${c.label}`;
      if (c.result === 'unchanged' || c.result === 'absent') d.out.info(`${what}: ${RESULT_WORDS[c.result]}`);
      else if (c.result === 'revoked') d.out.success(`Revoked ${what} from ${label}`);
      else d.out.success(`${c.result === 'granted' ? 'Granted' : 'Changed'} ${what} ${c.permission} on ${label}${c.previous ? ` (was ${c.previous})` : ''}`);
    }
    for (const f of outcome.failures) d.out.warn(`${f.item}: ${f.error}`);
    if (d.out.format === 'json') {
      const [view] = await collectionViews(org, [outcome.collection], warn);
      d.out.object({}, {
        view: {
          collection: collectionView(view as NonNullable<typeof view>),
          changes: outcome.changes.map(changeView),
          failures: outcome.failures,
        },
      });
    } else if (d.out.format === 'tsv' || d.out.format === 'csv') {
      d.out.list(outcome.changes, [
        { header: 'Kind', value: (c) => c.kind },
        { header: 'Name', value: (c) => c.label },
        { header: 'Result', value: (c) => c.result },
        { header: 'Permission', value: (c) => c.permission ?? '' },
        { header: 'Id', value: (c) => c.id },
      ]);
    }
    assertNoAccessFailures(outcome, `collection access ${mode}`);
  });
}
