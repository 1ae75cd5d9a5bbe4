/** The fault injector and the cloud rate limiter as Hono middleware, in front of a counting handler. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { SandboxEnv } from '../../../src/sandbox/context.js';
import { parseFaultSpec } from '../../../src/sandbox/fault-spec.js';
import { createFaultInjector } from '../../../src/sandbox/middleware/faults.js';
import { rateLimiter } from '../../../src/sandbox/middleware/rate-limits.js';
import { emptyStats, requestStats, STATS_PATH } from '../../../src/sandbox/middleware/request-stats.js';

function faultApp(spec: string, seed = 1) {
  const stats = emptyStats();
  const injector = createFaultInjector(stats, parseFaultSpec(spec), seed);
  const app = new Hono<SandboxEnv>();
  let handled = 0;
  app.use(requestStats(stats));
  app.use(injector.middleware);
  app.all('*', (c) => {
    handled++;
    return c.json({ ok: true });
  });
  return { app, stats, injector, handled: () => handled };
}

describe('fault injection', () => {
  it('error: 500 with the official unhandled-error body, the handler not run', async () => {
    const { app, stats, handled } = faultApp('error=1');
    const res = await app.request('/api/sync');
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ object: 'error', message: 'An unhandled server error has occurred.', validationErrors: null });
    expect(handled()).toBe(0);
    expect(stats.injected.error).toBe(1);
    expect(stats.byStatus).toEqual({ '500': 1 });
  });

  it('429: Retry-After as configured, the handler not run', async () => {
    const { app, handled } = faultApp('429=1,retry-after=0.25');
    const res = await app.request('/api/sync', { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('0.25');
    expect(await res.json()).toMatchObject({ message: expect.stringMatching(/^Slow down! Too many requests/) });
    expect(handled()).toBe(0);
  });

  it('drop destroys the connection before the handler; lost after it (the change happened)', async () => {
    const dropped = faultApp('drop=1');
    await dropped.app.request('/api/organizations', { method: 'POST' });
    expect(dropped.handled()).toBe(0);
    expect(dropped.stats.injected.drop).toBe(1);

    const lost = faultApp('lost=1');
    await lost.app.request('/api/organizations', { method: 'POST' });
    expect(lost.handled()).toBe(1);
    expect(lost.stats.injected.lost).toBe(1);
    // No answer reached a client: nothing is counted by status.
    expect(lost.stats.byStatus).toEqual({});
  });

  it('latency is drawn within the range for every request and added up', async () => {
    const { app, stats } = faultApp('latency=20-30ms');
    expect((await app.request('/api/alive')).status).toBe(200);
    expect((await app.request('/api/alive')).status).toBe(200);
    expect(stats.injected.latencyMs).toBeGreaterThanOrEqual(40);
    expect(stats.injected.latencyMs).toBeLessThanOrEqual(60);
  });

  it('the same seed injects the same faults in the same order; another seed does not', async () => {
    const run = async (seed: number) => {
      const { app } = faultApp('error=0.3,429=0.3', seed);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await app.request('/api/sync')).status);
      return statuses;
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });

  it('scope=api leaves identity alone; the stats route is never faulted; faults can be turned off', async () => {
    const { app, injector, stats } = faultApp('error=1,scope=api');
    expect((await app.request('/identity/connect/token', { method: 'POST' })).status).toBe(200);
    expect((await app.request('/api/sync')).status).toBe(500);
    const served = await app.request(STATS_PATH);
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ requests: 2, byStatus: { '200': 1, '500': 1 } });
    injector.set(null);
    expect((await app.request('/api/sync')).status).toBe(200);
    expect(stats.injected.error).toBe(1);
    expect((await app.request(STATS_PATH, { method: 'DELETE' })).status).toBe(204);
    expect(stats.requests).toBe(0);
  });
});

function limitedApp(timeScale = 1) {
  let now = 1_000_000_000_000;
  const stats = emptyStats();
  const app = new Hono<SandboxEnv>();
  app.use(rateLimiter(stats, { timeScale, now: () => now }));
  app.all('*', (c) => c.json({}));
  return {
    stats,
    advance: (ms: number) => {
      now += ms;
    },
    send: (method: string, path: string, ip = '10.0.0.1') => app.request(path, { method, headers: { 'X-Connecting-IP': ip } }),
  };
}

describe('cloud rate limits (admin-api.md §11.4)', () => {
  it('5 POSTs per second: the 6th is refused with 429, Retry-After and the official message', async () => {
    const h = limitedApp();
    for (let i = 0; i < 5; i++) expect((await h.send('POST', '/api/organizations/o1/collections')).status).toBe(200);
    const refused = await h.send('POST', '/api/organizations/o2/groups');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ object: 'error', message: 'Slow down! Too many requests. Try again in 1s.' });
    // Another verb and another client IP have their own counters.
    expect((await h.send('PUT', '/api/organizations/o1/collections/c1')).status).toBe(200);
    expect((await h.send('POST', '/api/organizations/o1/collections', '10.0.0.2')).status).toBe(200);
    h.advance(1000);
    expect((await h.send('POST', '/api/organizations/o1/collections')).status).toBe(200);
    expect(h.stats.rateLimited).toBe(1);
  });

  it('invites: 5 per minute shared by every organization, whatever the second', async () => {
    const h = limitedApp();
    for (let i = 0; i < 5; i++) {
      expect((await h.send('POST', `/api/organizations/o${i}/users/invite`)).status).toBe(200);
      h.advance(1000);
    }
    const refused = await h.send('POST', '/api/organizations/o9/users/invite');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ message: 'Slow down! Too many requests. Try again in 1m.' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('identity has its own limits (10 token requests per minute); events none', async () => {
    const h = limitedApp();
    for (let i = 0; i < 10; i++) {
      expect((await h.send('POST', '/identity/connect/token')).status).toBe(200);
      h.advance(250);
    }
    expect((await h.send('POST', '/identity/connect/token')).status).toBe(429);
    for (let i = 0; i < 20; i++) expect((await h.send('POST', '/events/collect')).status).toBe(200);
  });

  it('a time scale shortens every window and sends a decimal Retry-After', async () => {
    const h = limitedApp(0.01);
    for (let i = 0; i < 5; i++) await h.send('POST', '/api/x');
    const refused = await h.send('POST', '/api/x');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(0.01);
    h.advance(10);
    expect((await h.send('POST', '/api/x')).status).toBe(200);
  });
});
