/** `POST {identity}/accounts/prelogin` and `/accounts/prelogin/password`. */
import { z } from 'zod';
import { emailSchema } from './common.js';
import { kdfSettingsSchema, kdfTypeSchema } from './kdf.js';

export const preloginRequestSchema = z.object({
  email: emailSchema,
});
export type PreloginRequest = z.infer<typeof preloginRequestSchema>;

/** Both the old top-level fields and the new `kdfSettings` (current clients read only the latter). */
export const preloginResponseSchema = z.object({
  kdf: kdfTypeSchema,
  kdfIterations: z.int(),
  kdfMemory: z.int().nullable(),
  kdfParallelism: z.int().nullable(),
  kdfSettings: kdfSettingsSchema,
  salt: z.string().nullable(),
});
export type PreloginResponse = z.infer<typeof preloginResponseSchema>;
