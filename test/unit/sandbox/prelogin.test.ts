import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { preloginResponseSchema } from '../../../src/protocol/prelogin.js';
import { buildSandboxApp } from '../../../src/sandbox/app.js';
import { openStore } from '../../../src/sandbox/store.js';
import { BASE_URL, createHarness, registerUnitAccount, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function prelogin(email: string, path = '/identity/accounts/prelogin/password') {
  const response = await h.postJson(path, { email });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('prelogin', () => {
  it("answers a real account with its KDF in both shapes and the e-mail as salt", async () => {
    await registerUnitAccount(h, 'Alice@Example.com', { kdfType: 1, iterations: 3, memory: 64, parallelism: 4 });
    for (const path of ['/identity/accounts/prelogin', '/identity/accounts/prelogin/password']) {
      const { status, body } = await prelogin(' ALICE@example.com ', path);
      expect(status).toBe(200);
      expect(preloginResponseSchema.parse(body)).toEqual({
        kdf: 1,
        kdfIterations: 3,
        kdfMemory: 64,
        kdfParallelism: 4,
        kdfSettings: { kdfType: 1, iterations: 3, memory: 64, parallelism: 4 },
        salt: 'alice@example.com',
      });
    }
  });

  it('answers an unknown e-mail with a stable fake drawn from the official pool', async () => {
    const first = await prelogin('nobody@example.com');
    const second = await prelogin('NOBODY@example.com');
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const pool = [
      '0/600000/null/null',
      '0/100000/null/null',
      '0/5000/null/null',
      '1/3/64/4',
      '1/6/32/4',
    ];
    const seen = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      const { body } = await prelogin(`ghost${i}@example.com`);
      const kdf = preloginResponseSchema.parse(body).kdfSettings;
      const key = `${kdf.kdfType}/${kdf.iterations}/${kdf.memory ?? null}/${kdf.parallelism ?? null}`;
      expect(pool).toContain(key);
      expect([null, `ghost${i}@example.com`]).toContain(body.salt);
      seen.add(key);
    }
    expect(seen.size).toBeGreaterThan(2);
  });

  it('gives the same fake answer after a restart on the same data', async () => {
    const before = await prelogin('stable@example.com');
    const reopened = openStore({ dataDir: h.dataDir });
    try {
      const { app } = buildSandboxApp({ store: reopened, baseUrl: BASE_URL });
      const response = await app.request(`${BASE_URL}/identity/accounts/prelogin/password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'stable@example.com' }),
      });
      expect(await response.json()).toEqual(before.body);
    } finally {
      reopened.close();
    }
  });

  it('rejects a malformed e-mail with the model-state error body', async () => {
    const { status, body } = await prelogin('not-an-email');
    expect(status).toBe(400);
    expect(body).toMatchObject({ object: 'error', message: 'The model state is invalid.' });
    expect(body.validationErrors).toHaveProperty('Email');
  });

  it('rejects an empty body', async () => {
    const response = await h.fetch('/identity/accounts/prelogin/password', { method: 'POST' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ validationErrors: { '': ['Body is empty.'] } });
  });
});
