import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_NOT_ALLOWED, IMPORT_TOO_MUCH } from '../../../src/protocol/cipher.js';
import { createHarness, fakeEncString, registerUnitAccount } from './harness.js';
import { addMember, buildOrgWorld, call, eventTypes, token, tokenOf, ROLES, type OrgWorld, type Role } from './org-world.js';
import { buildProviderWorld, createClient } from './provider-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const importPath = (orgId: string) => `/api/ciphers/import-organization?organizationId=${orgId}`;

function login(name = fakeEncString()) {
  return { type: 1, name, notes: fakeEncString(), favorite: false, reprompt: 0, login: { username: fakeEncString(), password: fakeEncString(), totp: null, uris: [{ uri: fakeEncString(), match: null }] } };
}

function body(overrides: Record<string, unknown> = {}) {
  return {
    ciphers: [login(), { type: 2, name: fakeEncString(), secureNote: { type: 0 } }],
    collections: [{ name: fakeEncString(), externalId: null, groups: [], users: [] }],
    collectionRelationships: [
      { key: 0, value: 0 },
      { key: 1, value: 0 },
    ],
    folders: [],
    folderRelationships: [],
    ...overrides,
  };
}

async function existingCollection(w: OrgWorld): Promise<string> {
  const made = await call(w.h, 'POST', `/api/organizations/${w.orgId}/collections`, w.owner.token, { name: fakeEncString(), groups: [], users: [] });
  expect(made.status).toBe(200);
  return (made.body as { id: string }).id;
}

describe('POST /ciphers/import-organization', () => {
  it('role matrix: Owner/Admin import; User, Custom without import/export, revoked and outsiders get 400; no token 401', async () => {
    const expected: Record<Role, number> = { owner: 200, admin: 200, user: 400, custom: 400, revoked: 400, outsider: 400, none: 401 };
    const collection = await existingCollection(w);
    for (const role of ROLES) {
      // an existing collection the caller does not manage: only AccessImportExport lets it in
      const r = await call(w.h, 'POST', importPath(w.orgId), tokenOf(w, role), body({ collections: [{ id: collection, name: fakeEncString() }] }));
      expect([role, r.status]).toEqual([role, expected[role]]);
      if (r.status === 400) expect((r.body as { message: string }).message).toBe(IMPORT_NOT_ALLOWED);
      if (r.status === 200) expect(r.text).toBe('');
    }
  });

  it('a Custom member with accessImportExport may import', async () => {
    const account = await registerUnitAccount(w.h, `porter-${Date.now()}@contoso.example`);
    await addMember(w.h, w.owner.token, w.orgId, account, 4, { permissions: { accessImportExport: true } });
    const r = await call(w.h, 'POST', importPath(w.orgId), await token(w.h, account), body());
    expect(r.status, r.text).toBe(200);
  });

  it('stores ciphers as sent, creates new collections (importer gets Manage), reuses existing ones by id, links by index and skips invalid pairs', async () => {
    const reused = await existingCollection(w);
    const before = new Set(w.h.store.collections.listByOrganization(w.orgId).map((c) => c.id));
    const name = fakeEncString();
    const r = await call(w.h, 'POST', importPath(w.orgId), w.admin.token, body({
      ciphers: [login(name), login(), login()],
      collections: [{ id: reused, name: fakeEncString() }, { name: fakeEncString() }],
      collectionRelationships: [
        { key: 0, value: 0 },
        { key: 0, value: 1 },
        { key: 1, value: 1 },
        { key: 2, value: 7 },
        { key: 9, value: 0 },
      ],
    }));
    expect(r.status, r.text).toBe(200);
    const fresh = w.h.store.collections.listByOrganization(w.orgId).filter((c) => !before.has(c.id));
    expect(fresh).toHaveLength(1);
    const created = fresh[0];
    expect(w.h.store.collections.listUserAccess(created?.id ?? '')).toEqual([{ id: w.admin.memberId, readOnly: false, hidePasswords: false, manage: true }]);
    const ciphers = w.h.store.ciphers.listByOrganization(w.orgId);
    expect(ciphers).toHaveLength(3);
    const links = w.h.store.ciphers.collectionIdsByOrganization(w.orgId);
    const first = ciphers.find((c) => (JSON.parse(c.data) as { name: string }).name === name);
    expect(links.get(first?.id ?? '')?.sort()).toEqual([reused, created?.id].sort());
    expect([...links.values()].flat()).toHaveLength(3);
    // the official import command logs no event (only Collection_Created by the setup above)
    expect(eventTypes(w.h, w.orgId).filter((t) => t >= 1100 && t < 1200)).toEqual([]);
  });

  it('rejects fields that are not EncStrings with the model-state error, and stores nothing', async () => {
    const r = await call(w.h, 'POST', importPath(w.orgId), w.owner.token, body({ ciphers: [login('plain text name')] }));
    expect(r.status).toBe(400);
    expect((r.body as { validationErrors: Record<string, string[]> }).validationErrors).toHaveProperty(['Ciphers[0].Name']);
    expect(w.h.store.ciphers.countByOrganization(w.orgId)).toBe(0);
  });

  it('refuses more than 2 000 collections at once (cloud limit)', async () => {
    const collections = Array.from({ length: 2001 }, () => ({ name: fakeEncString() }));
    const r = await call(w.h, 'POST', importPath(w.orgId), w.owner.token, body({ collections, collectionRelationships: [] }));
    expect(r.status).toBe(400);
    expect((r.body as { message: string }).message).toBe(IMPORT_TOO_MUCH);
  });

  it('404 for an unknown organization', async () => {
    const r = await call(w.h, 'POST', importPath('00000000-0000-4000-8000-000000000000'), w.owner.token, body());
    expect(r.status).toBe(404);
  });
});

