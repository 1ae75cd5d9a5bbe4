import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, InputError, UsageError } from '../../../src/errors.js';
import {
  createSessionStore,
  describeModeRepair,
  sessionSchema,
  type Session,
  type SessionStore,
} from '../../../src/config/session-store.js';

const posix = process.platform !== 'win32';
const b64 = (n: number, fill: number): string => Buffer.alloc(n, fill).toString('base64');
const enc2 = (fill: number): string => `2.${b64(16, fill)}|${b64(48, fill + 1)}|${b64(32, fill + 2)}`;

const full: Session = {
  version: 1,
  server: 'https://vault.acme.example',
  userId: '33333333-3333-3333-3333-333333333333',
  email: 'tech@msp.example',
  authMethod: 'password',
  clientId: 'user.33333333-3333-3333-3333-333333333333',
  accessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.sig',
  refreshToken: 'refresh-token-value',
  accessTokenExpiresAt: '2026-01-02T03:04:05.000Z',
  kdf: { kdfType: 1, iterations: 3, memory: 64, parallelism: 4 },
  salt: 'tech@msp.example',
  protectedUserKey: enc2(1),
  encryptedPrivateKey: enc2(4),
  sessionProtectedUserKey: enc2(7),
  organizationId: '44444444-4444-4444-4444-444444444444',
};

const minimal: Session = {
  version: 1,
  server: 'us',
  userId: 'u1',
  authMethod: 'org-apikey',
  accessToken: 'tok',
  accessTokenExpiresAt: '2026-01-02T03:04:05+01:00',
};

let tmp: string;
let dir: string;
let store: SessionStore;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bwmsp-sessions-'));
  dir = path.join(tmp, 'config');
  store = createSessionStore(dir);
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const mode = (p: string): number => fs.statSync(p).mode & 0o777;
const sessionsDir = (): string => path.join(dir, 'sessions');

