import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collectionAccessDetailsResponseSchema,
  collectionDetailsResponseSchema,
  collectionResponseSchema,
} from '../../../src/protocol/collection.js';
import { fakeEncString, registerUnitAccount } from './harness.js';
import {
  FAKE_RSA_KEY,
  buildOrgWorld,
  call,
  createOrganization,
  eventTypes,
  token,
  userIdOf,
  tokenOf,
  ROLES,
  type OrgWorld,
  type Role,
  type WorldMember,
} from './org-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const collections = (w: OrgWorld): string => `/api/organizations/${w.orgId}/collections`;

async function create(w: OrgWorld, by: WorldMember, body: Record<string, unknown> = {}) {
  return call(w.h, 'POST', collections(w), by.token, { name: fakeEncString(), externalId: null, groups: [], users: [], ...body });
}


describe('role matrix', () => {
  it('list: any user gets 200 (admins all, others only what they manage, so outsiders nothing); no token 401', async () => {
    // Official `CollectionsController.GetAll` has no membership check; the list is filtered instead.
    const expected: Record<Role, number> = { owner: 200, admin: 200, user: 200, custom: 200, revoked: 200, outsider: 200, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'GET', collections(w), tokenOf(w, role));
      expect({ role, status: response.status }).toEqual({ role, status: expected[role] });
    }
    const asOwner = await call(w.h, 'GET', collections(w), w.owner.token);
    expect((asOwner.body as { data: unknown[] }).data).toHaveLength(1);
    const asUser = await call(w.h, 'GET', collections(w), w.user.token);
    expect((asUser.body as { data: unknown[] }).data).toHaveLength(0);
    const asOutsider = await call(w.h, 'GET', collections(w), tokenOf(w, 'outsider'));
    expect((asOutsider.body as { data: unknown[] }).data).toHaveLength(0);
  });

  it('create: any member while creation is not limited; update/delete: owners, admins and managers', async () => {
    const createExpected: Record<Role, number> = { owner: 200, admin: 200, user: 200, custom: 200, revoked: 404, outsider: 404, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'POST', collections(w), tokenOf(w, role), { name: fakeEncString() });
      expect({ role, status: response.status }).toEqual({ role, status: createExpected[role] });
    }
    const target = w.h.store.collections.listByOrganization(w.orgId)[0]?.id ?? '';
    const updateExpected: Record<Role, number> = { owner: 200, admin: 200, user: 404, custom: 404, revoked: 404, outsider: 404, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'PUT', `${collections(w)}/${target}`, tokenOf(w, role), { name: fakeEncString() });
      expect({ role, status: response.status }).toEqual({ role, status: updateExpected[role] });
    }
    for (const role of ['user', 'custom', 'revoked', 'outsider'] as Role[]) {
      expect((await call(w.h, 'DELETE', `${collections(w)}/${target}`, tokenOf(w, role))).status).toBe(404);
    }
    expect((await call(w.h, 'DELETE', `${collections(w)}/${target}`, w.admin.token)).status).toBe(200);
  });

  it('limits creation to Owners, Admins and createNewCollections when limitCollectionCreation is on', async () => {
    await call(w.h, 'PUT', `/api/organizations/${w.orgId}/collection-management`, w.owner.token, {
      limitCollectionCreation: true,
      allowAdminAccessToAllCollectionItems: true,
    });
    expect((await create(w, w.user)).status).toBe(404);
    expect((await create(w, w.admin)).status).toBe(200);
  });
});

