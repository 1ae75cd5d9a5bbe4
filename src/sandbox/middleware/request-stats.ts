/**
 * Request counters of the sandbox (for the fault and benchmark suites): answered requests per
 * status and per method, and what the fault injector and the rate limiter did. Read in-process
 * (`RunningSandbox.stats()`) or over HTTP at the sandbox-only route `GET /__sandbox/stats` (the
 * sandbox listens on loopback only; no such route exists on a real Bitwarden server).
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from '../context.js';

export interface SandboxStats {
  /** Requests that reached the sandbox (the `/__sandbox` routes excepted). */
  requests: number;
  /** Answers by HTTP status (`"200"`, `"429"`, …); dropped and lost connections are not here. */
  byStatus: Record<string, number>;
  /** Requests by method and outcome class, e.g. `POST 2xx`. */
  byMethod: Record<string, number>;
  /** Requests by service (`api`, `identity`, `events`) and method, e.g. `byService.api.POST`. */
  byService: Record<string, Record<string, number>>;
  injected: { error: number; tooMany: number; drop: number; lost: number; latencyMs: number };
  /** 429 answers of the cloud rate limiter (not the injected ones). */
  rateLimited: number;
}

export function emptyStats(): SandboxStats {
  return { requests: 0, byStatus: {}, byMethod: {}, byService: {}, injected: { error: 0, tooMany: 0, drop: 0, lost: 0, latencyMs: 0 }, rateLimited: 0 };
}

export const STATS_PATH = '/__sandbox/stats';

const bump = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/** Counts every request and its final status; serves and resets the counters at {@link STATS_PATH}. */
export function requestStats(stats: SandboxStats): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path === STATS_PATH) {
      if (c.req.method === 'GET') return c.json(stats);
      if (c.req.method === 'DELETE') {
        Object.assign(stats, emptyStats());
        return c.body(null, 204);
      }
      return c.body(null, 405);
    }
    stats.requests++;
    const service = path.split('/')[1] || 'root';
    bump((stats.byService[service] ??= {}), c.req.method);
    await next();
    // A destroyed connection (drop/lost) is counted by the fault injector, not as an answer.
    if (c.get('faultDestroyed') === true) return;
    bump(stats.byStatus, String(c.res.status));
    bump(stats.byMethod, `${c.req.method} ${Math.floor(c.res.status / 100)}xx`);
  };
}
