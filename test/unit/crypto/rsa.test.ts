import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  b64decode,
  b64encode,
  CryptoError,
  decapsulateSymmetricKey,
  encapsulateSymmetricKey,
  generateRsaKeyPair,
  parseEncString,
  publicKeyFromPrivate,
  rsaDecapsulate,
  rsaEncapsulate,
  SymmetricKey,
  V2_UNSUPPORTED_MESSAGE,
} from '../../../src/crypto/index.js';
import { expectCryptoError } from './vector-helpers.js';

const pair = generateRsaKeyPair();
const other = generateRsaKeyPair();

describe('generateRsaKeyPair', () => {
  it('makes an RSA-2048 key with e = 65537, SPKI public and PKCS#8 private', () => {
    const key = createPrivateKey({ key: Buffer.from(pair.privateKey), format: 'der', type: 'pkcs8' });
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.asymmetricKeyDetails?.publicExponent).toBe(65537n);
    expect(Object.getPrototypeOf(pair.privateKey)).toBe(Uint8Array.prototype);
    expect(b64decode(pair.publicKey).length).toBe(294);
    expect(publicKeyFromPrivate(pair.privateKey)).toBe(pair.publicKey);
  });
  it('makes a different key each time', () => {
    expect(other.publicKey).not.toBe(pair.publicKey);
  });
});

describe('rsaEncapsulate / rsaDecapsulate', () => {
  const data = new Uint8Array(64).map((_, i) => i * 3);

  it('round-trips as a type-4 string', () => {
    const enc = rsaEncapsulate(data, pair.publicKey);
    expect(enc.startsWith('4.')).toBe(true);
    expect(parseEncString(enc).data).toHaveLength(256);
    expect(rsaDecapsulate(enc, pair.privateKey)).toEqual(data);
  });
  it('is randomised (OAEP)', () => {
    expect(rsaEncapsulate(data, pair.publicKey)).not.toBe(rsaEncapsulate(data, pair.publicKey));
  });
  it('wraps and unwraps a SymmetricKey', () => {
    const key = SymmetricKey.generate();
    const enc = encapsulateSymmetricKey(key, pair.publicKey);
    expect(decapsulateSymmetricKey(enc, pair.privateKey).equals(key)).toBe(true);
  });
  it('fails with the wrong private key', () => {
    expectCryptoError(() => rsaDecapsulate(rsaEncapsulate(data, pair.publicKey), other.privateKey), /RSA decryption failed/);
  });
  it('fails on a flipped ciphertext bit', () => {
    const parsed = parseEncString(rsaEncapsulate(data, pair.publicKey));
    const bytes = new Uint8Array(parsed.data);
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    expectCryptoError(() => rsaDecapsulate(`4.${b64encode(bytes)}`, pair.privateKey), /RSA/);
  });
  it('refuses symmetric and V2 strings', () => {
    expectCryptoError(() => rsaDecapsulate('2.AAAA|AAAA|AAAA', pair.privateKey), /not RSA/);
    expect(() => rsaDecapsulate('7.AAAA', pair.privateKey)).toThrow(V2_UNSUPPORTED_MESSAGE);
  });
  it('refuses a public key that is not base64 SPKI', () => {
    expectCryptoError(() => rsaEncapsulate(data, 'AAAA'), /public key/);
    expectCryptoError(() => rsaEncapsulate(data, 'not base64'), /public key/);
  });
  it('refuses data too long for OAEP-SHA1 on RSA-2048', () => {
    expectCryptoError(() => rsaEncapsulate(new Uint8Array(215), pair.publicKey), /RSA encryption failed/);
  });
  it('refuses a private key that is not PKCS#8', () => {
    expectCryptoError(() => publicKeyFromPrivate(new Uint8Array([1, 2, 3])), /PKCS#8/);
    expect(() => rsaDecapsulate(rsaEncapsulate(data, pair.publicKey), new Uint8Array(10))).toThrow(CryptoError);
  });
});
