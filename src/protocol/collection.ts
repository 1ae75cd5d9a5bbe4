/**
 * Collections (admin-api.md §5): as returned to members (sync `collections[]`, `GET /collections`)
 * and to administrators (`/organizations/{orgId}/collections`). Names are EncStrings under the org
 * key that the server stores and returns without reading.
 */
import { z } from 'zod';
import { encStringSchema, guidSchema } from './common.js';
import { selectionRequestSchema, selectionResponseSchema } from './member.js';

export const CollectionType = {
  SharedCollection: 0,
  DefaultUserCollection: 1,
} as const;
export type CollectionType = (typeof CollectionType)[keyof typeof CollectionType];

/** `collectionDetails`: collection + the caller's access flags. `name` is an EncString under the org key. */
export const collectionDetailsResponseSchema = z.object({
  object: z.literal('collectionDetails'),
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
  type: z.int(),
  defaultUserCollectionEmail: z.string().nullable(),
  readOnly: z.boolean(),
  hidePasswords: z.boolean(),
  manage: z.boolean(),
});
export type CollectionDetailsResponse = z.infer<typeof collectionDetailsResponseSchema>;

/** `POST /organizations/{orgId}/collections`. */
export const collectionCreateRequestSchema = z.object({
  name: encStringSchema.max(1000),
  externalId: z.string().max(300).nullish(),
  groups: z.array(selectionRequestSchema).nullish(),
  users: z.array(selectionRequestSchema).nullish(),
});
export type CollectionCreateRequest = z.infer<typeof collectionCreateRequestSchema>;

/** `PUT /organizations/{orgId}/collections/{id}`: `groups` / `users` replace access when present. */
export const collectionUpdateRequestSchema = z.object({
  name: encStringSchema.max(1000).nullish(),
  externalId: z.string().max(300).nullish(),
  groups: z.array(selectionRequestSchema).nullish(),
  users: z.array(selectionRequestSchema).nullish(),
});
export type CollectionUpdateRequest = z.infer<typeof collectionUpdateRequestSchema>;

/** `POST /organizations/{orgId}/collections/bulk-access`: adds access, never removes. */
export const collectionBulkAccessRequestSchema = z.object({
  collectionIds: z.array(guidSchema).min(1),
  groups: z.array(selectionRequestSchema).nullish(),
  users: z.array(selectionRequestSchema).nullish(),
});
export type CollectionBulkAccessRequest = z.infer<typeof collectionBulkAccessRequestSchema>;

/** `collection`. */
export const collectionResponseSchema = z.object({
  object: z.literal('collection'),
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  externalId: z.string().nullable(),
  type: z.int(),
  defaultUserCollectionEmail: z.string().nullable(),
});
export type CollectionResponse = z.infer<typeof collectionResponseSchema>;

/** `collectionAccessDetails`: the collection, who can reach it, and the caller's own access. */
export const collectionAccessDetailsResponseSchema = collectionResponseSchema.extend({
  object: z.literal('collectionAccessDetails'),
  groups: z.array(selectionResponseSchema),
  users: z.array(selectionResponseSchema),
  assigned: z.boolean(),
  readOnly: z.boolean(),
  hidePasswords: z.boolean(),
  manage: z.boolean(),
  unmanaged: z.boolean(),
});
export type CollectionAccessDetailsResponse = z.infer<typeof collectionAccessDetailsResponseSchema>;
