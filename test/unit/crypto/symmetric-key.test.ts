import { describe, expect, it } from 'vitest';
import { b64encode, SymmetricKey } from '../../../src/crypto/index.js';
import { expectCryptoError, scriptedRandom } from './vector-helpers.js';

describe('SymmetricKey', () => {
  const bytes = new Uint8Array(64).map((_, i) => i);

  it('splits 64 bytes into encKey and macKey', () => {
    const key = SymmetricKey.fromBytes(bytes);
    expect(key.encKey).toEqual(bytes.slice(0, 32));
    expect(key.macKey).toEqual(bytes.slice(32));
    expect(key.length).toBe(64);
    expect(key.isLegacy).toBe(false);
    expect(key.toBytes()).toEqual(bytes);
  });
  it('copies its input and output', () => {
    const input = new Uint8Array(bytes);
    const key = SymmetricKey.fromBytes(input);
    input.fill(0);
    expect(key.toBytes()).toEqual(bytes);
    key.toBytes().fill(0);
    expect(key.toBytes()).toEqual(bytes);
  });
  it('round-trips base64', () => {
    expect(SymmetricKey.fromB64(b64encode(bytes)).toB64()).toBe(b64encode(bytes));
  });
  it('accepts a legacy 32-byte key without a MAC key', () => {
    const key = SymmetricKey.fromBytes(bytes.slice(0, 32));
    expect(key.isLegacy).toBe(true);
    expect(key.length).toBe(32);
    expect(key.toBytes()).toEqual(bytes.slice(0, 32));
    expectCryptoError(() => key.macKey, /no MAC key/);
  });
  it.each([0, 16, 33, 63])('rejects %i bytes', (length) => {
    expectCryptoError(() => SymmetricKey.fromBytes(new Uint8Array(length)), new RegExp(`length ${length}`));
  });
  it('rejects COSE-sized keys as V2', () => {
    expectCryptoError(() => SymmetricKey.fromBytes(new Uint8Array(70)), /V2/);
  });
  it('generates 64 random bytes from the injected source', () => {
    const key = SymmetricKey.generate(scriptedRandom(bytes));
    expect(key.toBytes()).toEqual(bytes);
    expect(SymmetricKey.generate().equals(SymmetricKey.generate())).toBe(false);
  });
  it('compares keys', () => {
    expect(SymmetricKey.fromBytes(bytes).equals(SymmetricKey.fromBytes(bytes))).toBe(true);
    expect(SymmetricKey.fromBytes(bytes).equals(SymmetricKey.fromBytes(bytes.slice(0, 32)))).toBe(false);
  });
});
