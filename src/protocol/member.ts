/**
 * Organization members (`/organizations/{orgId}/users`, admin-api.md §4): the collection-access
 * selection shared with collections and groups, request bodies, response models and the bulk
 * result shape.
 */
import { z } from 'zod';
import { emailSchema, encStringSchema, guidSchema } from './common.js';
import { organizationUserTypeSchema, permissionsRequestSchema, permissionsSchema } from './organization.js';

/** Most e-mails one invite request may carry. */
export const MAX_INVITE_EMAILS = 20;

export const RevocationReason = {
  Unknown: 0,
  Manual: 1,
  TwoFactorPolicyNonCompliance: 2,
  OrganizationDataOwnershipPolicyNonCompliance: 3,
  SingleOrgPolicyNonCompliance: 4,
} as const;
export type RevocationReason = (typeof RevocationReason)[keyof typeof RevocationReason];

/**
 * Collection-access selection `{id, readOnly, hidePasswords, manage}` (§4.2). The id is an
 * organization user id in `users[]`, a group id in `groups[]`, a collection id in `collections[]`.
 */
export const selectionRequestSchema = z.object({
  id: guidSchema,
  readOnly: z.boolean().nullish(),
  hidePasswords: z.boolean().nullish(),
  manage: z.boolean().nullish(),
});
export type SelectionRequest = z.infer<typeof selectionRequestSchema>;

export const selectionResponseSchema = z.object({
  id: z.string(),
  readOnly: z.boolean(),
  hidePasswords: z.boolean(),
  manage: z.boolean(),
});
export type SelectionResponse = z.infer<typeof selectionResponseSchema>;

/** `POST /invite`. */
export const organizationUserInviteRequestSchema = z.object({
  emails: z
    .array(emailSchema)
    .min(1)
    .max(MAX_INVITE_EMAILS, { error: `You can only submit up to ${MAX_INVITE_EMAILS} emails at a time.` }),
  type: organizationUserTypeSchema,
  permissions: permissionsRequestSchema.nullish(),
  collections: z.array(selectionRequestSchema).nullish(),
  groups: z.array(guidSchema).nullish(),
  accessSecretsManager: z.boolean().nullish(),
});
export type OrganizationUserInviteRequest = z.infer<typeof organizationUserInviteRequestSchema>;

/** `POST /{organizationUserId}/accept`: the token from the invitation mail. */
export const organizationUserAcceptRequestSchema = z.object({
  token: z.string().min(1),
  resetPasswordKey: encStringSchema.nullish(),
});
export type OrganizationUserAcceptRequest = z.infer<typeof organizationUserAcceptRequestSchema>;

/** `POST /{id}/confirm`: the org key RSA-wrapped (type 4) to the member's public key. */
export const organizationUserConfirmRequestSchema = z.object({
  key: encStringSchema,
  defaultUserCollectionName: encStringSchema.max(1000).nullish(),
});
export type OrganizationUserConfirmRequest = z.infer<typeof organizationUserConfirmRequestSchema>;

/** `POST /confirm`. */
export const organizationUserBulkConfirmRequestSchema = z.object({
  keys: z.array(z.object({ id: guidSchema, key: encStringSchema })).min(1),
  defaultUserCollectionName: encStringSchema.max(1000).nullish(),
});
export type OrganizationUserBulkConfirmRequest = z.infer<typeof organizationUserBulkConfirmRequestSchema>;

/** `PUT /{id}`: `collections` is a full replacement of the member's direct access. */
export const organizationUserUpdateRequestSchema = z.object({
  type: organizationUserTypeSchema,
  permissions: permissionsRequestSchema.nullish(),
  accessSecretsManager: z.boolean().nullish(),
  accessPam: z.boolean().nullish(),
  collections: z.array(selectionRequestSchema),
  groups: z.array(guidSchema).nullish(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  defaultUserCollectionName: encStringSchema.max(1000).nullish(),
});
export type OrganizationUserUpdateRequest = z.infer<typeof organizationUserUpdateRequestSchema>;

/** `PUT /{id}/restore/vnext`. */
export const organizationUserRestoreRequestSchema = z.object({
  defaultUserCollectionName: encStringSchema.max(1000).nullish(),
});

/** `PUT /restore` (and PATCH). */
export const organizationUserBulkRestoreRequestSchema = z.object({
  ids: z.array(guidSchema).min(1),
  defaultUserCollectionName: encStringSchema.max(1000).nullish(),
});

/** What both member detail models start with, in the server's order. */
const organizationUserFields = {
  id: z.string(),
  userId: z.string().nullable(),
  type: z.int(),
  status: z.int(),
  externalId: z.string().nullable(),
  accessSecretsManager: z.boolean(),
  accessPam: z.boolean(),
  permissions: permissionsSchema.optional(),
  resetPasswordEnrolled: z.boolean(),
  usesKeyConnector: z.boolean(),
  hasMasterPassword: z.boolean(),
};

/** `organizationUserUserDetails` (list items of `GET /organizations/{orgId}/users`). */
export const organizationUserUserDetailsResponseSchema = z.object({
  object: z.literal('organizationUserUserDetails'),
  ...organizationUserFields,
  name: z.string().nullable(),
  email: z.string().nullable(),
  avatarColor: z.string().nullable(),
  twoFactorEnabled: z.boolean(),
  ssoBound: z.boolean(),
  claimedByOrganization: z.boolean(),
  collections: z.array(selectionResponseSchema),
  groups: z.array(z.string()),
  revocationReason: z.int().nullable(),
  creationDate: z.string(),
});
export type OrganizationUserUserDetailsResponse = z.infer<typeof organizationUserUserDetailsResponseSchema>;

/** `organizationUserDetails` (`GET /{id}`): no name or e-mail; `groups` only with `includeGroups`. */
export const organizationUserDetailsResponseSchema = z.object({
  object: z.literal('organizationUserDetails'),
  ...organizationUserFields,
  claimedByOrganization: z.boolean(),
  ssoExternalId: z.string().nullable(),
  collections: z.array(selectionResponseSchema),
  groups: z.array(z.string()).optional(),
  creationDate: z.string(),
});
export type OrganizationUserDetailsResponse = z.infer<typeof organizationUserDetailsResponseSchema>;

/** `organizationUserUserMiniDetails` (`GET /mini-details`). */
export const organizationUserMiniDetailsResponseSchema = z.object({
  object: z.literal('organizationUserUserMiniDetails'),
  id: z.string(),
  userId: z.string().nullable(),
  type: z.int(),
  status: z.int(),
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type OrganizationUserMiniDetailsResponse = z.infer<typeof organizationUserMiniDetailsResponseSchema>;

/** `POST /public-keys` items: the member's account public key (base64 SPKI). */
export const organizationUserPublicKeyResponseSchema = z.object({
  object: z.literal('organizationUserPublicKeyResponseModel'),
  id: z.string(),
  userId: z.string(),
  key: z.string(),
});
export type OrganizationUserPublicKeyResponse = z.infer<typeof organizationUserPublicKeyResponseSchema>;

/** One item of a bulk result (§4.5): `error` is `""` on success. */
export const organizationBulkResultSchema = z.object({
  object: z.literal('OrganizationBulkConfirmResponseModel'),
  id: z.string(),
  error: z.string(),
});
export type OrganizationBulkResult = z.infer<typeof organizationBulkResultSchema>;
