/**
 * Issue 8 item 2: the same generated plan applied while bwmsp is killed (SIGKILL) at 20 distinct
 * points spread over the run, counted in HTTP responses (BWMSP_TEST_KILL_AFTER_REQUESTS: the process
 * dies the moment the N-th response has arrived, before it acts on it — the server did the work,
 * bwmsp never learnt it). Each kill point onboards its own client (fresh name, same plan shape);
 * re-running the same command converges, and the end state is exactly the plan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan, type GeneratedPlan } from '../helpers/plan-generator.js';
import { endStateDifferences, readEndState } from './plan-end-state.js';
import { setUpProvider, startWorld, type Actor, type World } from './provider-world.js';

const KILL_POINTS = 20;
const SIZES = { members: 60, collections: 8, groups: 4 };

let world: World;
let admin: Actor;
let providerId: string;
/** HTTP requests of one uninterrupted run of the plan. */
let fullRun = 0;

function planFor(name: string): { plan: GeneratedPlan; file: string } {
  const plan = generatePlan({ name, ...SIZES });
  const file = join(mkdtempSync(join(tmpdir(), 'bwmsp-crash-')), 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return { plan, file };
}

function onboard(file: string, env: Record<string, string> = {}) {
  return admin.cli.run(['client', 'onboard', '--plan', file, '--yes'], { env: { BWMSP_SESSION: admin.sessionKey, ...env } });
}

beforeAll(async () => {
  world = await startWorld();
  admin = await world.actor(world.account('provider-admin'));
  providerId = (await setUpProvider(world, admin, 'Acme MSP')).id;
  // One uninterrupted run measures how many requests the plan takes.
  const { plan, file } = planFor('Crash Reference');
  const before = world.sandbox.stats().requests;
  const r = await onboard(file);
  expect(r.exitCode, r.stderr).toBe(0);
  fullRun = world.sandbox.stats().requests - before;
  // Enough requests for distinct kill points.
  expect(fullRun).toBeGreaterThanOrEqual(KILL_POINTS);
  expect(endStateDifferences(plan, await readEndState(admin, plan.client.name))).toEqual([]);
});
afterAll(async () => {
  await world?.close();
});

describe('client onboard killed mid-run', () => {
  // Spread evenly from the first response to the last one of the run; independent clients, so a few at once.
  const points = Array.from({ length: KILL_POINTS }, (_, i) => i);
  it.concurrent.each(points)('kill point %i of ' + KILL_POINTS + ': re-running converges to exactly the plan', async (i) => {
    const killAt = 1 + Math.round((i * (fullRun - 1)) / (KILL_POINTS - 1));
    const { plan, file } = planFor(`Crash ${String(i + 1).padStart(2, '0')}`);
    const killed = await onboard(file, { BWMSP_TEST_KILL_AFTER_REQUESTS: String(killAt) });
    expect(killed.exitCode, `killed after response ${killAt}: ${killed.stderr.slice(-500)}`).toBe(-1);

    const resumed = await onboard(file);
    expect(resumed.exitCode, `after a kill at response ${killAt}: ${resumed.stderr.slice(-2000)}`).toBe(0);
    // One client of that name (organization names are plain text in the store).
    const clients = world.sandbox.store.providerOrganizations.listDetails(providerId).filter((c) => c.organizationName === plan.client.name);
    expect(clients).toHaveLength(1);
    const state = await readEndState(admin, plan.client.name);
    expect(endStateDifferences(plan, state), `kill at response ${killAt}`).toEqual([]);
  });
});
