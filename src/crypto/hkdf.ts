import { createHmac } from 'node:crypto';
import { concatBytes, toUint8Array, utf8Encode } from './encoding.js';
import { CryptoError } from './errors.js';

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return toUint8Array(createHmac('sha256', key).update(data).digest());
}

/**
 * HKDF-Expand with HMAC-SHA256 (RFC 5869 section 2.3) *without* the Extract step: Bitwarden uses
 * the input key directly as the PRK (stretched master key, fingerprint, shareable keys).
 * node:crypto's hkdf always extracts first, so it cannot be used here.
 */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array | string, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 1 || length > 255 * 32) {
    throw new CryptoError(`invalid HKDF output length ${length}`);
  }
  const infoBytes = typeof info === 'string' ? utf8Encode(info) : info;
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  let offset = 0;
  for (let counter = 1; offset < length; counter++) {
    previous = hmacSha256(prk, concatBytes(previous, infoBytes, Uint8Array.of(counter)));
    const take = Math.min(previous.length, length - offset);
    out.set(previous.subarray(0, take), offset);
    offset += take;
  }
  return out;
}
