/**
 * Organization user (member) endpoints of the private API, route `/organizations/{orgId}/users`
 * (admin-api.md §4). Bulk routes answer a list of `{id, error}` where `error == ""` is success (§4.5).
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

/** Collection access selection (§4.2). */
export const selectionSchema = z.looseObject({
  id: z.string(),
  readOnly: z.boolean().nullish(),
  hidePasswords: z.boolean().nullish(),
  manage: z.boolean().nullish(),
});
export interface Selection {
  id: string;
  readOnly: boolean;
  hidePasswords: boolean;
  manage: boolean;
}

/** The custom-role permissions object (§4.1); every field a boolean. */
export type PermissionsBody = Record<string, boolean>;

/** `organizationUserUserDetails` (§4.3), the fields bwmsp reads. */
export const memberDetailsSchema = z.looseObject({
  id: z.string(),
  userId: z.string().nullish(),
  type: z.int(),
  status: z.int(),
  externalId: z.string().nullish(),
  accessSecretsManager: z.boolean().nullish(),
  permissions: z.record(z.string(), z.unknown()).nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  twoFactorEnabled: z.boolean().nullish(),
  collections: z.array(selectionSchema).nullish(),
  groups: z.array(z.string()).nullish(),
});
export type MemberDetails = z.infer<typeof memberDetailsSchema>;

export const bulkResultSchema = z.looseObject({ id: z.string(), error: z.string().nullish() });
export type BulkResult = z.infer<typeof bulkResultSchema>;

export const memberPublicKeySchema = z.looseObject({ id: z.string(), userId: z.string().nullish(), key: z.string().nullish() });
export type MemberPublicKey = z.infer<typeof memberPublicKeySchema>;

/** Invite body (§4.4): at most 20 e-mails per request. */
export interface InviteRequest {
  emails: string[];
  type: number;
  permissions?: PermissionsBody;
  collections: Selection[];
  groups: string[];
  accessSecretsManager: boolean;
}

/** Update body (§4.8): collections and groups are full replacements. */
export interface MemberUpdateRequest {
  type: number;
  permissions?: PermissionsBody;
  collections: Selection[];
  groups: string[];
  accessSecretsManager: boolean;
}

/** Most invite requests: the server refuses more than 20 e-mails (§4.4, §11.4). */
export const MAX_INVITE_BATCH = 20;

const usersPath = (orgId: string) => `/organizations/${encodeURIComponent(orgId)}/users`;
const bulk = listSchema(bulkResultSchema);

export async function listMembers(api: ApiClient, orgId: string, include: { groups?: boolean; collections?: boolean } = {}): Promise<MemberDetails[]> {
  const page = await api.request({
    service: 'api',
    method: 'GET',
    path: usersPath(orgId),
    query: { includeGroups: include.groups ? true : undefined, includeCollections: include.collections ? true : undefined },
    schema: listSchema(memberDetailsSchema),
  });
  return page.data;
}

export async function inviteMembers(api: ApiClient, orgId: string, body: InviteRequest): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: `${usersPath(orgId)}/invite`, json: body });
}

export async function reinviteMembers(api: ApiClient, orgId: string, ids: string[]): Promise<BulkResult[]> {
  return (await api.request({ service: 'api', method: 'POST', path: `${usersPath(orgId)}/reinvite`, json: { ids }, schema: bulk })).data;
}

/** `POST /{organizationUserId}/accept` as the invited user. */
export async function acceptInvitation(api: ApiClient, orgId: string, organizationUserId: string, body: { token: string }): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: `${usersPath(orgId)}/${encodeURIComponent(organizationUserId)}/accept`, json: body });
}

/** `POST /public-keys` (§4.6): the account public keys of members linked to an account. */
export async function memberPublicKeys(api: ApiClient, orgId: string, ids: string[]): Promise<MemberPublicKey[]> {
  const page = await api.request({ service: 'api', method: 'POST', path: `${usersPath(orgId)}/public-keys`, json: { ids }, schema: listSchema(memberPublicKeySchema), idempotent: true });
  return page.data;
}

/** `POST /confirm` (§4.7): the org key wrapped (type 4) to each member's public key. */
export async function confirmMembers(api: ApiClient, orgId: string, body: { keys: { id: string; key: string }[]; defaultUserCollectionName?: string }): Promise<BulkResult[]> {
  return (await api.request({ service: 'api', method: 'POST', path: `${usersPath(orgId)}/confirm`, json: body, schema: bulk })).data;
}

export async function updateMember(api: ApiClient, orgId: string, id: string, body: MemberUpdateRequest): Promise<void> {
  await api.request({ service: 'api', method: 'PUT', path: `${usersPath(orgId)}/${encodeURIComponent(id)}`, json: body });
}

export async function revokeMembers(api: ApiClient, orgId: string, ids: string[]): Promise<BulkResult[]> {
  return (await api.request({ service: 'api', method: 'PUT', path: `${usersPath(orgId)}/revoke`, json: { ids }, schema: bulk })).data;
}

export async function restoreMembers(api: ApiClient, orgId: string, body: { ids: string[]; defaultUserCollectionName?: string }): Promise<BulkResult[]> {
  return (await api.request({ service: 'api', method: 'PUT', path: `${usersPath(orgId)}/restore`, json: body, schema: bulk })).data;
}

/** `DELETE /organizations/{orgId}/users` with `{ids}` (§4.9). */
export async function removeMembers(api: ApiClient, orgId: string, ids: string[]): Promise<BulkResult[]> {
  return (await api.request({ service: 'api', method: 'DELETE', path: usersPath(orgId), json: { ids }, schema: bulk })).data;
}
