import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { CryptoError } from './errors.js';

/** Source of random bytes; tests pass a deterministic one. Must return exactly `length` bytes. */
export type RandomSource = (length: number) => Uint8Array;

/** Default CSPRNG (node:crypto). */
export const randomBytes: RandomSource = (length: number): Uint8Array =>
  new Uint8Array(nodeRandomBytes(length));

/** Calls `random(length)` and checks that it returned the right number of bytes. */
export function takeRandom(random: RandomSource, length: number): Uint8Array {
  const bytes = random(length);
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CryptoError(`random source returned the wrong number of bytes (wanted ${length})`);
  }
  return bytes;
}

/** Copies any Uint8Array (including a Buffer) into a plain Uint8Array. */
export function toUint8Array(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Standard base64 (RFC 4648 section 4) with padding. */
export function b64encode(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

const STRICT_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard base64 with padding: no whitespace, no URL-safe alphabet, no missing padding,
 * no non-zero padding bits. Throws CryptoError (without echoing the input) otherwise.
 */
export function b64decode(text: string): Uint8Array {
  if (!STRICT_B64.test(text)) throw new CryptoError('invalid base64 data');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new CryptoError('invalid base64 data');
  return new Uint8Array(bytes);
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  return textEncoder.encode(text);
}

/** Strict UTF-8 decode; invalid sequences throw CryptoError. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return textDecoder.decode(bytes);
  } catch {
    throw new CryptoError('decrypted data is not valid UTF-8');
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
