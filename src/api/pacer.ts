/**
 * Client-side pacing that keeps bwmsp under the Bitwarden cloud rate limits
 * (protocol/admin-api.md §11.4, from `IpRateLimitOptions` in the server's `src/Api/appsettings.json`
 * and `src/Identity/appsettings.json`). Self-hosted servers have no such limits: use `null`.
 *
 * How the server counts (AspNetCoreRateLimit, `EnableEndpointRateLimiting: true`), mirrored here:
 * - every rule whose `verb:path` pattern matches a request is a candidate (`*` matches anything,
 *   including `/`, case-insensitive);
 * - per period, only the most restrictive matching rule counts the request (lowest limit, then
 *   endpoint name). So an invite is counted by `post:/organizations/*\/users/invite` for `1m` and `1d`,
 *   and by `post:*` only for `1s`;
 * - a counter is keyed by the rule's pattern, not the concrete path: all invites to all
 *   organizations share one 5/min budget per client IP;
 * - windows are fixed on the server clock.
 *
 * Our buckets are rolling windows of completion times: a request may start only when fewer than
 * `limit` requests of that bucket started-or-finished within the last `period`, where a request
 * still in flight counts until it finishes and is then stamped with its finish time. Because the
 * server sees each request between our send and our receipt, the (limit+1)-th request reaches the
 * server at least `period` after the first, whatever the latency, so no fixed server window ever
 * holds more than `limit`. (A classic token bucket with capacity = limit would allow up to twice the
 * limit across a fixed-window boundary.)
 */
import type { ApiService, HttpMethod } from './errors.js';

export type RatePeriod = '1s' | '1m' | '1d';

export interface RateLimitRule {
  service: ApiService;
  /** AspNetCoreRateLimit endpoint pattern: `verb:path`, `*` wildcards; lower case. */
  endpoint: string;
  period: RatePeriod;
  periodMs: number;
  limit: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

function rule(service: ApiService, endpoint: string, period: RatePeriod, limit: number): RateLimitRule {
  const periodMs = period === '1s' ? SECOND : period === '1m' ? MINUTE : DAY;
  return { service, endpoint, period, periodMs, limit };
}

/**
 * The cloud limits, per client IP (admin-api.md §11.4). Paths are relative to the service's base URL,
 * which on the cloud is the host root (`https://api.bitwarden.com/organizations/…`).
 */
export const CLOUD_RATE_LIMITS: readonly RateLimitRule[] = [
  rule('api', 'post:*', '1s', 5),
  rule('api', 'post:*', '1m', 60),
  rule('api', 'put:*', '1s', 5),
  rule('api', 'put:*', '1m', 60),
  rule('api', 'delete:*', '1s', 5),
  rule('api', 'delete:*', '1m', 60),
  rule('api', 'get:*', '1m', 200),
  rule('api', 'post:/organizations/*/users/invite', '1m', 5),
  rule('api', 'post:/organizations/*/users/invite', '1d', 300),
  rule('api', 'post:/organizations/*/users/*/reinvite', '1m', 5),
  rule('api', 'post:/organizations/*/users/*/reinvite', '1d', 300),
  rule('api', 'post:/accounts/prelogin', '1m', 10),
  rule('identity', '*', '1s', 5),
  rule('identity', '*', '1m', 60),
  rule('identity', 'post:/connect/token', '1m', 10),
];

export interface PacedRequest {
  service: ApiService;
  method: HttpMethod;
  /** Path relative to the service base URL, without query string. */
  path: string;
}

/** Held while a request is on the wire; `release()` when its response (or failure) has arrived. */
export interface PacerPermit {
  release(): void;
}

export interface Pacer {
  /** Wait until the request may be sent without exceeding any limit, then reserve its slots. */
  acquire(request: PacedRequest): Promise<PacerPermit>;
}

export interface CloudPacerOptions {
  /** Milliseconds, monotonic enough for pacing; default `Date.now`. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Rules to enforce; default {@link CLOUD_RATE_LIMITS}. */
  rules?: readonly RateLimitRule[];
  /** Extra spacing added to every window, against clock granularity; default 50 ms (× timeScale, at least 2 ms). */
  marginMs?: number;
  /**
   * Testing only: every window × this factor, matching a sandbox started with `--time-scale`
   * (env BWMSP_RATE_TIME_SCALE). Default 1.
   */
  timeScale?: number;
}

/** The rules with every window multiplied by `factor` (testing: a time-scaled sandbox). */
export function scaleRateLimits(rules: readonly RateLimitRule[], factor: number): RateLimitRule[] {
  return rules.map((r) => ({ ...r, periodMs: r.periodMs * factor }));
}

const patternCache = new Map<string, RegExp>();

function patternToRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    const source = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}$`, 'i');
    patternCache.set(pattern, re);
  }
  return re;
}

/**
 * The rules that count a request, as the server picks them: matching rules of the request's service,
 * then per period only the most restrictive one. Ordered by period, shortest first.
 */
export function effectiveRateLimitRules(
  request: PacedRequest,
  rules: readonly RateLimitRule[] = CLOUD_RATE_LIMITS,
): RateLimitRule[] {
  const path = normalisePath(request.path);
  const subject = `${request.method.toLowerCase()}:${path}`;
  const anyVerb = `*:${path}`;
  const byPeriod = new Map<RatePeriod, RateLimitRule>();
  for (const candidate of rules) {
    if (candidate.service !== request.service) continue;
    const re = patternToRegExp(candidate.endpoint);
    if (!re.test(subject) && !re.test(anyVerb)) continue;
    const current = byPeriod.get(candidate.period);
    if (
      current === undefined ||
      candidate.limit < current.limit ||
      (candidate.limit === current.limit && candidate.endpoint < current.endpoint)
    ) {
      byPeriod.set(candidate.period, candidate);
    }
  }
  return [...byPeriod.values()].sort((a, b) => a.periodMs - b.periodMs);
}

function normalisePath(path: string): string {
  const noQuery = path.split('?')[0] ?? '';
  const withSlash = noQuery.startsWith('/') ? noQuery : `/${noQuery}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