describe('collection lifecycle', () => {
  it('creates with access (1300), reads details and users, updates (1301) and deletes (1302)', async () => {
    const group = await call(w.h, 'POST', `/api/organizations/${w.orgId}/groups`, w.owner.token, { name: 'Ops' });
    const groupId = (group.body as { id: string }).id;
    const name = fakeEncString();
    const created = await create(w, w.owner, {
      name,
      externalId: 'ext-1',
      users: [{ id: w.user.memberId, readOnly: true, hidePasswords: true, manage: false }],
      groups: [{ id: groupId, readOnly: false, hidePasswords: false, manage: true }],
    });
    expect(created.status).toBe(200);
    const details = collectionAccessDetailsResponseSchema.parse(created.body);
    expect(details).toMatchObject({
      name,
      externalId: 'ext-1',
      organizationId: w.orgId,
      type: 0,
      users: [{ id: w.user.memberId, readOnly: true, hidePasswords: true, manage: false }],
      groups: [{ id: groupId, readOnly: false, hidePasswords: false, manage: true }],
      assigned: false,
      unmanaged: false,
    });

    const one = await call(w.h, 'GET', `${collections(w)}/${details.id}`, w.owner.token);
    expect(collectionResponseSchema.parse(one.body).name).toBe(name);
    const usersList = await call(w.h, 'GET', `${collections(w)}/${details.id}/users`, w.owner.token);
    expect(usersList.body).toEqual([{ id: w.user.memberId, readOnly: true, hidePasswords: true, manage: false }]);
    const all = await call(w.h, 'GET', `${collections(w)}/details`, w.owner.token);
    expect((all.body as { data: unknown[] }).data).toHaveLength(2);

    // The member reaches it: GET /collections and sync (what `bw list collections` reads).
    const mine = await call(w.h, 'GET', '/api/collections', w.user.token);
    const item = collectionDetailsResponseSchema.parse((mine.body as { data: unknown[] }).data[0]);
    expect(item).toMatchObject({ id: details.id, organizationId: w.orgId, name, readOnly: true, hidePasswords: true });
    const sync = await call(w.h, 'GET', '/api/sync', w.user.token);
    expect((sync.body as { collections: { id: string }[] }).collections.map((c) => c.id)).toEqual([details.id]);

    const newName = fakeEncString();
    const updated = await call(w.h, 'PUT', `${collections(w)}/${details.id}`, w.owner.token, { name: newName, users: [] });
    expect(updated.body).toMatchObject({ name: newName, users: [], groups: [{ id: groupId }] });
    expect((await call(w.h, 'GET', '/api/collections', w.user.token)).body).toMatchObject({ data: [] });

    expect((await call(w.h, 'POST', `${collections(w)}/${details.id}/delete`, w.owner.token)).status).toBe(200);
    expect(w.h.store.collections.findById(details.id)).toBeUndefined();
    const types = eventTypes(w.h, w.orgId);
    for (const type of [1300, 1301, 1302]) expect(types).toContain(type);
  });

  it('lets a member with Manage edit their collection but not others', async () => {
    const created = await create(w, w.owner, { users: [{ id: w.user.memberId, manage: true }] });
    const id = (created.body as { id: string }).id;
    expect((await call(w.h, 'PUT', `${collections(w)}/${id}`, w.user.token, { name: fakeEncString() })).status).toBe(200);
    expect((await call(w.h, 'GET', `${collections(w)}/${id}/details`, w.user.token)).body).toMatchObject({
      assigned: true,
      manage: true,
    });
    const other = w.h.store.collections.listByOrganization(w.orgId).find((c) => c.id !== id)?.id ?? '';
    expect((await call(w.h, 'GET', `${collections(w)}/${other}/details`, w.user.token)).status).toBe(404);
  });

  it('adds access in bulk without removing any', async () => {
    const a = (await create(w, w.owner, { users: [{ id: w.admin.memberId, readOnly: true }] })).body as { id: string };
    const b = (await create(w, w.owner)).body as { id: string };
    const response = await call(w.h, 'POST', `${collections(w)}/bulk-access`, w.owner.token, {
      collectionIds: [a.id, b.id],
      users: [{ id: w.user.memberId, readOnly: false, hidePasswords: false, manage: false }],
      groups: [],
    });
    expect(response.status).toBe(200);
    expect(w.h.store.collections.listUserAccess(a.id).map((r) => r.id).sort()).toEqual([w.admin.memberId, w.user.memberId].sort());
    expect(w.h.store.collections.listUserAccess(b.id).map((r) => r.id)).toEqual([w.user.memberId]);
  });

  it('deletes in bulk, refusing collections of another organization', async () => {
    const a = (await create(w, w.owner)).body as { id: string };
    const foreign = w.h.store.collections.listByOrganization(w.outsider.orgId)[0]?.id ?? '';
    const mixed = await call(w.h, 'DELETE', collections(w), w.owner.token, { ids: [a.id, foreign] });
    expect(mixed.body).toMatchObject({ message: 'Requested collections must belong to the same organization.' });
    expect((await call(w.h, 'POST', `${collections(w)}/delete`, w.owner.token, { ids: [a.id] })).status).toBe(200);
    expect(w.h.store.collections.findById(a.id)).toBeUndefined();
  });
});

