/**
 * The Bitwarden cloud rate limits (`--rate-limits cloud`, admin-api.md §11.4), enforced the way the
 * official server's AspNetCoreRateLimit does: per client IP (`X-Connecting-IP` when present, as behind
 * Cloudflare, else the socket address), per rule pattern (not per concrete path), only the most
 * restrictive matching rule per period, fixed windows on the server clock, every request counted
 * (refused ones too). Over a limit: 429, the private error body "Slow down! Too many requests. Try
 * again in {period}." and `Retry-After` = seconds until the window ends.
 *
 * `timeScale` (testing only) multiplies every window so suites finish fast: 0.01 turns 1 min into
 * 600 ms. The client must pace with the same scale (env BWMSP_RATE_TIME_SCALE).
 */
import type { MiddlewareHandler } from 'hono';
import { CLOUD_RATE_LIMITS, effectiveRateLimitRules, type RateLimitRule } from '../../api/pacer.js';
import type { ApiService, HttpMethod } from '../../api/errors.js';
import type { SandboxEnv } from '../context.js';
import { errorBody } from '../errors.js';
import type { SandboxStats } from './request-stats.js';

export type RateLimitProfile = 'cloud';

export interface RateLimiterOptions {
  timeScale?: number;
  now?: () => number;
  rules?: readonly RateLimitRule[];
}

/** The service and service-relative path of a sandbox URL path (`/api/sync` → api, `/sync`). */
function serviceOf(path: string): { service: ApiService; path: string } | undefined {
  for (const service of ['api', 'identity'] as const) {
    const prefix = `/${service}`;
    if (path === prefix || path.startsWith(`${prefix}/`)) return { service, path: path.slice(prefix.length) || '/' };
  }
  return undefined;
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3).replace(/0+$/, '');
}

export function rateLimiter(stats: SandboxStats, options: RateLimiterOptions = {}): MiddlewareHandler<SandboxEnv> {
  const scale = options.timeScale ?? 1;
  const now = options.now ?? Date.now;
  const rules = options.rules ?? CLOUD_RATE_LIMITS;
  const counters = new Map<string, { windowStart: number; count: number }>();

  return async (c, next) => {
    const target = serviceOf(new URL(c.req.url).pathname);
    if (target === undefined) return next();
    const ip = c.req.header('X-Connecting-IP') ?? c.env?.incoming?.socket?.remoteAddress ?? 'local';
    const t = now();
    let retryAfterMs = 0;
    let refusedBy: RateLimitRule | undefined;
    for (const rule of effectiveRateLimitRules({ service: target.service, method: c.req.method as HttpMethod, path: target.path }, rules)) {
      const period = rule.periodMs * scale;
      const windowStart = Math.floor(t / period) * period;
      const key = `${ip}|${rule.service}|${rule.endpoint}|${rule.period}`;
      let counter = counters.get(key);
      if (counter === undefined || counter.windowStart !== windowStart) {
        counter = { windowStart, count: 0 };
        counters.set(key, counter);
      }
      counter.count++;
      if (counter.count > rule.limit) {
        const wait = windowStart + period - t;
        if (wait >= retryAfterMs) {
          retryAfterMs = wait;
          refusedBy = rule;
        }
      }
    }
    if (refusedBy === undefined) return next();
    stats.rateLimited++;
    // The server sends whole seconds; a scaled window can end sooner, so scaled runs send decimals.
    const seconds = scale === 1 ? Math.max(1, Math.ceil(retryAfterMs / 1000)) : Math.max(0.001, retryAfterMs / 1000);
    c.header('Retry-After', formatSeconds(+seconds.toFixed(3)));
    return c.json(errorBody(`Slow down! Too many requests. Try again in ${refusedBy.period}.`), 429);
  };
}
