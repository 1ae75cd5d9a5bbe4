import { b64decode, utf8Encode } from './encoding.js';
import { EFF_LONG_WORDLIST } from './eff-long-wordlist.js';
import { CryptoError } from './errors.js';
import { hkdfExpand } from './hkdf.js';

const WORD_COUNT = 5;

/**
 * Bitwarden fingerprint phrase (SDK `fingerprint.rs`): okm = HKDF-Expand-SHA256(PRK = SPKI DER,
 * info = UTF-8(material), 32) read as a big-endian integer, then 5 base-7776 digits
 * (least significant first) as EFF long-list words. `material` is the user id GUID
 * (lower-case, hyphenated); it is used as given.
 */
export function fingerprintPhrase(material: string, publicKeySpki: Uint8Array | string): string[] {
  const spki = typeof publicKeySpki === 'string' ? b64decode(publicKeySpki) : publicKeySpki;
  if (spki.length === 0) throw new CryptoError('fingerprint needs a public key');
  const okm = hkdfExpand(spki, utf8Encode(material), 32);
  let n = 0n;
  for (const byte of okm) n = (n << 8n) | BigInt(byte);
  const base = BigInt(EFF_LONG_WORDLIST.length);
  const words: string[] = [];
  for (let i = 0; i < WORD_COUNT; i++) {
    const word = EFF_LONG_WORDLIST[Number(n % base)];
    if (word === undefined) throw new CryptoError('fingerprint wordlist is incomplete');
    words.push(word);
    n /= base;
  }
  return words;
}

/** fingerprintPhrase joined with '-', e.g. "turban-deftly-anime-chatroom-unselfish". */
export function fingerprintPhraseString(material: string, publicKeySpki: Uint8Array | string): string {
  return fingerprintPhrase(material, publicKeySpki).join('-');
}
