import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoFactorRequiredResponseSchema } from '../../../src/protocol/token.js';
import { listMail } from '../../../src/sandbox/store.js';
import { createHarness, login, passwordForm, registerUnitAccount, type Harness, type UnitAccount } from './harness.js';

let h: Harness;
let account: UnitAccount;
let accessToken: string;

beforeEach(async () => {
  h = createHarness();
  account = await registerUnitAccount(h, 'twofa@example.com');
  accessToken = (await login(h, account)).access_token;
  // enable e-mail 2FA the way the web vault does: send a setup code, confirm it
  const auth = { Authorization: `Bearer ${accessToken}` };
  const send = await h.postJson(
    '/api/two-factor/send-email',
    { masterPasswordHash: account.masterPasswordHash, email: 'twofa@example.com' },
    auth,
  );
  expect(send.status).toBe(200);
  const setup = lastToken('two-factor-email-setup');
  const enable = await h.fetch('/api/two-factor/email', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...auth },
    body: JSON.stringify({ masterPasswordHash: account.masterPasswordHash, email: 'twofa@example.com', token: setup }),
  });
  expect(enable.status).toBe(200);
  expect(await enable.json()).toEqual({ object: 'twoFactorEmail', enabled: true, email: 'twofa@example.com' });
});
afterEach(() => h.close());

function lastToken(template: string): string {
  const mails = listMail(h.store, { to: 'twofa@example.com' }).filter((m) => m.template === template);
  const token = mails.at(-1)?.token;
  if (token == null) throw new Error(`no ${template} mail`);
  return token;
}

