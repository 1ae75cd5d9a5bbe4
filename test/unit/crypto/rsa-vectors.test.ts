import { describe, expect, it } from 'vitest';
import {
  b64decode,
  b64encode,
  CryptoError,
  decapsulateSymmetricKey,
  publicKeyFromPrivate,
  rsaDecapsulate,
  splitEncString,
} from '../../../src/crypto/index.js';
import { has, loadVectorFile, objects, str, type Json } from './vector-helpers.js';

const file = loadVectorFile('rsa.json');
const vectors = objects(file, 'vectors');

const HASH_BY_TYPE: Record<string, string> = { '3': 'SHA-256', '4': 'SHA-1', '5': 'SHA-256', '6': 'SHA-1' };

function registerVector(v: Json): boolean {
  if (!has(v, 'private_key_pkcs8_der_b64') || !has(v, 'expected_key64_b64')) return false;
  const privateKey = b64decode(str(v, 'private_key_pkcs8_der_b64'));
  if (has(v, 'private_key_pkcs8_pem')) {
    it('PEM body equals the DER base64', () => {
      const body = str(v, 'private_key_pkcs8_pem')
        .replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '')
        .replace(/\s+/g, '');
      expect(body).toBe(str(v, 'private_key_pkcs8_der_b64'));
    });
  }
  const spkiField = Object.keys(v).find((k) => k.startsWith('public_key_spki_der_b64'));
  if (spkiField !== undefined) {
    it('derives the SPKI public key from the private key', () => {
      expect(publicKeyFromPrivate(privateKey)).toBe(str(v, spkiField));
    });
  }
  const typeFields = Object.keys(v).filter((k) => /^type\d+$/.test(k));
  it('has RSA EncStrings to unwrap', () => {
    expect(typeFields.length).toBeGreaterThan(0);
  });
  for (const field of typeFields) {
    const enc = str(v, field);
    const type = field.slice(4);
    it(`unwraps the ${field} string (OAEP-${HASH_BY_TYPE[type] ?? '?'})`, () => {
      expect(String(splitEncString(enc).type)).toBe(type);
      expect(b64encode(rsaDecapsulate(enc, privateKey))).toBe(str(v, 'expected_key64_b64'));
      expect(decapsulateSymmetricKey(enc, privateKey).toB64()).toBe(str(v, 'expected_key64_b64'));
    });
    it(`fails cleanly for the ${field} string decrypted with the wrong OAEP hash`, () => {
      const swapped = { '3': '4', '4': '3', '5': '6', '6': '5' }[type];
      if (swapped === undefined) throw new Error(`unexpected type ${type}`);
      const wrongType = `${swapped}.${enc.slice(2)}`;
      expect(() => rsaDecapsulate(wrongType, privateKey)).toThrow(CryptoError);
    });
  }
  return true;
}

describe('rsa.json vectors', () => {
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
