/** KDF settings on the wire (prelogin, registration, token response, sync). */
import { z } from 'zod';

/** KdfType (SRV `Core/Enums/KdfType.cs`). */
export const KdfType = {
  PBKDF2_SHA256: 0,
  Argon2id: 1,
} as const;
export type KdfType = (typeof KdfType)[keyof typeof KdfType];

export const kdfTypeSchema = z.union([z.literal(KdfType.PBKDF2_SHA256), z.literal(KdfType.Argon2id)]);

/** Ranges the server accepts when a KDF is *set* (registration, KDF change); Argon2 memory floor is the SDK's 16 MiB. */
export const KDF_SET_LIMITS = {
  pbkdf2Iterations: { min: 600_000, max: 2_000_000 },
  argon2Iterations: { min: 2, max: 10 },
  argon2MemoryMiB: { min: 16, max: 1024 },
  argon2Parallelism: { min: 1, max: 16 },
} as const;

/** The new nested shape: `{kdfType, iterations, memory, parallelism}` (camelCase, API and sync). */
export const kdfSettingsSchema = z.object({
  kdfType: kdfTypeSchema,
  iterations: z.int(),
  memory: z.int().nullish(),
  parallelism: z.int().nullish(),
});
export type KdfSettings = z.infer<typeof kdfSettingsSchema>;
