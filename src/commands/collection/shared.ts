/** Helpers of the collection verbs: the org target, confirmations, views and access flags. */
import type { CollectionView } from '../../domain/collection.js';
import type { OptionSpec } from '../spec.js';
export { confirmDestructive, orgRef, stringList, text, warnTo, type OrgRefOptions } from '../input.js';

export { orgTarget as target } from '../input.js';

/** The access levels (domain/access-level.ts PERMISSIONS), listed here so --help loads no domain code. */
export const permissionChoices = ['read-only', 'hide-passwords', 'edit', 'edit-hide-passwords', 'manage'] as const;

export const accessTargets: OptionSpec[] = [
  { flags: '--group <name-or-id>', description: 'group to grant or revoke (repeatable)', repeatable: true },
  { flags: '--member <email-or-id>', description: 'member to grant or revoke (repeatable)', repeatable: true },
];

/** The --json view of a collection (stable camelCase keys). */
export function collectionView(c: CollectionView) {
  return {
    id: c.id,
    name: c.name,
    externalId: c.externalId,
    type: c.type,
    groups: c.groups.map((g) => ({ id: g.id, name: g.name, permission: g.permission })),
    members: c.members === null ? null : c.members.map((m) => ({ id: m.id, email: m.email, permission: m.permission })),
  };
}

export function accessSummary(entries: readonly { label: string; permission: string }[] | null): string {
  if (entries === null) return '';
  return entries.map((e) => `${e.label} (${e.permission})`).join(', ');
}

