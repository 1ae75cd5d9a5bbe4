/**
 * Public API members (admin-api.md §10.1), for organization API key sessions. The org token acts
 * as an Owner of its one organization, so no org id appears in the routes. Nothing here is
 * encrypted: names of collections cannot be read through this API, and bwmsp passes ids only.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';
import { selectionSchema, type PermissionsBody, type Selection } from './members.js';

/** `member` (Public API model). */
export const publicMemberSchema = z.looseObject({
  id: z.string(),
  userId: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  twoFactorEnabled: z.boolean().nullish(),
  status: z.int(),
  type: z.int(),
  externalId: z.string().nullish(),
  permissions: z.record(z.string(), z.unknown()).nullish(),
  collections: z.array(selectionSchema).nullish(),
});
export type PublicMember = z.infer<typeof publicMemberSchema>;

/** `MemberUpdateRequestModel`. */
export interface PublicMemberUpdate {
  type: number;
  externalId?: string | null;
  permissions?: PermissionsBody;
  collections?: Selection[];
  groups?: string[];
}

/** `MemberCreateRequestModel` = update + `email`. */
export interface PublicMemberCreate extends PublicMemberUpdate {
  email: string;
}

const memberPath = (id: string) => `/public/members/${encodeURIComponent(id)}`;

export async function listPublicMembers(api: ApiClient): Promise<PublicMember[]> {
  return (await api.request({ service: 'api', method: 'GET', path: '/public/members', schema: listSchema(publicMemberSchema) })).data;
}

export function getPublicMember(api: ApiClient, id: string): Promise<PublicMember> {
  return api.request({ service: 'api', method: 'GET', path: memberPath(id), schema: publicMemberSchema });
}

export function createPublicMember(api: ApiClient, body: PublicMemberCreate): Promise<PublicMember> {
  return api.request({ service: 'api', method: 'POST', path: '/public/members', json: body, schema: publicMemberSchema });
}

export function updatePublicMember(api: ApiClient, id: string, body: PublicMemberUpdate): Promise<PublicMember> {
  return api.request({ service: 'api', method: 'PUT', path: memberPath(id), json: body, schema: publicMemberSchema });
}

/**
 * Gives a member new collection access. `type` is required and sent back unchanged, as are
 * `externalId` and (Custom only) `permissions`; `groups` is omitted so the memberships stay.
 */
export function updatePublicMemberCollections(api: ApiClient, member: PublicMember, collections: Selection[]): Promise<PublicMember> {
  const permissions = member.type === 4 && member.permissions ? { permissions: member.permissions as PermissionsBody } : {};
  return updatePublicMember(api, member.id, { type: member.type, externalId: member.externalId ?? null, ...permissions, collections });
}

export async function deletePublicMember(api: ApiClient, id: string): Promise<void> {
  await api.request({ service: 'api', method: 'DELETE', path: memberPath(id) });
}