describe('collection rules', () => {
  it('enforces the Free plan’s two collections', async () => {
    const account = await registerUnitAccount(w.h);
    const orgId = await createOrganization(w.h, account, { planType: 0, additionalSeats: 0 });
    const t = await token(w.h, account);
    const path = `/api/organizations/${orgId}/collections`;
    expect((await call(w.h, 'POST', path, t, { name: fakeEncString() })).status).toBe(200);
    const third = await call(w.h, 'POST', path, t, { name: fakeEncString() });
    expect(third.body).toMatchObject({ message: 'You have reached the maximum number of collections (2) for this organization.' });
  });

  it('validates names and access flags, and drops members of other organizations', async () => {
    const plain = await create(w, w.owner, { name: 'Engineering' });
    expect(plain.body).toMatchObject({ validationErrors: { Name: ['Invalid EncString'] } });
    const exclusive = await create(w, w.owner, { users: [{ id: w.user.memberId, readOnly: true, manage: true }] });
    expect(exclusive.body).toMatchObject({
      message:
        'The Manage property is mutually exclusive and cannot be true while the ReadOnly or HidePasswords properties are also true.',
    });
    // Unknown members and other organizations' members are dropped, as the server's procedures do.
    const dropped = await create(w, w.owner, { users: [{ id: randomUUID() }, { id: w.outsider.memberId }, { id: w.user.memberId }] });
    expect(dropped.status).toBe(200);
    expect((dropped.body as { users: { id: string }[] }).users.map((u) => u.id)).toEqual([w.user.memberId]);
  });

  it('requires a manager when admins may not access all items', async () => {
    await call(w.h, 'PUT', `/api/organizations/${w.orgId}/collection-management`, w.owner.token, {
      allowAdminAccessToAllCollectionItems: false,
    });
    const response = await create(w, w.owner);
    expect(response.body).toMatchObject({ message: 'At least one member or group must have can manage permission.' });
  });

  it('logs vault access (1603, 1903) when a provider user reads a client’s collection details', async () => {
    const now = w.h.clock.now().toISOString();
    const msp = await registerUnitAccount(w.h);
    const provider = w.h.store.providers.insert({ id: randomUUID(), name: 'MSP', status: 2, type: 0, creationDate: now });
    w.h.store.providers.insertUser({
      id: randomUUID(),
      providerId: provider.id,
      userId: userIdOf(w.h, msp),
      email: null,
      key: FAKE_RSA_KEY,
      status: 2,
      type: 0,
      creationDate: now,
    });
    w.h.store.providers.insertOrganization({
      id: randomUUID(),
      providerId: provider.id,
      organizationId: w.orgId,
      key: fakeEncString(),
      settings: null,
      creationDate: now,
    });
    const response = await call(w.h, 'GET', `${collections(w)}/details`, await token(w.h, msp));
    expect(response.status).toBe(200);
    expect(eventTypes(w.h, w.orgId)).toContain(1603);
    const providerEvents = w.h.store.events.page({ providerId: provider.id, start: '2000-01-01', end: '2100-01-01', limit: 10 });
    const accessed = providerEvents.find((e) => e.type === 1903);
    expect(accessed).toMatchObject({ providerId: provider.id, organizationId: null, actingUserId: userIdOf(w.h, msp) });
    expect(accessed?.providerOrganizationId).toEqual(expect.any(String));
  });
});
