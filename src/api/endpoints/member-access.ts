/**
 * What collections, groups and events need to know about members: the member list (e-mail ↔
 * organization-user id ↔ user id, admin-api.md §4.3 / §10.1) and, for organization API key
 * sessions, a member's collection access through the Public API (§10.1). The full member verbs
 * live with the member noun.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';
import { accessSelectionSchema, type AccessSelection } from './collections.js';

export const memberRowSchema = z.looseObject({
  id: z.string(),
  userId: z.string().nullish(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  status: z.int().nullish(),
  type: z.int().nullish(),
});
export type MemberRow = z.infer<typeof memberRowSchema>;

/** `GET /organizations/{orgId}/users` (Perm manageUsers). */
export async function listOrganizationMembers(api: ApiClient, orgId: string): Promise<MemberRow[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: `/organizations/${encodeURIComponent(orgId)}/users`, schema: listSchema(memberRowSchema) });
  return list.data;
}

/** Public `member`, with what a MemberUpdate must send back. */
export const publicMemberSchema = memberRowSchema.extend({
  externalId: z.string().nullish(),
  permissions: z.record(z.string(), z.unknown()).nullish(),
  collections: z.array(accessSelectionSchema).nullish(),
});
export type PublicMember = z.infer<typeof publicMemberSchema>;

export async function listPublicMembers(api: ApiClient): Promise<PublicMember[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: '/public/members', schema: listSchema(publicMemberSchema) });
  return list.data;
}

export function getPublicMember(api: ApiClient, id: string): Promise<PublicMember> {
  return api.request({ service: 'api', method: 'GET', path: `/public/members/${encodeURIComponent(id)}`, schema: publicMemberSchema });
}

/**
 * `PUT /public/members/{id}` (MemberUpdate): `type` is required and sent back unchanged, as are
 * `externalId` and (Custom only) `permissions`; `groups` is omitted so the membership stays.
 */
export function updatePublicMemberCollections(api: ApiClient, member: PublicMember, collections: AccessSelection[]): Promise<PublicMember> {
  const body: Record<string, unknown> = {
    type: member.type ?? 2,
    externalId: member.externalId ?? null,
    collections: collections.map((c) => ({ id: c.id, readOnly: c.readOnly, hidePasswords: c.hidePasswords, manage: c.manage })),
  };
  if (member.type === 4 && member.permissions) body.permissions = member.permissions;
  return api.request({ service: 'api', method: 'PUT', path: `/public/members/${encodeURIComponent(member.id)}`, json: body, schema: publicMemberSchema });
}
