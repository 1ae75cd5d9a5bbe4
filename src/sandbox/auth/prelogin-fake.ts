/**
 * The official server never reveals whether an e-mail has an account: unknown e-mails get a KDF
 * chosen deterministically by an HMAC of the normalised e-mail from a fixed pool, and a salt that is
 * stably either the e-mail or null.
 */
import { createHmac } from 'node:crypto';
import { KdfType, type KdfSettings } from '../../protocol/kdf.js';

const FAKE_KDF_POOL: readonly KdfSettings[] = [
  { kdfType: KdfType.PBKDF2_SHA256, iterations: 600_000, memory: null, parallelism: null },
  { kdfType: KdfType.PBKDF2_SHA256, iterations: 600_000, memory: null, parallelism: null },
  { kdfType: KdfType.PBKDF2_SHA256, iterations: 100_000, memory: null, parallelism: null },
  { kdfType: KdfType.PBKDF2_SHA256, iterations: 5_000, memory: null, parallelism: null },
  { kdfType: KdfType.Argon2id, iterations: 3, memory: 64, parallelism: 4 },
  { kdfType: KdfType.Argon2id, iterations: 6, memory: 32, parallelism: 4 },
];

const DEFAULT_FAKE: KdfSettings = { kdfType: KdfType.PBKDF2_SHA256, iterations: 600_000, memory: null, parallelism: null };

export function fakePrelogin(key: Buffer, normalisedEmail: string): { kdf: KdfSettings; salt: string | null } {
  const digest = createHmac('sha256', key).update(normalisedEmail, 'utf8').digest();
  const kdf = FAKE_KDF_POOL[digest.readUInt32BE(0) % FAKE_KDF_POOL.length] ?? DEFAULT_FAKE;
  const salt = (digest[4] ?? 0) & 1 ? normalisedEmail : null;
  return { kdf: { ...kdf }, salt };
}