/** Counter identity on the server: rule pattern + period (per client IP). */
function bucketKey(r: RateLimitRule): string {
  return `${r.service}|${r.endpoint}|${r.period}`;
}

interface Slot {
  /** Finish time; `Infinity` while the request is in flight. */
  at: number;
}

interface Bucket {
  rule: RateLimitRule;
  slots: Slot[];
}

/** A pacer for bitwarden.com / bitwarden.eu. */
export function createCloudPacer(options: CloudPacerOptions = {}): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const scale = options.timeScale ?? 1;
  const rules = scale === 1 ? (options.rules ?? CLOUD_RATE_LIMITS) : scaleRateLimits(options.rules ?? CLOUD_RATE_LIMITS, scale);
  const marginMs = options.marginMs ?? Math.max(2, 50 * scale);
  const buckets = new Map<string, Bucket>();
  let releaseWaiters: Array<() => void> = [];

  function bucketFor(r: RateLimitRule): Bucket {
    const key = bucketKey(r);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { rule: r, slots: [] };
      buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Milliseconds until a slot frees in this bucket: 0 = free now, Infinity = wait for a release. */
  function waitFor(bucket: Bucket, t: number): number {
    const window = bucket.rule.periodMs + marginMs;
    bucket.slots = bucket.slots.filter((slot) => slot.at + window > t);
    const excess = bucket.slots.length - bucket.rule.limit + 1;
    if (excess <= 0) return 0;
    const finished = bucket.slots
      .map((slot) => slot.at)
      .filter((at) => Number.isFinite(at))
      .sort((a, b) => a - b);
    const freeing = finished[excess - 1];
    if (freeing === undefined) return Number.POSITIVE_INFINITY;
    return Math.max(1, freeing + window - t);
  }

  function waitForRelease(): Promise<void> {
    return new Promise((resolve) => {
      releaseWaiters.push(resolve);
    });
  }

  return {
    async acquire(request: PacedRequest): Promise<PacerPermit> {
      const applicable = effectiveRateLimitRules(request, rules).map(bucketFor);
      for (;;) {
        const t = now();
        let wait = 0;
        for (const bucket of applicable) wait = Math.max(wait, waitFor(bucket, t));
        if (wait === 0) break;
        if (Number.isFinite(wait)) await sleep(wait);
        else await waitForRelease();
      }
      const taken = applicable.map((bucket) => {
        const slot: Slot = { at: Number.POSITIVE_INFINITY };
        bucket.slots.push(slot);
        return slot;
      });
      let released = false;
      return {
        release(): void {
          if (released) return;
          released = true;
          const t = now();
          for (const slot of taken) slot.at = t;
          const waiters = releaseWaiters;
          releaseWaiters = [];
          for (const wake of waiters) wake();
        },
      };
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Lower bound on the wall time to send `count` identical requests back to back under `rules`
 * (zero latency), for benchmarks: the k-th request (0-based) cannot start before
 * floor(k / limit) × period for every applicable rule.
 */
export function rateLimitFloorMs(
  request: PacedRequest,
  count: number,
  rules: readonly RateLimitRule[] = CLOUD_RATE_LIMITS,
): number {
  if (count <= 0) return 0;
  let floor = 0;
  for (const r of effectiveRateLimitRules(request, rules)) {
    floor = Math.max(floor, Math.floor((count - 1) / r.limit) * r.periodMs);
  }
  return floor;
}
