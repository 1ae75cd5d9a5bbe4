import { createHash, pbkdf2, pbkdf2Sync } from 'node:crypto';
import { argon2id } from './argon2.js';
import { b64encode, toUint8Array, utf8Encode } from './encoding.js';
import { CryptoError } from './errors.js';
import { hkdfExpand } from './hkdf.js';
import { KdfType, validateKdf, type KdfConfig } from './kdf.js';
import { SymmetricKey } from './symmetric-key.js';

/** The master-password salt for an e-mail address: trimmed and lower-cased (protocol doc 3.2). */
export function normalizeEmailSalt(email: string): string {
  return email.trim().toLowerCase();
}

function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, salt, iterations, 32, 'sha256', (err, key) => {
      if (err) reject(new CryptoError('PBKDF2 key derivation failed'));
      else resolve(toUint8Array(key));
    });
  });
}

/**
 * Derives the 32-byte master key from the master password.
 * - PBKDF2-HMAC-SHA256(password, salt, iterations, 32)
 * - Argon2id(password, SHA-256(salt), t = iterations, m = memory MiB x 1024 KiB, p = parallelism, 32)
 * `salt` is used as given: pass `normalizeEmailSalt(email)` or the server's `salt` field.
 * Uses node:crypto's Argon2 when present (Node >= 24.7), else hash-wasm.
 * `options.forceArgon2Fallback` (tests only) forces hash-wasm.
 */
export async function deriveMasterKey(
  password: string,
  salt: string,
  kdf: KdfConfig,
  options: { forceArgon2Fallback?: boolean } = {},
): Promise<Uint8Array> {
  validateKdf(kdf);
  const passwordBytes = utf8Encode(password);
  const saltBytes = utf8Encode(salt);
  if (kdf.kdfType === KdfType.PBKDF2_SHA256) {
    return pbkdf2Sha256(passwordBytes, saltBytes, kdf.iterations);
  }
  // validateKdf guarantees memory and parallelism for Argon2id.
  const memory = kdf.memory ?? 0;
  const parallelism = kdf.parallelism ?? 0;
  return argon2id(
    {
      password: passwordBytes,
      salt: toUint8Array(createHash('sha256').update(saltBytes).digest()),
      iterations: kdf.iterations,
      memoryKiB: memory * 1024,
      parallelism,
      hashLength: 32,
    },
    { forceFallback: options.forceArgon2Fallback === true },
  );
}

function assertMasterKey(masterKey: Uint8Array): void {
  if (masterKey.length !== 32) {
    throw new CryptoError(`invalid master key length ${masterKey.length} (expected 32 bytes)`);
  }
}

/**
 * base64(PBKDF2-HMAC-SHA256(P = masterKey, S = password, c = iterations, 32)).
 * iterations 1 = server authorization hash (sent as the token `password`), 2 = local unlock hash.
 */
export function hashMasterPassword(masterKey: Uint8Array, password: string, iterations: 1 | 2 = 1): string {
  assertMasterKey(masterKey);
  if (iterations !== 1 && iterations !== 2) {
    throw new CryptoError(`invalid master password hash iterations ${String(iterations)}`);
  }
  return b64encode(pbkdf2Sync(masterKey, utf8Encode(password), iterations, 32, 'sha256'));
}

/**
 * The 64-byte stretched master key: HKDF-Expand-SHA256(masterKey, "enc", 32) ||
 * HKDF-Expand-SHA256(masterKey, "mac", 32), with no HKDF-Extract.
 */
export function stretchMasterKey(masterKey: Uint8Array): SymmetricKey {
  assertMasterKey(masterKey);
  const encKey = hkdfExpand(masterKey, 'enc', 32);
  const macKey = hkdfExpand(masterKey, 'mac', 32);
  const bytes = new Uint8Array(64);
  bytes.set(encKey, 0);
  bytes.set(macKey, 32);
  return SymmetricKey.fromBytes(bytes);
}
