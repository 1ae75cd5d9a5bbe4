import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, NotFoundError, UsageError } from '../../../src/errors.js';
import { createConfStore, type ConfigStore, type Profile } from '../../../src/config/profile-store.js';
import { MemoryConfigStore } from '../../helpers/memory-config-store.js';

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bwmsp-config-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const acme: Profile = {
  name: 'acme',
  server: 'https://vault.acme.example',
  provider: '11111111-1111-1111-1111-111111111111',
  org: '22222222-2222-2222-2222-222222222222',
  caFile: '/etc/ssl/acme-ca.pem',
  email: 'tech@msp.example',
  authMethod: 'apikey',
};
const eu: Profile = { name: 'eu.main', server: 'eu' };

type StoreFactory = () => ConfigStore;
const stores: Array<[string, StoreFactory]> = [
  ['conf store', () => createConfStore({ dir: path.join(tmp, 'cfg') })],
  ['MemoryConfigStore', () => new MemoryConfigStore()],
];

describe.each(stores)('%s', (_label, makeStore) => {
  it('starts empty', () => {
    const store = makeStore();
    expect(store.listProfiles()).toEqual([]);
    expect(store.getActiveProfile()).toBeUndefined();
    expect(store.getProfile('acme')).toBeUndefined();
  });

  it('round-trips profiles with every field, listed by name', () => {
    const store = makeStore();
    store.saveProfile(acme);
    store.saveProfile(eu);
    expect(store.getProfile('acme')).toEqual(acme);
    expect(store.getProfile('eu.main')).toEqual(eu);
    expect(store.listProfiles()).toEqual([acme, eu]);
  });

  it('replaces a profile saved again under the same name', () => {
    const store = makeStore();
    store.saveProfile(acme);
    store.saveProfile({ name: 'acme', server: 'us' });
    expect(store.getProfile('acme')).toEqual({ name: 'acme', server: 'us' });
  });

  it('sets, reads and clears the active profile', () => {
    const store = makeStore();
    store.saveProfile(acme);
    store.setActiveProfile('acme');
    expect(store.getActiveProfile()).toBe('acme');
    store.setActiveProfile(undefined);
    expect(store.getActiveProfile()).toBeUndefined();
  });

  it('refuses to activate a profile that does not exist, listing the existing ones', () => {
    const store = makeStore();
    store.saveProfile(acme);
    const error = catchError(() => store.setActiveProfile('nope'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe("profile 'nope' not found");
    expect((error as NotFoundError).hint).toContain('acme');
    expect((error as NotFoundError).hint).toContain('bwmsp profile add');
  });

  it('removes a profile and clears it as the active one', () => {
    const store = makeStore();
    store.saveProfile(acme);
    store.saveProfile(eu);
    store.setActiveProfile('acme');
    store.removeProfile('acme');
    expect(store.getProfile('acme')).toBeUndefined();
    expect(store.getActiveProfile()).toBeUndefined();
    expect(store.listProfiles()).toEqual([eu]);
  });

  it('keeps the active profile when another one is removed', () => {
    const store = makeStore();
    store.saveProfile(acme);
    store.saveProfile(eu);
    store.setActiveProfile('acme');
    store.removeProfile('eu.main');
    expect(store.getActiveProfile()).toBe('acme');
  });

  it('throws NotFoundError removing a profile that does not exist', () => {
    const store = makeStore();
    expect(() => store.removeProfile('ghost')).toThrow(NotFoundError);
  });

  it.each(['', 'Acme', '-acme', '.acme', 'acme corp', '../etc', 'a/b', 'é', 'a'.repeat(65)])(
    'rejects the profile name %j with a UsageError',
    (name) => {
      const store = makeStore();
      const error = catchError(() => store.saveProfile({ name, server: 'us' }));
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(`invalid profile name '${name}'`);
      expect((error as UsageError).hint).toMatch(/lower-case letters, digits/);
      expect(() => store.setActiveProfile(name)).toThrow(UsageError);
      expect(() => store.removeProfile(name)).toThrow(UsageError);
      expect(store.getProfile(name)).toBeUndefined();
    },
  );

  it.each(['a', '0', 'acme-eu', 'acme_2', 'a.b.c', 'a'.repeat(64)])('accepts the profile name %j', (name) => {
    const store = makeStore();
    store.saveProfile({ name, server: 'us' });
    expect(store.getProfile(name)?.name).toBe(name);
  });

  it('rejects a profile whose server is not usable, naming the server', () => {
    const store = makeStore();
    expect(() => store.saveProfile({ name: 'x', server: 'ftp://host' })).toThrow("invalid server 'ftp://host'");
    expect(store.listProfiles()).toEqual([]);
  });

  it('rejects an unknown auth method and empty optional fields', () => {
    const store = makeStore();
    const bad = { name: 'x', server: 'us', authMethod: 'sso' } as unknown as Profile;
    expect(() => store.saveProfile(bad)).toThrow(UsageError);
    expect(() => store.saveProfile({ name: 'x', server: 'us', org: '' })).toThrow(/org/);
  });

  it('hands out copies: changing a returned profile does not change the store', () => {
    const store = makeStore();
    store.saveProfile(acme);
    const copy = store.getProfile('acme');
    if (copy === undefined) throw new Error('missing');
    copy.server = 'eu';
    expect(store.getProfile('acme')?.server).toBe(acme.server);
  });
});

describe('createConfStore', () => {
  const dir = (): string => path.join(tmp, 'cfg');
  const file = (): string => path.join(dir(), 'config.json');

  it('exposes the directory it was given', () => {
    expect(createConfStore({ dir: dir() }).dir).toBe(dir());
  });

  it('persists across store instances (a new process reads what the last wrote)', () => {
    const first = createConfStore({ dir: dir() });
    first.saveProfile(acme);
    first.setActiveProfile('acme');
    const second = createConfStore({ dir: dir() });
    expect(second.getProfile('acme')).toEqual(acme);
    expect(second.getActiveProfile()).toBe('acme');
  });

  it('writes config.json as plain JSON keyed by profile name, mode 0600 in a 0700 directory', () => {
    const store = createConfStore({ dir: dir() });
    store.saveProfile(eu);
    store.setActiveProfile('eu.main');
    expect(JSON.parse(fs.readFileSync(file(), 'utf8'))).toEqual({
      version: 1,
      activeProfile: 'eu.main',
      profiles: { 'eu.main': { server: 'eu' } },
    });
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir()).mode & 0o777).toBe(0o700);
  });

  it('creates nothing but the directory when only read', () => {
    const store = createConfStore({ dir: dir() });
    expect(fs.existsSync(dir())).toBe(false);
    store.listProfiles();
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it.each([
    ['not JSON', '{"profiles": {', 'is not valid JSON'],
    ['a profile with a bad server', '{"profiles":{"a":{"server":"ftp://x"}}}', 'profiles.a.server'],
    ['a bad profile name', '{"profiles":{"Bad Name":{"server":"us"}}}', 'profiles'],
    ['an unknown field', '{"profiles":{"a":{"server":"us","sever":"eu"}}}', 'sever'],
    ['a wrong type', '{"profiles":[]}', 'profiles'],
    ['an unknown version', '{"version":2,"profiles":{}}', 'version'],
  ])('reports a config file with %s as an InputError naming the file', (_what, content, detail) => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(file(), content);
    const store = createConfStore({ dir: dir() });
    const error = catchError(() => store.listProfiles());
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(`config file ${file()}`);
    expect((error as InputError).message).toContain(detail);
    expect((error as InputError).hint).toBeDefined();
    // The damaged file is left alone for the user to fix.
    expect(fs.readFileSync(file(), 'utf8')).toBe(content);
  });

  it('reports corruption on a write too, without overwriting the file', () => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(file(), 'garbage');
    const store = createConfStore({ dir: dir() });
    expect(() => store.saveProfile(acme)).toThrow(InputError);
    expect(fs.readFileSync(file(), 'utf8')).toBe('garbage');
  });

  it('reads a file an editor saved with a byte order mark', () => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(file(), '\uFEFF{"profiles":{"a":{"server":"us"}}}');
    expect(createConfStore({ dir: dir() }).getProfile('a')).toEqual({ name: 'a', server: 'us' });
  });
});

describe('MemoryConfigStore', () => {
  it('can be seeded with profiles and an active one', () => {
    const store = new MemoryConfigStore({ profiles: [acme, eu], active: 'eu.main' });
    expect(store.listProfiles()).toEqual([acme, eu]);
    expect(store.getActiveProfile()).toBe('eu.main');
    expect(store.document.profiles['eu.main']).toEqual({ server: 'eu' });
  });

  it('refuses a seed whose active profile is missing', () => {
    expect(() => new MemoryConfigStore({ profiles: [acme], active: 'ghost' })).toThrow(/ghost/);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
