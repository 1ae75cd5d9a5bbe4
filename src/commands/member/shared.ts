/** Helpers of the member verbs: the org target, identifiers, destructive confirmations and bulk output. */
import type { Deps } from '../../deps.js';
import { PartialFailureError, UsageError } from '../../errors.js';
import type { MemberOutcome } from '../../domain/member.js';
import type { VerbInput } from '../spec.js';
export { confirmDestructive, orgRef, stringList, type OrgRefOptions } from '../input.js';

export { orgTarget as target } from '../input.js';
export const roles = ['owner', 'admin', 'user', 'custom'] as const;

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
