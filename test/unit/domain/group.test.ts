import { describe, expect, it } from 'vitest';
import type { GroupRequest } from '../../../src/api/endpoints/groups.js';
import { encryptString, SymmetricKey } from '../../../src/crypto/index.js';
import { NotFoundError, UsageError } from '../../../src/errors.js';
import { changeGroupAccess, changeGroupMembers, createGroup, deleteGroup, editGroup, findGroup, listGroups } from '../../../src/domain/group.js';
import { loadGroups } from '../../../src/domain/group-info.js';
import { fakeApi, fakeOrg, guid, list, ORG_ID } from '../commands/collection/fake-org.js';

interface StoredGroup {
  id: string;
  organizationId: string;
  name: string;
  externalId: string | null;
  collections: { id: string; readOnly: boolean; hidePasswords: boolean; manage: boolean }[];
  users: string[];
}

const ana = { id: guid(401), userId: guid(501), email: 'ana@contoso.example', status: 2, type: 2 };
const bo = { id: guid(402), userId: guid(502), email: 'bo@contoso.example', status: 2, type: 2 };
const cy = { id: guid(403), userId: null, email: 'cy@contoso.example', status: 0, type: 2 };

function server(key: SymmetricKey) {
  const groups = new Map<string, StoredGroup>();
  const finance = guid();
  const banking = guid();
  const collections = [
    { id: finance, organizationId: ORG_ID, name: encryptString('Finance', key), externalId: 'fin', type: 0, groups: [], users: [] },
    { id: banking, organizationId: ORG_ID, name: encryptString('Finance/Banking', key), externalId: null, type: 0, groups: [], users: [] },
  ];
  const fake = fakeApi({
    'GET /organizations/:org/groups/details': () => list([...groups.values()].map(({ users: _u, ...g }) => g)),
    'GET /organizations/:org/groups/:id/details': (_req, [, id]) => {
      const { users: _u, ...g } = groups.get(id as string) as StoredGroup;
      return g;
    },
    'GET /organizations/:org/groups/:id/users': (_req, [, id]) => groups.get(id as string)?.users,
    'POST /organizations/:org/groups': (req) => {
      const body = req.json as GroupRequest;
      const g = { id: guid(), organizationId: ORG_ID, externalId: null, ...body };
      groups.set(g.id, g);
      return g;
    },
    'PUT /organizations/:org/groups/:id': (req, [, id]) => {
      const g = { ...(groups.get(id as string) as StoredGroup), ...(req.json as GroupRequest) };
      groups.set(g.id, g);
      return g;
    },
    'DELETE /organizations/:org/groups/:id/user/:member': (_req, [, id, member]) => {
      const g = groups.get(id as string) as StoredGroup;
      g.users = g.users.filter((u) => u !== member);
    },
    'DELETE /organizations/:org/groups/:id': (_req, [, id]) => void groups.delete(id as string),
    'GET /organizations/:org/collections/details': () => list(collections),
    'GET /organizations/:org/users': () => list([ana, bo, cy]),
  });
  return { ...fake, groups, finance, banking };
}

const warn = () => undefined;

function setup() {
  const key = SymmetricKey.generate();
  const s = server(key);
  return { s, org: fakeOrg(s.api, { orgKey: key }) };
}

