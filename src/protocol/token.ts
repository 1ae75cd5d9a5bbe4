/**
 * `POST {identity}/connect/token`: form fields, success bodies (OAuth snake_case + Bitwarden
 * PascalCase), and the identity error bodies. Clients match several of these keys literally.
 */
import { z } from 'zod';
import { accountKeysSchema } from './account-keys.js';
import { kdfTypeSchema } from './kdf.js';

export const GrantType = {
  Password: 'password',
  ClientCredentials: 'client_credentials',
  RefreshToken: 'refresh_token',
} as const;
export type GrantType = (typeof GrantType)[keyof typeof GrantType];

/** Static clients that may use the password grant (`client_id`). */
export const STATIC_CLIENT_IDS = ['web', 'browser', 'desktop', 'mobile', 'cli', 'connector'] as const;

export const Scope = {
  Api: 'api',
  OfflineAccess: 'offline_access',
  ApiOrganization: 'api.organization',
  /** Installation clients (`installation.<id>`, licensing-and-selfhost.md §5). */
  ApiPush: 'api.push',
  ApiLicensing: 'api.licensing',
  ApiInstallation: 'api.installation',
} as const;

/** Form field names, exactly as clients send them (the server matches them case-insensitively). */
export const TOKEN_FORM_FIELDS = [
  'grant_type',
  'client_id',
  'client_secret',
  'scope',
  'username',
  'password',
  'refresh_token',
  'deviceType',
  'deviceIdentifier',
  'deviceName',
  'devicePushToken',
  'twoFactorToken',
  'twoFactorProvider',
  'twoFactorRemember',
  'newDeviceOtp',
  'authRequest',
] as const;
export type TokenFormField = (typeof TOKEN_FORM_FIELDS)[number];
export type TokenForm = Partial<Record<TokenFormField, string>>;

/** `MasterPasswordPolicy` in token responses (PascalCase). */
export const masterPasswordPolicyResponseSchema = z.object({
  Object: z.literal('masterPasswordPolicy'),
  MinComplexity: z.int().nullish(),
  MinLength: z.int().nullish(),
  RequireLower: z.boolean().nullish(),
  RequireUpper: z.boolean().nullish(),
  RequireNumbers: z.boolean().nullish(),
  RequireSpecial: z.boolean().nullish(),
  EnforceOnLogin: z.boolean().nullish(),
});
export type MasterPasswordPolicyResponse = z.infer<typeof masterPasswordPolicyResponseSchema>;

export const tokenKdfSchema = z.object({
  KdfType: kdfTypeSchema,
  Iterations: z.int(),
  Memory: z.int().nullish(),
  Parallelism: z.int().nullish(),
});

export const masterPasswordUnlockResponseSchema = z.object({
  Kdf: tokenKdfSchema,
  MasterKeyEncryptedUserKey: z.string(),
  Salt: z.string(),
});

export const userDecryptionOptionsResponseSchema = z.object({
  Object: z.literal('userDecryptionOptions').optional(),
  HasMasterPassword: z.boolean(),
  MasterPasswordUnlock: masterPasswordUnlockResponseSchema.nullish(),
  TrustedDeviceOption: z.unknown().nullish(),
  KeyConnectorOption: z.unknown().nullish(),
  WebAuthnPrfOption: z.unknown().nullish(),
});

/** A full user token response (password grant, user API key). */
export const tokenSuccessResponseSchema = z.object({
  access_token: z.string(),
  expires_in: z.int(),
  token_type: z.string(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  Key: z.string().nullish(),
  PrivateKey: z.string().nullish(),
  AccountKeys: accountKeysSchema.nullish(),
  Kdf: kdfTypeSchema,
  KdfIterations: z.int(),
  KdfMemory: z.int().nullish(),
  KdfParallelism: z.int().nullish(),
  ForcePasswordReset: z.boolean().optional(),
  ResetMasterPassword: z.boolean().optional(),
  MasterPasswordPolicy: masterPasswordPolicyResponseSchema.optional(),
  UserDecryptionOptions: userDecryptionOptionsResponseSchema.optional(),
  TwoFactorToken: z.string().optional(),
  ApiUseKeyConnector: z.boolean().optional(),
});
export type TokenSuccessResponse = z.infer<typeof tokenSuccessResponseSchema>;

/** Refresh-token grant and organization/installation client credentials: no key material. */
export const bareTokenResponseSchema = z.object({
  access_token: z.string(),
  expires_in: z.int(),
  token_type: z.string(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});
export type BareTokenResponse = z.infer<typeof bareTokenResponseSchema>;

/** `ErrorModel` inside identity errors (PascalCase; clients read `ErrorModel.Message` literally). */
export const identityErrorModelSchema = z.object({
  Message: z.string(),
  Object: z.literal('error'),
});

export const identityErrorResponseSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  ErrorModel: identityErrorModelSchema.optional(),
});
export type IdentityErrorResponse = z.infer<typeof identityErrorResponseSchema>;

/** HTTP 400 that asks for a second factor (keys matched literally by clients). */
export const twoFactorRequiredResponseSchema = z.object({
  error: z.literal('invalid_grant'),
  error_description: z.literal('Two factor required.'),
  TwoFactorProviders: z.array(z.string()),
  TwoFactorProviders2: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()),
  MasterPasswordPolicy: masterPasswordPolicyResponseSchema.optional(),
  SsoEmail2faSessionToken: z.string().optional(),
  Email: z.string().optional(),
});
export type TwoFactorRequiredResponse = z.infer<typeof twoFactorRequiredResponseSchema>;

/** Identity error strings that clients compare literally. */
export const IdentityMessage = {
  InvalidCredentials: 'Username or password is incorrect. Try again.',
  TwoFactorRequired: 'Two factor required.',
  InvalidTwoFactorToken: 'Two-step token is invalid. Try again.',
  NewDeviceVerificationRequired: 'new device verification required',
  InvalidNewDeviceOtp: 'invalid new device otp',
  NoDeviceInformation: 'no device information provided',
  LegacyUser:
    'Legacy encryption without a userkey is no longer supported. To recover your account, please contact support',
} as const;

/** The access-token claims the sandbox issues (and clients read: sub, email, email_verified, exp, client_id). */
export const accessTokenClaimsSchema = z.looseObject({
  nbf: z.number(),
  exp: z.number(),
  iat: z.number().optional(),
  iss: z.string(),
  client_id: z.string(),
  sub: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  name: z.string().optional(),
  premium: z.boolean().optional(),
  sstamp: z.string().optional(),
  device: z.string().optional(),
  devicetype: z.string().optional(),
  idp: z.string().optional(),
  amr: z.array(z.string()).optional(),
  scope: z.array(z.string()),
  jti: z.string().optional(),
  auth_time: z.number().optional(),
  client_sub: z.string().optional(),
  client_type: z.string().optional(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;
