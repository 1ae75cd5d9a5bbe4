import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, passwordForm, registerUnitAccount, type Harness, type UnitAccount } from './harness.js';

let h: Harness;
let account: UnitAccount;
beforeEach(async () => {
  h = createHarness({ security: { loginThrottle: { maxFailures: 3, windowSeconds: 300 } } });
  account = await registerUnitAccount(h, 'target@example.com');
});
afterEach(() => h.close());

const WRONG = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

async function attempt(password: string, email = account.email) {
  const response = await h.postForm('/identity/connect/token', passwordForm({ email, masterPasswordHash: password }));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('failed-login throttling', () => {
  it('locks the e-mail out with 429 after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) expect((await attempt(WRONG)).status).toBe(400);
    const locked = await attempt(account.masterPasswordHash);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ object: 'error', message: expect.stringMatching(/^Slow down! Too many requests/) });
  });

  it('unlocks when the window has passed', async () => {
    for (let i = 0; i < 3; i += 1) await attempt(WRONG);
    h.clock.advance(301_000);
    expect((await attempt(account.masterPasswordHash)).status).toBe(200);
  });

  it('throttles unknown e-mails the same way', async () => {
    for (let i = 0; i < 3; i += 1) expect((await attempt(WRONG, 'ghost@example.com')).status).toBe(400);
    expect((await attempt(WRONG, 'ghost@example.com')).status).toBe(429);
    // another e-mail from the same client is unaffected
    expect((await attempt(account.masterPasswordHash)).status).toBe(200);
  });

  it('forgets earlier failures after a successful login', async () => {
    await attempt(WRONG);
    await attempt(WRONG);
    expect((await attempt(account.masterPasswordHash)).status).toBe(200);
    await attempt(WRONG);
    await attempt(WRONG);
    expect((await attempt(account.masterPasswordHash)).status).toBe(200);
  });

  it('counts failures per window', async () => {
    await attempt(WRONG);
    await attempt(WRONG);
    h.clock.advance(301_000);
    await attempt(WRONG);
    expect((await attempt(account.masterPasswordHash)).status).toBe(200);
  });
});
