import type { Deps } from '../../deps.js';
import { PartialFailureError, UsageError } from '../../errors.js';
import type { OptionSpec } from '../spec.js';
import type { UserResult } from '../../domain/provider-user.js';
export { stringList } from '../input.js';

export const providerOption: OptionSpec = {
  flags: '--provider <provider-id>',
  description: "provider id or name (default: the profile's provider, or your only one)",
};

export const roleOption: OptionSpec = { flags: '--role <role>', description: 'role', choices: ['admin', 'service-user'] };

export function stringOpt(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The stable --json view of a bulk result row. */
export function userResultView(r: UserResult) {
  return { item: r.item, id: r.id, email: r.email, result: r.result, detail: r.detail, ...(r.fingerprint !== undefined ? { fingerprint: r.fingerprint } : {}) };
}

/**
 * Prints a bulk verb's results (table / tsv / csv / json), a summary line on stderr, and throws
 * PartialFailureError (exit 3) naming the items that failed.
 */
export function reportUserResults(d: Pick<Deps, 'out'>, results: readonly UserResult[], what: string, options: { fingerprint?: boolean } = {}): void {
  d.out.list(
    results,
    [
      { header: 'User', value: (r) => r.email ?? r.item },
      { header: 'Result', value: (r) => r.result },
      ...(options.fingerprint ? [{ header: 'Fingerprint', value: (r: UserResult) => r.fingerprint ?? '' }] : []),
      { header: 'Detail', value: (r) => r.detail },
      { header: 'Id', value: (r) => r.id ?? '' },
    ],
    { view: userResultView },
  );
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  const failed = results.filter((r) => r.result === 'failed');
  if (failed.length === 0) {
    if (results.length) d.out.success(`${what}: ${summary}`);
    return;
  }
  throw new PartialFailureError(
    `${what}: ${failed.length} of ${results.length} failed (${failed.map((r) => r.email ?? r.item).join(', ')})`,
    failed.map((r) => ({ item: r.email ?? r.item, error: r.detail })),
  );
}

export function requireArgs(args: readonly string[], what: string, commandPath: string): void {
  if (args.length === 0) throw new UsageError(`name at least one ${what}`, { commandPath });
}
