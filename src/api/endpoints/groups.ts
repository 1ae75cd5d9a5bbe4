/**
 * Group endpoints (admin-api.md §6, private API) and the Public API ones (§10.2).
 * Private bodies carry `name`, `collections` and `users`, both lists full replacements on PUT;
 * `externalId` is settable only through the Public API.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';
import { accessSelectionSchema, type AccessSelection } from './collections.js';

/** `group` / `groupDetails` (details add `collections`). */
export const groupSchema = z.looseObject({
  id: z.string(),
  organizationId: z.string().nullish(),
  name: z.string(),
  externalId: z.string().nullish(),
  collections: z.array(accessSelectionSchema).nullish(),
});
export type GroupResponse = z.infer<typeof groupSchema>;

export interface GroupRequest {
  name: string;
  collections: AccessSelection[];
  /** Organization-user ids. */
  users: string[];
}

const base = (orgId: string) => `/organizations/${encodeURIComponent(orgId)}/groups`;
const idListSchema = z.array(z.string());

export async function listGroupDetails(api: ApiClient, orgId: string): Promise<GroupResponse[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: `${base(orgId)}/details`, schema: listSchema(groupSchema) });
  return list.data;
}

export function getGroupDetails(api: ApiClient, orgId: string, id: string): Promise<GroupResponse> {
  return api.request({ service: 'api', method: 'GET', path: `${base(orgId)}/${encodeURIComponent(id)}/details`, schema: groupSchema });
}

/** Organization-user ids of the group's members (a raw array, §11.2). */
export function getGroupUserIds(api: ApiClient, orgId: string, id: string): Promise<string[]> {
  return api.request({ service: 'api', method: 'GET', path: `${base(orgId)}/${encodeURIComponent(id)}/users`, schema: idListSchema });
}

export function createGroup(api: ApiClient, orgId: string, body: GroupRequest): Promise<GroupResponse> {
  return api.request({ service: 'api', method: 'POST', path: base(orgId), json: body, schema: groupSchema });
}

export function updateGroup(api: ApiClient, orgId: string, id: string, body: GroupRequest): Promise<GroupResponse> {
  return api.request({ service: 'api', method: 'PUT', path: `${base(orgId)}/${encodeURIComponent(id)}`, json: body, schema: groupSchema });
}

export async function deleteGroup(api: ApiClient, orgId: string, id: string): Promise<void> {
  await api.request({ service: 'api', method: 'DELETE', path: `${base(orgId)}/${encodeURIComponent(id)}` });
}

/** `DELETE /organizations/{orgId}/groups/{id}/user/{orgUserId}`. */
export async function removeGroupUser(api: ApiClient, orgId: string, id: string, organizationUserId: string): Promise<void> {
  await api.request({
    service: 'api',
    method: 'DELETE',
    path: `${base(orgId)}/${encodeURIComponent(id)}/user/${encodeURIComponent(organizationUserId)}`,
  });
}

/** Public API `group`: `id, name, externalId, collections`. */
export const publicGroupSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  externalId: z.string().nullish(),
  collections: z.array(accessSelectionSchema).nullish(),
});
export type PublicGroup = z.infer<typeof publicGroupSchema>;

export interface PublicGroupRequest {
  name: string;
  externalId: string | null;
  collections: AccessSelection[];
}

export async function listPublicGroups(api: ApiClient): Promise<PublicGroup[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: '/public/groups', schema: listSchema(publicGroupSchema) });
  return list.data;
}

export function createPublicGroup(api: ApiClient, body: PublicGroupRequest): Promise<PublicGroup> {
  return api.request({ service: 'api', method: 'POST', path: '/public/groups', json: body, schema: publicGroupSchema });
}

export function updatePublicGroup(api: ApiClient, id: string, body: PublicGroupRequest): Promise<PublicGroup> {
  return api.request({ service: 'api', method: 'PUT', path: `/public/groups/${encodeURIComponent(id)}`, json: body, schema: publicGroupSchema });
}

export async function deletePublicGroup(api: ApiClient, id: string): Promise<void> {
  await api.request({ service: 'api', method: 'DELETE', path: `/public/groups/${encodeURIComponent(id)}` });
}

export function getPublicGroupMemberIds(api: ApiClient, id: string): Promise<string[]> {
  return api.request({ service: 'api', method: 'GET', path: `/public/groups/${encodeURIComponent(id)}/member-ids`, schema: idListSchema });
}

export async function setPublicGroupMemberIds(api: ApiClient, id: string, memberIds: string[]): Promise<void> {
  await api.request({ service: 'api', method: 'PUT', path: `/public/groups/${encodeURIComponent(id)}/member-ids`, json: { memberIds } });
}
