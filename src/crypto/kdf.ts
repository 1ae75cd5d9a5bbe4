import { CryptoError } from './errors.js';

/** KdfType as sent by the server (prelogin `kdf`, `kdfSettings.kdfType`). */
export const KdfType = {
  PBKDF2_SHA256: 0,
  Argon2id: 1,
} as const;
export type KdfType = (typeof KdfType)[keyof typeof KdfType];

/**
 * Master-password KDF settings. `iterations` is the PBKDF2 round count or the Argon2 time cost;
 * `memory` (MiB) and `parallelism` are required for Argon2id and ignored for PBKDF2.
 */
export type KdfConfig = {
  kdfType: 0 | 1;
  iterations: number;
  memory?: number;
  parallelism?: number;
};

/** PBKDF2-SHA256 with 600 000 iterations: the default everywhere. */
export const DEFAULT_KDF: Readonly<KdfConfig> = Object.freeze({
  kdfType: KdfType.PBKDF2_SHA256,
  iterations: 600_000,
});

/** Client minimums (SDK refuses below these; protocol doc section 2.1). */
export const KDF_MINIMUMS = Object.freeze({
  pbkdf2Iterations: 5000,
  argon2Iterations: 2,
  argon2MemoryMiB: 16,
  argon2Parallelism: 1,
});

/** Upper bounds both servers enforce; larger values could only come from a hostile server. */
export const KDF_MAXIMUMS = Object.freeze({
  argon2MemoryMiB: 1024,
  argon2Parallelism: 16,
});

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Throws CryptoError when the settings are malformed or below the client minimums
 * (PBKDF2 >= 5000 iterations; Argon2id >= 2 iterations, >= 16 MiB, >= 1 lane).
 */
export function validateKdf(kdf: KdfConfig): void {
  const type: unknown = kdf.kdfType;
  if (type === KdfType.PBKDF2_SHA256) {
    if (!isPositiveInteger(kdf.iterations) || kdf.iterations < KDF_MINIMUMS.pbkdf2Iterations) {
      throw new CryptoError(
        `PBKDF2 iterations ${String(kdf.iterations)} below the minimum of ${KDF_MINIMUMS.pbkdf2Iterations}`,
      );
    }
    return;
  }
  if (type === KdfType.Argon2id) {
    if (!isPositiveInteger(kdf.iterations) || kdf.iterations < KDF_MINIMUMS.argon2Iterations) {
      throw new CryptoError(
        `Argon2id iterations ${String(kdf.iterations)} below the minimum of ${KDF_MINIMUMS.argon2Iterations}`,
      );
    }
    if (kdf.memory === undefined || kdf.memory === null) {
      throw new CryptoError('Argon2id memory is missing');
    }
    if (!isPositiveInteger(kdf.memory) || kdf.memory < KDF_MINIMUMS.argon2MemoryMiB) {
      throw new CryptoError(
        `Argon2id memory ${String(kdf.memory)} MiB below the minimum of ${KDF_MINIMUMS.argon2MemoryMiB} MiB`,
      );
    }
    if (kdf.memory > KDF_MAXIMUMS.argon2MemoryMiB) {
      throw new CryptoError(
        `Argon2id memory ${kdf.memory} MiB above the maximum of ${KDF_MAXIMUMS.argon2MemoryMiB} MiB`,
      );
    }
    if (kdf.parallelism === undefined || kdf.parallelism === null) {
      throw new CryptoError('Argon2id parallelism is missing');
    }
    if (!isPositiveInteger(kdf.parallelism) || kdf.parallelism < KDF_MINIMUMS.argon2Parallelism) {
      throw new CryptoError(
        `Argon2id parallelism ${String(kdf.parallelism)} below the minimum of ${KDF_MINIMUMS.argon2Parallelism}`,
      );
    }
    if (kdf.parallelism > KDF_MAXIMUMS.argon2Parallelism) {
      throw new CryptoError(
        `Argon2id parallelism ${kdf.parallelism} above the maximum of ${KDF_MAXIMUMS.argon2Parallelism}`,
      );
    }
    return;
  }
  throw new CryptoError(`unsupported KDF type ${String(type)}`);
}
