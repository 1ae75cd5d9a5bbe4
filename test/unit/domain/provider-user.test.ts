import { describe, expect, it } from 'vitest';
import { decapsulateSymmetricKey, fingerprintPhraseString, generateRsaKeyPair } from '../../../src/crypto/index.js';
import { AuthError } from '../../../src/errors.js';
import { batches, confirmUsers, inviteUsers, normalizeEmails, reinviteUsers, removeUsers, setUsersRole } from '../../../src/domain/provider-user.js';
import { apiAuthError, apiError, fakeApi, fakeContext, membership, PROVIDER_ID } from './provider-fake-api.js';

const USERS = `GET /providers/${PROVIDER_ID}/users`;
const list = (rows: unknown[]) => ({ object: 'list', data: rows, continuationToken: null });
const pu = (n: number, email: string, type: number, status: number, userId: string | null = `u-${n}`) => ({ id: `pu-${n}`, userId, email, name: null, type, status });

describe('normalizeEmails and batches', () => {
  it('lower-cases, trims and de-duplicates, refusing what is not an address', () => {
    expect(normalizeEmails([' Ana@MSP.example', 'ana@msp.example', 'bo@msp.example'])).toEqual(['ana@msp.example', 'bo@msp.example']);
    expect(() => normalizeEmails(['ana@msp.example', 'not-an-email'])).toThrow("'not-an-email' is not an e-mail address");
  });

  it('splits into runs of at most 20', () => {
    expect(batches(Array.from({ length: 45 }, (_, i) => i), 20).map((b) => b.length)).toEqual([20, 20, 5]);
    expect(batches([], 20)).toEqual([]);
  });
});

describe('inviteUsers', () => {
  it('invites in batches of 20, skips people already in the provider, and reports ids', async () => {
    const emails = Array.from({ length: 45 }, (_, i) => `tech${i}@msp.example`);
    const { api, calls } = fakeApi({
      [USERS]: (_json, n) => list(n === 0 ? [pu(1, 'tech3@msp.example', 1, 2)] : emails.map((e, i) => pu(i + 100, e, 1, 0, null))),
      [`POST /providers/${PROVIDER_ID}/users/invite`]: () => undefined,
    });
    const results = await inviteUsers(fakeContext(api), emails, 'service-user');
    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.json as { emails: string[]; type: number });
    expect(posts.map((p) => p.emails.length)).toEqual([20, 20, 4]);
    expect(posts.every((p) => p.type === 1)).toBe(true);
    expect(posts.flatMap((p) => p.emails)).not.toContain('tech3@msp.example');
    expect(results).toHaveLength(45);
    expect(results[3]).toMatchObject({ email: 'tech3@msp.example', result: 'skipped', detail: 'already in the provider (confirmed, service-user)' });
    expect(results[0]).toMatchObject({ email: 'tech0@msp.example', result: 'invited', id: 'pu-100' });
  });

  it('marks a failed batch failed and keeps going with the next', async () => {
    const emails = Array.from({ length: 25 }, (_, i) => `t${i}@msp.example`);
    const { api } = fakeApi({
      [USERS]: () => list([]),
      [`POST /providers/${PROVIDER_ID}/users/invite`]: (_json, n) => {
        if (n === 0) throw apiError(400, 'POST', `/providers/${PROVIDER_ID}/users/invite`, 'Seat limit reached.');
      },
    });
    const results = await inviteUsers(fakeContext(api), emails, 'admin');
    expect(results.filter((r) => r.result === 'failed')).toHaveLength(20);
    expect(results.filter((r) => r.result === 'invited')).toHaveLength(5);
    expect(results[0]?.detail).toBe('Seat limit reached.');
  });

  it('refuses service users clearly, sending nothing more', async () => {
    const { api } = fakeApi({ [USERS]: () => { throw apiAuthError(403, 'GET', `/providers/${PROVIDER_ID}/users`); } });
    const error = await inviteUsers(fakeContext(api, { membership: membership({ role: 'service-user' }) }), ['a@msp.example'], 'admin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toBe('listing provider users needs the Provider Admin role; you are a Service User of Acme MSP');
  });
});

