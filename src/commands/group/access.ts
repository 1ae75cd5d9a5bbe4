import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { groupKeyNeed, groupView, orgRef, stringList, target, warnTo, type OrgRefOptions } from './shared.js';

export interface GroupAccessOptions extends OrgRefOptions {
  group: string;
  /** `collection[:permission]` values. */
  grant: string[];
  revoke: string[];
}

export function groupAccessOptions(input: VerbInput): GroupAccessOptions {
  return { ...orgRef(input), group: input.args[0] ?? '', grant: stringList(input.opts.grant), revoke: stringList(input.opts.revoke) };
}

export async function groupAccessRun(opts: GroupAccessOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { changeGroupAccess }, { parseNameWithPermission }, { UsageError }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/group.js'),
    import('../../domain/access-level.js'),
    import('../../errors.js'),
  ]);
  if (opts.grant.length === 0 && opts.revoke.length === 0) throw new UsageError('pass at least one --grant COLLECTION[:PERMISSION] or --revoke COLLECTION');
  const grant = opts.grant.map((value) => {
    const { name, permission } = parseNameWithPermission(value, '--grant');
    return { ref: name, permission };
  });
  const warn = warnTo(d);
  await withAdminOrg(d, opts, groupKeyNeed, async (org) => {
    const outcome = await changeGroupAccess(org, opts.group, { grant, revoke: opts.revoke }, warn);
    for (const c of outcome.changes) {
      if (c.result === 'unchanged') d.out.info(`${c.collection}: already ${c.permission} (skipped)`);
      else if (c.result === 'absent') d.out.info(`${c.collection}: no access to revoke (skipped)`);
      else if (c.result === 'revoked') d.out.success(`Revoked ${outcome.group.name} from ${c.collection}`);
      else d.out.success(`${c.result === 'granted' ? 'Granted' : 'Changed'} ${outcome.group.name} ${c.permission} on ${c.collection}${c.previous ? ` (was ${c.previous})` : ''}`);
    }
    if (d.out.format === 'json') {
      d.out.object({}, {
        view: {
          group: groupView(outcome.group),
          changes: outcome.changes.map((c) => ({ collection: c.name, id: c.id, result: c.result, permission: c.permission, previous: c.previous })),
        },
      });
    } else if (d.out.format === 'tsv' || d.out.format === 'csv') {
      d.out.list(outcome.changes, [
        { header: 'Collection', value: (c) => c.collection },
        { header: 'Result', value: (c) => c.result },
        { header: 'Permission', value: (c) => c.permission ?? '' },
        { header: 'Id', value: (c) => c.id },
      ]);
    }
  });
}

export const groupAccessSpec: CommandSpec = {
  name: 'access',
  summary: 'Set the collections a group can reach',
  description:
    'Grants (--grant COLLECTION[:PERMISSION], default edit) and revokes (--revoke COLLECTION) collection access of a group in one update. Permissions: read-only, hide-passwords, edit, edit-hide-passwords, manage. Collections are named by name (needs BWMSP_SESSION), external id or id. Access already as asked is reported and skipped.',
  args: ['<group>'],
  options: [
    ...target,
    { flags: '--grant <collection[:permission]>', description: 'give access (repeatable)', repeatable: true },
    { flags: '--revoke <collection>', description: 'take access away (repeatable)', repeatable: true },
  ],
  examples: [
    { comment: 'Read-only access to Finance, manage access to Banking', command: "bwmsp group access Accounting --grant Finance:read-only --grant Finance/Banking:manage --client 'Contoso Ltd'" },
    { comment: 'Revoke access, result as JSON', command: "bwmsp group access Interns --revoke Finance --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => groupAccessRun(groupAccessOptions(input), deps),
};
