import { describe, expect, it } from 'vitest';
import type { CollectionRequest } from '../../../src/api/endpoints/collections.js';
import { decryptString, encryptString, SymmetricKey } from '../../../src/crypto/index.js';
import { PartialFailureError, NotFoundError, UsageError } from '../../../src/errors.js';
import {
  isPermission,
  parseNameWithPermission,
  parsePermission,
  permissionFlags,
  permissionOf,
  PERMISSIONS,
} from '../../../src/domain/access-level.js';
import {
  assertNoAccessFailures,
  changeCollectionAccess,
  collectionViews,
  createCollection,
  editCollection,
  findCollection,
  loadCollections,
  parentNames,
  validateCollectionName,
} from '../../../src/domain/collection.js';
import { fakeApi, fakeOrg, guid, list, ORG_ID } from '../commands/collection/fake-org.js';

interface StoredCollection {
  id: string;
  organizationId: string;
  name: string;
  externalId: string | null;
  type: number;
  groups: { id: string; readOnly: boolean; hidePasswords: boolean; manage: boolean }[];
  users: { id: string; readOnly: boolean; hidePasswords: boolean; manage: boolean }[];
}

const ana = { id: guid(101), userId: guid(201), email: 'ana@contoso.example', name: 'Ana', status: 2, type: 2 };
const bo = { id: guid(102), userId: guid(202), email: 'bo@contoso.example', name: 'Bo', status: 2, type: 2 };
const accounting = { id: guid(301), name: 'Accounting', externalId: null, collections: [] };
const interns = { id: guid(302), name: 'Interns', externalId: 'grp-interns', collections: [] };

/** A minimal collections server over the fake transport. */
function server(orgKey: SymmetricKey, names: string[] = []) {
  const key = () => orgKey;
  const collections = new Map<string, StoredCollection>();
  const add = (name: string, extra: Partial<StoredCollection> = {}) => {
    const id = guid();
    collections.set(id, { id, organizationId: ORG_ID, name: encryptString(name, key()), externalId: null, type: 0, groups: [], users: [], ...extra });
    return id;
  };
  const fake = fakeApi({
    'GET /organizations/:org/collections/details': () => list([...collections.values()]),
    'GET /organizations/:org/collections/:id/details': (_req, [, id]) => collections.get(id as string),
    'POST /organizations/:org/collections': (req) => {
      const body = req.json as CollectionRequest;
      const id = guid();
      const stored = { id, organizationId: ORG_ID, type: 0, ...body };
      collections.set(id, stored);
      return stored;
    },
    'PUT /organizations/:org/collections/:id': (req, [, id]) => {
      const body = req.json as CollectionRequest;
      const stored = { ...(collections.get(id as string) as StoredCollection), ...body };
      collections.set(id as string, stored);
      return stored;
    },
    'DELETE /organizations/:org/collections/:id': (_req, [, id]) => void collections.delete(id as string),
    'GET /organizations/:org/groups/details': () => list([accounting, interns]),
    'GET /organizations/:org/users': () => list([ana, bo]),
  });
  for (const name of names) add(name);
  return { ...fake, collections, add };
}

const warnings: string[] = [];
const warn = (m: string) => warnings.push(m);

describe('permission words', () => {
  it.each([
    ['read-only', { readOnly: true, hidePasswords: false, manage: false }],
    ['hide-passwords', { readOnly: true, hidePasswords: true, manage: false }],
    ['edit', { readOnly: false, hidePasswords: false, manage: false }],
    ['edit-hide-passwords', { readOnly: false, hidePasswords: true, manage: false }],
    ['manage', { readOnly: false, hidePasswords: false, manage: true }],
  ] as const)('%s maps to the web vault flags and back', (word, flags) => {
    expect(permissionFlags(word)).toEqual(flags);
    expect(permissionOf(flags)).toBe(word);
  });

  it('reads manage first, whatever else is set', () => {
    expect(permissionOf({ readOnly: true, hidePasswords: true, manage: true })).toBe('manage');
  });

  it('accepts view as read-only and refuses unknown words naming the flag', () => {
    expect(parsePermission('View', '--permission')).toBe('read-only');
    expect(parsePermission('EDIT', '--permission')).toBe('edit');
    expect(() => parsePermission('admin', '--permission')).toThrow(/--permission: unknown permission 'admin'; use one of read-only, hide-passwords, edit, edit-hide-passwords, manage/);
    expect(PERMISSIONS.every(isPermission)).toBe(true);
  });

  it.each([
    ['Finance:read-only', 'Finance', 'read-only'],
    ['Finance/Banking:manage', 'Finance/Banking', 'manage'],
    ['Finance', 'Finance', 'edit'],
    ['Ops: EU', 'Ops: EU', 'edit'],
    ['Ops:EU:hide-passwords', 'Ops:EU', 'hide-passwords'],
  ])('splits %s into a name and a permission', (value, name, permission) => {
    expect(parseNameWithPermission(value, '--collection')).toEqual({ name, permission });
  });
});

