/** Two-step login: provider types and the `{api}/two-factor/*` bodies. */
import { z } from 'zod';
import { emailSchema } from './common.js';

/** TwoFactorProviderType (SRV `Core/Auth/Enums`). */
export const TwoFactorProviderType = {
  Authenticator: 0,
  Email: 1,
  Duo: 2,
  YubiKey: 3,
  U2f: 4,
  Remember: 5,
  OrganizationDuo: 6,
  WebAuthn: 7,
  RecoveryCode: 8,
} as const;
export type TwoFactorProviderType = (typeof TwoFactorProviderType)[keyof typeof TwoFactorProviderType];

/** `POST {api}/two-factor/send-email-login` (anonymous). */
export const twoFactorEmailLoginRequestSchema = z.object({
  email: emailSchema,
  masterPasswordHash: z.string().nullish(),
  ssoEmail2FaSessionToken: z.string().nullish(),
  authRequestId: z.string().nullish(),
  authRequestAccessCode: z.string().nullish(),
});
export type TwoFactorEmailLoginRequest = z.infer<typeof twoFactorEmailLoginRequestSchema>;

/** `POST {api}/two-factor/send-email`: secret verification plus the address to send the setup code to. */
export const twoFactorEmailSetupRequestSchema = z.object({
  masterPasswordHash: z.string().max(300).nullish(),
  otp: z.string().nullish(),
  email: emailSchema,
});

/** `PUT {api}/two-factor/email`: enable e-mail 2FA with the code that was sent. */
export const updateTwoFactorEmailRequestSchema = twoFactorEmailSetupRequestSchema.extend({
  token: z.string().min(1),
});

/** `PUT {api}/two-factor/disable`. */
export const twoFactorDisableRequestSchema = z.object({
  masterPasswordHash: z.string().max(300).nullish(),
  otp: z.string().nullish(),
  type: z.int(),
});

export const twoFactorEmailResponseSchema = z.object({
  object: z.literal('twoFactorEmail'),
  enabled: z.boolean(),
  email: z.string().nullable(),
});

export const twoFactorProviderResponseSchema = z.object({
  object: z.literal('twoFactorProvider'),
  enabled: z.boolean(),
  type: z.int(),
});
