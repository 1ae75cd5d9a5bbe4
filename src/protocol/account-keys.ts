/** Account key material as it appears in token responses, `/accounts/keys` and sync (`accountKeys`). */
import { z } from 'zod';
import { base64Schema, encStringSchema } from './common.js';

/** `{publicKey, encryptedPrivateKey}` request body (registration `keys`, `POST /accounts/keys`, org key pairs). */
export const keysRequestSchema = z.object({
  publicKey: base64Schema,
  encryptedPrivateKey: encStringSchema,
});
export type KeysRequest = z.infer<typeof keysRequestSchema>;

/** `AccountKeys` / `accountKeys`: the inner names are camelCase even inside the PascalCase token response. */
export const accountKeysSchema = z.object({
  object: z.literal('privateKeys').optional(),
  publicKeyEncryptionKeyPair: z.object({
    object: z.literal('publicKeyEncryptionKeyPair').optional(),
    wrappedPrivateKey: z.string(),
    publicKey: z.string(),
    signedPublicKey: z.string().nullish(),
  }),
  signatureKeyPair: z.unknown().nullish(),
  securityState: z.unknown().nullish(),
});
export type AccountKeys = z.infer<typeof accountKeysSchema>;

/** `GET/POST {api}/accounts/keys` → `keys`. */
export const keysResponseSchema = z.object({
  object: z.literal('keys'),
  key: z.string().nullable(),
  publicKey: z.string().nullable(),
  privateKey: z.string().nullable(),
  accountKeys: accountKeysSchema.nullable(),
});
export type KeysResponse = z.infer<typeof keysResponseSchema>;

/** `GET {api}/users/{id}/public-key` → `userKey`. */
export const userPublicKeyResponseSchema = z.object({
  object: z.literal('userKey'),
  userId: z.string(),
  publicKey: z.string().nullable(),
});
export type UserPublicKeyResponse = z.infer<typeof userPublicKeyResponseSchema>;

/** `POST {api}/accounts/key-management/user-key-id` (the SDK's key-id backfill). */
export const userKeyIdRequestSchema = z.object({
  userKeyId: z.string().min(1).max(100),
});
