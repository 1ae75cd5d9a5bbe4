/**
 * Collection endpoints (admin-api.md §5, private API) and their Public API twins (§10.3).
 * Names are EncStrings under the organization key: this layer passes them through untouched.
 * Schemas keep only what bwmsp uses (`z.looseObject`), so newer servers' extra fields pass.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

/** Collection-access selection (§4.2): a group, member or collection id with its three flags. */
export const accessSelectionSchema = z.looseObject({
  id: z.string(),
  readOnly: z.boolean().nullish().transform((v) => v ?? false),
  hidePasswords: z.boolean().nullish().transform((v) => v ?? false),
  manage: z.boolean().nullish().transform((v) => v ?? false),
});
export type AccessSelection = { id: string; readOnly: boolean; hidePasswords: boolean; manage: boolean };

/** `collectionAccessDetails` (and the plain `collection`, whose access lists are absent). */
export const collectionSchema = z.looseObject({
  id: z.string(),
  organizationId: z.string().nullish(),
  name: z.string(),
  externalId: z.string().nullish(),
  /** 0 shared, 1 default user collection (Organization-Data-Ownership). */
  type: z.int().nullish(),
  defaultUserCollectionEmail: z.string().nullish(),
  groups: z.array(accessSelectionSchema).nullish(),
  users: z.array(accessSelectionSchema).nullish(),
});
export type CollectionResponse = z.infer<typeof collectionSchema>;

/** CollectionCreate / CollectionUpdate: `groups` and `users` replace access when present (always sent). */
export interface CollectionRequest {
  name: string;
  externalId: string | null;
  groups: AccessSelection[];
  users: AccessSelection[];
}

const base = (orgId: string) => `/organizations/${encodeURIComponent(orgId)}/collections`;

export async function listCollectionDetails(api: ApiClient, orgId: string): Promise<CollectionResponse[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: `${base(orgId)}/details`, schema: listSchema(collectionSchema) });
  return list.data;
}

export function getCollectionDetails(api: ApiClient, orgId: string, id: string): Promise<CollectionResponse> {
  return api.request({ service: 'api', method: 'GET', path: `${base(orgId)}/${encodeURIComponent(id)}/details`, schema: collectionSchema });
}

export function createCollection(api: ApiClient, orgId: string, body: CollectionRequest): Promise<CollectionResponse> {
  return api.request({ service: 'api', method: 'POST', path: base(orgId), json: body, schema: collectionSchema });
}

export function updateCollection(api: ApiClient, orgId: string, id: string, body: CollectionRequest): Promise<CollectionResponse> {
  return api.request({ service: 'api', method: 'PUT', path: `${base(orgId)}/${encodeURIComponent(id)}`, json: body, schema: collectionSchema });
}

export async function deleteCollection(api: ApiClient, orgId: string, id: string): Promise<void> {
  await api.request({ service: 'api', method: 'DELETE', path: `${base(orgId)}/${encodeURIComponent(id)}` });
}

/** Public API `collection` (§10.3): no name (encrypted names never reach the Public API), no users. */
export const publicCollectionSchema = z.looseObject({
  id: z.string(),
  externalId: z.string().nullish(),
  groups: z.array(accessSelectionSchema).nullish(),
});
export type PublicCollection = z.infer<typeof publicCollectionSchema>;

export async function listPublicCollections(api: ApiClient): Promise<PublicCollection[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: '/public/collections', schema: listSchema(publicCollectionSchema) });
  return list.data;
}

/** `PUT /public/collections/{id}`: external id and group access (groups replace). */
export function updatePublicCollection(api: ApiClient, id: string, body: { externalId: string | null; groups: AccessSelection[] }): Promise<PublicCollection> {
  return api.request({ service: 'api', method: 'PUT', path: `/public/collections/${encodeURIComponent(id)}`, json: body, schema: publicCollectionSchema });
}

export async function deletePublicCollection(api: ApiClient, id: string): Promise<void> {
  await api.request({ service: 'api', method: 'DELETE', path: `/public/collections/${encodeURIComponent(id)}` });
}