describe('group lifecycle', () => {
  it('creates with collection access by name[:permission], converges on a re-run, lists and deletes', async () => {
    const { s, org } = setup();
    const made = await createGroup(org, 'Accounting', { collections: [{ ref: 'Finance', permission: 'read-only' }, { ref: 'Finance/Banking', permission: 'manage' }], warn });
    expect(made.created).toBe(true);
    expect(s.calls.find((c) => c.method === 'POST')?.json).toEqual({
      name: 'Accounting',
      collections: [
        { id: s.finance, readOnly: true, hidePasswords: false, manage: false },
        { id: s.banking, readOnly: false, hidePasswords: false, manage: true },
      ],
      users: [],
    });
    expect((await createGroup(org, 'Accounting', { collections: [], warn })).created).toBe(false);
    expect(s.groups.size).toBe(1);

    const [view] = await listGroups(org, warn);
    expect(view).toMatchObject({ name: 'Accounting', members: [], collections: [{ name: 'Finance', permission: 'read-only' }, { name: 'Finance/Banking', permission: 'manage' }] });

    const group = findGroup(org, await loadGroups(org), 'accounting');
    await deleteGroup(org, group);
    expect(s.groups.size).toBe(0);
  });

  it('fails before creating anything when a collection is unknown', async () => {
    const { s, org } = setup();
    await expect(createGroup(org, 'IT', { collections: [{ ref: 'Nope', permission: 'edit' }], warn })).rejects.toThrow(NotFoundError);
    expect(s.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('refuses external ids on the private API and over-long names', async () => {
    const { org } = setup();
    await expect(createGroup(org, 'IT', { externalId: 'it', collections: [], warn })).rejects.toThrow(/only through the Public API/);
    await expect(createGroup(org, 'x'.repeat(101), { collections: [], warn })).rejects.toThrow('<name>: group names have at most 100 characters (got 101)');
  });

  it('renames keeping members and collections', async () => {
    const { s, org } = setup();
    await createGroup(org, 'IT', { collections: [{ ref: 'fin', permission: 'edit' }], warn });
    const id = [...s.groups.keys()][0] as string;
    (s.groups.get(id) as StoredGroup).users = [ana.id];
    const out = await editGroup(org, 'IT', { name: 'IT Operations' });
    expect(out.changed).toBe(true);
    expect(s.groups.get(id)).toMatchObject({ name: 'IT Operations', users: [ana.id], collections: [{ id: s.finance }] });
    expect((await editGroup(org, id, { name: 'IT Operations' })).changed).toBe(false);
  });
});

describe('group members', () => {
  async function withGroup(users: string[]) {
    const { s, org } = setup();
    await createGroup(org, 'Accounting', { collections: [], warn });
    const id = [...s.groups.keys()][0] as string;
    (s.groups.get(id) as StoredGroup).users = users;
    return { s, org, id };
  }

  it('adds by e-mail or id, skipping members already in and reporting unknown ones', async () => {
    const { s, org, id } = await withGroup([ana.id]);
    const out = await changeGroupMembers(org, 'Accounting', 'add', ['ANA@contoso.example', bo.userId as string, 'zed@contoso.example']);
    expect(out.changes.map((c) => [c.email, c.result])).toEqual([
      ['ana@contoso.example', 'already-member'],
      ['bo@contoso.example', 'added'],
    ]);
    expect(out.failures.map((f) => f.item)).toEqual(['zed@contoso.example']);
    expect(s.groups.get(id)?.users).toEqual([ana.id, bo.id]);
    expect(out.group.members.map((m) => m.email)).toEqual(['ana@contoso.example', 'bo@contoso.example']);
  });

  it('removes through the per-member route', async () => {
    const { s, org, id } = await withGroup([ana.id, bo.id]);
    const out = await changeGroupMembers(org, 'Accounting', 'remove', ['bo@contoso.example', 'cy@contoso.example']);
    expect(out.changes.map((c) => c.result)).toEqual(['removed', 'not-member']);
    expect(s.log()).toContain(`DELETE /organizations/${ORG_ID}/groups/${id}/user/${bo.id}`);
    expect(s.groups.get(id)?.users).toEqual([ana.id]);
  });

  it('sets the exact list, and changes nothing when a name is unknown', async () => {
    const { s, org, id } = await withGroup([ana.id, bo.id]);
    await expect(changeGroupMembers(org, 'Accounting', 'set', ['cy@contoso.example', 'zed@contoso.example'])).rejects.toThrow(/nothing changed; no member 'zed@contoso.example'/);
    expect(s.groups.get(id)?.users).toEqual([ana.id, bo.id]);
    const out = await changeGroupMembers(org, 'Accounting', 'set', ['cy@contoso.example', 'ana@contoso.example']);
    expect(out.changes.map((c) => [c.email, c.result]).sort()).toEqual([
      ['ana@contoso.example', 'already-member'],
      ['bo@contoso.example', 'removed'],
      ['cy@contoso.example', 'added'],
    ]);
    expect(s.groups.get(id)?.users.sort()).toEqual([ana.id, cy.id].sort());
  });

  it('uses member-ids on the Public API', async () => {
    let ids = [ana.id];
    const fake = fakeApi({
      'GET /public/groups': () => list([{ id: 'g1', name: 'Accounting', externalId: null, collections: [] }]),
      'GET /public/groups/:id/member-ids': () => ids,
      'PUT /public/groups/:id/member-ids': (req) => {
        ids = (req.json as { memberIds: string[] }).memberIds;
      },
      'GET /public/members': () => list([ana, bo]),
    });
    await changeGroupMembers(fakeOrg(fake.api, { kind: 'organization' }), 'Accounting', 'add', ['bo@contoso.example']);
    expect(ids).toEqual([ana.id, bo.id]);
  });
});

describe('group access', () => {
  it('grants, changes and revokes collections in one update, skipping what is already set', async () => {
    const { s, org } = setup();
    await createGroup(org, 'IT', { collections: [{ ref: 'Finance', permission: 'edit' }], warn });
    const id = [...s.groups.keys()][0] as string;
    const out = await changeGroupAccess(org, 'IT', { grant: [{ ref: 'Finance', permission: 'read-only' }, { ref: 'Finance/Banking', permission: 'manage' }], revoke: [] }, warn);
    expect(out.changes.map((c) => [c.collection, c.result, c.previous])).toEqual([
      ['Finance', 'updated', 'edit'],
      ['Finance/Banking', 'granted', null],
    ]);
    const puts = s.calls.filter((c) => c.method === 'PUT').length;
    const again = await changeGroupAccess(org, 'IT', { grant: [{ ref: 'Finance', permission: 'read-only' }], revoke: ['Finance/Banking'] }, warn);
    expect(again.changes.map((c) => c.result)).toEqual(['unchanged', 'revoked']);
    expect(s.groups.get(id)?.collections).toEqual([{ id: s.finance, readOnly: true, hidePasswords: false, manage: false }]);
    expect(s.calls.filter((c) => c.method === 'PUT').length).toBe(puts + 1);
    await expect(changeGroupAccess(org, 'IT', { grant: [{ ref: 'Finance', permission: 'edit' }], revoke: ['Finance'] }, warn)).rejects.toThrow(UsageError);
    await expect(changeGroupAccess(org, 'Nope', { grant: [], revoke: ['Finance'] }, warn)).rejects.toThrow("no group 'Nope' in Contoso Ltd");
  });
});
