import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupDetailsResponseSchema, groupResponseSchema } from '../../../src/protocol/group.js';
import { registerUnitAccount } from './harness.js';
import {
  ROLES,
  buildOrgWorld,
  call,
  createOrganization,
  eventTypes,
  token,
  tokenOf,
  type OrgWorld,
  type Role,
} from './org-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const groups = (w: OrgWorld): string => `/api/organizations/${w.orgId}/groups`;

describe('role matrix', () => {
  it('create needs manageGroups; the list needs collection-management access', async () => {
    const createExpected: Record<Role, number> = { owner: 200, admin: 200, user: 403, custom: 200, revoked: 403, outsider: 403, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'POST', groups(w), tokenOf(w, role), { name: `G-${role}` });
      expect({ role, status: response.status }).toEqual({ role, status: createExpected[role] });
    }
    const listExpected: Record<Role, number> = { owner: 200, admin: 200, user: 200, custom: 200, revoked: 403, outsider: 403, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'GET', groups(w), tokenOf(w, role));
      expect({ role, status: response.status }).toEqual({ role, status: listExpected[role] });
    }
    const detailsExpected: Record<Role, number> = { owner: 200, admin: 200, user: 403, custom: 200, revoked: 403, outsider: 403, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'GET', `${groups(w)}/details`, tokenOf(w, role));
      expect({ role, status: response.status }).toEqual({ role, status: detailsExpected[role] });
    }
  });
});

describe('group lifecycle', () => {
  it('creates with collections and members (1400, 1504), reads, updates (1401), removes a member and deletes (1402)', async () => {
    const collectionId = w.h.store.collections.listByOrganization(w.orgId)[0]?.id ?? '';
    const created = await call(w.h, 'POST', groups(w), w.owner.token, {
      name: 'Engineering',
      collections: [{ id: collectionId, readOnly: true, hidePasswords: false, manage: false }],
      users: [w.user.memberId, w.admin.memberId],
    });
    const group = groupResponseSchema.parse(created.body);
    expect(group).toMatchObject({ name: 'Engineering', organizationId: w.orgId, externalId: null });
    const details = groupDetailsResponseSchema.parse((await call(w.h, 'GET', `${groups(w)}/${group.id}/details`, w.owner.token)).body);
    expect(details.collections).toEqual([{ id: collectionId, readOnly: true, hidePasswords: false, manage: false }]);
    const members = await call(w.h, 'GET', `${groups(w)}/${group.id}/users`, w.owner.token);
    expect((members.body as string[]).sort()).toEqual([w.user.memberId, w.admin.memberId].sort());
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1504)).toHaveLength(2);

    // Group access reaches the member's sync.
    const sync = await call(w.h, 'GET', '/api/sync', w.user.token);
    expect((sync.body as { collections: { id: string; readOnly: boolean }[] }).collections).toEqual([
      expect.objectContaining({ id: collectionId, readOnly: true }),
    ]);

    const updated = await call(w.h, 'PUT', `${groups(w)}/${group.id}`, w.owner.token, {
      name: 'Engineering EU',
      collections: [],
      users: [w.user.memberId],
    });
    expect(updated.body).toMatchObject({ name: 'Engineering EU' });
    expect((await call(w.h, 'GET', `${groups(w)}/${group.id}/users`, w.owner.token)).body).toEqual([w.user.memberId]);
    expect(w.h.store.collections.listAccessForGroup(group.id)).toEqual([]);

    expect((await call(w.h, 'DELETE', `${groups(w)}/${group.id}/user/${w.user.memberId}`, w.owner.token)).status).toBe(200);
    expect((await call(w.h, 'GET', `${groups(w)}/${group.id}/users`, w.owner.token)).body).toEqual([]);
    expect((await call(w.h, 'DELETE', `${groups(w)}/${group.id}`, w.owner.token)).status).toBe(200);
    expect((await call(w.h, 'GET', `${groups(w)}/${group.id}`, w.owner.token)).status).toBe(404);
    const types = eventTypes(w.h, w.orgId);
    for (const type of [1400, 1401, 1402]) expect(types).toContain(type);
  });

  it('deletes in bulk and refuses ids of another organization with 404', async () => {
    const a = (await call(w.h, 'POST', groups(w), w.owner.token, { name: 'A' })).body as { id: string };
    const b = (await call(w.h, 'POST', groups(w), w.owner.token, { name: 'B' })).body as { id: string };
    expect((await call(w.h, 'DELETE', groups(w), w.owner.token, { ids: [a.id, randomUUID()] })).status).toBe(404);
    expect((await call(w.h, 'POST', `${groups(w)}/delete`, w.owner.token, { ids: [a.id, b.id] })).status).toBe(200);
    expect(w.h.store.groups.listByOrganization(w.orgId)).toEqual([]);
  });

  it('needs the groups feature, validates names and drops members of other organizations', async () => {
    const account = await registerUnitAccount(w.h);
    const freeOrg = await createOrganization(w.h, account, { planType: 0, additionalSeats: 0 });
    const free = await call(w.h, 'POST', `/api/organizations/${freeOrg}/groups`, await token(w.h, account), { name: 'X' });
    expect(free.body).toMatchObject({ message: 'This organization cannot use groups.' });
    const long = await call(w.h, 'POST', groups(w), w.owner.token, { name: 'x'.repeat(101) });
    expect(long.body).toMatchObject({ validationErrors: { Name: ['The field Name must be a string with a maximum length of 100.'] } });
    const foreign = await call(w.h, 'POST', groups(w), w.owner.token, { name: 'X', users: [w.outsider.memberId, w.user.memberId] });
    const id = (foreign.body as { id: string }).id;
    expect((await call(w.h, 'GET', `${groups(w)}/${id}/users`, w.owner.token)).body).toEqual([w.user.memberId]);
  });

  it('refuses adding yourself when admins may not access all items', async () => {
    await call(w.h, 'PUT', `/api/organizations/${w.orgId}/collection-management`, w.owner.token, {
      allowAdminAccessToAllCollectionItems: false,
    });
    const response = await call(w.h, 'POST', groups(w), w.admin.token, { name: 'Mine', users: [w.admin.memberId] });
    expect(response.body).toMatchObject({ message: 'You cannot add yourself to groups.' });
  });
});
