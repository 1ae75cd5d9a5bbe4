import { randomBytes, type RandomSource } from './encoding.js';
import { CryptoError } from './errors.js';
import { loadRsaPrivateKey, rsaDecapsulate, rsaEncapsulate } from './rsa.js';
import { decryptBytes, encryptBytes } from './symmetric-encryption.js';
import { SymmetricKey } from './symmetric-key.js';

function assertWrappable(key: SymmetricKey): void {
  if (key.isLegacy) throw new CryptoError('refusing to wrap a legacy 32-byte key');
}

/** Wraps a 64-byte key under another symmetric key: type-2 EncString of the raw key bytes. */
export function wrapSymmetricKey(key: SymmetricKey, wrappingKey: SymmetricKey, random: RandomSource = randomBytes): string {
  assertWrappable(key);
  return encryptBytes(key.toBytes(), wrappingKey, random);
}

/** Inverse of wrapSymmetricKey; the result must be a 64-byte key. */
export function unwrapSymmetricKey(enc: string, wrappingKey: SymmetricKey): SymmetricKey {
  const bytes = decryptBytes(enc, wrappingKey);
  if (bytes.length !== 64) throw new CryptoError(`unwrapped key has length ${bytes.length}, expected 64 bytes`);
  return SymmetricKey.fromBytes(bytes);
}

/** Wraps a 64-byte key to a recipient's RSA public key (base64 SPKI): type-4 EncString. */
export function encapsulateSymmetricKey(key: SymmetricKey, publicKeyB64: string): string {
  assertWrappable(key);
  return rsaEncapsulate(key.toBytes(), publicKeyB64);
}

/** Unwraps an RSA-wrapped (types 3-6) 64-byte key with a PKCS#8 private key. */
export function decapsulateSymmetricKey(enc: string, privateKeyPkcs8: Uint8Array): SymmetricKey {
  const bytes = rsaDecapsulate(enc, privateKeyPkcs8);
  if (bytes.length !== 64) throw new CryptoError(`unwrapped key has length ${bytes.length}, expected 64 bytes`);
  return SymmetricKey.fromBytes(bytes);
}

/** Encrypts a PKCS#8 DER private key under a symmetric key (type 2). */
export function wrapPrivateKey(privateKeyPkcs8: Uint8Array, wrappingKey: SymmetricKey, random: RandomSource = randomBytes): string {
  return encryptBytes(privateKeyPkcs8, wrappingKey, random);
}

/** Decrypts a type-2 wrapped private key and checks that it is an RSA PKCS#8 key. */
export function unwrapPrivateKey(enc: string, wrappingKey: SymmetricKey): Uint8Array {
  const pkcs8 = decryptBytes(enc, wrappingKey);
  loadRsaPrivateKey(pkcs8);
  return pkcs8;
}
