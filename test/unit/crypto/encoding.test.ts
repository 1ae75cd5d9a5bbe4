import { describe, expect, it } from 'vitest';
import { b64decode, b64encode, CryptoError, randomBytes, utf8Decode, utf8Encode } from '../../../src/crypto/index.js';

describe('b64encode / b64decode', () => {
  it.each([
    ['', []],
    ['AA==', [0]],
    ['AAE=', [0, 1]],
    ['AAEC', [0, 1, 2]],
    ['+/8=', [0xfb, 0xff]],
  ])('round-trips %j', (text, bytes) => {
    expect(b64encode(new Uint8Array(bytes))).toBe(text);
    expect(b64decode(text)).toEqual(new Uint8Array(bytes));
  });

  it('returns a plain Uint8Array, not a Buffer', () => {
    const out = b64decode('AAEC');
    expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
  });

  it('encodes a subarray view, not its whole backing buffer', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(b64encode(whole.subarray(1, 3))).toBe(b64encode(new Uint8Array([2, 3])));
  });

  it.each([
    ['missing padding', 'AA'],
    ['URL-safe alphabet', '-_8='],
    ['whitespace', 'AA AA'],
    ['trailing newline', 'AAAA\n'],
    ['bad character', 'AA*A'],
    ['too much padding', 'A==='],
    ['padding in the middle', 'AA==AAAA'],
    ['non-zero padding bits', 'AB=='],
  ])('rejects %s', (_label, text) => {
    expect(() => b64decode(text)).toThrow(CryptoError);
  });

  it('does not echo the input in the error', () => {
    expect(() => b64decode('secret*value')).toThrow(/^invalid base64 data$/);
  });
});

describe('utf8', () => {
  it('round-trips non-ASCII text, including a leading BOM', () => {
    const text = '\uFEFFgrüße 🔑';
    expect(utf8Decode(utf8Encode(text))).toBe(text);
  });
  it('rejects invalid UTF-8 with a CryptoError', () => {
    expect(() => utf8Decode(new Uint8Array([0xff, 0xfe]))).toThrow(CryptoError);
  });
});

describe('randomBytes', () => {
  it('returns the requested number of fresh bytes', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(a).toHaveLength(32);
    expect(Object.getPrototypeOf(a)).toBe(Uint8Array.prototype);
    expect(a).not.toEqual(b);
  });
});
