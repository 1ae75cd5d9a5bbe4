/**
 * Organization vault items (admin-api.md §9): the `CipherRequest` an importer sends, the
 * `POST /ciphers/import-organization` body and the cipher responses read back
 * (`cipherMiniDetails` from `GET /ciphers/organization-details`, `cipherDetails` in `/sync`).
 * Every string value except ids, enums and dates is an EncString under the organization key; the
 * length limits are the server's `[EncryptedStringLength]` attributes (CipherRequestModel,
 * CipherLoginModel, CipherFieldModel, CipherCardModel, CipherIdentityModel).
 */
import { z } from 'zod';
import { encStringSchema, guidSchema } from './common.js';

export const CipherType = {
  Login: 1,
  SecureNote: 2,
  Card: 3,
  Identity: 4,
} as const;
export type CipherType = (typeof CipherType)[keyof typeof CipherType];

export const FieldType = { Text: 0, Hidden: 1, Boolean: 2, Linked: 3 } as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export const CipherRepromptType = { None: 0, Password: 1 } as const;

/** UriMatchType: 0 Domain, 1 Host, 2 StartsWith, 3 Exact, 4 RegularExpression, 5 Never. */
export const uriMatchSchema = z.int().min(0).max(5);

const enc = (max: number) => encStringSchema.max(max);
const optEnc = (max: number) => enc(max).nullish();

export const cipherLoginUriSchema = z.object({
  uri: optEnc(10_000),
  uriChecksum: optEnc(10_000),
  match: uriMatchSchema.nullish(),
});

export const cipherLoginSchema = z.object({
  uri: optEnc(10_000),
  uris: z.array(cipherLoginUriSchema).nullish(),
  username: optEnc(1000),
  password: optEnc(5000),
  passwordRevisionDate: z.string().nullish(),
  totp: optEnc(1000),
  autofillOnPageLoad: z.boolean().nullish(),
});

export const cipherCardSchema = z.object({
  cardholderName: optEnc(1000),
  brand: optEnc(1000),
  number: optEnc(1000),
  expMonth: optEnc(1000),
  expYear: optEnc(1000),
  code: optEnc(1000),
});

export const IDENTITY_FIELDS = [
  'title',
  'firstName',
  'middleName',
  'lastName',
  'address1',
  'address2',
  'address3',
  'city',
  'state',
  'postalCode',
  'country',
  'company',
  'email',
  'phone',
  'ssn',
  'username',
  'passportNumber',
  'licenseNumber',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export const cipherIdentitySchema = z.object(
  Object.fromEntries(IDENTITY_FIELDS.map((name) => [name, optEnc(1000)])) as Record<IdentityField, ReturnType<typeof optEnc>>,
);

export const cipherSecureNoteSchema = z.object({ type: z.int().min(0).max(0) });

export const cipherFieldSchema = z.object({
  type: z.int().min(0).max(3),
  name: optEnc(1000),
  value: optEnc(5000),
  linkedId: z.int().nullish(),
});

export const cipherPasswordHistorySchema = z.object({
  password: enc(5000),
  lastUsedDate: z.string(),
});

/** `CipherRequestModel` (typed objects; `data` is not sent: Vaultwarden does not read it). */
export const cipherRequestSchema = z.object({
  type: z.int().min(1).max(8),
  organizationId: guidSchema.nullish(),
  key: encStringSchema.nullish(),
  folderId: guidSchema.nullish(),
  name: enc(1000),
  notes: optEnc(10_000),
  favorite: z.boolean().nullish(),
  reprompt: z.int().min(0).max(1).nullish(),
  fields: z.array(cipherFieldSchema).nullish(),
  passwordHistory: z.array(cipherPasswordHistorySchema).nullish(),
  login: cipherLoginSchema.nullish(),
  card: cipherCardSchema.nullish(),
  identity: cipherIdentitySchema.nullish(),
  secureNote: cipherSecureNoteSchema.nullish(),
});
export type CipherRequest = z.infer<typeof cipherRequestSchema>;

/** `CollectionWithIdRequestModel`: an `id` of an existing collection reuses it, otherwise one is created. */
export const importCollectionSchema = z.object({
  id: guidSchema.nullish(),
  name: enc(1000),
  externalId: z.string().max(300).nullish(),
  groups: z.array(z.unknown()).nullish(),
  users: z.array(z.unknown()).nullish(),
});
export type ImportCollection = z.infer<typeof importCollectionSchema>;

/** A serialized `KeyValuePair<int,int>`: cipher index → collection (or folder) index. */
export const indexPairSchema = z.object({ key: z.int(), value: z.int() });

export const importFolderSchema = z.object({ id: guidSchema.nullish(), name: enc(1000) });

/** `ImportOrganizationCiphersRequestModel` (every array defaults to empty, as on the server). */
export const importOrganizationCiphersRequestSchema = z.object({
  ciphers: z.array(cipherRequestSchema).nullish(),
  collections: z.array(importCollectionSchema).nullish(),
  collectionRelationships: z.array(indexPairSchema).nullish(),
  folders: z.array(importFolderSchema).nullish(),
  folderRelationships: z.array(indexPairSchema).nullish(),
});
export type ImportOrganizationCiphersRequest = z.infer<typeof importOrganizationCiphersRequestSchema>;

/**
 * Cloud limits of one import request (`GlobalSettings.ImportCiphersLimitation`, not applied when
 * self-hosted): over any of them the server answers 400 "You cannot import this much data at once."
 */
export const IMPORT_LIMITS = {
  ciphers: 40_000,
  collectionRelationships: 80_000,
  collections: 2_000,
  folders: 2_000,
  folderRelationships: 80_000,
} as const;

export const IMPORT_TOO_MUCH = 'You cannot import this much data at once.';
export const IMPORT_NOT_ALLOWED = 'Not enough privileges to import into this organization.';

/** `cipherMiniDetails` / `cipherDetails` (what bwmsp reads back; the server sends more). */
export const cipherResponseSchema = z.object({
  object: z.string(),
  id: z.string(),
  organizationId: z.string().nullable(),
  type: z.int(),
  name: z.string().nullable(),
  notes: z.string().nullish(),
  login: cipherLoginSchema.nullish(),
  card: cipherCardSchema.nullish(),
  identity: cipherIdentitySchema.nullish(),
  secureNote: cipherSecureNoteSchema.nullish(),
  fields: z.array(cipherFieldSchema).nullish(),
  favorite: z.boolean().nullish(),
  reprompt: z.int().nullish(),
  key: z.string().nullish(),
  collectionIds: z.array(z.string()).nullish(),
  creationDate: z.string(),
  revisionDate: z.string(),
  deletedDate: z.string().nullish(),
});
export type CipherResponse = z.infer<typeof cipherResponseSchema>;
