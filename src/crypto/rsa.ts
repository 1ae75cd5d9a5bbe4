import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  type KeyObject,
} from 'node:crypto';
import { b64decode, b64encode, toUint8Array } from './encoding.js';
import { formatEncString, parseEncString, splitEncString, V2_UNSUPPORTED_MESSAGE } from './enc-string.js';
import { CryptoError } from './errors.js';

/** An RSA-2048 key pair: public key as base64 SPKI DER, private key as PKCS#8 DER bytes. */
export type RsaKeyPair = { publicKey: string; privateKey: Uint8Array };

/** Generates an RSA-2048 key pair with e = 65537 (SDK `make_key_pair`). */
export function generateRsaKeyPair(): RsaKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  return { publicKey: b64encode(publicKey), privateKey: toUint8Array(privateKey) };
}

function checkRsa(key: KeyObject, what: string): void {
  const modulusLength = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || modulusLength < 2048) {
    throw new CryptoError(`${what} is not an RSA key of at least 2048 bits`);
  }
}

/** Loads a PKCS#8 DER RSA private key; CryptoError when it is not one. */
export function loadRsaPrivateKey(pkcs8: Uint8Array): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CryptoError('private key is not a valid PKCS#8 key');
  }
  checkRsa(key, 'private key');
  return key;
}

/** Loads a base64 SPKI DER RSA public key; CryptoError when it is not one. */
export function loadRsaPublicKey(publicKeyB64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(b64decode(publicKeyB64)), format: 'der', type: 'spki' });
  } catch {
    throw new CryptoError('public key is not a valid base64 SPKI key');
  }
  checkRsa(key, 'public key');
  return key;
}

/** The base64 SPKI DER public key that belongs to a PKCS#8 private key. */
export function publicKeyFromPrivate(pkcs8: Uint8Array): string {
  const privateKey = loadRsaPrivateKey(pkcs8);
  return b64encode(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
}

/**
 * Encrypts `data` (normally 64 raw key bytes) to a recipient's public key with
 * RSA-OAEP-SHA1 (MGF1-SHA1, empty label): a type-4 EncString.
 */
export function rsaEncapsulate(data: Uint8Array, publicKeyB64: string): string {
  const key = loadRsaPublicKey(publicKeyB64);
  let ciphertext: Buffer;
  try {
    ciphertext = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, data);
  } catch {
    throw new CryptoError('RSA encryption failed (data too long for the key?)');
  }
  return formatEncString({ type: 4, data: toUint8Array(ciphertext) });
}

/**
 * Decrypts an RSA EncString with a PKCS#8 private key. Types 3 and 5 use OAEP-SHA-256, 4 and 6
 * OAEP-SHA-1 (MGF1 with the same hash); the MAC part of 5/6 is ignored, as the clients do.
 */
export function rsaDecapsulate(enc: string, privateKeyPkcs8: Uint8Array): Uint8Array {
  const { type } = splitEncString(enc);
  if (type === 7) throw new CryptoError(V2_UNSUPPORTED_MESSAGE);
  if (type < 3 || type > 6) {
    throw new CryptoError(`EncString type ${type} is not RSA-encrypted`);
  }
  const parsed = parseEncString(enc);
  const oaepHash = parsed.type === 3 || parsed.type === 5 ? 'sha256' : 'sha1';
  const key = loadRsaPrivateKey(privateKeyPkcs8);
  try {
    return toUint8Array(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, parsed.data));
  } catch {
    throw new CryptoError('RSA decryption failed (wrong private key or corrupted data)');
  }
}
