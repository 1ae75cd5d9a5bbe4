import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listMail } from '../../../src/sandbox/store.js';
import { createHarness, fakeAccountKeys, login, PBKDF2_DEFAULT, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function verificationToken(email: string): Promise<string> {
  const response = await h.postJson('/identity/accounts/register/send-verification-email', { email });
  expect(response.status).toBe(200);
  return (await response.json()) as string;
}

function nestedBody(email: string, token: string, keys = fakeAccountKeys(), kdf: Record<string, unknown> = PBKDF2_DEFAULT) {
  return {
    email,
    emailVerificationToken: token,
    masterPasswordAuthentication: { kdf, masterPasswordAuthenticationHash: keys.masterPasswordHash, salt: email },
    masterPasswordUnlock: { kdf, masterKeyWrappedUserKey: keys.protectedUserKey, salt: email },
    userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
  };
}

async function errorOf(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('registration', () => {
  it('registers with send-verification-email + register/finish and can log in', async () => {
    const keys = fakeAccountKeys();
    const token = await verificationToken('new@example.com');
    const finish = await h.postJson('/identity/accounts/register/finish', nestedBody('new@example.com', token, keys));
    expect(finish.status).toBe(200);
    expect(await finish.json()).toEqual({ object: 'registerFinish' });

    const user = h.store.users.findByEmail('new@example.com');
    expect(user).toMatchObject({ emailVerified: true, key: keys.protectedUserKey, publicKey: keys.publicKey, kdf: 0 });
    // the server keeps a salted slow hash, never the client's value
    expect(user?.masterPassword).toMatch(/^pbkdf2-sha256\$\d+\$/);
    expect(user?.masterPassword).not.toContain(keys.masterPasswordHash);
    await login(h, { email: 'new@example.com', masterPasswordHash: keys.masterPasswordHash });
  });

  it('accepts the legacy flat register/finish fields', async () => {
    const keys = fakeAccountKeys();
    const token = await verificationToken('flat@example.com');
    const response = await h.postJson('/identity/accounts/register/finish', {
      email: 'flat@example.com',
      emailVerificationToken: token,
      masterPasswordHash: keys.masterPasswordHash,
      userSymmetricKey: keys.protectedUserKey,
      kdf: 1,
      kdfIterations: 3,
      kdfMemory: 64,
      kdfParallelism: 4,
      userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
    });
    expect(response.status).toBe(200);
    expect(h.store.users.findByEmail('flat@example.com')).toMatchObject({ kdf: 1, kdfIterations: 3, kdfMemory: 64 });
  });

  it('serves the legacy /accounts/register route', async () => {
    const keys = fakeAccountKeys();
    const response = await h.postJson('/identity/accounts/register', {
      email: 'Legacy@Example.com',
      masterPasswordHash: keys.masterPasswordHash,
      key: keys.protectedUserKey,
      keys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
      kdf: 0,
      kdfIterations: 600000,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ object: 'register', captchaBypassToken: '' });
    expect(h.store.users.findByEmail('legacy@example.com')).toMatchObject({ emailVerified: false });
  });

  it.each([
    ['PBKDF2 below 600000', { kdfType: 0, iterations: 100000, memory: null, parallelism: null }, 'KdfIterations'],
    ['PBKDF2 above 2000000', { kdfType: 0, iterations: 2000001, memory: null, parallelism: null }, 'KdfIterations'],
    ['Argon2 one iteration', { kdfType: 1, iterations: 1, memory: 64, parallelism: 4 }, 'KdfIterations'],
    ['Argon2 15 MiB', { kdfType: 1, iterations: 3, memory: 15, parallelism: 4 }, 'KdfMemory'],
    ['Argon2 without memory', { kdfType: 1, iterations: 3, memory: null, parallelism: 4 }, 'KdfMemory'],
    ['Argon2 17 lanes', { kdfType: 1, iterations: 3, memory: 64, parallelism: 17 }, 'KdfParallelism'],
  ])('refuses a KDF out of range (%s)', async (_label, kdf, field) => {
    const token = await verificationToken('kdf@example.com');
    const { status, body } = await errorOf(
      await h.postJson('/identity/accounts/register/finish', nestedBody('kdf@example.com', token, undefined, kdf)),
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ object: 'error', message: 'The model state is invalid.' });
    expect(Object.keys(body.validationErrors as object)).toContain(field);
    expect(h.store.users.findByEmail('kdf@example.com')).toBeUndefined();
  });

  it('accepts the Argon2 floor of 16 MiB', async () => {
    const token = await verificationToken('argon@example.com');
    const kdf = { kdfType: 1, iterations: 2, memory: 16, parallelism: 1 };
    const response = await h.postJson('/identity/accounts/register/finish', nestedBody('argon@example.com', token, undefined, kdf));
    expect(response.status).toBe(200);
  });

  it('names every missing field in validationErrors', async () => {
    const { status, body } = await errorOf(await h.postJson('/identity/accounts/register/finish', { email: 'x@example.com' }));
    expect(status).toBe(400);
    expect(body.message).toBe('The model state is invalid.');
    expect(body.validationErrors).toHaveProperty('UserAsymmetricKeys');
  });

  it('requires key material in one of the two shapes', async () => {
    const keys = fakeAccountKeys();
    const token = await verificationToken('nokeys@example.com');
    const { status, body } = await errorOf(
      await h.postJson('/identity/accounts/register/finish', {
        email: 'nokeys@example.com',
        emailVerificationToken: token,
        userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
      }),
    );
    expect(status).toBe(400);
    expect(Object.keys(body.validationErrors as object)).toEqual(
      expect.arrayContaining(['MasterPasswordHash', 'UserSymmetricKey', 'Kdf', 'KdfIterations']),
    );
  });

  it('rejects malformed EncStrings', async () => {
    const token = await verificationToken('enc@example.com');
    const body = nestedBody('enc@example.com', token);
    body.masterPasswordUnlock.masterKeyWrappedUserKey = 'plaintext-user-key';
    const { status, body: error } = await errorOf(await h.postJson('/identity/accounts/register/finish', body));
    expect(status).toBe(400);
    expect(error.validationErrors).toHaveProperty(['MasterPasswordUnlock.MasterKeyWrappedUserKey']);
  });

  it('rejects a verification token for another address, a forged token and a salt that is not the e-mail', async () => {
    const token = await verificationToken('one@example.com');
    const other = await errorOf(await h.postJson('/identity/accounts/register/finish', nestedBody('two@example.com', token)));
    expect(other).toMatchObject({ status: 400, body: { message: 'Invalid email verification token.' } });

    const forged = await errorOf(
      await h.postJson('/identity/accounts/register/finish', nestedBody('one@example.com', token.slice(0, -3) + 'AAA')),
    );
    expect(forged.status).toBe(400);

    const body = nestedBody('one@example.com', token);
    body.masterPasswordAuthentication.salt = 'someone@example.com';
    body.masterPasswordUnlock.salt = 'someone@example.com';
    expect((await h.postJson('/identity/accounts/register/finish', body)).status).toBe(400);
  });

  it('expires the verification token', async () => {
    const token = await verificationToken('late@example.com');
    h.clock.advance(25 * 60 * 60 * 1000);
    const response = await h.postJson('/identity/accounts/register/finish', nestedBody('late@example.com', token));
    expect(response.status).toBe(400);
  });

  it('refuses a second account for the same e-mail', async () => {
    const token = await verificationToken('dup@example.com');
    expect((await h.postJson('/identity/accounts/register/finish', nestedBody('dup@example.com', token))).status).toBe(200);
    const again = await h.postJson('/identity/accounts/register/send-verification-email', { email: 'DUP@example.com' });
    expect(again.status).toBe(400);
    const replay = await h.postJson('/identity/accounts/register/finish', nestedBody('dup@example.com', token));
    expect(replay.status).toBe(400);
  });

  it('mails the token instead when e-mail verification is required', async () => {
    const strict = createHarness({ security: { emailVerificationRequired: true } });
    try {
      const response = await strict.postJson('/identity/accounts/register/send-verification-email', {
        email: 'Mailed@Example.com',
        name: 'Mailed',
      });
      expect(response.status).toBe(204);
      const [mail] = listMail(strict.store, { to: 'mailed@example.com' });
      expect(mail).toMatchObject({ template: 'register-verify-email', to: 'mailed@example.com' });
      expect(mail?.token).toBeTruthy();
      expect(mail?.text).toContain(encodeURIComponent(mail?.token ?? ''));
      const finish = await strict.postJson(
        '/identity/accounts/register/finish',
        nestedBody('mailed@example.com', mail?.token ?? ''),
      );
      expect(finish.status).toBe(200);
      // an existing address gets the same 204 and no mail
      const existing = await strict.postJson('/identity/accounts/register/send-verification-email', {
        email: 'mailed@example.com',
      });
      expect(existing.status).toBe(204);
      expect(listMail(strict.store, { to: 'mailed@example.com' })).toHaveLength(1);
    } finally {
      strict.close();
    }
  });
});
