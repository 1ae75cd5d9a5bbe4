import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bareTokenResponseSchema, tokenSuccessResponseSchema } from '../../../src/protocol/token.js';
import {
  createHarness,
  decodeJwt,
  login,
  passwordForm,
  registerUnitAccount,
  type Harness,
  type UnitAccount,
} from './harness.js';

let h: Harness;
let account: UnitAccount;
beforeEach(async () => {
  h = createHarness();
  account = await registerUnitAccount(h, 'owner@example.com');
});
afterEach(() => h.close());

async function token(form: Record<string, string>, headers?: Record<string, string>) {
  const response = await h.postForm('/identity/connect/token', form, headers);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function apiKeyOf(accessToken: string): Promise<string> {
  const response = await h.postJson('/api/accounts/api-key', { masterPasswordHash: account.masterPasswordHash }, {
    Authorization: `Bearer ${accessToken}`,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { apiKey: string }).apiKey;
}

describe('password grant', () => {
  it('returns the token response the official CLI needs', async () => {
    const { status, body, headers } = await token(passwordForm(account));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toContain('no-store');
    const parsed = tokenSuccessResponseSchema.parse(body);
    expect(parsed).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'api offline_access',
      Key: account.protectedUserKey,
      PrivateKey: account.encryptedPrivateKey,
      Kdf: 0,
      KdfIterations: 600000,
      KdfMemory: null,
      KdfParallelism: null,
      ForcePasswordReset: false,
      ResetMasterPassword: false,
      MasterPasswordPolicy: { Object: 'masterPasswordPolicy' },
      AccountKeys: {
        publicKeyEncryptionKeyPair: { wrappedPrivateKey: account.encryptedPrivateKey, publicKey: account.publicKey },
        signatureKeyPair: null,
        securityState: null,
      },
      UserDecryptionOptions: {
        HasMasterPassword: true,
        MasterPasswordUnlock: {
          Kdf: { KdfType: 0, Iterations: 600000, Memory: null, Parallelism: null },
          MasterKeyEncryptedUserKey: account.protectedUserKey,
          Salt: 'owner@example.com',
        },
      },
    });
    expect(parsed.refresh_token).toMatch(/^[0-9A-F]{64}$/);
  });

  it('issues a JWT with the official claims and a one-hour lifetime', async () => {
    const body = await login(h, account);
    const user = h.store.users.findByEmail('owner@example.com');
    expect(body.access_token.split('.')).toHaveLength(3);
    const claims = decodeJwt(body.access_token);
    const now = Math.floor(h.clock.now().getTime() / 1000);
    expect(claims).toMatchObject({
      sub: user?.id,
      email: 'owner@example.com',
      email_verified: true,
      premium: false,
      sstamp: user?.securityStamp,
      client_id: 'cli',
      device: 'b8f3c3a0-1111-4222-8333-944445555666',
      devicetype: 'LinuxCLI',
      idp: 'bitwarden',
      amr: ['Application'],
      scope: ['api', 'offline_access'],
      iss: 'https://127.0.0.1:8443',
      nbf: now,
      iat: now,
      exp: now + 3600,
      name: 'Unit',
    });
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await token(passwordForm(account, { password: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }));
    const unknown = await token(passwordForm({ email: 'ghost@example.com', masterPasswordHash: account.masterPasswordHash }));
    const expected = {
      error: 'invalid_grant',
      ErrorModel: { Message: 'Username or password is incorrect. Try again.', Object: 'error' },
    };
    expect(wrong).toMatchObject({ status: 400, body: expected });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('requires device information and the client version header', async () => {
    const { deviceName: _omit, ...withoutDevice } = passwordForm(account);
    expect(await token(withoutDevice)).toMatchObject({
      status: 400,
      body: { error: 'device_error', ErrorModel: { Message: 'no device information provided' } },
    });
    const noVersion = await h.fetch('/identity/connect/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(passwordForm(account)).toString(),
    });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ error: 'version_header_missing' });
  });

  it('refuses unknown clients, scopes and grant types', async () => {
    expect(await token(passwordForm(account, { client_id: 'evil' }))).toMatchObject({
      status: 400,
      body: { error: 'invalid_client' },
    });
    expect(await token(passwordForm(account, { scope: 'api api.organization' }))).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await token({ grant_type: 'authorization_code' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
  });

  it('binds form fields case-insensitively', async () => {
    const form = Object.fromEntries(Object.entries(passwordForm(account)).map(([k, v]) => [k.toLowerCase(), v]));
    expect((await token(form)).status).toBe(200);
  });

  it('records the device and a login event', async () => {
    await login(h, account);
    const user = h.store.users.findByEmail('owner@example.com');
    expect(h.store.devices.listForUser(user?.id ?? '')).toMatchObject([
      { identifier: 'b8f3c3a0-1111-4222-8333-944445555666', type: 25, name: 'linux' },
    ]);
    const events = h.store.events.list({ userId: user?.id, start: '2000-01-01', end: '2100-01-01', limit: 10 });
    expect(events.map((e) => e.type)).toContain(1000);
  });
});

describe('refresh_token grant', () => {
  it('rotates: the new handle works once, the old one is dead', async () => {
    const first = await login(h, account);
    const refreshed = await token({ grant_type: 'refresh_token', client_id: 'cli', refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    const body = bareTokenResponseSchema.parse(refreshed.body);
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body).not.toHaveProperty('Key');
    expect(decodeJwt(body.access_token)).toMatchObject({ client_id: 'cli', email: 'owner@example.com' });

    const replay = await token({ grant_type: 'refresh_token', client_id: 'cli', refresh_token: first.refresh_token });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const next = await token({ grant_type: 'refresh_token', client_id: 'cli', refresh_token: body.refresh_token ?? '' });
    expect(next.status).toBe(200);
  });

  it('refuses another client id, an unknown handle and an expired grant', async () => {
    const first = await login(h, account);
    expect(
      await token({ grant_type: 'refresh_token', client_id: 'web', refresh_token: first.refresh_token }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'refresh_token', refresh_token: 'ABC' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    h.clock.advance(31 * 86_400_000);
    expect(
      await token({ grant_type: 'refresh_token', client_id: 'cli', refresh_token: first.refresh_token }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('access tokens', () => {
  it('are accepted until they expire', async () => {
    const { access_token } = await login(h, account);
    expect((await h.get('/api/accounts/revision-date', access_token)).status).toBe(200);
    h.clock.advance(3599_000);
    expect((await h.get('/api/accounts/revision-date', access_token)).status).toBe(200);
    h.clock.advance(2_000);
    const expired = await h.get('/api/accounts/revision-date', access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await expired.text()).toBe('');
  });

  it('are refused when tampered with', async () => {
    const { access_token } = await login(h, account);
    const [head, payload, sig] = access_token.split('.') as [string, string, string];
    const claims = { ...decodeJwt(access_token), sub: randomUUID() };
    const forged = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    expect((await h.get('/api/sync', forged)).status).toBe(401);
    expect((await h.get('/api/sync', `${head}.${payload}.${sig}`)).status).toBe(200);
    expect((await h.get('/api/sync')).status).toBe(401);
  });
});

describe('client_credentials grant', () => {
  it('logs in with the personal API key and returns the key material without a refresh token', async () => {
    const { access_token } = await login(h, account);
    const secret = await apiKeyOf(access_token);
    expect(secret).toMatch(/^[A-Za-z0-9]{30}$/);
    const user = h.store.users.findByEmail('owner@example.com');
    const form = {
      grant_type: 'client_credentials',
      scope: 'api',
      client_id: `user.${user?.id}`,
      client_secret: secret,
      deviceType: '25',
      deviceIdentifier: randomUUID(),
      deviceName: 'linux',
    };
    const { status, body } = await token(form);
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('refresh_token');
    expect(tokenSuccessResponseSchema.parse(body)).toMatchObject({
      scope: 'api',
      Key: account.protectedUserKey,
      Kdf: 0,
      KdfIterations: 600000,
      UserDecryptionOptions: { MasterPasswordUnlock: { Salt: 'owner@example.com' } },
    });
    expect(decodeJwt(String(body.access_token))).toMatchObject({ client_id: `user.${user?.id}`, scope: ['api'] });

    expect(await token({ ...form, client_secret: 'wrong' })).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    expect(await token({ ...form, client_id: `user.${randomUUID()}` })).toMatchObject({
      status: 400,
      body: { error: 'invalid_client' },
    });
    expect(await token({ ...form, scope: 'api offline_access' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
  });

  it('stops accepting a rotated API key', async () => {
    const { access_token } = await login(h, account);
    const old = await apiKeyOf(access_token);
    const rotated = await h.postJson(
      '/api/accounts/rotate-api-key',
      { masterPasswordHash: account.masterPasswordHash },
      { Authorization: `Bearer ${access_token}` },
    );
    const fresh = ((await rotated.json()) as { apiKey: string }).apiKey;
    expect(fresh).not.toBe(old);
    const user = h.store.users.findByEmail('owner@example.com');
    const form = (secret: string) => ({
      grant_type: 'client_credentials',
      client_id: `user.${user?.id}`,
      client_secret: secret,
      deviceType: '25',
      deviceIdentifier: randomUUID(),
      deviceName: 'linux',
    });
    expect((await token(form(old))).status).toBe(400);
    expect((await token(form(fresh))).status).toBe(200);
  });

  it('logs in an organization API key with scope api.organization', async () => {
    const now = h.clock.now().toISOString();
    const org = h.store.organizations.insert({
      id: randomUUID(),
      name: 'Org',
      billingEmail: 'b@example.com',
      plan: 'Enterprise (Annually)',
      planType: 20,
      useApi: true,
      creationDate: now,
    });
    h.store.organizations.upsertApiKey({ id: randomUUID(), organizationId: org.id, type: 0, apiKey: 'orgsecret', revisionDate: now });
    const form = {
      grant_type: 'client_credentials',
      scope: 'api.organization',
      client_id: `organization.${org.id}`,
      client_secret: 'orgsecret',
    };
    const { status, body } = await token(form);
    expect(status).toBe(200);
    expect(bareTokenResponseSchema.parse(body)).toMatchObject({ scope: 'api.organization', token_type: 'Bearer' });
    expect(body).not.toHaveProperty('Key');
    const claims = decodeJwt(String(body.access_token));
    expect(claims).toMatchObject({ client_id: `organization.${org.id}`, client_sub: org.id, scope: ['api.organization'] });
    expect(claims).not.toHaveProperty('sub');
    // an org token is not a user token
    // An authenticated org token fails the private routes' `Application` policy: 403 (src/Api/Startup.cs).
    expect((await h.get('/api/sync', String(body.access_token))).status).toBe(403);
    expect(await token({ ...form, client_secret: 'nope' })).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });

  it('refuses the organization API key when the org cannot use the API', async () => {
    const now = h.clock.now().toISOString();
    const org = h.store.organizations.insert({
      id: randomUUID(),
      name: 'Free',
      billingEmail: 'b@example.com',
      plan: 'Free',
      planType: 0,
      creationDate: now,
    });
    h.store.organizations.upsertApiKey({ id: randomUUID(), organizationId: org.id, type: 0, apiKey: 'orgsecret', revisionDate: now });
    const result = await token({
      grant_type: 'client_credentials',
      client_id: `organization.${org.id}`,
      client_secret: 'orgsecret',
    });
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });
});