describe('createSessionStore', () => {
  it('puts each profile in <configDir>/sessions/<profile>.json', () => {
    expect(store.path('acme')).toBe(path.join(dir, 'sessions', 'acme.json'));
    expect(store.path('eu.main')).toBe(path.join(dir, 'sessions', 'eu.main.json'));
  });

  it.each(['../evil', 'a/b', 'ACME', '', '.hidden'])('refuses the profile name %j with a UsageError', (name) => {
    expect(() => store.path(name)).toThrow(UsageError);
    expect(() => store.read(name)).toThrow(UsageError);
    expect(() => store.write(name, minimal)).toThrow(UsageError);
    expect(() => store.remove(name)).toThrow(UsageError);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('reads nothing, and creates nothing, when there is no session', () => {
    expect(store.read('acme')).toBeUndefined();
    expect(store.readWithStatus('acme')).toEqual({ session: undefined, repaired: [] });
    expect(fs.existsSync(dir)).toBe(false);
  });

  it.each([
    ['every field', full],
    ['only the required fields', minimal],
  ])('round-trips a session with %s', (_what, session) => {
    store.write('acme', session);
    expect(store.read('acme')).toEqual(session);
    expect(store.readWithStatus('acme')).toEqual({ session, repaired: [] });
  });

  it('keeps profiles apart', () => {
    store.write('a', minimal);
    store.write('b', full);
    expect(store.read('a')).toEqual(minimal);
    expect(store.read('b')).toEqual(full);
  });

  it('writes no field other than the schema’s', () => {
    store.write('acme', full);
    const written = JSON.parse(fs.readFileSync(store.path('acme'), 'utf8')) as Record<string, unknown>;
    const allowed = Object.keys(sessionSchema.shape);
    expect(Object.keys(written).filter((key) => !allowed.includes(key))).toEqual([]);
    expect(Object.keys(written.kdf as object).sort()).toEqual(['iterations', 'kdfType', 'memory', 'parallelism']);
    expect(written).toEqual(full);
  });

  it('refuses to write a field outside the schema (such as a plaintext key) and writes nothing', () => {
    const leaky = { ...minimal, userKey: 'AAAA' } as unknown as Session;
    expect(() => store.write('acme', leaky)).toThrow(/refusing to write session for profile 'acme'.*userKey/);
    expect(fs.existsSync(store.path('acme'))).toBe(false);
    const leakyKdf = { ...minimal, kdf: { kdfType: 0, iterations: 600000, masterKey: 'x' } } as unknown as Session;
    expect(() => store.write('acme', leakyKdf)).toThrow(/masterKey/);
  });

  it('refuses a raw key where an EncString belongs', () => {
    const raw = { ...minimal, protectedUserKey: b64(64, 9) };
    expect(() => store.write('acme', raw)).toThrow(/protectedUserKey: must be an EncString/);
  });

  it.each([
    ['no token', { accessToken: '' }],
    ['a bad expiry', { accessTokenExpiresAt: 'tomorrow' }],
    ['a bad auth method', { authMethod: 'sso' }],
    ['a bad KDF type', { kdf: { kdfType: 2, iterations: 1 } }],
  ])('refuses to write a session with %s', (_what, patch) => {
    expect(() => store.write('acme', { ...minimal, ...patch } as unknown as Session)).toThrow(TypeError);
  });

  describe.skipIf(!posix)('file modes', () => {
    it('creates the session file 0600 and the folders 0700', () => {
      store.write('acme', full);
      expect(mode(store.path('acme'))).toBe(0o600);
      expect(mode(sessionsDir())).toBe(0o700);
      expect(mode(dir)).toBe(0o700);
    });

    it('gives exactly 0600/0700 even with a umask of 000', () => {
      const old = process.umask(0o000);
      try {
        store.write('acme', full);
      } finally {
        process.umask(old);
      }
      expect(mode(store.path('acme'))).toBe(0o600);
      expect(mode(sessionsDir())).toBe(0o700);
    });

    it('narrows an existing sessions folder that is too open when writing', () => {
      fs.mkdirSync(sessionsDir(), { recursive: true });
      fs.chmodSync(sessionsDir(), 0o755);
      store.write('acme', minimal);
      expect(mode(sessionsDir())).toBe(0o700);
    });

    it('replaces a too-open session file with a 0600 one when writing', () => {
      fs.mkdirSync(sessionsDir(), { recursive: true, mode: 0o700 });
      fs.writeFileSync(store.path('acme'), '{}', { mode: 0o644 });
      fs.chmodSync(store.path('acme'), 0o644);
      store.write('acme', minimal);
      expect(mode(store.path('acme'))).toBe(0o600);
    });

    it('repairs a group/world-readable session file and folder on read, and says so', () => {
      store.write('acme', full);
      fs.chmodSync(store.path('acme'), 0o644);
      fs.chmodSync(sessionsDir(), 0o755);
      const result = store.readWithStatus('acme');
      expect(result.session).toEqual(full);
      expect(result.repaired).toEqual([
        { path: sessionsDir(), from: 0o755, to: 0o700 },
        { path: store.path('acme'), from: 0o644, to: 0o600 },
      ]);
      expect(mode(store.path('acme'))).toBe(0o600);
      expect(mode(sessionsDir())).toBe(0o700);
      expect(store.readWithStatus('acme').repaired).toEqual([]);
      expect(describeModeRepair({ path: '/x', from: 0o644, to: 0o600 })).toBe(
        'fixed permissions of /x: were 0644, now 0600',
      );
    });

    it('repairs silently through read()', () => {
      store.write('acme', minimal);
      fs.chmodSync(store.path('acme'), 0o660);
      expect(store.read('acme')).toEqual(minimal);
      expect(mode(store.path('acme'))).toBe(0o600);
    });

    it('leaves a narrower mode such as 0400 alone', () => {
      store.write('acme', minimal);
      fs.chmodSync(store.path('acme'), 0o400);
      expect(store.readWithStatus('acme')).toEqual({ session: minimal, repaired: [] });
      expect(mode(store.path('acme'))).toBe(0o400);
    });

    it('refuses a session path that is a symlink', () => {
      store.write('real', minimal);
      fs.symlinkSync(store.path('real'), store.path('link'));
      expect(() => store.read('link')).toThrow(InputError);
      expect(() => store.read('link')).toThrow('is not a regular file');
    });
  });

  describe('atomic write', () => {
    it('replaces the file by rename (a new inode) and leaves no temp file', () => {
      store.write('acme', minimal);
      const before = fs.statSync(store.path('acme')).ino;
      store.write('acme', full);
      expect(fs.statSync(store.path('acme')).ino).not.toBe(before);
      expect(store.read('acme')).toEqual(full);
      expect(fs.readdirSync(sessionsDir())).toEqual(['acme.json']);
    });

    it('leaves the old session intact when the new one is invalid', () => {
      store.write('acme', full);
      const content = fs.readFileSync(store.path('acme'), 'utf8');
      expect(() => store.write('acme', { ...full, accessToken: '' })).toThrow();
      expect(fs.readFileSync(store.path('acme'), 'utf8')).toBe(content);
    });

    it('removes its temp file when the rename fails', () => {
      fs.mkdirSync(path.join(sessionsDir(), 'acme.json', 'blocker'), { recursive: true });
      expect(() => store.write('acme', minimal)).toThrow();
      expect(fs.readdirSync(sessionsDir())).toEqual(['acme.json']);
      expect(fs.statSync(store.path('acme')).isDirectory()).toBe(true);
    });
  });

  describe('tampered or damaged files', () => {
    function plant(content: string): string {
      fs.mkdirSync(sessionsDir(), { recursive: true, mode: 0o700 });
      fs.writeFileSync(store.path('acme'), content, { mode: 0o600 });
      return store.path('acme');
    }

    it.each([
      ['an extra field', { ...minimal, userKey: 'AAAA' }, 'userKey'],
      ['a plaintext key where an EncString belongs', { ...minimal, protectedUserKey: 'AAAA' }, 'protectedUserKey'],
      ['a missing token', { ...minimal, accessToken: undefined }, 'accessToken'],
      ['another version', { ...minimal, version: 2 }, 'version'],
      ['a wrong type', { ...minimal, kdf: { kdfType: 0, iterations: '600000' } }, 'kdf.iterations'],
      ['a non-object', [1, 2], 'expected object'],
    ])('rejects a session file with %s as an InputError naming the file and field', (_what, content, field) => {
      const file = plant(JSON.stringify(content));
      let caught: unknown;
      try {
        store.read('acme');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InputError);
      const message = (caught as InputError).message;
      expect(message).toContain(`session file ${file} is invalid`);
      expect(message).toContain(field);
      expect((caught as InputError).hint).toContain('bwmsp logout');
    });

    it('does not echo token values in the error', () => {
      plant(JSON.stringify({ ...minimal, accessToken: 12345678, refreshToken: 'secret-refresh', extra: 1 }));
      expect(() => store.read('acme')).toThrow(InputError);
      try {
        store.read('acme');
      } catch (error) {
        expect((error as Error).message).not.toContain('secret-refresh');
        expect((error as Error).message).not.toContain('12345678');
      }
    });

    it('rejects a file that is not JSON as an InputError naming the file', () => {
      const file = plant('{"version":1,');
      expect(() => store.read('acme')).toThrow(`session file ${file} is not valid JSON`);
    });
  });

  describe('update', () => {
    it('merges a patch and keeps the other fields', () => {
      store.write('acme', full);
      store.update('acme', { accessToken: 'new', accessTokenExpiresAt: '2027-01-01T00:00:00Z' });
      expect(store.read('acme')).toEqual({ ...full, accessToken: 'new', accessTokenExpiresAt: '2027-01-01T00:00:00Z' });
    });

    it('removes a field patched to undefined', () => {
      store.write('acme', full);
      store.update('acme', { sessionProtectedUserKey: undefined, refreshToken: undefined });
      const { sessionProtectedUserKey: _s, refreshToken: _r, ...rest } = full;
      expect(store.read('acme')).toEqual(rest);
    });

    it('validates the result, and leaves the file alone when it is invalid', () => {
      store.write('acme', full);
      expect(() => store.update('acme', { authMethod: 'nope' } as unknown as Partial<Session>)).toThrow(TypeError);
      expect(store.read('acme')).toEqual(full);
    });

    it.skipIf(!posix)('keeps mode 0600', () => {
      store.write('acme', full);
      store.update('acme', { accessToken: 'new' });
      expect(mode(store.path('acme'))).toBe(0o600);
    });

    it('throws AuthError when there is no session to update', () => {
      expect(() => store.update('acme', { accessToken: 'x' })).toThrow(AuthError);
      expect(() => store.update('acme', { accessToken: 'x' })).toThrow("not logged in with profile 'acme'");
    });
  });

  describe('remove', () => {
    it('deletes the session file', () => {
      store.write('acme', minimal);
      store.remove('acme');
      expect(store.read('acme')).toBeUndefined();
      expect(fs.existsSync(store.path('acme'))).toBe(false);
    });

    it('is quiet when there is nothing to remove', () => {
      expect(() => store.remove('acme')).not.toThrow();
    });
  });
});
