/** Account registration: `{identity}/accounts/register/*` (and the legacy `/accounts/register`). */
import { z } from 'zod';
import { keysRequestSchema } from './account-keys.js';
import { encStringSchema, emailSchema } from './common.js';
import { kdfSettingsSchema, kdfTypeSchema } from './kdf.js';

/** `POST {identity}/accounts/register/send-verification-email`. */
export const sendVerificationEmailRequestSchema = z.object({
  email: emailSchema,
  name: z.string().max(50).nullish(),
  receiveMarketingEmails: z.boolean().optional(),
});
export type SendVerificationEmailRequest = z.infer<typeof sendVerificationEmailRequestSchema>;

/** `masterPasswordAuthentication` block of register/finish. */
export const masterPasswordAuthenticationDataSchema = z.object({
  kdf: kdfSettingsSchema,
  masterPasswordAuthenticationHash: z.string().min(1).max(300),
  salt: z.string(),
});

/** `masterPasswordUnlock` block of register/finish. */
export const masterPasswordUnlockDataSchema = z.object({
  kdf: kdfSettingsSchema,
  masterKeyWrappedUserKey: encStringSchema,
  salt: z.string(),
  containedKeyId: z.string().nullish(),
});

/**
 * `POST {identity}/accounts/register/finish` (`RegisterFinishRequestModel`). Either the nested
 * `masterPasswordAuthentication` + `masterPasswordUnlock` blocks or the legacy flat fields
 * (`masterPasswordHash`, `userSymmetricKey`, `kdf*`) carry the key material; one token kind must
 * be present.
 */
export const registerFinishRequestSchema = z.object({
  email: emailSchema,
  emailVerificationToken: z.string().nullish(),
  orgInviteToken: z.string().nullish(),
  organizationUserId: z.string().nullish(),
  providerInviteToken: z.string().nullish(),
  providerUserId: z.string().nullish(),
  acceptEmergencyAccessInviteToken: z.string().nullish(),
  acceptEmergencyAccessId: z.string().nullish(),
  orgSponsoredFreeFamilyPlanToken: z.string().nullish(),
  salesAssistedToken: z.string().nullish(),
  masterPasswordAuthentication: masterPasswordAuthenticationDataSchema.nullish(),
  masterPasswordUnlock: masterPasswordUnlockDataSchema.nullish(),
  masterPasswordHash: z.string().min(1).max(300).nullish(),
  userSymmetricKey: encStringSchema.nullish(),
  kdf: kdfTypeSchema.nullish(),
  kdfIterations: z.int().nullish(),
  kdfMemory: z.int().nullish(),
  kdfParallelism: z.int().nullish(),
  userAsymmetricKeys: keysRequestSchema,
  masterPasswordHint: z.string().max(50).nullish(),
  name: z.string().max(50).nullish(),
});
export type RegisterFinishRequest = z.infer<typeof registerFinishRequestSchema>;

export const registerFinishResponseSchema = z.object({
  object: z.literal('registerFinish'),
});

/** Legacy `POST {identity}/accounts/register` (removed from the official server in 2025, still in Vaultwarden). */
export const legacyRegisterRequestSchema = z.object({
  email: emailSchema,
  name: z.string().max(50).nullish(),
  masterPasswordHash: z.string().min(1).max(300),
  masterPasswordHint: z.string().max(50).nullish(),
  key: encStringSchema,
  keys: keysRequestSchema.nullish(),
  kdf: kdfTypeSchema.nullish(),
  kdfIterations: z.int().nullish(),
  kdfMemory: z.int().nullish(),
  kdfParallelism: z.int().nullish(),
});
export type LegacyRegisterRequest = z.infer<typeof legacyRegisterRequestSchema>;

export const legacyRegisterResponseSchema = z.object({
  object: z.literal('register'),
  captchaBypassToken: z.string(),
});
