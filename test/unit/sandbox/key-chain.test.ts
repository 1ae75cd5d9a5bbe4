/**
 * The organization key chain end to end over HTTPS, with keys made by the project's client crypto:
 * an owner creates an organization (org key RSA-wrapped to themself), invites, a member accepts
 * with the mailed token, the owner wraps the org key to the member's public key and confirms; the
 * member's sync then yields the same org key and decryptable collection names. The same through a
 * provider: an MSP user reaches a client organization's key through the provider key and confirms
 * a client member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptString,
  encapsulateSymmetricKey,
  encryptString,
  fromSyncProfile,
  makeOrgKeys,
  type SymmetricKey,
} from '../../../src/crypto/index.js';
import { listMail } from '../../../src/sandbox/store.js';
import { CLIENT_HEADERS, loginWithPassword, registerAccount, seedProviderWorld, type TestAccount } from '../../helpers/accounts.js';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

async function api(accessToken: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await sandbox.request(`/api${path}`, {
    method,
    headers: {
      ...CLIENT_HEADERS,
      Authorization: `Bearer ${accessToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

async function tokenOf(account: TestAccount): Promise<string> {
  return (await loginWithPassword(sandbox, account)).accessToken;
}

interface SyncBody {
  profile: {
    privateKey: string | null;
    organizations: { id: string; key: string | null; status: number }[];
    providers: { id: string; key: string | null; status: number }[];
    providerOrganizations: { id: string; key: string | null; providerId: string | null }[];
  };
  collections: { id: string; organizationId: string; name: string }[];
}

async function syncKeys(account: TestAccount): Promise<{ body: SyncBody; orgKey(id: string): SymmetricKey }> {
  const sync = await api(await tokenOf(account), 'GET', '/sync?excludeDomains=true');
  expect(sync.status).toBe(200);
  const body = sync.json as SyncBody;
  const ring = fromSyncProfile(account.userKey, body.profile);
  return { body, orgKey: (id) => ring.orgKey(id) };
}

/** Invites `member` as a User, accepts with the mailed token, confirms with `orgKey` wrapped to the fetched public key. */
async function inviteAcceptConfirm(adminToken: string, orgId: string, orgKey: SymmetricKey, member: TestAccount): Promise<string> {
  expect((await api(adminToken, 'POST', `/organizations/${orgId}/users/invite`, { emails: [member.email], type: 2 })).status).toBe(200);
  const mail = listMail(sandbox.store, { to: member.email }).filter((m) => m.template === 'organization-invite').at(-1);
  const memberId = mail?.data.organizationUserId ?? '';
  const accept = await api(await tokenOf(member), 'POST', `/organizations/${orgId}/users/${memberId}/accept`, { token: mail?.token });
  expect(accept.status).toBe(200);
  const keys = await api(adminToken, 'POST', `/organizations/${orgId}/users/public-keys`, { ids: [memberId] });
  const publicKey = (keys.json as { data: { key: string }[] }).data[0]?.key ?? '';
  expect(publicKey).toBe(member.publicKey);
  const confirm = await api(adminToken, 'POST', `/organizations/${orgId}/users/${memberId}/confirm`, {
    key: encapsulateSymmetricKey(orgKey, publicKey),
  });
  expect(confirm.status).toBe(200);
  return memberId;
}

describe('organization key chain', () => {
  it('hands the org key to a confirmed member, who decrypts the collection names', async () => {
    const owner = await registerAccount(sandbox, { name: 'Olive Owner' });
    const member = await registerAccount(sandbox, { name: 'Max Member' });
    const orgKeys = makeOrgKeys();
    const created = await api(await tokenOf(owner), 'POST', '/organizations', {
      name: 'Key Chain Ltd',
      billingEmail: owner.email,
      planType: 20,
      additionalSeats: 5,
      key: encapsulateSymmetricKey(orgKeys.orgKey, owner.publicKey),
      keys: { publicKey: orgKeys.publicKey, encryptedPrivateKey: orgKeys.encryptedPrivateKey },
      collectionName: encryptString('Default collection', orgKeys.orgKey),
      useSecretsManager: false,
    });
    expect(created.status).toBe(200);
    const orgId = (created.json as { id: string }).id;

    // The owner's own sync already unwraps the org key (fresh token: the claims come at issuance).
    const ownerView = await syncKeys(owner);
    expect(ownerView.orgKey(orgId).equals(orgKeys.orgKey)).toBe(true);

    const ownerToken = await tokenOf(owner);
    const memberId = await inviteAcceptConfirm(ownerToken, orgId, orgKeys.orgKey, member);
    const collection = await api(ownerToken, 'POST', `/organizations/${orgId}/collections`, {
      name: encryptString('Payroll', orgKeys.orgKey),
      users: [{ id: memberId, readOnly: true, hidePasswords: false, manage: false }],
    });
    expect(collection.status).toBe(200);

    const memberView = await syncKeys(member);
    const orgKey = memberView.orgKey(orgId);
    expect(orgKey.equals(orgKeys.orgKey)).toBe(true);
    expect(memberView.body.collections.map((c) => decryptString(c.name, orgKey))).toEqual(['Payroll']);
  });

  it('lets a provider user confirm a client member with the client key reached through the provider key', async () => {
    const msp = await registerAccount(sandbox, { name: 'Ada Admin' });
    const world = seedProviderWorld(sandbox.store, msp);
    const client = await registerAccount(sandbox, { name: 'Cleo Client' });
    const clientOrgId = world.clientOrganization.id;

    const mspView = await syncKeys(msp);
    const clientKey = mspView.orgKey(clientOrgId);
    expect(clientKey.equals(world.clientOrganization.orgKey)).toBe(true);

    await inviteAcceptConfirm(await tokenOf(msp), clientOrgId, clientKey, client);
    const clientView = await syncKeys(client);
    expect(clientView.orgKey(clientOrgId).equals(clientKey)).toBe(true);
    const events = await api(await tokenOf(msp), 'GET', `/organizations/${clientOrgId}/events`);
    const confirmed = (events.json as { data: { type: number; providerId: string | null; actingUserId: string }[] }).data.find(
      (e) => e.type === 1501,
    );
    expect(confirmed).toMatchObject({ providerId: world.provider.id, actingUserId: msp.userId });
  });
});
