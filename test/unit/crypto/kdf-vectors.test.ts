import { describe, expect, it } from 'vitest';
import {
  b64encode,
  deriveMasterKey,
  deriveShareableKey,
  hashMasterPassword,
  hkdfExpand,
  normalizeEmailSalt,
  stretchMasterKey,
  utf8Encode,
  validateKdf,
} from '../../../src/crypto/index.js';
import {
  cachedMasterKey,
  expectCryptoError,
  has,
  hex,
  kdfFromVector,
  loadVectorFile,
  num,
  obj,
  objects,
  str,
  toHex,
  type Json,
} from './vector-helpers.js';

const file = loadVectorFile('kdf.json');
const vectors = objects(file, 'vectors');

/** Registers the tests for one vector; returns false when no handler knows its shape. */
function registerVector(v: Json): boolean {
  if (has(v, 'expected_master_key_hex')) {
    const kdf = kdfFromVector(obj(v, 'kdf'));
    const salt = normalizeEmailSalt(str(v, 'email'));
    it('derives the expected master key', async () => {
      const key = await deriveMasterKey(str(v, 'password'), salt, kdf);
      expect(toHex(key)).toBe(str(v, 'expected_master_key_hex'));
      expect(b64encode(key)).toBe(str(v, 'expected_master_key_b64'));
    });
    if (kdf.kdfType === 1) {
      it('derives the same master key through the hash-wasm fallback', async () => {
        const key = await deriveMasterKey(str(v, 'password'), salt, kdf, { forceArgon2Fallback: true });
        expect(toHex(key)).toBe(str(v, 'expected_master_key_hex'));
      });
    }
    return true;
  }
  if (has(v, 'must_fail')) {
    for (const entry of objects(v, 'must_fail')) {
      const kdf = kdfFromVector(entry);
      it(`rejects ${JSON.stringify(entry)}`, async () => {
        expectCryptoError(() => validateKdf(kdf), /minimum/);
        await expect(deriveMasterKey('password', 'salt@example.com', kdf)).rejects.toThrow(/minimum/);
      });
    }
    if (has(v, 'client_minimums')) {
      const min = obj(v, 'client_minimums');
      it('accepts settings exactly at the client minimums', () => {
        expect(() => validateKdf({ kdfType: 0, iterations: num(min, 'pbkdf2_iterations') })).not.toThrow();
        expect(() =>
          validateKdf({
            kdfType: 1,
            iterations: num(min, 'argon2_iterations'),
            memory: num(min, 'argon2_memory_mib'),
            parallelism: num(min, 'argon2_parallelism'),
          }),
        ).not.toThrow();
        expectCryptoError(() => validateKdf({ kdfType: 0, iterations: num(min, 'pbkdf2_iterations') - 1 }), /minimum/);
        expectCryptoError(
          () =>
            validateKdf({
              kdfType: 1,
              iterations: num(min, 'argon2_iterations'),
              memory: num(min, 'argon2_memory_mib'),
              parallelism: num(min, 'argon2_parallelism') - 1,
            }),
          /parallelism/,
        );
      });
    }
    return true;
  }
  if (has(v, 'expected_hash_b64')) {
    const kdf = kdfFromVector(obj(v, 'kdf'));
    const emails = has(v, 'emails_all_equivalent')
      ? stringList(v, 'emails_all_equivalent')
      : [str(v, 'email')];
    const purpose = has(v, 'purpose') ? str(v, 'purpose') : 'ServerAuthorization';
    const iterations = purpose.startsWith('LocalAuthorization') ? 2 : 1;
    for (const email of emails) {
      it(`hashes the master password (${purpose}) for ${JSON.stringify(email)}`, async () => {
        const masterKey = await cachedMasterKey(str(v, 'password'), normalizeEmailSalt(email), kdf);
        expect(hashMasterPassword(masterKey, str(v, 'password'), iterations)).toBe(str(v, 'expected_hash_b64'));
      });
    }
    return true;
  }
  if (has(v, 'expected_enc_key_hex')) {
    it('stretches the master key with HKDF-Expand enc/mac', () => {
      const stretched = stretchMasterKey(hex(str(v, 'master_key_hex')));
      expect(toHex(stretched.encKey)).toBe(str(v, 'expected_enc_key_hex'));
      expect(toHex(stretched.macKey)).toBe(str(v, 'expected_mac_key_hex'));
      expect(stretched.toB64()).toBe(str(v, 'expected_stretched_64_b64'));
    });
    return true;
  }
  if (has(v, 'expected_okm_hex')) {
    it('computes HKDF-Expand without Extract', () => {
      const okm = hkdfExpand(hex(str(v, 'prk_hex')), str(v, 'info'), num(v, 'length'));
      expect(toHex(okm)).toBe(str(v, 'expected_okm_hex'));
    });
    return true;
  }
  if (has(v, 'expected_key64_b64') && has(v, 'secret_utf8')) {
    it('derives the shareable key', () => {
      const info = has(v, 'info') ? str(v, 'info') : null;
      const key = deriveShareableKey(utf8Encode(str(v, 'secret_utf8')), str(v, 'name'), info);
      expect(key.toB64()).toBe(str(v, 'expected_key64_b64'));
    });
    return true;
  }
  return false;
}

function stringList(v: Json, key: string): string[] {
  const value = v[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`${key} is not a string list`);
  return value;
}

describe('kdf.json vectors', () => {
  it('has vectors', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });
  for (const v of vectors) {
    describe(str(v, 'id'), () => {
      const handled = registerVector(v);
      if (!handled) {
        it('is covered by a handler', () => {
          expect.fail(`no test handler for vector ${str(v, 'id')}`);
        });
      }
    });
  }
});
