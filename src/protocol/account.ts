/** `{api}/accounts/*`: profile, API key, revision date. */
import { z } from 'zod';
import { emailSchema } from './common.js';
import { accountKeysSchema } from './account-keys.js';
import { profileOrganizationSchema } from './organization.js';
import { profileProviderOrganizationSchema, profileProviderSchema } from './provider.js';

/** `profile` (SRV `ProfileResponseModel`), also `sync.profile`. */
export const profileResponseSchema = z.object({
  object: z.literal('profile'),
  id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  emailVerified: z.boolean(),
  premium: z.boolean(),
  premiumFromOrganization: z.boolean(),
  culture: z.string(),
  twoFactorEnabled: z.boolean(),
  key: z.string().nullable(),
  privateKey: z.string().nullable(),
  accountKeys: accountKeysSchema.nullable(),
  securityStamp: z.string(),
  forcePasswordReset: z.boolean(),
  usesKeyConnector: z.boolean(),
  avatarColor: z.string().nullable(),
  creationDate: z.string(),
  verifyDevices: z.boolean(),
  organizations: z.array(profileOrganizationSchema),
  providers: z.array(profileProviderSchema),
  providerOrganizations: z.array(profileProviderOrganizationSchema),
});
export type ProfileResponse = z.infer<typeof profileResponseSchema>;

/** `POST {api}/accounts/api-key` and `/rotate-api-key` → `apiKey`; the client id is `user.<userId>`. */
export const apiKeyResponseSchema = z.object({
  object: z.literal('apiKey'),
  apiKey: z.string(),
  revisionDate: z.string(),
});
export type ApiKeyResponse = z.infer<typeof apiKeyResponseSchema>;

/** `GET {api}/accounts/revision-date`: a bare JSON number (ms since the epoch). */
export const revisionDateResponseSchema = z.number();

/** `POST {api}/accounts/resend-new-device-otp` (anonymous). */
export const resendNewDeviceOtpRequestSchema = z.object({
  email: emailSchema,
  masterPasswordHash: z.string().max(300),
});
