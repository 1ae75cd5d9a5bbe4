import { describe, expect, it } from 'vitest';
import {
  encStringFromBuffer,
  encStringToBuffer,
  formatEncString,
  isV2EncString,
  parseEncString,
  splitEncString,
} from '../../../src/crypto/index.js';
import { expectCryptoError } from './vector-helpers.js';

const IV = 'AAAAAAAAAAAAAAAAAAAAAA==';
const BLOCK = 'AQEBAQEBAQEBAQEBAQEBAQ==';
const MAC = 'AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=';

describe('parseEncString / formatEncString', () => {
  it.each([
    [`0.${IV}|${BLOCK}`, 0],
    [`1.${IV}|${BLOCK}|${MAC}`, 1],
    [`2.${IV}|${BLOCK}|${MAC}`, 2],
    ['3.AAAA', 3],
    ['4.AAAA', 4],
    ['5.AAAA|AA==', 5],
    ['6.AAAA|AA==', 6],
    ['7.AAAA', 7],
  ])('round-trips %s', (text, type) => {
    const parsed = parseEncString(text);
    expect(parsed.type).toBe(type);
    expect(formatEncString(parsed)).toBe(text);
  });

  it('parses header-less strings by part count', () => {
    expect(parseEncString(`${IV}|${BLOCK}`).type).toBe(0);
    expect(parseEncString(`${IV}|${BLOCK}|${MAC}`).type).toBe(1);
  });

  it.each([
    ['unknown type', '9.AAAA', /type 9/],
    ['non-numeric type', 'x.AAAA', /prefix/],
    ['too few parts', `2.${IV}|${BLOCK}`, /3 part/],
    ['too many parts', `4.AAAA|AAAA`, /1 part/],
    ['short IV', `2.AAAA|${BLOCK}|${MAC}`, /IV/],
    ['short MAC', `2.${IV}|${BLOCK}|AAAA`, /MAC/],
    ['empty data', `2.${IV}||${MAC}`, /block/],
    ['empty RSA data', '4.', /no data/],
    ['empty string', '', /part/],
  ])('rejects %s', (_label, text, pattern) => {
    expectCryptoError(() => parseEncString(text), pattern);
  });

  it('splits without decoding', () => {
    expect(splitEncString('2.a|b|c')).toEqual({ type: 2, parts: ['a', 'b', 'c'] });
  });

  it('detects V2 strings without throwing', () => {
    expect(isV2EncString('7.AAAA')).toBe(true);
    expect(isV2EncString(`2.${IV}|${BLOCK}|${MAC}`)).toBe(false);
    expect(isV2EncString('garbage')).toBe(false);
  });

  it('refuses to format inconsistent objects', () => {
    expectCryptoError(() => formatEncString({ type: 2, data: new Uint8Array(16) }), /IV/);
  });
});

describe('binary buffer form', () => {
  it('round-trips type 0 and type 2', () => {
    for (const text of [`0.${IV}|${BLOCK}`, `2.${IV}|${BLOCK}|${MAC}`]) {
      expect(encStringFromBuffer(encStringToBuffer(text))).toBe(text);
    }
  });
  it('rejects other types and garbage', () => {
    expectCryptoError(() => encStringToBuffer('4.AAAA'), /binary/);
    expectCryptoError(() => encStringFromBuffer(new Uint8Array([9, 1, 2])), /buffer type/);
    expectCryptoError(() => encStringFromBuffer(new Uint8Array()), /empty/);
    expectCryptoError(() => encStringFromBuffer(new Uint8Array([2, 1, 2])), /IV/);
  });
});
