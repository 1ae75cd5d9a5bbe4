import { timingSafeEqual } from 'node:crypto';
import { b64decode, b64encode, randomBytes, takeRandom, type RandomSource } from './encoding.js';
import { CryptoError } from './errors.js';

/**
 * A Bitwarden V1 symmetric key: `encKey(32) || macKey(32)` (user, org, provider, cipher keys and
 * the stretched master key). A 32-byte key is the legacy AES-only form: it exists only to decrypt
 * type-0 EncStrings (legacy protected user keys under the raw master key) and cannot encrypt.
 */
export class SymmetricKey {
  /** AES-256 key (first 32 bytes). */
  readonly encKey: Uint8Array;
  readonly #macKey: Uint8Array | null;

  private constructor(encKey: Uint8Array, macKey: Uint8Array | null) {
    this.encKey = encKey;
    this.#macKey = macKey;
  }

  /** 64 bytes (enc || mac), or 32 bytes for a legacy type-0-only key. The bytes are copied. */
  static fromBytes(bytes: Uint8Array): SymmetricKey {
    if (bytes.length === 64) {
      return new SymmetricKey(bytes.slice(0, 32), bytes.slice(32, 64));
    }
    if (bytes.length === 32) return new SymmetricKey(bytes.slice(0, 32), null);
    if (bytes.length > 64) {
      throw new CryptoError('COSE (V2) symmetric keys are not supported');
    }
    throw new CryptoError(`invalid symmetric key length ${bytes.length} (expected 64 bytes)`);
  }

  static fromB64(text: string): SymmetricKey {
    return SymmetricKey.fromBytes(b64decode(text));
  }

  /** A fresh random 64-byte key. */
  static generate(random: RandomSource = randomBytes): SymmetricKey {
    return SymmetricKey.fromBytes(takeRandom(random, 64));
  }

  /** HMAC-SHA256 key (last 32 bytes). Throws for a legacy 32-byte key, which has none. */
  get macKey(): Uint8Array {
    if (this.#macKey === null) throw new CryptoError('legacy 32-byte key has no MAC key');
    return this.#macKey;
  }

  /** True for a 32-byte AES-only key (type-0 decrypt only). */
  get isLegacy(): boolean {
    return this.#macKey === null;
  }

  /** Key length in bytes: 64, or 32 for a legacy key. */
  get length(): 32 | 64 {
    return this.#macKey === null ? 32 : 64;
  }

  /** A copy of the raw key bytes (64, or 32 for a legacy key). */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    out.set(this.encKey, 0);
    if (this.#macKey !== null) out.set(this.#macKey, 32);
    return out;
  }

  toB64(): string {
    return b64encode(this.toBytes());
  }

  /** Constant-time comparison of two keys. */
  equals(other: SymmetricKey): boolean {
    if (other.length !== this.length) return false;
    return timingSafeEqual(this.toBytes(), other.toBytes());
  }
}
