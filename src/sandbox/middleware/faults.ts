/**
 * Opt-in fault injection (`--faults`, see fault-spec.ts) for the reliability suites. One uniform
 * draw per request picks at most one of: 500 (handler not run), 429 with `Retry-After` (handler not
 * run), `drop` (connection destroyed BEFORE the handler: nothing happened) or `lost` (connection
 * destroyed AFTER the handler: the change is committed but the client never sees the answer).
 * Latency applies to every faulted-scope request. Draws come from a seeded PRNG, so a run with the
 * same `--fault-seed` and the same request order injects the same faults.
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from '../context.js';
import { errorBody } from '../errors.js';
import { NO_FAULTS, seededRandom, type FaultSpec } from '../fault-spec.js';
import type { SandboxStats } from './request-stats.js';

/** The body of an unhandled exception on the official server (admin-api.md §11.1). */
export const UNHANDLED_ERROR_MESSAGE = 'An unhandled server error has occurred.';

export interface FaultInjector {
  middleware: MiddlewareHandler<SandboxEnv>;
  /** Replaces the spec (tests turn faults on after their setup); `null` turns them off. */
  set(spec: FaultSpec | null, seed?: number): void;
  readonly spec: FaultSpec;
}

function inScope(spec: FaultSpec, path: string): boolean {
  if (path.startsWith('/__sandbox')) return false;
  if (spec.scope === 'all') return true;
  return spec.scope === 'identity' ? path.startsWith('/identity/') : !path.startsWith('/identity/');
}

export function createFaultInjector(stats: SandboxStats, initial: FaultSpec | null = null, seed = 1): FaultInjector {
  let spec = initial ?? NO_FAULTS;
  let random = seededRandom(seed);

  const destroy = (c: Parameters<MiddlewareHandler<SandboxEnv>>[0]): Response => {
    c.set('faultDestroyed', true);
    // @hono/node-server passes the Node request as a binding; without it (in-process app.request)
    // the nearest thing is an aborted answer.
    const socket = c.env?.incoming?.socket;
    if (socket) socket.destroy();
    return c.body(null, 502);
  };

  const middleware: MiddlewareHandler<SandboxEnv> = async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (spec === NO_FAULTS || !inScope(spec, path)) return next();
    const { minMs, maxMs } = spec.latency;
    if (maxMs > 0) {
      const ms = Math.round(minMs + random() * (maxMs - minMs));
      stats.injected.latencyMs += ms;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    const draw = random();
    let edge = spec.error;
    if (draw < edge) {
      stats.injected.error++;
      return c.json(errorBody(UNHANDLED_ERROR_MESSAGE), 500);
    }
    edge += spec.tooMany;
    if (draw < edge) {
      stats.injected.tooMany++;
      c.header('Retry-After', String(spec.retryAfterSeconds));
      return c.json(errorBody(`Slow down! Too many requests. Try again in ${spec.retryAfterSeconds}s.`), 429);
    }
    edge += spec.drop;
    if (draw < edge) {
      stats.injected.drop++;
      return destroy(c);
    }
    edge += spec.lost;
    if (draw < edge) {
      await next();
      // The handler's answer is complete (and its change committed); the client never gets it.
      stats.injected.lost++;
      c.res = destroy(c);
      return;
    }
    return next();
  };

  return {
    middleware,
    set(next, nextSeed) {
      spec = next ?? NO_FAULTS;
      if (nextSeed !== undefined) random = seededRandom(nextSeed);
    },
    get spec() {
      return spec;
    },
  };
}