describe('GET /ciphers/organization-details', () => {
  it('lists cipherMiniDetails with collection ids for admins; 404 for a plain user', async () => {
    expect((await call(w.h, 'POST', importPath(w.orgId), w.owner.token, body())).status).toBe(200);
    const r = await call(w.h, 'GET', `/api/ciphers/organization-details?organizationId=${w.orgId}`, w.admin.token);
    expect(r.status).toBe(200);
    const data = (r.body as { object: string; data: { object: string; type: number; collectionIds: string[]; login: unknown; secureNote: unknown }[] }).data;
    expect(data.map((c) => [c.object, c.type, c.collectionIds.length])).toEqual([
      ['cipherMiniDetails', 1, 1],
      ['cipherMiniDetails', 2, 1],
    ]);
    expect((await call(w.h, 'GET', `/api/ciphers/organization-details?organizationId=${w.orgId}`, w.user.token)).status).toBe(404);
  });
});

describe('GET /sync ciphers', () => {
  it('shows a member the items of collections assigned to them, with their rights', async () => {
    const collection = await existingCollection(w);
    w.h.store.collections.setUserAccess(collection, w.user.memberId, { readOnly: true, hidePasswords: true, manage: false });
    expect((await call(w.h, 'POST', importPath(w.orgId), w.owner.token, body({ collections: [{ id: collection, name: fakeEncString() }] }))).status).toBe(200);
    const sync = await call(w.h, 'GET', '/api/sync', w.user.token);
    const ciphers = (sync.body as { ciphers: { object: string; organizationId: string; edit: boolean; viewPassword: boolean; collectionIds: string[] }[] }).ciphers;
    expect(ciphers).toHaveLength(2);
    for (const c of ciphers) expect(c).toMatchObject({ object: 'cipherDetails', organizationId: w.orgId, edit: false, viewPassword: false, collectionIds: [collection] });
    const custom = await call(w.h, 'GET', '/api/sync', w.custom.token);
    expect((custom.body as { ciphers: unknown[] }).ciphers).toEqual([]);
  });
});

describe('POST /ciphers/purge', () => {
  const purge = (orgId: string) => `/api/ciphers/purge?organizationId=${orgId}`;

  it('verifies the secret first: a wrong one is 400 "User verification failed." and deletes nothing', async () => {
    expect((await call(w.h, 'POST', importPath(w.orgId), w.owner.token, body())).status).toBe(200);
    const r = await call(w.h, 'POST', purge(w.orgId), w.owner.token, { masterPasswordHash: 'wrong' });
    expect(r.status).toBe(400);
    expect((r.body as { validationErrors: Record<string, string[]> }).validationErrors).toEqual({ '': ['User verification failed.'] });
    expect(w.h.store.ciphers.countByOrganization(w.orgId)).toBe(2);
  });

  it('EditAnyCollection as on the official server: User and Custom get 404; Admin and Owner purge, collections stay, event 1601', async () => {
    expect((await call(w.h, 'POST', importPath(w.orgId), w.owner.token, body())).status).toBe(200);
    for (const who of [w.user, w.custom]) {
      const r = await call(w.h, 'POST', purge(w.orgId), who.token, { masterPasswordHash: who.account.masterPasswordHash });
      expect(r.status).toBe(404);
    }
    expect(w.h.store.ciphers.countByOrganization(w.orgId)).toBe(2);
    const r = await call(w.h, 'POST', purge(w.orgId), w.admin.token, { masterPasswordHash: w.admin.account.masterPasswordHash });
    expect(r.status).toBe(200);
    expect(w.h.store.ciphers.countByOrganization(w.orgId)).toBe(0);
    expect(w.h.store.collections.countByOrganization(w.orgId)).toBeGreaterThan(0);
    expect(eventTypes(w.h, w.orgId)).toContain(1601);
  });
});

describe('provider users', () => {
  it('a provider service user imports into a client; new collections get no member access', async () => {
    const h = createHarness();
    try {
      const pw = await buildProviderWorld(h);
      const client = await createClient(h, pw.providerId, pw.admin.token);
      const before = new Set(h.store.collections.listByOrganization(client.organizationId).map((c) => c.id));
      const r = await call(h, 'POST', importPath(client.organizationId), pw.serviceUser.token, body());
      expect(r.status, r.text).toBe(200);
      // Rows made in the same millisecond sort by id, so compare ids rather than positions.
      const created = h.store.collections.listByOrganization(client.organizationId).filter((c) => !before.has(c.id));
      expect(created).toHaveLength(1);
      expect(h.store.collections.listUserAccess(created[0]?.id ?? '')).toEqual([]);
      expect(h.store.ciphers.countByOrganization(client.organizationId)).toBe(2);
    } finally {
      h.close();
    }
  });
});