describe('collection names', () => {
  it('lists parents of nested names', () => {
    expect(parentNames('A/B/C')).toEqual(['A', 'A/B']);
    expect(parentNames('Top')).toEqual([]);
  });

  it.each(['', '  ', '/Finance', 'Finance/', 'Finance//Banking'])('refuses %j', (name) => {
    expect(() => validateCollectionName(name)).toThrow(UsageError);
  });

  it('decrypts names with the org key, sorts them and maps names and ids both ways', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const banking = s.add('Finance/Banking');
    const finance = s.add('Finance');
    const it2 = s.add('IT', { externalId: 'it-dept' });
    const entries = await loadCollections(org, warn);
    expect(entries.map((e) => e.name)).toEqual(['Finance', 'Finance/Banking', 'IT']);
    expect(findCollection(org, entries, 'Finance/Banking').id).toBe(banking);
    expect(findCollection(org, entries, 'finance').id).toBe(finance);
    expect(findCollection(org, entries, it2.toUpperCase()).name).toBe('IT');
    expect(findCollection(org, entries, 'it-dept').id).toBe(it2);
    expect(() => findCollection(org, entries, 'Financ')).toThrow(NotFoundError);
    try {
      findCollection(org, entries, 'Financ');
    } catch (error) {
      expect((error as NotFoundError).message).toBe("no collection 'Financ' in Contoso Ltd");
      expect((error as NotFoundError).hint).toContain('Did you mean: Finance');
    }
  });

  it('reports duplicate names as ambiguous with their ids', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const a = s.add('Shared');
    const b = s.add('Shared');
    const entries = await loadCollections(org, warn);
    expect(() => findCollection(org, entries, 'Shared')).toThrow(new RegExp(`'Shared' names 2 collections in Contoso Ltd; use the id: (${a}, ${b}|${b}, ${a})`));
  });

  it('keeps a name it cannot decrypt as null with a warning instead of failing the list', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    s.add('Readable');
    const id = guid();
    s.collections.set(id, { id, organizationId: ORG_ID, name: encryptString('Other key', SymmetricKey.generate()), externalId: null, type: 0, groups: [], users: [] });
    warnings.length = 0;
    const entries = await loadCollections(org, warn);
    expect(entries.map((e) => e.name)).toEqual(['Readable', null]);
    expect(warnings).toEqual([`could not decrypt the name of collection ${id}`]);
  });

  it('without the org key, names a collection only by id or external id', async () => {
    const s = server(SymmetricKey.generate(), ['Finance']);
    const locked = fakeOrg(s.api, { key: false });
    const entries = await loadCollections(locked, warn);
    expect(entries[0]?.name).toBeNull();
    expect(() => findCollection(locked, entries, 'Finance')).toThrow(/names are encrypted and the vault is locked/);
    expect(findCollection(locked, entries, entries[0]?.id as string).id).toBe(entries[0]?.id);
  });
});

