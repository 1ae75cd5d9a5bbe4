import { describe, expect, it } from 'vitest';
import {
  CLOUD_RATE_LIMITS,
  createCloudPacer,
  effectiveRateLimitRules,
  rateLimitFloorMs,
  type PacedRequest,
  type Pacer,
} from '../../../src/api/pacer.js';
import { FakeClock, flush } from './fake-clock.js';

const post = (path: string): PacedRequest => ({ service: 'api', method: 'POST', path });
const get = (path: string): PacedRequest => ({ service: 'api', method: 'GET', path });
const invite = (org: string): PacedRequest => post(`/organizations/${org}/users/invite`);
const token: PacedRequest = { service: 'identity', method: 'POST', path: '/connect/token' };

/** Most requests that fall in any half-open window [t, t + windowMs). */
function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const start = sorted[i] ?? 0;
    let count = 0;
    for (let j = i; j < sorted.length && (sorted[j] ?? 0) < start + windowMs; j += 1) count += 1;
    max = Math.max(max, count);
  }
  return max;
}

/** Most requests in one fixed server window of `windowMs`, windows aligned at `offsetMs`. */
function maxInFixedWindow(times: readonly number[], windowMs: number, offsetMs: number): number {
  const counts = new Map<number, number>();
  for (const t of times) {
    const slot = Math.floor((t - offsetMs) / windowMs);
    counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

/** Send `requests` one after the other with zero latency; returns each start time. */
async function sequential(pacer: Pacer, clock: FakeClock, requests: readonly PacedRequest[]): Promise<number[]> {
  const starts: number[] = [];
  await clock.run(
    (async () => {
      for (const request of requests) {
        const permit = await pacer.acquire(request);
        starts.push(clock.now());
        permit.release();
      }
    })(),
  );
  return starts;
}

describe('the rate-limit table', () => {
  it('holds the numbers of admin-api.md §11.4', () => {
    const rows = CLOUD_RATE_LIMITS.map((r) => `${r.service} ${r.endpoint} ${r.limit}/${r.period}`);
    expect(rows).toEqual([
      'api post:* 5/1s',
      'api post:* 60/1m',
      'api put:* 5/1s',
      'api put:* 60/1m',
      'api delete:* 5/1s',
      'api delete:* 60/1m',
      'api get:* 200/1m',
      'api post:/organizations/*/users/invite 5/1m',
      'api post:/organizations/*/users/invite 300/1d',
      'api post:/organizations/*/users/*/reinvite 5/1m',
      'api post:/organizations/*/users/*/reinvite 300/1d',
      'api post:/accounts/prelogin 10/1m',
      'identity * 5/1s',
      'identity * 60/1m',
      'identity post:/connect/token 10/1m',
    ]);
    for (const r of CLOUD_RATE_LIMITS) {
      expect(r.periodMs).toBe({ '1s': 1000, '1m': 60_000, '1d': 86_400_000 }[r.period]);
    }
  });

  it('picks, per period, the most restrictive matching rule as the server does', () => {
    const show = (request: PacedRequest) =>
      effectiveRateLimitRules(request).map((r) => `${r.endpoint} ${r.limit}/${r.period}`);

    expect(show(get('/sync'))).toEqual(['get:* 200/1m']);
    expect(show(post('/organizations/o1/collections'))).toEqual(['post:* 5/1s', 'post:* 60/1m']);
    expect(show(invite('o1'))).toEqual([
      'post:* 5/1s',
      'post:/organizations/*/users/invite 5/1m',
      'post:/organizations/*/users/invite 300/1d',
    ]);
    expect(show(post('/organizations/o1/users/u1/reinvite'))).toEqual([
      'post:* 5/1s',
      'post:/organizations/*/users/*/reinvite 5/1m',
      'post:/organizations/*/users/*/reinvite 300/1d',
    ]);
    // Bulk reinvite is a different route and only counts as a POST.
    expect(show(post('/organizations/o1/users/reinvite'))).toEqual(['post:* 5/1s', 'post:* 60/1m']);
    expect(show(token)).toEqual(['* 5/1s', 'post:/connect/token 10/1m']);
    expect(show({ service: 'identity', method: 'POST', path: '/accounts/prelogin/password' })).toEqual([
      '* 5/1s',
      '* 60/1m',
    ]);
    expect(show({ service: 'api', method: 'PATCH', path: '/x' })).toEqual([]);
    expect(show({ service: 'events', method: 'POST', path: '/collect' })).toEqual([]);
  });

  it('computes the floor time of a run for benchmarks', () => {
    expect(rateLimitFloorMs(invite('o1'), 5)).toBe(0);
    expect(rateLimitFloorMs(invite('o1'), 10)).toBe(60_000);
    expect(rateLimitFloorMs(post('/organizations/o1/collections'), 6)).toBe(1000);
    expect(rateLimitFloorMs(post('/organizations/o1/collections'), 61)).toBe(60_000);
    expect(rateLimitFloorMs(get('/sync'), 201)).toBe(60_000);
  });
});

describe('createCloudPacer', () => {
  it('with a time scale (testing against a time-scaled sandbox) every window shrinks by the factor', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0, timeScale: 0.01 });
    const requests = Array.from({ length: 12 }, (_, i) => post(`/organizations/o${i}/collections`));

    const starts = await sequential(pacer, clock, requests);

    expect(starts.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 10]);
    expect(maxInWindow(starts, 10)).toBe(5);
  });

  it('keeps a burst of POSTs under 5 per second and 60 per minute', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });
    const requests = Array.from({ length: 130 }, (_, i) => post(`/organizations/o${i}/collections`));

    const starts = await sequential(pacer, clock, requests);

    expect(maxInWindow(starts, 1000)).toBe(5);
    expect(maxInWindow(starts, 60_000)).toBe(60);
    expect(starts.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1000]);
    expect(starts[60]).toBe(60_000);
  });

  it('counts PUT and DELETE in buckets of their own', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });
    const requests: PacedRequest[] = [];
    for (let i = 0; i < 5; i += 1) {
      requests.push(post('/a'), { service: 'api', method: 'PUT', path: '/b' }, { service: 'api', method: 'DELETE', path: '/c' });
    }

    const starts = await sequential(pacer, clock, requests);

    expect(starts.every((t) => t === 0)).toBe(true);
  });

  it('shares one invite budget across organizations, 5 per minute', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });

    const starts = await sequential(pacer, clock, ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(invite));

    expect(starts).toEqual([0, 0, 0, 0, 0, 60_000, 60_000]);
  });

  it('does not charge invites to the 60 per minute POST budget, as the server does not', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });
    const requests = [
      ...Array.from({ length: 5 }, (_, i) => invite(`o${i}`)),
      ...Array.from({ length: 60 }, (_, i) => post(`/organizations/o${i}/collections`)),
    ];

    const starts = await sequential(pacer, clock, requests);

    // 65 POSTs in total, yet the 60 plain ones finish within a minute: invites only share the 1 s bucket.
    expect(maxInWindow(starts, 1000)).toBe(5);
    expect(starts[64]).toBeLessThan(60_000);
  });

  it('allows 200 GETs per minute and no more', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });

    const starts = await sequential(pacer, clock, Array.from({ length: 250 }, (_, i) => get(`/organizations/o${i}`)));

    expect(maxInWindow(starts, 60_000)).toBe(200);
    expect(starts[199]).toBe(0);
    expect(starts[200]).toBe(60_000);
  });

  it('keeps token requests under 10 per minute and identity calls under 5 per second', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });

    const starts = await sequential(pacer, clock, Array.from({ length: 11 }, () => token));

    expect(starts).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 60_000]);
  });

  it('does not pace routes without a limit', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep });

    const starts = await sequential(
      pacer,
      clock,
      Array.from({ length: 50 }, () => ({ service: 'events' as const, method: 'POST' as const, path: '/collect' })),
    );

    expect(starts.every((t) => t === 0)).toBe(true);
  });

  it('counts a request in flight until it finishes, then from its finish time', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep, marginMs: 0 });
    const held = [];
    for (let i = 0; i < 5; i += 1) held.push(await pacer.acquire(post('/x')));
    let granted = false;
    const sixth = pacer.acquire(post('/x')).then((permit) => {
      granted = true;
      return permit;
    });

    clock.advance(5000);
    await flush();
    expect(granted).toBe(false);

    held[0]?.release();
    const permit = await clock.run(sixth);
    expect(clock.now()).toBe(6000);
    permit.release();
    for (const p of held) p.release();
  });

  it('keeps concurrent requests with uneven latency under the limit in every server window', async () => {
    const clock = new FakeClock();
    const pacer = createCloudPacer({ now: clock.now, sleep: clock.sleep });
    let seed = 7;
    const nextRandom = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const arrivals: number[] = [];

    const worker = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        const permit = await pacer.acquire(post(`/organizations/o${i}/collections`));
        // The request reaches the server somewhere in its flight time, the reply comes later.
        const up = Math.floor(nextRandom() * 400);
        const down = Math.floor(nextRandom() * 400);
        await clock.sleep(up);
        arrivals.push(clock.now());
        await clock.sleep(down);
        permit.release();
      }
    };

    await clock.run(Promise.all(Array.from({ length: 8 }, () => worker(15))));

    expect(arrivals).toHaveLength(120);
    expect(maxInWindow(arrivals, 1000)).toBeLessThanOrEqual(5);
    expect(maxInWindow(arrivals, 60_000)).toBeLessThanOrEqual(60);
    for (const offset of [0, 137, 500, 999]) {
      expect(maxInFixedWindow(arrivals, 1000, offset)).toBeLessThanOrEqual(5);
    }
  });
});
