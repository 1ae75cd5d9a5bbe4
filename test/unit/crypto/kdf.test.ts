import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  DEFAULT_KDF,
  deriveMasterKey,
  hashMasterPassword,
  KdfType,
  normalizeEmailSalt,
  stretchMasterKey,
  validateKdf,
  type KdfConfig,
} from '../../../src/crypto/index.js';
import { expectCryptoError } from './vector-helpers.js';

describe('KdfType and DEFAULT_KDF', () => {
  it('uses the server numbers', () => {
    expect(KdfType.PBKDF2_SHA256).toBe(0);
    expect(KdfType.Argon2id).toBe(1);
  });
  it('defaults to PBKDF2 with 600000 iterations and is frozen', () => {
    expect(DEFAULT_KDF).toEqual({ kdfType: 0, iterations: 600_000 });
    expect(Object.isFrozen(DEFAULT_KDF)).toBe(true);
    expect(() => validateKdf(DEFAULT_KDF)).not.toThrow();
  });
});

describe('validateKdf', () => {
  it.each<[string, KdfConfig, RegExp]>([
    ['non-integer PBKDF2 iterations', { kdfType: 0, iterations: 5000.5 }, /PBKDF2/],
    ['Argon2 without memory', { kdfType: 1, iterations: 3, parallelism: 4 }, /memory is missing/],
    ['Argon2 without parallelism', { kdfType: 1, iterations: 3, memory: 64 }, /parallelism is missing/],
    ['Argon2 memory above 1024 MiB', { kdfType: 1, iterations: 3, memory: 4096, parallelism: 4 }, /maximum/],
    ['Argon2 parallelism above 16', { kdfType: 1, iterations: 3, memory: 64, parallelism: 17 }, /maximum/],
    ['unknown type', { kdfType: 2 as unknown as 0, iterations: 600000 }, /unsupported KDF type 2/],
  ])('rejects %s', (_label, kdf, pattern) => {
    expectCryptoError(() => validateKdf(kdf), pattern);
  });
  it('accepts the server defaults (Argon2 6/32/4, 3/64/4)', () => {
    expect(() => validateKdf({ kdfType: 1, iterations: 6, memory: 32, parallelism: 4 })).not.toThrow();
    expect(() => validateKdf({ kdfType: 1, iterations: 3, memory: 64, parallelism: 4 })).not.toThrow();
  });
});

describe('normalizeEmailSalt', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmailSalt('  Test@BitWarden.COM\t')).toBe('test@bitwarden.com');
  });
});

describe('deriveMasterKey / hashMasterPassword / stretchMasterKey', () => {
  const cheap: KdfConfig = { kdfType: 0, iterations: 5000 };

  it('does not normalise the salt itself', async () => {
    const a = await deriveMasterKey('pw', 'a@example.com', cheap);
    const b = await deriveMasterKey('pw', 'A@example.com', cheap);
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(b);
  });
  it('does not normalise the password', async () => {
    const a = await deriveMasterKey('pw', 'a@example.com', cheap);
    const b = await deriveMasterKey('pw ', 'a@example.com', cheap);
    expect(a).not.toEqual(b);
  });
  it('validates the KDF before deriving', async () => {
    await expect(deriveMasterKey('pw', 'salt', { kdfType: 0, iterations: 1 })).rejects.toBeInstanceOf(CryptoError);
  });
  it('gives different server and local hashes', async () => {
    const masterKey = await deriveMasterKey('pw', 'a@example.com', cheap);
    expect(hashMasterPassword(masterKey, 'pw')).toBe(hashMasterPassword(masterKey, 'pw', 1));
    expect(hashMasterPassword(masterKey, 'pw', 2)).not.toBe(hashMasterPassword(masterKey, 'pw', 1));
  });
  it('rejects master keys that are not 32 bytes', () => {
    expectCryptoError(() => hashMasterPassword(new Uint8Array(64), 'pw'), /master key length/);
    expectCryptoError(() => stretchMasterKey(new Uint8Array(16)), /master key length/);
  });
  it('rejects hash iterations other than 1 or 2', () => {
    expectCryptoError(() => hashMasterPassword(new Uint8Array(32), 'pw', 3 as 1), /iterations/);
  });
});