describe('createCollection', () => {
  it('encrypts the name, sends empty access lists and converges on a re-run', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const first = await createCollection(org, 'IT', { externalId: 'it', warn });
    expect(first).toMatchObject({ created: true, parentsCreated: [], parentsMissing: [] });
    const sent = s.calls.find((c) => c.method === 'POST')?.json as CollectionRequest;
    expect(sent.name).toMatch(/^2\./);
    expect(decryptString(sent.name, org.orgKey as SymmetricKey)).toBe('IT');
    expect(sent).toMatchObject({ externalId: 'it', groups: [], users: [] });
    const again = await createCollection(org, 'IT', { warn });
    expect(again).toMatchObject({ created: false });
    expect(again.collection.id).toBe(first.collection.id);
    expect(s.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('gives the creating member Manage access, as bw and the web vault do', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = { ...fakeOrg(s.api, { orgKey: key }), self: { userId: ana.userId, email: ana.email, organizationUserId: ana.id } };
    await createCollection(org, 'Mine/Sub', { parents: true, warn });
    const bodies = s.calls.filter((c) => c.method === 'POST').map((c) => (c.json as CollectionRequest).users);
    expect(bodies).toEqual([
      [{ id: ana.id, readOnly: false, hidePasswords: false, manage: true }],
      [{ id: ana.id, readOnly: false, hidePasswords: false, manage: true }],
    ]);
  });

  it('reports missing parents, and creates them with parents: true', async () => {
    const key = SymmetricKey.generate();
    const s = server(key, ['A']);
    const org = fakeOrg(s.api, { orgKey: key });
    const plain = await createCollection(org, 'A/B/C', { warn });
    expect(plain.parentsMissing).toEqual(['A/B']);
    const deep = await createCollection(org, 'X/Y/Z', { parents: true, warn });
    expect(deep.parentsCreated).toEqual(['X', 'X/Y']);
    const names = (await loadCollections(org, warn)).map((e) => e.name);
    expect(names).toEqual(['A', 'A/B/C', 'X', 'X/Y', 'X/Y/Z']);
  });

  it('refuses names whose encryption exceeds the server limit', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    await expect(createCollection(org, 'x'.repeat(800), { warn })).rejects.toThrow(/too long .* at most 1000/);
  });
});

describe('editCollection', () => {
  it('re-encrypts a new name and keeps access and external id', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const id = s.add('IT', { externalId: 'it', users: [{ id: ana.id, readOnly: false, hidePasswords: false, manage: true }] });
    const result = await editCollection(org, 'IT', { name: 'IT/Infra' }, warn);
    expect(result.changed).toBe(true);
    const stored = s.collections.get(id) as StoredCollection;
    expect(decryptString(stored.name, org.orgKey as SymmetricKey)).toBe('IT/Infra');
    expect(stored.externalId).toBe('it');
    expect(stored.users).toEqual([{ id: ana.id, readOnly: false, hidePasswords: false, manage: true }]);
    expect((await editCollection(org, 'IT/Infra', { name: 'IT/Infra' }, warn)).changed).toBe(false);
    await editCollection(org, id, { externalId: '' }, warn);
    expect(s.collections.get(id)?.externalId).toBeNull();
  });

  it('needs something to change', async () => {
    const org = fakeOrg(fakeApi({}).api);
    await expect(editCollection(org, 'IT', {}, warn)).rejects.toThrow('nothing to change: pass --name and/or --external-id');
  });
});

