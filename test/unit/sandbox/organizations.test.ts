import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organizationResponseSchema } from '../../../src/protocol/organization.js';
import { createHarness, registerUnitAccount, type Harness } from './harness.js';
import {
  buildOrgWorld,
  call,
  createOrgBody,
  createOrganization,
  eventTypes,
  token,
  type OrgWorld,
} from './org-world.js';

describe('POST /organizations', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  it('creates an Enterprise organization with the plan flags, seats, owner membership, API key and first collection', async () => {
    const account = await registerUnitAccount(h, 'owner@contoso.example');
    const response = await call(h, 'POST', '/api/organizations', await token(h, account), createOrgBody(account));
    expect(response.status).toBe(200);
    const org = organizationResponseSchema.parse(response.body);
    expect(org).toMatchObject({
      name: 'Contoso',
      planType: 20,
      seats: 10,
      usePolicies: true,
      useGroups: true,
      useEvents: true,
      useApi: true,
      useCustomPermissions: true,
      useResetPassword: true,
      useSso: true,
      hasPublicAndPrivateKeys: true,
      maxCollections: null,
    });
    expect(org.plan?.name).toBe('Enterprise (Annually)');
    const owner = h.store.organizations.listUsers(org.id);
    expect(owner).toHaveLength(1);
    expect(owner[0]).toMatchObject({ status: 2, type: 0, key: createOrgBody(account).key });
    expect(h.store.organizations.findApiKey(org.id, 0)?.apiKey).toMatch(/^[A-Za-z0-9]{30}$/);
    const collections = h.store.collections.listByOrganization(org.id);
    expect(collections).toHaveLength(1);
    expect(h.store.collections.listUserAccess(collections[0]?.id ?? '')).toEqual([
      { id: owner[0]?.id, readOnly: false, hidePasswords: false, manage: true },
    ]);
  });

  it('creates Free (2 seats, 2 collections, no features) and Teams (no policies) organizations as the real plans do', async () => {
    const account = await registerUnitAccount(h);
    const free = await call(
      h,
      'POST',
      '/api/organizations',
      await token(h, account),
      createOrgBody(account, { planType: 0, additionalSeats: 0 }),
    );
    expect(free.body).toMatchObject({ planType: 0, seats: 2, maxCollections: 2, usePolicies: false, useGroups: false, useApi: false });
    const teams = await call(
      h,
      'POST',
      '/api/organizations',
      await token(h, account),
      createOrgBody(account, { planType: 17, additionalSeats: 5 }),
    );
    expect(teams.body).toMatchObject({ planType: 17, seats: 5, usePolicies: false, useGroups: true, useApi: true, useEvents: true });
  });

  it('refuses a second free organization, legacy plans, paid plans without seats and bad bodies', async () => {
    const account = await registerUnitAccount(h);
    const t = await token(h, account);
    await createOrganization(h, account, { planType: 0, additionalSeats: 0 });
    const second = await call(h, 'POST', '/api/organizations', t, createOrgBody(account, { planType: 0, additionalSeats: 0 }));
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ message: 'You can only be an admin of one free organization.' });
    const legacy = await call(h, 'POST', '/api/organizations', t, createOrgBody(account, { planType: 2 }));
    expect(legacy.body).toMatchObject({ message: 'Invalid plan selected.' });
    const noSeats = await call(h, 'POST', '/api/organizations', t, createOrgBody(account, { additionalSeats: 0 }));
    expect(noSeats.body).toMatchObject({ message: 'You do not have any Password Manager seats!' });
    const freeSeats = await call(h, 'POST', '/api/organizations', t, createOrgBody(account, { planType: 0, additionalSeats: 3 }));
    expect(freeSeats.body).toMatchObject({ message: 'Plan does not allow additional users.' });
    const invalid = await call(h, 'POST', '/api/organizations', t, createOrgBody(account, { name: 'x'.repeat(51), key: 'not-an-encstring' }));
    expect(invalid.status).toBe(400);
    const body = invalid.body as { message: string; validationErrors: Record<string, string[]> };
    expect(body.message).toBe('The model state is invalid.');
    expect(Object.keys(body.validationErrors).sort()).toEqual(['Key', 'Name']);
  });

  it('needs a token and refuses on a self-hosted sandbox', async () => {
    const account = await registerUnitAccount(h);
    expect((await call(h, 'POST', '/api/organizations', null, createOrgBody(account))).status).toBe(401);
    h.context.mode = 'selfhost';
    const selfhost = await call(h, 'POST', '/api/organizations', await token(h, account), createOrgBody(account));
    expect(selfhost.body).toMatchObject({ message: 'Only allowed when not self hosted.' });
  });

  it('lists the new organization in GET /organizations and sync once created', async () => {
    const account = await registerUnitAccount(h);
    const orgId = await createOrganization(h, account);
    const t = await token(h, account);
    const list = await call(h, 'GET', '/api/organizations', t);
    expect((list.body as { data: { id: string; type: number; status: number }[] }).data).toEqual([
      expect.objectContaining({ id: orgId, type: 0, status: 2, usePolicies: true }),
    ]);
  });
});