describe('confirmUsers', () => {
  const ana = generateRsaKeyPair();
  const bo = generateRsaKeyPair();

  function world(confirmAnswer: (json: unknown) => unknown = (json) => list((json as { keys: { id: string }[] }).keys.map((k) => ({ id: k.id, error: '' })))) {
    return fakeApi({
      [USERS]: () => list([pu(1, 'ana@msp.example', 1, 1, 'aaaaaaaa-0000-4000-8000-000000000001'), pu(2, 'bo@msp.example', 0, 1, 'bbbbbbbb-0000-4000-8000-000000000002'), pu(3, 'cy@msp.example', 1, 0, null), pu(4, 'di@msp.example', 1, 2)]),
      [`POST /providers/${PROVIDER_ID}/users/public-keys`]: () =>
        list([
          { id: 'pu-1', userId: 'aaaaaaaa-0000-4000-8000-000000000001', key: ana.publicKey },
          { id: 'pu-2', userId: 'bbbbbbbb-0000-4000-8000-000000000002', key: bo.publicKey },
        ]),
      [`POST /providers/${PROVIDER_ID}/users/confirm`]: confirmAnswer,
    });
  }

  it("wraps the provider key to each accepted user's public key and reports fingerprint phrases", async () => {
    const { api, calls } = world();
    const ctx = fakeContext(api);
    const results = await confirmUsers(ctx, { refs: [], allAccepted: true });
    const body = calls.find((c) => c.path.endsWith('/users/confirm'))?.json as { keys: { id: string; key: string }[] };
    expect(body.keys.map((k) => k.id)).toEqual(['pu-1', 'pu-2']);
    expect(body.keys[0]?.key).toMatch(/^4\./);
    expect(decapsulateSymmetricKey(body.keys[0]?.key ?? '', ana.privateKey).equals(ctx.providerKey)).toBe(true);
    expect(decapsulateSymmetricKey(body.keys[1]?.key ?? '', bo.privateKey).equals(ctx.providerKey)).toBe(true);
    expect(results.map((r) => [r.email, r.result])).toEqual([
      ['ana@msp.example', 'confirmed'],
      ['bo@msp.example', 'confirmed'],
    ]);
    expect(results[0]?.fingerprint).toBe(fingerprintPhraseString('aaaaaaaa-0000-4000-8000-000000000001', ana.publicKey));
  });

  it('skips confirmed users, fails invited and unknown ones, and skips a phrase the admin rejects', async () => {
    const { api, calls } = world();
    const results = await confirmUsers(fakeContext(api), {
      refs: ['ana@msp.example', 'BO@msp.example', 'cy@msp.example', 'di@msp.example', 'nobody@msp.example'],
      allAccepted: false,
      verify: async (user) => user.email === 'ana@msp.example',
    });
    expect(results.map((r) => [r.item, r.result, r.detail])).toEqual([
      ['ana@msp.example', 'confirmed', 'confirmed as service-user'],
      ['BO@msp.example', 'skipped', 'fingerprint phrase not confirmed'],
      ['cy@msp.example', 'failed', 'has not accepted the invitation yet'],
      ['di@msp.example', 'skipped', 'already confirmed'],
      ['nobody@msp.example', 'failed', 'not a user of this provider'],
    ]);
    const body = calls.find((c) => c.path.endsWith('/users/confirm'))?.json as { keys: { id: string }[] };
    expect(body.keys.map((k) => k.id)).toEqual(['pu-1']);
  });

  it("reports the server's per-user errors", async () => {
    const { api } = world(() => list([{ id: 'pu-1', error: '' }, { id: 'pu-2', error: 'Invalid user.' }]));
    const results = await confirmUsers(fakeContext(api), { refs: [], allAccepted: true });
    expect(results.map((r) => [r.email, r.result, r.detail])).toEqual([
      ['ana@msp.example', 'confirmed', 'confirmed as service-user'],
      ['bo@msp.example', 'failed', 'Invalid user.'],
    ]);
  });

  it('sends nothing when nobody waits for confirmation', async () => {
    const { api, calls } = fakeApi({ [USERS]: () => list([pu(4, 'di@msp.example', 1, 2)]) });
    expect(await confirmUsers(fakeContext(api), { refs: [], allAccepted: true })).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});

describe('reinvite, remove and set-role', () => {
  const users = () => list([pu(1, 'ana@msp.example', 0, 2), pu(2, 'bo@msp.example', 1, 0, null), pu(3, 'cy@msp.example', 1, 2)]);

  it('reinvites only invited users', async () => {
    const { api, calls } = fakeApi({ [USERS]: users, [`POST /providers/${PROVIDER_ID}/users/reinvite`]: () => list([{ id: 'pu-2', error: '' }]) });
    const results = await reinviteUsers(fakeContext(api), ['bo@msp.example', 'cy@msp.example']);
    expect(results.map((r) => [r.item, r.result])).toEqual([
      ['bo@msp.example', 'reinvited'],
      ['cy@msp.example', 'skipped'],
    ]);
    expect(calls.find((c) => c.method === 'POST')?.json).toEqual({ ids: ['pu-2'] });
  });

  it("removes in one bulk call, surfacing the server's refusals per user, and skips users already gone", async () => {
    const { api, calls } = fakeApi({
      [USERS]: users,
      [`DELETE /providers/${PROVIDER_ID}/users`]: () => list([{ id: 'pu-1', error: 'You cannot remove yourself.' }, { id: 'pu-3', error: '' }]),
    });
    const results = await removeUsers(fakeContext(api), ['ana@msp.example', 'cy@msp.example', 'gone@msp.example']);
    expect(results.map((r) => [r.item, r.result, r.detail])).toEqual([
      ['ana@msp.example', 'failed', 'You cannot remove yourself.'],
      ['cy@msp.example', 'removed', 'removed from the provider'],
      ['gone@msp.example', 'skipped', 'not a user of this provider (already removed?)'],
    ]);
    expect(calls.find((c) => c.method === 'DELETE')?.json).toEqual({ ids: ['pu-1', 'pu-3'] });
  });

  it('changes roles one by one, skipping users who have the role already', async () => {
    const { api, calls } = fakeApi({ [USERS]: users, [`PUT /providers/${PROVIDER_ID}/users/pu-3`]: () => undefined });
    const results = await setUsersRole(fakeContext(api), ['ana@msp.example', 'cy@msp.example'], 'admin');
    expect(results.map((r) => [r.item, r.result, r.detail])).toEqual([
      ['ana@msp.example', 'skipped', 'already admin'],
      ['cy@msp.example', 'updated', 'service-user → admin'],
    ]);
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.json)).toEqual([{ type: 0 }]);
  });

  it("reports the server's refusal to leave the provider without a confirmed admin", async () => {
    const { api } = fakeApi({
      [USERS]: users,
      [`PUT /providers/${PROVIDER_ID}/users/pu-1`]: () => {
        throw apiError(400, 'PUT', `/providers/${PROVIDER_ID}/users/pu-1`, 'Provider must have at least one confirmed ProviderAdmin.');
      },
    });
    const results = await setUsersRole(fakeContext(api), ['ana@msp.example'], 'service-user');
    expect(results.map((r) => [r.item, r.result, r.detail])).toEqual([['ana@msp.example', 'failed', 'Provider must have at least one confirmed ProviderAdmin.']]);
  });
});
