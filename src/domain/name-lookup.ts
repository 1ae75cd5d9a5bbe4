/**
 * Finding one object by id or name (collections, groups, members, event types), with errors that
 * say what was looked for and suggest close names.
 */
import { NotFoundError, UsageError } from '../errors.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Levenshtein distance (small strings only: names and event types). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] as number;
}

/** Candidates close to `word`: containing it, contained in it, or within a third of its length in edits. */
export function closeMatches(word: string, candidates: readonly string[], limit = 5): string[] {
  const w = word.toLowerCase();
  const scored = candidates
    .map((c) => {
      const l = c.toLowerCase();
      const distance = editDistance(w, l);
      const contains = l.includes(w) || (w.length >= 4 && w.includes(l));
      return { c, score: contains ? Math.min(distance, 1) : distance };
    })
    .filter(({ c, score }) => score <= Math.max(2, Math.floor(Math.max(w.length, c.length) / 3)))
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c));
  return [...new Set(scored.map((s) => s.c))].slice(0, limit);
}

export interface LookupSpec<T> {
  /** 'collection', 'group', 'member'. */
  kind: string;
  /** ' in Contoso Ltd', for messages. */
  where?: string;
  id(item: T): string;
  /** Names matched exactly first, then case-insensitively. Null entries are skipped. */
  names(item: T): readonly (string | null | undefined)[];
}

/** The one item `ref` names: by id (a GUID), else by exact name, else by case-insensitive name. */
export function findOne<T>(items: readonly T[], ref: string, spec: LookupSpec<T>): T {
  const wanted = ref.trim();
  const where = spec.where ?? '';
  if (GUID.test(wanted)) {
    const byId = items.find((item) => spec.id(item).toLowerCase() === wanted.toLowerCase());
    if (byId !== undefined) return byId;
  }
  let matches = items.filter((item) => spec.names(item).some((n) => n === wanted));
  if (matches.length === 0) matches = items.filter((item) => spec.names(item).some((n) => n != null && n.toLowerCase() === wanted.toLowerCase()));
  if (matches.length === 1) return matches[0] as T;
  if (matches.length > 1) {
    throw new UsageError(`'${wanted}' names ${matches.length} ${spec.kind}s${where}; use the id: ${matches.map((m) => spec.id(m)).join(', ')}`);
  }
  const allNames = items.flatMap((item) => spec.names(item).filter((n): n is string => typeof n === 'string' && n !== ''));
  const close = closeMatches(wanted, allNames);
  throw new NotFoundError(`no ${spec.kind} '${wanted}'${where}`, {
    ...(close.length ? { hint: `Did you mean: ${close.join(', ')}?` } : items.length === 0 ? { hint: `There are no ${spec.kind}s${where}.` } : {}),
  });
}

/** Like `findOne`, but returns the error message instead of throwing (bulk verbs collect failures). */
export function tryFindOne<T>(items: readonly T[], ref: string, spec: LookupSpec<T>): { item: T } | { error: string } {
  try {
    return { item: findOne(items, ref, spec) };
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof UsageError) {
      return { error: error.hint ? `${error.message} (${error.hint})` : error.message };
    }
    throw error;
  }
}