describe('organization read, update and settings', () => {
  let w: OrgWorld;
  beforeEach(async () => {
    w = await buildOrgWorld();
  });
  afterEach(() => w.h.close());

  it('lets only Owners (and provider users) read the organization; others get 404', async () => {
    const path = `/api/organizations/${w.orgId}`;
    expect((await call(w.h, 'GET', path, w.owner.token)).status).toBe(200);
    for (const member of [w.admin, w.user, w.custom, w.revoked, w.outsider]) {
      expect((await call(w.h, 'GET', path, member.token)).status).toBe(404);
    }
    expect((await call(w.h, 'GET', path, null)).status).toBe(401);
    expect((await call(w.h, 'GET', `/api/organizations/${crypto.randomUUID()}`, w.owner.token)).status).toBe(404);
  });

  it('updates the name and billing e-mail and logs Organization_Updated (1600)', async () => {
    const response = await call(w.h, 'PUT', `/api/organizations/${w.orgId}`, w.owner.token, {
      name: 'Contoso Ltd',
      billingEmail: 'Billing@Contoso.example',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Contoso Ltd', billingEmail: 'billing@contoso.example' });
    expect(eventTypes(w.h, w.orgId)).toContain(1600);
    expect((await call(w.h, 'PUT', `/api/organizations/${w.orgId}`, w.admin.token, { name: 'x' })).status).toBe(401); // official Put: TypedResults.Unauthorized() unless owner
  });

  it('logs one event per changed collection-management flag', async () => {
    const response = await call(w.h, 'PUT', `/api/organizations/${w.orgId}/collection-management`, w.owner.token, {
      limitCollectionCreation: true,
      limitCollectionDeletion: false,
      limitItemDeletion: false,
      allowAdminAccessToAllCollectionItems: false,
    });
    expect(response.body).toMatchObject({ limitCollectionCreation: true, allowAdminAccessToAllCollectionItems: false });
    const types = eventTypes(w.h, w.orgId);
    expect(types).toContain(1610);
    expect(types).toContain(1617);
    expect(types).not.toContain(1612);
  });

  it('serves the public key to any user and refuses to replace an existing key pair', async () => {
    const key = await call(w.h, 'GET', `/api/organizations/${w.orgId}/public-key`, w.outsider.token);
    expect(key.body).toMatchObject({ object: 'organizationPublicKey', publicKey: expect.any(String) });
    const again = await call(w.h, 'POST', `/api/organizations/${w.orgId}/keys`, w.owner.token, {
      publicKey: 'QUJD',
      encryptedPrivateKey: '2.QUJD|QUJD|QUJD',
    });
    expect(again.status).toBe(400);
  });

  it('lets a member leave (1516) but not the last owner', async () => {
    expect((await call(w.h, 'POST', `/api/organizations/${w.orgId}/leave`, w.user.token)).status).toBe(200);
    expect(w.h.store.organizations.findUser(w.user.memberId)).toBeUndefined();
    expect(eventTypes(w.h, w.orgId)).toContain(1516);
    const owner = await call(w.h, 'POST', `/api/organizations/${w.orgId}/leave`, w.owner.token);
    expect(owner.body).toMatchObject({ message: 'Organization must have at least one confirmed owner.' });
  });

  it('deletes the organization only with the owner’s master password hash', async () => {
    const path = `/api/organizations/${w.orgId}`;
    const wrong = await call(w.h, 'DELETE', path, w.owner.token, { masterPasswordHash: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ validationErrors: { '': ['User verification failed.'] } });
    expect((await call(w.h, 'DELETE', path, w.admin.token, { masterPasswordHash: w.admin.account.masterPasswordHash })).status).toBe(404);
    const ok = await call(w.h, 'DELETE', path, w.owner.token, { masterPasswordHash: w.owner.account.masterPasswordHash });
    expect(ok.status).toBe(200);
    expect(w.h.store.organizations.findById(w.orgId)).toBeUndefined();
  });
});

describe('organization API keys', () => {
  let w: OrgWorld;
  beforeEach(async () => {
    w = await buildOrgWorld();
  });
  afterEach(() => w.h.close());

  const body = (w: OrgWorld, type = 0) => ({ type, masterPasswordHash: w.owner.account.masterPasswordHash });

  it('shows the key, rotates it (the old secret stops working) and lists key information without the secret', async () => {
    const view = await call(w.h, 'POST', `/api/organizations/${w.orgId}/api-key`, w.owner.token, body(w));
    expect(view.body).toMatchObject({ object: 'apiKey', apiKey: expect.stringMatching(/^[A-Za-z0-9]{30}$/) });
    const oldKey = (view.body as { apiKey: string }).apiKey;
    const form = (secret: string) => ({
      grant_type: 'client_credentials',
      client_id: `organization.${w.orgId}`,
      client_secret: secret,
      scope: 'api.organization',
    });
    expect((await w.h.postForm('/identity/connect/token', form(oldKey))).status).toBe(200);

    const rotated = await call(w.h, 'POST', `/api/organizations/${w.orgId}/rotate-api-key`, w.owner.token, body(w));
    const newKey = (rotated.body as { apiKey: string }).apiKey;
    expect(newKey).not.toBe(oldKey);
    expect((await w.h.postForm('/identity/connect/token', form(oldKey))).status).toBe(400);
    expect((await w.h.postForm('/identity/connect/token', form(newKey))).status).toBe(200);

    const info = await call(w.h, 'GET', `/api/organizations/${w.orgId}/api-key-information/0`, w.owner.token);
    expect(info.body).toMatchObject({ object: 'list', data: [{ object: 'keyInformation', keyType: 0 }] });
    expect(info.text).not.toContain(newKey);
  });

  it('refuses a wrong password with the server’s validation error, and non-owners with 404', async () => {
    const wrong = await call(w.h, 'POST', `/api/organizations/${w.orgId}/api-key`, w.owner.token, {
      type: 0,
      masterPasswordHash: 'nope',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ validationErrors: { MasterPasswordHash: ['Invalid password.'] } });
    for (const member of [w.admin, w.user, w.custom, w.revoked, w.outsider]) {
      const response = await call(w.h, 'POST', `/api/organizations/${w.orgId}/api-key`, member.token, {
        type: 0,
        masterPasswordHash: member.account.masterPasswordHash,
      });
      expect(response.status).toBe(404);
    }
  });

  it('creates SCIM keys only on Teams/Enterprise organizations', async () => {
    const scim = await call(w.h, 'POST', `/api/organizations/${w.orgId}/api-key`, w.owner.token, body(w, 2));
    expect(scim.status).toBe(200);
    const account = await registerUnitAccount(w.h);
    const freeOrg = await createOrganization(w.h, account, { planType: 0, additionalSeats: 0 });
    const free = await call(w.h, 'POST', `/api/organizations/${freeOrg}/api-key`, await token(w.h, account), {
      type: 2,
      masterPasswordHash: account.masterPasswordHash,
    });
    expect(free.status).toBe(404);
  });
});
