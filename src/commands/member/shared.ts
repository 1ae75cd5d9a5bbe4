/** Helpers of the member verbs: the org target, identifiers, destructive confirmations and bulk output. */
import type { Deps } from '../../deps.js';
import { CancelledError, PartialFailureError, UsageError } from '../../errors.js';
import type { MemberOutcome } from '../../domain/member.js';
import { clientOption, orgOption, type OptionSpec, type VerbInput } from '../spec.js';

export const target: OptionSpec[] = [clientOption, orgOption];
export const roles = ['owner', 'admin', 'user', 'custom'] as const;

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

/** Positional e-mails or ids, trimmed, without empties and duplicates (case-insensitive). */
export function identifiers(input: VerbInput): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.args) {
    const value = raw.trim();
    if (value === '' || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    out.push(value);
  }
  return out;
}

export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Destructive verbs: --yes, or a confirmation on a terminal (without one: a usage error naming --yes). */
export async function confirmDestructive(d: Pick<Deps, 'globals' | 'prompter'>, message: string): Promise<void> {
  if (d.globals.yes) return;
  const ok = await d.prompter.confirm({ message, flag: '--yes' });
  if (!ok) throw new CancelledError('cancelled: nothing was changed');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The stable JSON view of one outcome. */
export function outcomeView(o: MemberOutcome, withFingerprint = false) {
  return {
    id: o.id,
    email: o.email,
    result: o.result,
    reason: o.reason,
    ...(withFingerprint ? { fingerprint: o.fingerprint ?? null } : {}),
  };
}

/**
 * Prints one row per member (stdout), a summary line (stderr), and throws PartialFailureError
 * (exit 3) naming every member that failed.
 */
export function reportOutcomes(
  d: Pick<Deps, 'out'>,
  outcomes: readonly MemberOutcome[],
  words: { done: MemberOutcome['result']; verb: string; orgName: string; fingerprint?: boolean },
): void {
  const withFingerprint = words.fingerprint === true;
  d.out.list(
    outcomes,
    [
      { header: 'Email', value: (o) => o.email ?? '' },
      { header: 'Id', value: (o) => o.id ?? '' },
      { header: 'Result', value: (o) => o.result },
      ...(withFingerprint ? [{ header: 'Fingerprint', value: (o: MemberOutcome) => o.fingerprint ?? '' }] : []),
      { header: 'Reason', value: (o) => o.reason ?? '' },
    ],
    { view: (o) => outcomeView(o, withFingerprint), empty: `No members to ${words.verb.toLowerCase()} in ${words.orgName}` },
  );
  const done = outcomes.filter((o) => o.result === words.done).length;
  const skipped = outcomes.filter((o) => o.result === 'skipped').length;
  const failed = outcomes.filter((o) => o.result === 'failed');
  if (done || !failed.length) d.out.success(`${words.verb} ${plural(done, 'member')} of ${words.orgName}${skipped ? ` (${skipped} skipped)` : ''}`);
  if (failed.length) {
    throw new PartialFailureError(
      `${failed.length} of ${plural(outcomes.length, 'member')} could not be ${words.done}`,
      failed.map((o) => ({ item: o.email ?? o.id ?? '?', error: o.reason ?? 'failed' })),
    );
  }
}

/** A required option value, or a UsageError naming the flag. */
export function requireOption(input: VerbInput, key: string, flag: string): string {
  const value = input.opts[key];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}
