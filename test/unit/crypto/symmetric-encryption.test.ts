import { describe, expect, it } from 'vitest';
import {
  b64encode,
  decryptBytes,
  decryptEncString,
  decryptString,
  encryptBytes,
  encryptString,
  formatEncString,
  parseEncString,
  SymmetricKey,
  V2_UNSUPPORTED_MESSAGE,
} from '../../../src/crypto/index.js';
import { expectCryptoError } from './vector-helpers.js';

const key = SymmetricKey.fromBytes(new Uint8Array(64).map((_, i) => i));
const otherKey = SymmetricKey.fromBytes(new Uint8Array(64).map((_, i) => 255 - i));

/** Flips one bit of one part of a type-2 string. */
function flip(enc: string, part: 'iv' | 'data' | 'mac', byte = 0): string {
  const parsed = parseEncString(enc);
  const target = parsed[part];
  if (target === undefined) throw new Error(`no ${part}`);
  const copy = new Uint8Array(target);
  copy[byte] = (copy[byte] ?? 0) ^ 0x01;
  return formatEncString({ ...parsed, [part]: copy });
}

describe('encryptBytes / decryptBytes round trip', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['one byte', new Uint8Array([7])],
    ['one full block', new Uint8Array(16).fill(3)],
    ['a 64-byte key', new Uint8Array(64).fill(9)],
    ['1000 bytes', new Uint8Array(1000).map((_, i) => i % 251)],
  ])('%s', (_label, plain) => {
    const enc = encryptBytes(plain, key);
    expect(enc).toMatch(/^2\.[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+$/);
    const parsed = parseEncString(enc);
    expect(parsed.iv).toHaveLength(16);
    expect(parsed.mac).toHaveLength(32);
    expect(parsed.data.length % 16).toBe(0);
    expect(parsed.data.length).toBeGreaterThan(plain.length);
    expect(decryptBytes(enc, key)).toEqual(plain);
  });

  it('round-trips text', () => {
    const text = 'Default collection – Ünïcødé ✓';
    expect(decryptString(encryptString(text, key), key)).toBe(text);
  });

  it('uses a fresh IV each time', () => {
    expect(encryptString('same', key)).not.toBe(encryptString('same', key));
  });

  it('uses the injected random source for the IV', () => {
    const iv = new Uint8Array(16).fill(0xab);
    const enc = encryptString('x', key, () => iv);
    expect(enc.startsWith(`2.${b64encode(iv)}|`)).toBe(true);
  });

  it('rejects a random source that returns the wrong length', () => {
    expectCryptoError(() => encryptString('x', key, () => new Uint8Array(8)), /random/);
  });

  it('refuses to encrypt with a legacy 32-byte key', () => {
    expectCryptoError(() => encryptString('x', SymmetricKey.fromBytes(new Uint8Array(32))), /legacy/);
  });
});

describe('tampering and wrong keys', () => {
  const enc = encryptString('attack at dawn', key);

  it('detects a flipped MAC bit', () => {
    expectCryptoError(() => decryptBytes(flip(enc, 'mac'), key), /MAC/);
  });
  it('detects a flipped ciphertext bit', () => {
    expectCryptoError(() => decryptBytes(flip(enc, 'data', 5), key), /MAC/);
  });
  it('detects a flipped IV bit', () => {
    expectCryptoError(() => decryptBytes(flip(enc, 'iv', 15), key), /MAC/);
  });
  it('rejects the wrong key', () => {
    expectCryptoError(() => decryptBytes(enc, otherKey), /MAC mismatch/);
  });
  it('rejects a truncated string', () => {
    expectCryptoError(() => decryptBytes(enc.slice(0, enc.lastIndexOf('|')), key), /part/);
    expectCryptoError(() => decryptBytes(enc.slice(0, -4), key));
  });
  it('rejects a ciphertext that is not a whole number of blocks', () => {
    const parsed = parseEncString(enc);
    const bad = `2.${b64encode(parsed.iv ?? new Uint8Array())}|${b64encode(parsed.data.slice(0, 15))}|${b64encode(parsed.mac ?? new Uint8Array())}`;
    expectCryptoError(() => decryptBytes(bad, key), /block/);
  });
  it('rejects bad base64 in any part', () => {
    const [head, data, mac] = enc.split('|');
    expectCryptoError(() => decryptBytes(`${head}|${data}*|${mac}`, key), /base64/);
    expectCryptoError(() => decryptBytes(`${head}|${data}|${(mac ?? '').replace(/=$/, '')}`, key), /base64/);
  });
  it('rejects a type-0 string with a 64-byte key (downgrade)', () => {
    const parsed = parseEncString(enc);
    const downgraded = formatEncString({ type: 0, iv: parsed.iv, data: parsed.data });
    expectCryptoError(() => decryptBytes(downgraded, key), /type-0/);
  });
  it('rejects a type-2 string with a legacy 32-byte key', () => {
    expectCryptoError(() => decryptBytes(enc, SymmetricKey.fromBytes(key.encKey)), /legacy/);
  });
  it('rejects type 1', () => {
    const parsed = parseEncString(enc);
    const type1 = formatEncString({ ...parsed, type: 1 });
    expectCryptoError(() => decryptBytes(type1, key), /type-1/);
  });
  it('rejects type 7 with the V2 message', () => {
    const error = expectCryptoError(() => decryptBytes('7.AAAA', key));
    expect(error.message).toBe(V2_UNSUPPORTED_MESSAGE);
    expect(error.message).toMatch(/V2/);
  });
  it('rejects RSA types', () => {
    expectCryptoError(() => decryptBytes('4.AAAA', key), /RSA/);
  });
  it('never puts key bytes or plaintext in error messages', () => {
    const messages: string[] = [];
    for (const attempt of [() => decryptBytes(enc, otherKey), () => decryptBytes(flip(enc, 'data'), key)]) {
      try {
        attempt();
      } catch (error) {
        messages.push((error as Error).message);
      }
    }
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).not.toContain('attack');
      expect(message).not.toContain(otherKey.toB64());
      expect(message).not.toContain(Buffer.from(otherKey.encKey).toString('hex'));
    }
  });
});

describe('decryptEncString', () => {
  it('validates hand-built objects before using them', () => {
    expectCryptoError(() => decryptEncString({ type: 2, data: new Uint8Array(16) }, key), /IV/);
    expectCryptoError(
      () => decryptEncString({ type: 2, iv: new Uint8Array(16), data: new Uint8Array(16), mac: new Uint8Array(31) }, key),
      /MAC/,
    );
  });
});

describe('decryptString', () => {
  it('rejects plaintext that is not UTF-8', () => {
    const enc = encryptBytes(new Uint8Array([0xc3, 0x28]), key);
    expectCryptoError(() => decryptString(enc, key), /UTF-8/);
  });
});
