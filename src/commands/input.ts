/**
 * Flag helpers shared by the organization nouns (member, collection, group, policy, provider):
 * the --client/--org target, loose option values, and the --yes rule for destructive verbs.
 */
import type { Deps } from '../deps.js';
import { CancelledError } from '../errors.js';
import { clientOption, orgOption, type OptionSpec, type VerbInput } from './spec.js';

export const orgTarget: OptionSpec[] = [clientOption, orgOption];

export interface OrgRefOptions {
  client?: string;
  org?: string;
}

/** --client / --org, without empty values. */
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

/** A repeatable option's values (or one value), without empty ones. */
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

export function warnTo(d: Pick<Deps, 'out'>): (message: string) => void {
  return (message) => d.out.warn(message);
}
