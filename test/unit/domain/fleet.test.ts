import { describe, expect, it } from 'vitest';
import { PartialFailureError } from '../../../src/errors.js';
import { fleetFailure, parseConcurrency, runFleet, type FleetClient } from '../../../src/domain/fleet.js';

const clients: FleetClient[] = Array.from({ length: 10 }, (_, i) => ({ id: `org-${i}`, name: `Client ${String(i).padStart(2, '0')}` }));

function deferredOp(delays: Record<string, number>, fail: Set<string> = new Set()) {
  let inFlight = 0;
  let peak = 0;
  const started: string[] = [];
  const op = async (c: FleetClient) => {
    started.push(c.id);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, delays[c.id] ?? 5));
    inFlight -= 1;
    if (fail.has(c.id)) throw new Error(`boom in ${c.name}\nsecond line`);
    return c.id === 'org-3' ? { result: 'skipped' as const, detail: 'already enabled' } : { detail: 'enabled' };
  };
  return { op, peak: () => peak, started };
}

describe('runFleet', () => {
  it.each([1, 2, 4, 16])('never runs more than %i clients at once', async (concurrency) => {
    const { op, peak } = deferredOp({ 'org-0': 20, 'org-1': 1, 'org-5': 15 });
    const rows = await runFleet(clients, op, { concurrency });
    expect(peak()).toBe(Math.min(concurrency, clients.length));
    expect(rows).toHaveLength(clients.length);
  });

  it('returns rows in client order whatever finishes first, with skipped and ok results', async () => {
    const { op } = deferredOp({ 'org-0': 30, 'org-9': 1 });
    const rows = await runFleet(clients, op, { concurrency: 4 });
    expect(rows.map((r) => r.clientId)).toEqual(clients.map((c) => c.id));
    expect(rows[3]).toEqual({ client: 'Client 03', clientId: 'org-3', result: 'skipped', detail: 'already enabled' });
    expect(rows[0]).toEqual({ client: 'Client 00', clientId: 'org-0', result: 'ok', detail: 'enabled' });
  });

  it("records a client's failure with the first line of its error and keeps going", async () => {
    const { op } = deferredOp({}, new Set(['org-2', 'org-7']));
    const rows = await runFleet(clients, op, { concurrency: 3 });
    expect(rows.filter((r) => r.result === 'failed')).toEqual([
      { client: 'Client 02', clientId: 'org-2', result: 'failed', detail: 'boom in Client 02' },
      { client: 'Client 07', clientId: 'org-7', result: 'failed', detail: 'boom in Client 07' },
    ]);
    expect(rows.filter((r) => r.result !== 'failed')).toHaveLength(8);
  });

  it('reports progress for each client', async () => {
    const { op } = deferredOp({});
    const startedNames: string[] = [];
    const done: string[] = [];
    await runFleet(clients.slice(0, 3), op, { onStart: (c) => startedNames.push(c.name), onDone: (r) => done.push(`${r.client}:${r.result}`) });
    expect(startedNames).toEqual(['Client 00', 'Client 01', 'Client 02']);
    expect(done.sort()).toEqual(['Client 00:ok', 'Client 01:ok', 'Client 02:ok']);
  });

  it('does nothing for a provider without clients', async () => {
    expect(await runFleet([], async () => ({ detail: 'x' }))).toEqual([]);
  });
});

describe('fleetFailure', () => {
  it('is undefined when no client failed', () => {
    expect(fleetFailure([{ client: 'A', clientId: 'a', result: 'ok', detail: '' }, { client: 'B', clientId: 'b', result: 'skipped', detail: '' }], 'policy enable')).toBeUndefined();
  });

  it('names the failed clients in an exit-3 error', () => {
    const error = fleetFailure(
      [
        { client: 'Contoso', clientId: 'a', result: 'failed', detail: 'SingleOrg must be enabled first' },
        { client: 'Fabrikam', clientId: 'b', result: 'ok', detail: 'enabled' },
        { client: 'Northwind', clientId: 'c', result: 'failed', detail: 'HTTP 500' },
      ],
      'policy enable',
    );
    expect(error).toBeInstanceOf(PartialFailureError);
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toBe('policy enable failed for 2 of 3 clients: Contoso, Northwind');
    expect(error?.failures).toEqual([
      { item: 'Contoso', error: 'SingleOrg must be enabled first' },
      { item: 'Northwind', error: 'HTTP 500' },
    ]);
  });
});

describe('parseConcurrency', () => {
  it.each([
    [undefined, 4],
    ['1', 1],
    ['16', 16],
  ])('%s → %i', (value, expected) => expect(parseConcurrency(value)).toBe(expected));

  it.each(['0', '17', '2.5', 'many'])('refuses %s naming the flag', (value) => {
    expect(() => parseConcurrency(value)).toThrow(`--concurrency ${value}: use a whole number from 1 to 16`);
  });
});
