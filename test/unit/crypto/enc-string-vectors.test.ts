import { describe, expect, it } from 'vitest';
import {
  b64encode,
  CryptoError,
  decryptBytes,
  decryptEncString,
  decryptString,
  encryptString,
  encStringFromBuffer,
  encStringToBuffer,
  formatEncString,
  normalizeEmailSalt,
  parseEncString,
  splitEncString,
  SymmetricKey,
  unlockUserKey,
  unlockUserKeyWithMasterKey,
} from '../../../src/crypto/index.js';
import {
  b64,
  cachedMasterKey,
  expectCryptoError,
  has,
  hex,
  kdfFromVector,
  loadVectorFile,
  obj,
  objects,
  str,
  toHex,
  type Json,
} from './vector-helpers.js';

const file = loadVectorFile('encstring.json');
const vectors = objects(file, 'vectors');

function registerVector(v: Json): boolean {
  if (has(v, 'as_encstring')) {
    const key = SymmetricKey.fromBytes(hex(str(v, 'key64_hex')));
    const parts = { type: 2 as const, iv: hex(str(v, 'iv_hex')), data: hex(str(v, 'ciphertext_hex')), mac: hex(str(v, 'mac_hex')) };
    it('decrypts the known-answer iv/ciphertext/mac', () => {
      expect(new TextDecoder().decode(decryptEncString(parts, key))).toBe(str(v, 'expected_plaintext_utf8'));
    });
    it('decrypts the assembled type-2 string', () => {
      expect(decryptString(str(v, 'as_encstring'), key)).toBe(str(v, 'expected_plaintext_utf8'));
    });
    it('formats the parts into the same string and parses it back', () => {
      expect(formatEncString(parts)).toBe(str(v, 'as_encstring'));
      expect(parseEncString(str(v, 'as_encstring'))).toEqual(parts);
    });
    return true;
  }
  if (has(v, 'expected_ciphertext_hex')) {
    const key = SymmetricKey.fromBytes(hex(str(v, 'key64_hex')));
    const iv = hex(str(v, 'iv_hex'));
    it('encrypts deterministically with an injected IV', () => {
      const enc = encryptString(str(v, 'plaintext_utf8'), key, () => iv);
      const parsed = parseEncString(enc);
      expect(parsed.type).toBe(2);
      expect(toHex(parsed.iv ?? new Uint8Array())).toBe(str(v, 'iv_hex'));
      expect(toHex(parsed.data)).toBe(str(v, 'expected_ciphertext_hex'));
      if (has(v, 'mac_b64_computed_locally')) {
        expect(b64encode(parsed.mac ?? new Uint8Array())).toBe(str(v, 'mac_b64_computed_locally'));
      }
      expect(decryptString(enc, key)).toBe(str(v, 'plaintext_utf8'));
    });
    return true;
  }
  if (has(v, 'expected_buffer_hex')) {
    it('converts the type-2 string to the binary layout and back', () => {
      const buffer = encStringToBuffer(str(v, 'encstring'));
      expect(toHex(buffer)).toBe(str(v, 'expected_buffer_hex'));
      expect(encStringFromBuffer(hex(str(v, 'expected_buffer_hex')))).toBe(str(v, 'encstring'));
    });
    return true;
  }
  if (has(v, 'expected_iv_hex')) {
    it('parses the type-0 string', () => {
      const parsed = parseEncString(str(v, 'encstring'));
      expect(parsed.type).toBe(0);
      expect(toHex(parsed.iv ?? new Uint8Array())).toBe(str(v, 'expected_iv_hex'));
      expect(toHex(parsed.data)).toBe(str(v, 'expected_data_hex'));
      expect(parsed.mac).toBeUndefined();
      expect(formatEncString(parsed)).toBe(str(v, 'encstring'));
    });
    return true;
  }
  if (has(v, 'key64_b64') && has(v, 'encstring') && has(v, 'expected')) {
    it('refuses to decrypt a type-0 string with a 64-byte key', () => {
      const key = SymmetricKey.fromB64(str(v, 'key64_b64'));
      expect(key.length).toBe(64);
      expectCryptoError(() => decryptBytes(str(v, 'encstring'), key), /type-0/);
    });
    return true;
  }
  if (has(v, 'protected_user_key') && has(v, 'password')) {
    const kdf = kdfFromVector(obj(v, 'kdf'));
    const salt = normalizeEmailSalt(str(v, 'email'));
    if (has(v, 'master_key_b64_computed_locally')) {
      it('derives the expected master key', async () => {
        const masterKey = await cachedMasterKey(str(v, 'password'), salt, kdf);
        expect(b64encode(masterKey)).toBe(str(v, 'master_key_b64_computed_locally'));
      });
    }
    it('unlocks the legacy type-0 user key with the raw master key', async () => {
      const masterKey = await cachedMasterKey(str(v, 'password'), salt, kdf);
      const userKey = unlockUserKeyWithMasterKey(masterKey, str(v, 'protected_user_key'));
      expect(toHex(userKey.encKey)).toBe(str(v, 'expected_user_enc_key_hex'));
      expect(toHex(userKey.macKey)).toBe(str(v, 'expected_user_mac_key_hex'));
    });
    it('unlocks it through unlockUserKey({ password, email, kdf })', async () => {
      const userKey = await unlockUserKey({
        password: str(v, 'password'),
        email: str(v, 'email'),
        kdf,
        protectedUserKey: str(v, 'protected_user_key'),
      });
      expect(toHex(userKey.encKey)).toBe(str(v, 'expected_user_enc_key_hex'));
    });
    it('rejects a wrong password', async () => {
      await expect(
        unlockUserKey({ password: 'not the password', email: str(v, 'email'), kdf, protectedUserKey: str(v, 'protected_user_key') }),
      ).rejects.toThrow(/wrong master password/);
    });
    return true;
  }
  if (has(v, 'protected_user_key') && has(v, 'master_key_b64')) {
    it('decrypts the type-0 user key with the given master key', () => {
      const userKey = unlockUserKeyWithMasterKey(b64(str(v, 'master_key_b64')), str(v, 'protected_user_key'));
      expect(toHex(userKey.encKey)).toBe(str(v, 'expected_user_enc_key_hex'));
      expect(toHex(userKey.macKey)).toBe(str(v, 'expected_user_mac_key_hex'));
    });
    it('decrypts it with the raw 32-byte key but not with the stretched form', () => {
      const raw = SymmetricKey.fromB64(str(v, 'master_key_b64'));
      expect(raw.isLegacy).toBe(true);
      expect(decryptBytes(str(v, 'protected_user_key'), raw)).toHaveLength(64);
      const widened = SymmetricKey.fromBytes(new Uint8Array([...raw.toBytes(), ...raw.toBytes()]));
      expectCryptoError(() => decryptBytes(str(v, 'protected_user_key'), widened), /type-0/);
    });
    return true;
  }
  if (has(v, 'encstring') && has(v, 'expected') && str(v, 'expected').startsWith('parse error')) {
    it('rejects the string at parse time', () => {
      const type = /type (\d+)/.exec(str(v, 'expected'))?.[1];
      expectCryptoError(() => parseEncString(str(v, 'encstring')), new RegExp(`type ${type ?? ''}`));
      expectCryptoError(() => decryptBytes(str(v, 'encstring'), SymmetricKey.generate()));
    });
    return true;
  }
  if (has(v, 'rules')) {
    for (const [input, rule] of Object.entries(obj(v, 'rules'))) {
      if (typeof rule !== 'string') continue;
      const type = Number(/type (\d+)/.exec(rule)?.[1]);
      it(`treats ${JSON.stringify(input)} as type ${type}`, () => {
        expect(splitEncString(input).type).toBe(type);
        expect(splitEncString(input).parts).toEqual(input.split('|'));
        if (rule.includes('error')) {
          expect(() => decryptBytes(input, SymmetricKey.generate())).toThrow(CryptoError);
        }
      });
    }
    return true;
  }
  return false;
}

describe('encstring.json vectors', () => {
  it('has vectors', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });
  for (const v of vectors) {
    describe(str(v, 'id'), () => {
      if (!registerVector(v)) {
        it('is covered by a handler', () => {
          expect.fail(`no test handler for vector ${str(v, 'id')}`);
        });
      }
    });
  }
});