async function attempt(extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const response = await h.postForm('/identity/connect/token', passwordForm(account, extra), headers);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What a current client does after the 2FA answer: ask for the e-mailed code. */
async function requestCode(): Promise<string> {
  const response = await h.postJson('/api/two-factor/send-email-login', {
    email: account.email,
    masterPasswordHash: account.masterPasswordHash,
  });
  expect(response.status).toBe(200);
  return lastToken('two-factor-email');
}

describe('two-step login by e-mail', () => {
  it('asks for the second factor; a current client then requests the code', async () => {
    const { status, body } = await attempt();
    expect(status).toBe(400);
    const parsed = twoFactorRequiredResponseSchema.parse(body);
    expect(parsed).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Two factor required.',
      TwoFactorProviders: ['1'],
      TwoFactorProviders2: { '1': { Email: 't***@example.com' } },
      Email: 'twofa@example.com',
    });
    expect(parsed.SsoEmail2faSessionToken).toBeTruthy();
    expect(() => lastToken('two-factor-email')).toThrow();
    expect(await requestCode()).toMatch(/^\d{6}$/);
  });

  it('mails the code with the 2FA answer to clients older than 2025.5.0', async () => {
    const { status } = await attempt({}, { 'Bitwarden-Client-Version': '2025.4.2' });
    expect(status).toBe(400);
    expect(lastToken('two-factor-email')).toMatch(/^\d{6}$/);
  });

  it('rejects a wrong code with the literal message and accepts the mailed code once', async () => {
    await attempt();
    const code = await requestCode();
    const wrong = await attempt({ twoFactorProvider: '1', twoFactorToken: code === '000000' ? '111111' : '000000' });
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', ErrorModel: { Message: 'Two-step token is invalid. Try again.' } },
    });
    const ok = await attempt({ twoFactorProvider: '1', twoFactorToken: code });
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveProperty('Key', account.protectedUserKey);
    expect(ok.body).not.toHaveProperty('TwoFactorToken');
    const reused = await attempt({ twoFactorProvider: '1', twoFactorToken: code });
    expect(reused.status).toBe(400);
  });

  it('expires codes after ten minutes', async () => {
    await attempt();
    const code = await requestCode();
    h.clock.advance(11 * 60 * 1000);
    expect((await attempt({ twoFactorProvider: '1', twoFactorToken: code })).status).toBe(400);
  });

  it('hands out a remember token that replaces the code on the same device', async () => {
    await attempt();
    const ok = await attempt({ twoFactorProvider: '1', twoFactorToken: await requestCode(), twoFactorRemember: '1' });
    const remember = String(ok.body.TwoFactorToken);
    expect(remember).toMatch(/^[0-9A-F]{64}$/);
    expect((await attempt({ twoFactorProvider: '5', twoFactorToken: remember })).status).toBe(200);
    const otherDevice = await attempt({
      twoFactorProvider: '5',
      twoFactorToken: remember,
      deviceIdentifier: randomUUID(),
    });
    expect(otherDevice.status).toBe(400);
    expect(otherDevice.body).toHaveProperty('TwoFactorProviders2');
  });

  it('sends another code through send-email-login (hash or session token)', async () => {
    const first = await attempt();
    const before = listMail(h.store, { to: 'twofa@example.com' }).length;
    const byHash = await h.postJson('/api/two-factor/send-email-login', {
      email: 'twofa@example.com',
      masterPasswordHash: account.masterPasswordHash,
    });
    expect(byHash.status).toBe(200);
    const bySession = await h.postJson('/api/two-factor/send-email-login', {
      email: 'twofa@example.com',
      ssoEmail2FaSessionToken: first.body.SsoEmail2faSessionToken,
    });
    expect(bySession.status).toBe(200);
    expect(listMail(h.store, { to: 'twofa@example.com' })).toHaveLength(before + 2);
    expect(before).toBe(1); // only the setup code so far: the 2FA answer itself mailed nothing
    const refused = await h.postJson('/api/two-factor/send-email-login', {
      email: 'twofa@example.com',
      masterPasswordHash: 'AAAA',
    });
    expect(refused.status).toBe(400);
  });

  it('is skipped by API-key logins', async () => {
    const key = await h.postJson(
      '/api/accounts/api-key',
      { masterPasswordHash: account.masterPasswordHash },
      { Authorization: `Bearer ${accessToken}` },
    );
    const { apiKey } = (await key.json()) as { apiKey: string };
    const user = h.store.users.findByEmail('twofa@example.com');
    const response = await h.postForm('/identity/connect/token', {
      grant_type: 'client_credentials',
      scope: 'api',
      client_id: `user.${user?.id}`,
      client_secret: apiKey,
      deviceType: '25',
      deviceIdentifier: randomUUID(),
      deviceName: 'linux',
    });
    expect(response.status).toBe(200);
  });

  it('shows in the profile and can be disabled', async () => {
    const profile = await h.get('/api/accounts/profile', accessToken);
    expect(await profile.json()).toMatchObject({ twoFactorEnabled: true });
    const list = await h.get('/api/two-factor', accessToken);
    expect(await list.json()).toEqual({
      object: 'list',
      data: [{ object: 'twoFactorProvider', enabled: true, type: 1 }],
      continuationToken: null,
    });
    const disable = await h.fetch('/api/two-factor/disable', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ masterPasswordHash: account.masterPasswordHash, type: 1 }),
    });
    expect(await disable.json()).toEqual({ object: 'twoFactorProvider', enabled: false, type: 1 });
    expect((await attempt()).status).toBe(200);
  });

  it('will not enable with a wrong setup code', async () => {
    const response = await h.fetch('/api/two-factor/email', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ masterPasswordHash: account.masterPasswordHash, email: 'other@example.com', token: '123456' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('new-device verification (opt-in)', () => {
  it('asks an unknown device for an e-mailed OTP when enabled', async () => {
    const strict = createHarness({ security: { newDeviceVerification: true } });
    try {
      const acct = await registerUnitAccount(strict, 'devices@example.com');
      await login(strict, acct); // first device is known from now on
      strict.clock.advance(25 * 60 * 60 * 1000); // accounts younger than a day are exempt
      const other = randomUUID();
      const first = await strict.postForm('/identity/connect/token', passwordForm(acct, { deviceIdentifier: other }));
      expect(first.status).toBe(400);
      expect(await first.json()).toMatchObject({
        error: 'device_error',
        ErrorModel: { Message: 'new device verification required' },
      });
      const otp = listMail(strict.store, { to: 'devices@example.com' }).at(-1)?.token ?? '';
      const bad = await strict.postForm(
        '/identity/connect/token',
        passwordForm(acct, { deviceIdentifier: other, newDeviceOtp: '000000' === otp ? '111111' : '000000' }),
      );
      expect(await bad.json()).toMatchObject({ ErrorModel: { Message: 'invalid new device otp' } });
      const ok = await strict.postForm('/identity/connect/token', passwordForm(acct, { deviceIdentifier: other, newDeviceOtp: otp }));
      expect(ok.status).toBe(200);
      // known devices are not asked again
      expect((await strict.postForm('/identity/connect/token', passwordForm(acct, { deviceIdentifier: other }))).status).toBe(200);
    } finally {
      strict.close();
    }
  });

  it('is off by default', async () => {
    h.clock.advance(25 * 60 * 60 * 1000);
    const user = h.store.users.findByEmail('twofa@example.com');
    h.store.users.setTwoFactorProviders(user?.id ?? '', null, h.clock.now().toISOString());
    expect((await attempt({ deviceIdentifier: randomUUID() })).status).toBe(200);
  });
});
