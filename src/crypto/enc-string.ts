import { b64decode, b64encode, concatBytes } from './encoding.js';
import { CryptoError } from './errors.js';

/** EncString type numbers (SRV `EncryptionType`). */
export const EncStringType = {
  AesCbc256_B64: 0,
  AesCbc128_HmacSha256_B64: 1,
  AesCbc256_HmacSha256_B64: 2,
  Rsa2048_OaepSha256_B64: 3,
  Rsa2048_OaepSha1_B64: 4,
  Rsa2048_OaepSha256_HmacSha256_B64: 5,
  Rsa2048_OaepSha1_HmacSha256_B64: 6,
  CoseEncrypt0_B64: 7,
} as const;
export type EncStringType = (typeof EncStringType)[keyof typeof EncStringType];

/**
 * A parsed EncString. `iv` is present for types 0, 1, 2; `mac` for 1, 2, 5, 6; `data` is the
 * ciphertext (RSA ciphertext for 3-6, the COSE_Encrypt0 bytes for 7).
 */
export type EncString = {
  type: EncStringType;
  iv?: Uint8Array;
  data: Uint8Array;
  mac?: Uint8Array;
};

/** Message used whenever a type-7 (V2 account) value shows up. */
export const V2_UNSUPPORTED_MESSAGE =
  'this account uses the new (V2, type 7 / COSE) encryption format, which bwmsp does not support yet';

const PART_COUNT: Readonly<Record<EncStringType, number>> = {
  0: 2,
  1: 3,
  2: 3,
  3: 1,
  4: 1,
  5: 2,
  6: 2,
  7: 1,
};

function isEncStringType(value: number): value is EncStringType {
  return Number.isInteger(value) && value >= 0 && value <= 7;
}

/**
 * Splits an EncString into its type and raw (still base64) parts without decoding them
 * (SDK `split_enc_string`). Without a `N.` prefix, 3 parts mean type 1 and anything else type 0.
 */
export function splitEncString(text: string): { type: EncStringType; parts: string[] } {
  const dot = text.indexOf('.');
  if (dot === -1) {
    const parts = text.split('|');
    return { type: parts.length === 3 ? 1 : 0, parts };
  }
  const header = text.slice(0, dot);
  if (!/^[0-9]{1,3}$/.test(header)) throw new CryptoError('invalid EncString: bad type prefix');
  const type = Number(header);
  if (!isEncStringType(type)) throw new CryptoError(`unsupported EncString type ${type}`);
  return { type, parts: text.slice(dot + 1).split('|') };
}

/** True for a type-7 (COSE, V2 account) EncString. Never throws. */
export function isV2EncString(text: string): boolean {
  return /^7\./.test(text);
}

function decodePart(part: string, type: EncStringType): Uint8Array {
  try {
    return b64decode(part);
  } catch {
    throw new CryptoError(`invalid EncString: type ${type} part is not valid base64`);
  }
}

function checkAesLayout(enc: EncString): void {
  if (enc.iv === undefined || enc.iv.length !== 16) {
    throw new CryptoError(`invalid EncString: type ${enc.type} needs a 16-byte IV`);
  }
  if (enc.data.length === 0 || enc.data.length % 16 !== 0) {
    throw new CryptoError(`invalid EncString: type ${enc.type} ciphertext is not a whole number of AES blocks`);
  }
}

/** Throws CryptoError unless `enc` has the parts and sizes its type requires. */
export function validateEncString(enc: EncString): void {
  if (!isEncStringType(enc.type)) throw new CryptoError(`unsupported EncString type ${String(enc.type)}`);
  checkLayout(enc);
}

function checkLayout(enc: EncString): void {
  switch (enc.type) {
    case 0:
      checkAesLayout(enc);
      return;
    case 1:
    case 2:
      checkAesLayout(enc);
      if (enc.mac === undefined || enc.mac.length !== 32) {
        throw new CryptoError(`invalid EncString: type ${enc.type} needs a 32-byte MAC`);
      }
      return;
    case 5:
    case 6:
      if (enc.mac === undefined) throw new CryptoError(`invalid EncString: type ${enc.type} needs a MAC part`);
      if (enc.data.length === 0) throw new CryptoError(`invalid EncString: type ${enc.type} has no data`);
      return;
    case 3:
    case 4:
    case 7:
      if (enc.data.length === 0) throw new CryptoError(`invalid EncString: type ${enc.type} has no data`);
      return;
  }
}

/**
 * Parses `"<type>.<b64>|<b64>|<b64>"` (or a header-less legacy string) into bytes. Checks the part
 * count, strict base64 and the IV/MAC/block sizes. Accepts every known type (0-7) structurally;
 * whether a type may be decrypted is decided by the decrypt functions.
 */
export function parseEncString(text: string): EncString {
  const { type, parts } = splitEncString(text);
  const expected = PART_COUNT[type];
  if (parts.length !== expected) {
    throw new CryptoError(`invalid EncString: type ${type} needs ${expected} part(s), got ${parts.length}`);
  }
  const decoded = parts.map((part) => decodePart(part, type));
  let enc: EncString;
  switch (type) {
    case 0:
      enc = { type, iv: decoded[0], data: decoded[1] ?? new Uint8Array(0) };
      break;
    case 1:
    case 2:
      enc = { type, iv: decoded[0], data: decoded[1] ?? new Uint8Array(0), mac: decoded[2] };
      break;
    case 5:
    case 6:
      enc = { type, data: decoded[0] ?? new Uint8Array(0), mac: decoded[1] };
      break;
    default:
      enc = { type, data: decoded[0] ?? new Uint8Array(0) };
  }
  checkLayout(enc);
  return enc;
}

/** Inverse of parseEncString: `"<type>." + parts joined by "|"`, standard base64 with padding. */
export function formatEncString(enc: EncString): string {
  validateEncString(enc);
  const parts: Uint8Array[] = [];
  switch (enc.type) {
    case 0:
      parts.push(enc.iv as Uint8Array, enc.data);
      break;
    case 1:
    case 2:
      parts.push(enc.iv as Uint8Array, enc.data, enc.mac as Uint8Array);
      break;
    case 5:
    case 6:
      parts.push(enc.data, enc.mac as Uint8Array);
      break;
    default:
      parts.push(enc.data);
  }
  return `${enc.type}.${parts.map((part) => b64encode(part)).join('|')}`;
}

/**
 * The binary form used for file/attachment bodies (SDK `to_buffer`): type 2 is
 * `0x02 || iv(16) || mac(32) || ciphertext` (MAC before the data), type 0 is `0x00 || iv || ciphertext`.
 */
export function encStringToBuffer(text: string): Uint8Array {
  const enc = parseEncString(text);
  if (enc.type === 0) return concatBytes(Uint8Array.of(0), enc.iv as Uint8Array, enc.data);
  if (enc.type === 2) {
    return concatBytes(Uint8Array.of(2), enc.iv as Uint8Array, enc.mac as Uint8Array, enc.data);
  }
  throw new CryptoError(`EncString type ${enc.type} has no binary form`);
}

/** Inverse of encStringToBuffer. */
export function encStringFromBuffer(buffer: Uint8Array): string {
  const type = buffer[0];
  if (type === 0) {
    return formatEncString({ type, iv: buffer.slice(1, 17), data: buffer.slice(17) });
  }
  if (type === 2) {
    return formatEncString({ type, iv: buffer.slice(1, 17), mac: buffer.slice(17, 49), data: buffer.slice(49) });
  }
  throw new CryptoError(`unsupported encrypted buffer type ${type === undefined ? '(empty)' : String(type)}`);
}
