/** KDF rules the server applies when a KDF is *set* (registration, KDF change). */
import { KDF_SET_LIMITS, KdfType, type KdfSettings } from '../../protocol/kdf.js';
import type { ValidationErrors } from '../errors.js';
import type { UserRecord } from '../repositories/users.js';

/** Model-state errors for out-of-range settings, or null when acceptable. */
export function validateKdfForSet(kdf: KdfSettings): ValidationErrors | null {
  const errors: ValidationErrors = {};
  if (kdf.kdfType === KdfType.PBKDF2_SHA256) {
    const { min, max } = KDF_SET_LIMITS.pbkdf2Iterations;
    if (kdf.iterations < min || kdf.iterations > max) {
      errors.KdfIterations = [`KDF iterations must be between ${min} and ${max}.`];
    }
  } else {
    const it = KDF_SET_LIMITS.argon2Iterations;
    const mem = KDF_SET_LIMITS.argon2MemoryMiB;
    const par = KDF_SET_LIMITS.argon2Parallelism;
    if (kdf.iterations < it.min || kdf.iterations > it.max) {
      errors.KdfIterations = [`Argon2 iterations must be between ${it.min} and ${it.max}.`];
    }
    if (kdf.memory === null || kdf.memory === undefined || kdf.memory < mem.min || kdf.memory > mem.max) {
      errors.KdfMemory = [`Argon2 memory must be between ${mem.min}MiB and ${mem.max}MiB.`];
    }
    if (
      kdf.parallelism === null ||
      kdf.parallelism === undefined ||
      kdf.parallelism < par.min ||
      kdf.parallelism > par.max
    ) {
      errors.KdfParallelism = [`Argon2 parallelism must be between ${par.min} and ${par.max}.`];
    }
  }
  return Object.keys(errors).length === 0 ? null : errors;
}

/** The user's KDF in the nested camelCase shape; memory/parallelism null for PBKDF2. */
export function kdfSettingsOf(user: UserRecord): KdfSettings {
  const argon = user.kdf === KdfType.Argon2id;
  return {
    kdfType: argon ? KdfType.Argon2id : KdfType.PBKDF2_SHA256,
    iterations: user.kdfIterations,
    memory: argon ? user.kdfMemory : null,
    parallelism: argon ? user.kdfParallelism : null,
  };
}

/** The master-password salt: the stored one, else the normalised e-mail. */
export function masterPasswordSaltOf(user: UserRecord): string {
  return user.masterPasswordSalt ?? user.email.trim().toLowerCase();
}
