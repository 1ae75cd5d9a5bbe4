/**
 * The Public API (`/public/*`, admin-api.md §10): called with an organization API key token
 * (scope `api.organization`); the organization comes from the token, never the route. Its models
 * are its own (`member`, `group`, `collection`, `policy`, `event`), distinct from the private API's.
 */
import { z } from 'zod';
import { emailSchema, guidSchema } from './common.js';
import { organizationUserTypeSchema, permissionsRequestSchema, permissionsSchema } from './organization.js';

/** `AssociationWithPermissions`: `readOnly` is required here. */
export const publicAssociationRequestSchema = z.object({
  id: guidSchema,
  readOnly: z.boolean(),
  hidePasswords: z.boolean().nullish(),
  manage: z.boolean().nullish(),
});
export type PublicAssociationRequest = z.infer<typeof publicAssociationRequestSchema>;

export const publicAssociationResponseSchema = z.object({
  id: z.string(),
  readOnly: z.boolean(),
  hidePasswords: z.boolean(),
  manage: z.boolean(),
});
export type PublicAssociationResponse = z.infer<typeof publicAssociationResponseSchema>;

/** `PUT /public/members/{id}`. */
export const publicMemberUpdateRequestSchema = z.object({
  type: organizationUserTypeSchema,
  externalId: z.string().max(300).nullish(),
  permissions: permissionsRequestSchema.nullish(),
  collections: z.array(publicAssociationRequestSchema).nullish(),
  groups: z.array(guidSchema).nullish(),
});
export type PublicMemberUpdateRequest = z.infer<typeof publicMemberUpdateRequestSchema>;

/** `POST /public/members`: an invitation. */
export const publicMemberCreateRequestSchema = publicMemberUpdateRequestSchema.extend({
  email: emailSchema,
});
export type PublicMemberCreateRequest = z.infer<typeof publicMemberCreateRequestSchema>;

/** `PUT /public/members/{id}/group-ids`. */
export const publicMemberGroupIdsRequestSchema = z.object({ groupIds: z.array(guidSchema).nullish() });

/** `member`. `permissions` only for Custom members. */
export const publicMemberResponseSchema = z.object({
  object: z.literal('member'),
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  twoFactorEnabled: z.boolean(),
  status: z.int(),
  collections: z.array(publicAssociationResponseSchema),
  resetPasswordEnrolled: z.boolean(),
  ssoExternalId: z.string().nullable(),
  type: z.int(),
  externalId: z.string().nullable(),
  permissions: permissionsSchema.nullish(),
});
export type PublicMemberResponse = z.infer<typeof publicMemberResponseSchema>;

/** `POST` / `PUT /public/groups`. */
export const publicGroupRequestSchema = z.object({
  name: z.string().min(1).max(100),
  externalId: z.string().max(300).nullish(),
  collections: z.array(publicAssociationRequestSchema).nullish(),
});
export type PublicGroupRequest = z.infer<typeof publicGroupRequestSchema>;

/** `PUT /public/groups/{id}/member-ids`. */
export const publicGroupMemberIdsRequestSchema = z.object({ memberIds: z.array(guidSchema).nullish() });

/** `group`. */
export const publicGroupResponseSchema = z.object({
  object: z.literal('group'),
  id: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
  collections: z.array(publicAssociationResponseSchema),
});
export type PublicGroupResponse = z.infer<typeof publicGroupResponseSchema>;

/** `PUT /public/collections/{id}` (no create: names are encrypted). */
export const publicCollectionUpdateRequestSchema = z.object({
  externalId: z.string().max(300).nullish(),
  groups: z.array(publicAssociationRequestSchema).nullish(),
});
export type PublicCollectionUpdateRequest = z.infer<typeof publicCollectionUpdateRequestSchema>;

/** `collection`: no name, no users. */
export const publicCollectionResponseSchema = z.object({
  object: z.literal('collection'),
  id: z.string(),
  externalId: z.string().nullable(),
  groups: z.array(publicAssociationResponseSchema),
});
export type PublicCollectionResponse = z.infer<typeof publicCollectionResponseSchema>;

/** `PUT /public/policies/{type}` (flat). */
export const publicPolicyUpdateRequestSchema = z.object({
  enabled: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type PublicPolicyUpdateRequest = z.infer<typeof publicPolicyUpdateRequestSchema>;

/** `policy`. */
export const publicPolicyResponseSchema = z.object({
  object: z.literal('policy'),
  id: z.string(),
  type: z.int(),
  enabled: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type PublicPolicyResponse = z.infer<typeof publicPolicyResponseSchema>;

/** `event`: `itemId` is the cipher, `memberId` the organization user, `device` the device type. */
export const publicEventResponseSchema = z.object({
  object: z.literal('event'),
  type: z.int(),
  itemId: z.string().nullable(),
  collectionId: z.string().nullable(),
  groupId: z.string().nullable(),
  policyId: z.string().nullable(),
  memberId: z.string().nullable(),
  actingUserId: z.string().nullable(),
  installationId: z.string().nullable(),
  date: z.string(),
  device: z.int().nullable(),
  ipAddress: z.string().nullable(),
  secretId: z.string().nullable(),
  projectId: z.string().nullable(),
  serviceAccountId: z.string().nullable(),
});
export type PublicEventResponse = z.infer<typeof publicEventResponseSchema>;
