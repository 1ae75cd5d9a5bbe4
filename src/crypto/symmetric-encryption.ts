import { createCipheriv, createDecipheriv, timingSafeEqual } from 'node:crypto';
import { concatBytes, randomBytes, takeRandom, toUint8Array, utf8Decode, utf8Encode, type RandomSource } from './encoding.js';
import {
  formatEncString,
  parseEncString,
  splitEncString,
  V2_UNSUPPORTED_MESSAGE,
  validateEncString,
  type EncString,
} from './enc-string.js';
import { CryptoError } from './errors.js';
import { hmacSha256 } from './hkdf.js';
import type { SymmetricKey } from './symmetric-key.js';

function aesCbcEncrypt(encKey: Uint8Array, iv: Uint8Array, plain: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-cbc', encKey, iv);
  return concatBytes(cipher.update(plain), cipher.final());
}

function aesCbcDecrypt(encKey: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const decipher = createDecipheriv('aes-256-cbc', encKey, iv);
    return toUint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch {
    throw new CryptoError('decryption failed (wrong key or corrupted data)');
  }
}

/**
 * Encrypts bytes as a type-2 EncString: AES-256-CBC/PKCS#7 under `key.encKey` with a fresh 16-byte
 * IV, then `mac = HMAC-SHA256(key.macKey, iv || ciphertext)`; `"2." + iv | ct | mac`.
 */
export function encryptBytes(plain: Uint8Array, key: SymmetricKey, random: RandomSource = randomBytes): string {
  if (key.isLegacy) throw new CryptoError('refusing to encrypt with a legacy 32-byte key (no MAC key)');
  const iv = takeRandom(random, 16);
  const data = aesCbcEncrypt(key.encKey, iv, plain);
  const mac = hmacSha256(key.macKey, concatBytes(iv, data));
  return formatEncString({ type: 2, iv, data, mac });
}

/** encryptBytes of the UTF-8 bytes of `text`. */
export function encryptString(text: string, key: SymmetricKey, random: RandomSource = randomBytes): string {
  return encryptBytes(utf8Encode(text), key, random);
}

/**
 * Decrypts a parsed symmetric EncString. Type 2: the MAC is checked in constant time before any
 * decryption. Type 0 only with a legacy 32-byte key (never with a 64-byte key: downgrade
 * protection). Types 1, 3-6 and 7 are refused with a CryptoError.
 */
export function decryptEncString(enc: EncString, key: SymmetricKey): Uint8Array {
  validateEncString(enc);
  switch (enc.type) {
    case 2: {
      if (key.isLegacy) throw new CryptoError('a legacy 32-byte key cannot decrypt a type-2 EncString');
      const iv = enc.iv as Uint8Array;
      const mac = enc.mac as Uint8Array;
      const expected = hmacSha256(key.macKey, concatBytes(iv, enc.data));
      if (!timingSafeEqual(mac, expected)) {
        throw new CryptoError('decryption failed: MAC mismatch (wrong key or tampered data)');
      }
      return aesCbcDecrypt(key.encKey, iv, enc.data);
    }
    case 0:
      if (!key.isLegacy) {
        throw new CryptoError(
          'refusing to decrypt an unauthenticated type-0 EncString with a 64-byte key (downgrade protection)',
        );
      }
      return aesCbcDecrypt(key.encKey, enc.iv as Uint8Array, enc.data);
    case 1:
      throw new CryptoError('type-1 EncStrings (AES-128-CBC-HMAC) are no longer supported');
    case 7:
      throw new CryptoError(V2_UNSUPPORTED_MESSAGE);
    default:
      throw new CryptoError(`EncString type ${enc.type} is RSA-encrypted and needs a private key`);
  }
}

/** Parses and decrypts a symmetric EncString (see decryptEncString). */
export function decryptBytes(enc: string, key: SymmetricKey): Uint8Array {
  if (splitEncString(enc).type === 7) throw new CryptoError(V2_UNSUPPORTED_MESSAGE);
  return decryptEncString(parseEncString(enc), key);
}

/** decryptBytes, then strict UTF-8 decoding. */
export function decryptString(enc: string, key: SymmetricKey): string {
  return utf8Decode(decryptBytes(enc, key));
}
