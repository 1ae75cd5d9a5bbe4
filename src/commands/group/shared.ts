/** Helpers of the group verbs: the org target, confirmations and the group view. */
import type { Deps } from '../../deps.js';
import { CancelledError } from '../../errors.js';
import type { GroupView } from '../../domain/group.js';
import { clientOption, orgOption, type OptionSpec, type VerbInput } from '../spec.js';

export const target: OptionSpec[] = [clientOption, orgOption];

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

export async function confirmDestructive(d: Pick<Deps, 'globals' | 'prompter'>, message: string): Promise<void> {
  if (d.globals.yes) return;
  const ok = await d.prompter.confirm({ message, flag: '--yes' });
  if (!ok) throw new CancelledError('cancelled: nothing was changed');
}

export function groupView(g: GroupView) {
  return {
    id: g.id,
    name: g.name,
    externalId: g.externalId,
    members: g.members.map((m) => ({ id: m.id, email: m.email })),
    collections: g.collections.map((c) => ({ id: c.id, name: c.name, permission: c.permission })),
  };
}

export function warnTo(d: Pick<Deps, 'out'>): (message: string) => void {
  return (message) => d.out.warn(message);
}

/** Collection access needs names decrypted only when a collection is named (not by id). */
export const groupKeyNeed = { key: 'optional', why: 'collection names are encrypted with the organization key', orgApiKey: true } as const;
