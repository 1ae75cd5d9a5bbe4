/**
 * `--since` / `--until` values: ISO dates and date-times (a time without a zone is UTC), relative
 * ages such as 30m, 24h, 7d, 2w, and the words now, today, yesterday.
 */
import { UsageError } from '../errors.js';

const DAY_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

/** The server refuses longer windows ("Range too large.", admin-api.md §8.1). */
export const MAX_RANGE_DAYS = 367;
export const DEFAULT_RANGE_DAYS = 30;

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function parseWhen(text: string, now: Date, flag: string): Date {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (lower === 'now') return new Date(now);
  if (lower === 'today') return startOfUtcDay(now);
  if (lower === 'yesterday') return new Date(startOfUtcDay(now).getTime() - DAY_MS);
  const relative = /^(\d+)\s*(m|min|h|d|w)$/i.exec(value);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * (UNIT_MS[(relative[2] as string).toLowerCase()] as number));
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (iso) {
    const zoned = iso[4] === undefined ? `${value.slice(0, 10)}T00:00:00Z` : iso[8] === undefined ? `${value.replace(' ', 'T')}Z` : value.replace(' ', 'T');
    const date = new Date(zoned);
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!Number.isNaN(date.getTime()) && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) return date;
  }
  throw new UsageError(`${flag} '${text}' is not a date: use ISO 8601 (2026-11-01, 2026-11-01T08:00Z) or an age such as 30m, 24h, 7d, 2w`);
}

export interface TimeWindow {
  since: Date;
  /** Exclusive. */
  until: Date;
}

/** The window to ask for: defaults to the last 30 days up to now; refuses inverted or too long ranges. */
export function resolveWindow(options: { since?: string | undefined; until?: string | undefined }, now: Date): TimeWindow {
  const until = options.until === undefined ? new Date(now) : parseWhen(options.until, now, '--until');
  const since = options.since === undefined ? new Date(until.getTime() - DEFAULT_RANGE_DAYS * DAY_MS) : parseWhen(options.since, now, '--since');
  if (until.getTime() < since.getTime()) {
    throw new UsageError(`--until ${until.toISOString()} is before --since ${since.toISOString()}`);
  }
  if (until.getTime() - since.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new UsageError(`the range from ${since.toISOString()} to ${until.toISOString()} is longer than ${MAX_RANGE_DAYS} days, which the server refuses; split it`);
  }
  return { since, until };
}

/** `start` / `end` query values: the server's end is inclusive, ours exclusive. */
export function windowQuery(window: TimeWindow): { start: string; end: string } {
  return { start: window.since.toISOString(), end: new Date(Math.max(window.since.getTime(), window.until.getTime() - 1)).toISOString() };
}
