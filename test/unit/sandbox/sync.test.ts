import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileResponseSchema } from '../../../src/protocol/account.js';
import { syncResponseSchema } from '../../../src/protocol/sync.js';
import {
  createHarness,
  fakeEncString,
  login,
  registerUnitAccount,
  type Harness,
  type UnitAccount,
} from './harness.js';

let h: Harness;
let account: UnitAccount;
let token: string;
let userId: string;

beforeEach(async () => {
  h = createHarness();
  account = await registerUnitAccount(h, 'msp@example.com');
  token = (await login(h, account)).access_token;
  userId = h.store.users.findByEmail('msp@example.com')?.id ?? '';
});
afterEach(() => h.close());

async function sync(query = '?excludeDomains=true'): Promise<Record<string, unknown>> {
  const response = await h.get(`/api/sync${query}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

function seed() {
  const now = h.clock.now().toISOString();
  const org = (name: string, extra: Record<string, unknown> = {}) =>
    h.store.organizations.insert({
      id: randomUUID(),
      name,
      billingEmail: 'billing@example.com',
      plan: 'Enterprise (Annually)',
      planType: 20,
      productTierType: 3,
      usePolicies: true,
      useEvents: true,
      creationDate: now,
      ...extra,
    });
  const member = (organizationId: string, status: number, type = 0, key: string | null = `4.${'A'.repeat(342)}==`) =>
    h.store.organizations.insertUser({
      id: randomUUID(),
      organizationId,
      userId,
      email: null,
      key,
      status,
      type,
      creationDate: now,
    });
  const owned = org('Owned');
  const ownedMember = member(owned.id, 2, 0);
  const invited = org('Invited');
  member(invited.id, 0, 2, null);
  const accepted = org('Accepted');
  member(accepted.id, 1, 2, null);

  const provider = h.store.providers.insert({ id: randomUUID(), name: 'Acme MSP', status: 2, type: 0, creationDate: now });
  const providerKey = `4.${'B'.repeat(342)}==`;
  h.store.providers.insertUser({
    id: randomUUID(),
    providerId: provider.id,
    userId,
    email: null,
    key: providerKey,
    status: 2,
    type: 0,
    creationDate: now,
  });
  const pending = h.store.providers.insert({ id: randomUUID(), name: 'Not yet', status: 2, type: 1, creationDate: now });
  h.store.providers.insertUser({
    id: randomUUID(),
    providerId: pending.id,
    userId,
    email: null,
    key: null,
    status: 1,
    type: 1,
    creationDate: now,
  });
  const client = org('Client A', { planType: 17, productTierType: 2, status: 2 });
  const clientKey = fakeEncString();
  h.store.providers.insertOrganization({
    id: randomUUID(),
    providerId: provider.id,
    organizationId: client.id,
    key: clientKey,
    settings: null,
    creationDate: now,
  });
  const notMine = org('Other provider client');
  const otherProvider = h.store.providers.insert({ id: randomUUID(), name: 'Other', status: 2, type: 0, creationDate: now });
  h.store.providers.insertOrganization({
    id: randomUUID(),
    providerId: otherProvider.id,
    organizationId: notMine.id,
    key: fakeEncString(),
    settings: null,
    creationDate: now,
  });
  const collectionName = fakeEncString();
  const collection = h.store.collections.insert({
    id: randomUUID(),
    organizationId: owned.id,
    name: collectionName,
    externalId: 'ext-1',
    type: 0,
    defaultUserCollectionEmail: null,
    creationDate: now,
  });
  h.store.collections.setUserAccess(collection.id, ownedMember.id, { readOnly: true, hidePasswords: false, manage: false });
  const group = h.store.groups.insert({ id: randomUUID(), organizationId: owned.id, name: 'Admins', externalId: null, creationDate: now });
  h.store.groups.addUser(group.id, ownedMember.id);
  h.store.collections.setGroupAccess(collection.id, group.id, { readOnly: false, hidePasswords: false, manage: true });
  h.store.policies.upsert({
    id: randomUUID(),
    organizationId: owned.id,
    type: 1,
    enabled: true,
    data: JSON.stringify({ minLength: 14, requireUpper: true, enforceOnLogin: true }),
    revisionDate: now,
  });
  return { owned, invited, accepted, provider, providerKey, client, clientKey, collection, collectionName };
}

describe('GET /api/sync', () => {
  it('has the shape the official CLI reads, for a fresh account', async () => {
    const body = await sync();
    const parsed = syncResponseSchema.parse(body);
    expect(parsed).toMatchObject({
      object: 'sync',
      folders: [],
      collections: [],
      ciphers: [],
      policies: [],
      sends: [],
      domains: null,
      userDecryption: {
        masterPasswordUnlock: {
          kdf: { kdfType: 0, iterations: 600000, memory: null, parallelism: null },
          masterKeyEncryptedUserKey: account.protectedUserKey,
          salt: 'msp@example.com',
        },
        userKeyId: null,
      },
    });
    expect(parsed.profile).toMatchObject({
      object: 'profile',
      id: userId,
      email: 'msp@example.com',
      name: 'Unit',
      emailVerified: true,
      premium: false,
      key: account.protectedUserKey,
      privateKey: account.encryptedPrivateKey,
      accountKeys: {
        object: 'privateKeys',
        publicKeyEncryptionKeyPair: {
          object: 'publicKeyEncryptionKeyPair',
          wrappedPrivateKey: account.encryptedPrivateKey,
          publicKey: account.publicKey,
          signedPublicKey: null,
        },
      },
      organizations: [],
      providers: [],
      providerOrganizations: [],
    });
  });

  it('includes domains unless excluded', async () => {
    const body = await sync('');
    expect(body.domains).toEqual({ object: 'domains', equivalentDomains: [], globalEquivalentDomains: [] });
  });

  it('keeps the security stamp stable between syncs', async () => {
    const a = (await sync()).profile as { securityStamp: string };
    const b = (await sync()).profile as { securityStamp: string };
    expect(a.securityStamp).toBe(b.securityStamp);
    expect(a.securityStamp).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists confirmed memberships only, with providers and their client organizations', async () => {
    const world = seed();
    const parsed = syncResponseSchema.parse(await sync());
    const profile = parsed.profile;

    expect(profile.organizations.map((o) => o.name)).toEqual(['Owned']);
    const owned = profile.organizations[0];
    expect(owned).toMatchObject({
      object: 'profileOrganization',
      id: world.owned.id,
      key: `4.${'A'.repeat(342)}==`,
      status: 2,
      type: 0,
      enabled: true,
      usePolicies: true,
      useEvents: true,
      useGroups: false,
      productTierType: 3,
      providerId: null,
      userId,
    });
    // every capability flag is a real boolean (the SDK refuses null)
    for (const [field, value] of Object.entries(owned ?? {})) {
      if (/^use[A-Z0-9]|^usersGetPremium$|Enabled$|^limit|^allow|^selfHost$|^enabled$/.test(field)) expect(typeof value, field).toBe('boolean');
    }
    expect(Object.values(owned?.permissions ?? {}).every((v) => v === false)).toBe(true);

    expect(profile.providers).toEqual([
      expect.objectContaining({
        object: 'profileProvider',
        id: world.provider.id,
        name: 'Acme MSP',
        key: world.providerKey,
        status: 2,
        type: 0,
        enabled: true,
        providerStatus: 2,
        providerType: 0,
        useEvents: true,
        userId,
      }),
    ]);

    expect(profile.providerOrganizations).toEqual([
      expect.objectContaining({
        object: 'profileProviderOrganization',
        id: world.client.id,
        name: 'Client A',
        key: world.clientKey,
        status: 2,
        type: 0,
        providerId: world.provider.id,
        providerName: 'Acme MSP',
        providerType: 0,
        organizationUserId: null,
        accessSecretsManager: false,
        productTierType: 2,
      }),
    ]);

    expect(parsed.collections).toEqual([
      {
        object: 'collectionDetails',
        id: world.collection.id,
        organizationId: world.owned.id,
        name: world.collectionName,
        externalId: 'ext-1',
        type: 0,
        defaultUserCollectionEmail: null,
        readOnly: false,
        hidePasswords: false,
        manage: true,
      },
    ]);
    expect(parsed.policies).toEqual([
      expect.objectContaining({
        object: 'policy',
        organizationId: world.owned.id,
        type: 1,
        enabled: true,
        data: { minLength: 14, requireUpper: true, enforceOnLogin: true },
      }),
    ]);
  });

  it('puts membership roles in the access token and the master-password policy in the token response', async () => {
    const world = seed();
    const body = await login(h, account);
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims.orgowner).toBe(world.owned.id);
    expect(claims.providerprovideradmin).toBe(world.provider.id);
    expect(claims).not.toHaveProperty('orguser');
    expect(body.MasterPasswordPolicy).toMatchObject({
      Object: 'masterPasswordPolicy',
      MinLength: 14,
      RequireUpper: true,
      EnforceOnLogin: true,
    });
  });

  it('reports the backfilled user key id', async () => {
    const response = await h.postJson('/api/accounts/key-management/user-key-id', { userKeyId: 'ab'.repeat(16) }, {
      Authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    const body = syncResponseSchema.parse(await sync());
    expect(body.userDecryption?.userKeyId).toBe('ab'.repeat(16));
  });

  it('needs a bearer token', async () => {
    expect((await h.get('/api/sync')).status).toBe(401);
  });
});

describe('account routes', () => {
  it('serves the profile, identical to the sync profile', async () => {
    seed();
    const response = await h.get('/api/accounts/profile', token);
    const profile = profileResponseSchema.parse(await response.json());
    expect(profile).toEqual(syncResponseSchema.parse(await sync()).profile);
  });

  it('serves the keys and refuses to replace them', async () => {
    const keys = await h.get('/api/accounts/keys', token);
    expect(await keys.json()).toMatchObject({
      object: 'keys',
      key: account.protectedUserKey,
      publicKey: account.publicKey,
      privateKey: account.encryptedPrivateKey,
    });
    const replace = await h.postJson(
      '/api/accounts/keys',
      { publicKey: account.publicKey, encryptedPrivateKey: fakeEncString() },
      { Authorization: `Bearer ${token}` },
    );
    expect(replace.status).toBe(400);
  });

  it('serves the revision date as a bare number that moves with account changes', async () => {
    const first = (await (await h.get('/api/accounts/revision-date', token)).json()) as number;
    expect(typeof first).toBe('number');
    expect(first).toBe(h.clock.now().getTime());
    h.clock.advance(5000);
    seed();
    h.store.users.touchAccountRevision([userId], h.clock.now().toISOString());
    const second = (await (await h.get('/api/accounts/revision-date', token)).json()) as number;
    expect(second).toBe(first + 5000);
  });

  it('serves a user public key by id', async () => {
    const response = await h.get(`/api/users/${userId.toUpperCase()}/public-key`, token);
    expect(await response.json()).toEqual({ object: 'userKey', userId, publicKey: account.publicKey });
    expect((await h.get(`/api/users/${randomUUID()}/public-key`, token)).status).toBe(404);
  });

  it('returns the API key only for the right master password hash', async () => {
    const wrong = await h.postJson('/api/accounts/api-key', { masterPasswordHash: 'bm9wZQ==' }, { Authorization: `Bearer ${token}` });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      message: 'The model state is invalid.',
      validationErrors: { '': ['User verification failed.'] },
    });
    const right = await h.postJson(
      '/api/accounts/api-key',
      { masterPasswordHash: account.masterPasswordHash },
      { Authorization: `Bearer ${token}` },
    );
    expect(await right.json()).toMatchObject({ object: 'apiKey', apiKey: expect.stringMatching(/^[A-Za-z0-9]{30}$/) });
  });

  it('verifies the master password', async () => {
    const ok = await h.postJson(
      '/api/accounts/verify-password',
      { masterPasswordHash: account.masterPasswordHash },
      { Authorization: `Bearer ${token}` },
    );
    expect(ok.status).toBe(200);
    const bad = await h.postJson('/api/accounts/verify-password', { masterPasswordHash: 'x' }, { Authorization: `Bearer ${token}` });
    expect(await bad.json()).toMatchObject({ validationErrors: { MasterPasswordHash: ['Invalid password.'] } });
  });

  it('lists the caller organizations', async () => {
    const world = seed();
    const response = await h.get('/api/organizations', token);
    expect(await response.json()).toMatchObject({
      object: 'list',
      data: [{ id: world.owned.id, name: 'Owned' }],
      continuationToken: null,
    });
  });

  it('knows which devices an e-mail has used', async () => {
    const ask = (email: string, device: string) =>
      h.fetch('/api/devices/knowndevice', {
        headers: { 'X-Request-Email': Buffer.from(email).toString('base64url'), 'X-Device-Identifier': device },
      });
    expect(await (await ask('msp@example.com', 'b8f3c3a0-1111-4222-8333-944445555666')).json()).toBe(true);
    expect(await (await ask('msp@example.com', randomUUID())).json()).toBe(false);
    expect(await (await ask('ghost@example.com', randomUUID())).json()).toBe(false);
  });
});
