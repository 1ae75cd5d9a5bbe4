/** `GET {api}/sync` (`?excludeDomains=true`). */
import { z } from 'zod';
import { profileResponseSchema } from './account.js';
import { collectionDetailsResponseSchema } from './collection.js';
import { kdfSettingsSchema } from './kdf.js';
import { policyResponseSchema } from './policy.js';

export const masterPasswordUnlockSchema = z.object({
  kdf: kdfSettingsSchema,
  masterKeyEncryptedUserKey: z.string(),
  salt: z.string(),
  containedKeyId: z.string().nullish(),
});

/** `userDecryption`; `userKeyId` tells the SDK that the key-id backfill is done. */
export const userDecryptionResponseSchema = z.object({
  masterPasswordUnlock: masterPasswordUnlockSchema.nullable(),
  webAuthnPrfOptions: z.array(z.unknown()).nullish(),
  v2UpgradeToken: z.string().nullish(),
  userKeyId: z.string().nullish(),
});

export const domainsResponseSchema = z.object({
  object: z.literal('domains'),
  equivalentDomains: z.array(z.array(z.string())).nullable(),
  globalEquivalentDomains: z.array(z.unknown()).nullable(),
});

export const syncResponseSchema = z.object({
  object: z.literal('sync'),
  profile: profileResponseSchema,
  folders: z.array(z.unknown()),
  collections: z.array(collectionDetailsResponseSchema),
  ciphers: z.array(z.unknown()),
  domains: domainsResponseSchema.nullable(),
  policies: z.array(policyResponseSchema),
  sends: z.array(z.unknown()),
  userDecryption: userDecryptionResponseSchema.nullable(),
});
export type SyncResponse = z.infer<typeof syncResponseSchema>;
