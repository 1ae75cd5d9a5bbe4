import { describe, expect, it } from 'vitest';
import { decryptString, encryptString, SymmetricKey, wrapSymmetricKey } from '../../../src/crypto/index.js';
import type { AdminOrg } from '../../../src/domain/admin-org.js';
import { emptyItem, type ImportItem } from '../../../src/domain/importers/model.js';
import { importItems, toCipherRequest } from '../../../src/domain/vault-import.js';
import { AuthError, InputError } from '../../../src/errors.js';
import { apiError, fakeApi, type Handler } from './provider-fake-api.js';

const ORG = '0e4a2f7d-2222-4c3b-9d5e-000000000000';
const key = SymmetricKey.generate();

function loginItem(name: string, collections: string[] = [], username = 'u'): ImportItem {
  const item = emptyItem('login', name, `file.csv line ${name}`);
  item.login = { username, password: 'pw', totp: null, uris: ['https://a.example'] };
  item.collections = collections;
  return item;
}

function org(routes: Record<string, Handler>) {
  const { api, calls } = fakeApi({
    'GET /ciphers/organization-details': () => ({ object: 'list', data: [], continuationToken: null }),
    ...routes,
  });
  const value: AdminOrg = { kind: 'user', api, orgId: ORG, name: 'Contoso Ltd', orgKey: key, close: async () => undefined };
  return { org: value, calls };
}

const noCollections = () => ({ object: 'list', data: [], continuationToken: null });

describe('toCipherRequest', () => {
  it('encrypts every string with the organization key', () => {
    const item = loginItem('Router');
    item.notes = 'rack 2';
    item.fields = [{ name: 'PIN', value: '4711', type: 1 }];
    const request = toCipherRequest(item, ORG, key);
    expect(request).toMatchObject({ type: 1, organizationId: ORG, favorite: false, reprompt: 0 });
    expect(decryptString(request.name, key)).toBe('Router');
    expect(decryptString(request.notes as string, key)).toBe('rack 2');
    expect(decryptString(request.login?.password as string, key)).toBe('pw');
    expect(decryptString(request.login?.uris?.[0]?.uri as string, key)).toBe('https://a.example');
    expect(decryptString(request.fields?.[0]?.value as string, key)).toBe('4711');
    expect(JSON.stringify(request)).not.toContain('Router');
  });

  it('refuses a field over the encrypted-length limit, naming the item and field', () => {
    const item = loginItem('Long');
    item.notes = 'x'.repeat(8000);
    expect(() => toCipherRequest(item, ORG, key)).toThrow(InputError);
    expect(() => toCipherRequest(item, ORG, key)).toThrow(/file\.csv line Long: field notes is too long/);
  });
});

describe('importItems', () => {
  it('sends batches, reuses known collections by id, and reports a failed batch item by item', async () => {
    const existing = { id: '8c1a9f2e-1111-4c3b-9d5e-000000000001', name: encryptString('IT', key), type: 0, groups: [], users: [] };
    const { org: target, calls } = org({
      'GET /organizations/0e4a2f7d-2222-4c3b-9d5e-000000000000/collections/details': () => ({ object: 'list', data: [existing], continuationToken: null }),
      'POST /ciphers/import-organization': (_json, n) => {
        if (n === 1) throw apiError(500, 'POST', '/ciphers/import-organization', 'An unhandled server error has occurred.');
        return null;
      },
    });
    const items = [loginItem('a', ['IT']), loginItem('b', ['IT']), loginItem('c', ['IT']), loginItem('d')];
    const summary = await importItems(target, items, { dryRun: false, batchSize: 2, warn: () => undefined });
    expect(summary).toMatchObject({ items: 4, imported: 2, batches: 2, collectionsReused: ['IT'], collectionsCreated: [] });
    expect(summary.failures.map((f) => f.item)).toEqual(['c (file.csv line c)', 'd (file.csv line d)']);
    const first = calls.find((c) => c.path === '/ciphers/import-organization')?.json as { collections: { id?: string }[]; collectionRelationships: unknown[] };
    expect(first.collections).toEqual([expect.objectContaining({ id: existing.id })]);
    expect(first.collectionRelationships).toEqual([
      { key: 0, value: 0 },
      { key: 1, value: 0 },
    ]);
  });

  it('a refusal on the first batch is an AuthError (exit 4), not a partial failure', async () => {
    const { org: target } = org({
      'GET /organizations/0e4a2f7d-2222-4c3b-9d5e-000000000000/collections/details': noCollections,
      'POST /ciphers/import-organization': () => {
        throw apiError(400, 'POST', '/ciphers/import-organization', 'Not enough privileges to import into this organization.');
      },
    });
    await expect(importItems(target, [loginItem('a')], { dryRun: false, warn: () => undefined })).rejects.toThrow(AuthError);
  });

  it('skips items whose name, username and first URI already exist', async () => {
    const enc = (t: string) => toCipherRequest(loginItem(t), ORG, key);
    const stored = enc('a');
    const { org: target, calls } = org({
      'GET /organizations/0e4a2f7d-2222-4c3b-9d5e-000000000000/collections/details': noCollections,
      'GET /ciphers/organization-details': () => ({
        object: 'list',
        data: [{ object: 'cipherMiniDetails', id: 'x', organizationId: ORG, type: 1, name: stored.name, login: stored.login, creationDate: 'd', revisionDate: 'd' }],
        continuationToken: null,
      }),
      'POST /ciphers/import-organization': () => null,
    });
    const summary = await importItems(target, [loginItem('a'), loginItem('a', [], 'other user')], { dryRun: false, warn: () => undefined });
    expect(summary).toMatchObject({ imported: 1, skipped: 1 });
    expect(calls.filter((c) => c.path === '/ciphers/import-organization')).toHaveLength(1);
  });
});

describe('items with their own key', () => {
  it('recognises an existing item encrypted under a per-item key wrapped by the organization key', async () => {
    const itemKey = SymmetricKey.generate();
    const stored = toCipherRequest(loginItem('a'), ORG, itemKey);
    const { org: target, calls } = org({
      'GET /organizations/0e4a2f7d-2222-4c3b-9d5e-000000000000/collections/details': noCollections,
      'GET /ciphers/organization-details': () => ({
        object: 'list',
        data: [{ object: 'cipherMiniDetails', id: 'x', organizationId: ORG, type: 1, name: stored.name, login: stored.login, key: wrapSymmetricKey(itemKey, key), creationDate: 'd', revisionDate: 'd' }],
        continuationToken: null,
      }),
    });
    const summary = await importItems(target, [loginItem('a')], { dryRun: false, warn: () => undefined });
    expect(summary).toMatchObject({ imported: 0, skipped: 1, batches: 0 });
    expect(calls.filter((c) => c.path === '/ciphers/import-organization')).toHaveLength(0);
  });
});

describe('collection names', () => {
  it('refuses a new collection whose encrypted name is over 1000 characters, before sending anything', async () => {
    const { org: target, calls } = org({ 'GET /organizations/0e4a2f7d-2222-4c3b-9d5e-000000000000/collections/details': noCollections });
    await expect(importItems(target, [loginItem('a', ['x'.repeat(800)])], { dryRun: false, warn: () => undefined })).rejects.toThrow(/is too long/);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
