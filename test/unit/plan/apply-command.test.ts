import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientOnboardRun, parseConcurrency } from '../../../src/commands/client/onboard.js';
import type { Deps } from '../../../src/deps.js';
import { UsageError } from '../../../src/errors.js';
import { PlanError } from '../../../src/plan/load.js';
import { mapPool } from '../../../src/plan/pool.js';

/** Deps that fail the test if anything (config, server, output) is touched. */
const untouchable = new Proxy({} as Deps, {
  get(_, key) {
    throw new Error(`deps.${String(key)} was used`);
  },
});

const options = { plan: [] as string[], dryRun: false, concurrency: 4 };

describe('client onboard: checks before anything is sent', () => {
  it('needs exactly one of --plan and --plans', async () => {
    await expect(clientOnboardRun(options, untouchable)).rejects.toThrow(/pass --plan FILE \(one client\) or --plans DIR/);
    await expect(clientOnboardRun({ ...options, plan: ['a.yaml'], plans: 'dir' }, untouchable)).rejects.toBeInstanceOf(UsageError);
  });

  it('a plan that does not load is an input error (exit 2) naming file:line:column, with no deps used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-onboard-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nclient:\n  name: X\n  ownerEmail: nope\n  plan: teams\n  seats: 1\n');
    const error = await clientOnboardRun({ ...options, plan: [file] }, untouchable).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).exitCode).toBe(2);
    expect((error as PlanError).message).toContain(`${file}:4:15: client.ownerEmail: must be an e-mail address`);
  });

  it('checks --concurrency', () => {
    expect(parseConcurrency('2')).toBe(2);
    expect(parseConcurrency(undefined)).toBe(4);
    expect(() => parseConcurrency('0')).toThrow('--concurrency 0: use a whole number from 1 to 32');
    expect(() => parseConcurrency('many')).toThrow(UsageError);
  });
});

describe('mapPool', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapPool([30, 10, 20, 5, 15], 2, async (ms, i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });
});