describe('changeCollectionAccess', () => {
  it('grants groups and members by name, e-mail and id, and skips what is already set', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const id = s.add('Finance');
    const first = await changeCollectionAccess(org, 'Finance', { groups: ['Accounting'], members: ['ana@contoso.example', bo.id], permission: 'read-only' }, warn);
    expect(first.failures).toEqual([]);
    expect(first.changes.map((c) => [c.kind, c.label, c.result, c.permission])).toEqual([
      ['group', 'Accounting', 'granted', 'read-only'],
      ['member', 'ana@contoso.example', 'granted', 'read-only'],
      ['member', 'bo@contoso.example', 'granted', 'read-only'],
    ]);
    const stored = s.collections.get(id) as StoredCollection;
    expect(stored.groups).toEqual([{ id: accounting.id, readOnly: true, hidePasswords: false, manage: false }]);
    expect(stored.users.map((u) => u.id)).toEqual([ana.id, bo.id]);
    expect(decryptString(stored.name, org.orgKey as SymmetricKey)).toBe('Finance');

    const puts = s.calls.filter((c) => c.method === 'PUT').length;
    const again = await changeCollectionAccess(org, 'Finance', { groups: ['accounting'], members: ['ANA@contoso.example'], permission: 'read-only' }, warn);
    expect(again.changes.map((c) => c.result)).toEqual(['unchanged', 'unchanged']);
    expect(s.calls.filter((c) => c.method === 'PUT').length).toBe(puts);

    const changed = await changeCollectionAccess(org, 'Finance', { groups: [], members: [ana.userId], permission: 'manage' }, warn);
    expect(changed.changes[0]).toMatchObject({ result: 'updated', previous: 'read-only', permission: 'manage' });
  });

  it('revokes, skipping those without access', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const id = s.add('IT', { groups: [{ id: interns.id, readOnly: false, hidePasswords: false, manage: false }] });
    const out = await changeCollectionAccess(org, 'IT', { groups: ['grp-interns', 'Accounting'], members: [] }, warn);
    expect(out.changes.map((c) => [c.label, c.result, c.previous])).toEqual([
      ['Interns', 'revoked', 'edit'],
      ['Accounting', 'absent', null],
    ]);
    expect(s.collections.get(id)?.groups).toEqual([]);
  });

  it('applies what resolves and reports the rest as a partial failure', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    const id = s.add('IT');
    const out = await changeCollectionAccess(org, 'IT', { groups: ['Nope'], members: ['bo@contoso.example', 'zed@contoso.example'], permission: 'edit' }, warn);
    expect(out.failures.map((f) => f.item)).toEqual(['group Nope', 'member zed@contoso.example']);
    expect(s.collections.get(id)?.users.map((u) => u.id)).toEqual([bo.id]);
    expect(() => assertNoAccessFailures(out, 'collection access grant')).toThrow(PartialFailureError);
    try {
      assertNoAccessFailures(out, 'collection access grant');
    } catch (error) {
      expect((error as PartialFailureError).message).toMatch(/^collection access grant: 2 of 3 failed: group Nope: no group 'Nope' in Contoso Ltd/);
      expect((error as PartialFailureError).failures).toHaveLength(2);
    }
  });

  it('shows group names and member e-mails in views', async () => {
    const key = SymmetricKey.generate();
    const s = server(key);
    const org = fakeOrg(s.api, { orgKey: key });
    s.add('IT', { groups: [{ id: accounting.id, readOnly: true, hidePasswords: true, manage: false }], users: [{ id: bo.id, readOnly: false, hidePasswords: false, manage: true }] });
    const [view] = await collectionViews(org, await loadCollections(org, warn), warn);
    expect(view).toMatchObject({
      name: 'IT',
      type: 'shared',
      groups: [{ id: accounting.id, name: 'Accounting', permission: 'hide-passwords' }],
      members: [{ id: bo.id, email: 'bo@contoso.example', permission: 'manage' }],
    });
  });

  it('uses the Public API with an organization API key: groups on the collection, members on the member', async () => {
    const collectionId = guid();
    let memberCollections = [{ id: guid(), readOnly: true, hidePasswords: false, manage: false }];
    const fake = fakeApi({
      'GET /public/collections': () => list([{ id: collectionId, externalId: 'ext-1', groups: [] }]),
      'GET /public/groups': () => list([accounting]),
      'GET /public/members': () => list([ana]),
      'PUT /public/collections/:id': (req) => ({ id: collectionId, ...(req.json as object) }),
      'GET /public/members/:id': () => ({ ...ana, externalId: null, collections: memberCollections }),
      'PUT /public/members/:id': (req) => {
        memberCollections = (req.json as { collections: typeof memberCollections }).collections;
        return { ...ana, collections: memberCollections };
      },
    });
    const org = fakeOrg(fake.api, { kind: 'organization' });
    const out = await changeCollectionAccess(org, 'ext-1', { groups: ['Accounting'], members: ['ana@contoso.example'], permission: 'manage' }, warn);
    expect(out.failures).toEqual([]);
    expect(out.changes.map((c) => c.result)).toEqual(['granted', 'granted']);
    expect(fake.calls.find((c) => c.method === 'PUT' && c.path.startsWith('/public/collections'))?.json).toEqual({
      externalId: 'ext-1',
      groups: [{ id: accounting.id, readOnly: false, hidePasswords: false, manage: true }],
    });
    const memberPut = fake.calls.find((c) => c.method === 'PUT' && c.path.startsWith('/public/members'))?.json as Record<string, unknown>;
    expect(memberPut).toMatchObject({ type: 2, externalId: null });
    expect(memberPut).not.toHaveProperty('groups');
    expect(memberCollections.map((c) => c.id)).toContain(collectionId);
    await expect(changeCollectionAccess(org, 'Finance', { groups: ['Accounting'], members: [] }, warn)).rejects.toThrow(/an organization API key has no key to read them/);
  });
});
