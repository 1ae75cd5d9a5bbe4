/** Helpers of the collection verbs: the org target, confirmations, views and access flags. */
import type { Deps } from '../../deps.js';
import { CancelledError } from '../../errors.js';
import type { CollectionView } from '../../domain/collection.js';
import { clientOption, orgOption, type OptionSpec, type VerbInput } from '../spec.js';

export const target: OptionSpec[] = [clientOption, orgOption];

/** The access levels (domain/access-level.ts PERMISSIONS), listed here so --help loads no domain code. */
export const permissionChoices = ['read-only', 'hide-passwords', 'edit', 'edit-hide-passwords', 'manage'] as const;

export const accessTargets: OptionSpec[] = [
  { flags: '--group <name-or-id>', description: 'group to grant or revoke (repeatable)', repeatable: true },
  { flags: '--member <email-or-id>', description: 'member to grant or revoke (repeatable)', repeatable: true },
];

export interface OrgRefOptions {
  client?: string;
  org?: string;
}

export function orgRef(input: VerbInput): OrgRefOptions {
  const o = input.opts;
  return {
    ...(typeof o.client === 'string' && o.client.trim() !== '' ? { client: o.client } : {}),
    ...(typeof o.org === 'string' && o.org.trim() !== '' ? { org: o.org } : {}),
  };
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return typeof value === 'string' && value.trim() !== '' ? [value] : [];
}

/** Destructive verbs: --yes, or a confirmation on a terminal (without one: a usage error naming --yes). */
export async function confirmDestructive(d: Pick<Deps, 'globals' | 'prompter'>, message: string): Promise<void> {
  if (d.globals.yes) return;
  const ok = await d.prompter.confirm({ message, flag: '--yes' });
  if (!ok) throw new CancelledError('cancelled: nothing was changed');
}

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

export function warnTo(d: Pick<Deps, 'out'>): (message: string) => void {
  return (message) => d.out.warn(message);
}
