import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64decode, CryptoError, fingerprintPhrase, fingerprintPhraseString } from '../../../src/crypto/index.js';
import { EFF_LONG_WORDLIST } from '../../../src/crypto/eff-long-wordlist.js';
import { has, list, loadVectorFile, obj, objects, str, type Json } from './vector-helpers.js';

const file = loadVectorFile('fingerprint.json');
const algorithm = obj(file, 'algorithm');
const vectors = objects(file, 'vectors');

describe('EFF long wordlist', () => {
  it('matches the checksum in fingerprint.json (LF-joined, trailing LF)', () => {
    const digest = createHash('sha256').update(`${EFF_LONG_WORDLIST.join('\n')}\n`, 'utf8').digest('hex');
    expect(digest).toBe(str(algorithm, 'wordlist_sha256_of_words_joined_by_LF_with_trailing_LF'));
  });
  it('has 7776 unique entries with the documented first and last words', () => {
    expect(EFF_LONG_WORDLIST).toHaveLength(7776);
    expect(new Set(EFF_LONG_WORDLIST).size).toBe(7776);
    expect(EFF_LONG_WORDLIST.slice(0, 3)).toEqual(list(algorithm, 'wordlist_first'));
    expect(EFF_LONG_WORDLIST.slice(-3)).toEqual(list(algorithm, 'wordlist_last'));
  });
  it('is frozen', () => {
    expect(Object.isFrozen(EFF_LONG_WORDLIST)).toBe(true);
  });
});

function registerVector(v: Json): boolean {
  if (!has(v, 'expected_phrase') || !has(v, 'fingerprint_material') || !has(v, 'public_key_spki_b64')) return false;
  it('produces the expected phrase from a base64 public key', () => {
    expect(fingerprintPhraseString(str(v, 'fingerprint_material'), str(v, 'public_key_spki_b64'))).toBe(
      str(v, 'expected_phrase'),
    );
  });
  it('produces the same five words from SPKI bytes', () => {
    const words = fingerprintPhrase(str(v, 'fingerprint_material'), b64decode(str(v, 'public_key_spki_b64')));
    expect(words).toEqual(str(v, 'expected_phrase').split('-'));
    expect(words).toHaveLength(5);
  });
  return true;
}

describe('fingerprint.json vectors', () => {
  it('has vectors', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });
  for (const v of vectors) {
    describe(str(v, 'id'), () => {
      if (!registerVector(v)) {
        it('is covered by a handler', () => {
          expect.fail(`no test handler for vector ${str(v, 'id')}`);
        });
      }
    });
  }
});

describe('fingerprintPhrase', () => {
  const vector = vectors[0];
  if (vector === undefined) throw new Error('fingerprint.json has no vectors');
  it('changes with the material', () => {
    const key = str(vector, 'public_key_spki_b64');
    expect(fingerprintPhraseString('00000000-0000-0000-0000-000000000000', key)).not.toBe(
      fingerprintPhraseString(str(vector, 'fingerprint_material'), key),
    );
  });
  it('rejects an empty or non-base64 public key', () => {
    expect(() => fingerprintPhrase('x', new Uint8Array())).toThrow(CryptoError);
    expect(() => fingerprintPhrase('x', 'not base64!')).toThrow(CryptoError);
  });
});
