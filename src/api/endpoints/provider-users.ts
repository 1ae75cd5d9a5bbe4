/**
 * Provider users, route `/providers/{providerId}/users` (admin-api.md §1.3). Everything is
 * ProviderAdmin except accept. Bulk calls answer a list of `{id, error}` with `error == ""` on success.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

/** `providerUserUserDetails`: `providerUser` plus name and e-mail. `userId` is null while Invited. */
export const providerUserSchema = z.looseObject({
  id: z.string(),
  userId: z.string().nullish(),
  type: z.int(),
  status: z.int(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});
export type ProviderUserResponse = z.infer<typeof providerUserSchema>;

/** `providerUserPublicKeyResponseModel`: `key` is the user's public key (base64 SPKI). */
export const providerUserPublicKeySchema = z.looseObject({ id: z.string(), userId: z.string().nullish(), key: z.string().nullish() });
export type ProviderUserPublicKey = z.infer<typeof providerUserPublicKeySchema>;

/** `providerBulkConfirmResponseModel`, used by every provider bulk call. */
export const providerBulkResultSchema = z.looseObject({ id: z.string(), error: z.string().nullish() });
export type ProviderBulkResult = z.infer<typeof providerBulkResultSchema>;

/** At most 20 e-mails per invite request (§1.3, §11.5). */
export const PROVIDER_INVITE_BATCH = 20;

function usersPath(providerId: string, rest = ''): string {
  return `/providers/${encodeURIComponent(providerId)}/users${rest}`;
}

function userPath(providerId: string, providerUserId: string, rest = ''): string {
  return usersPath(providerId, `/${encodeURIComponent(providerUserId)}${rest}`);
}

export async function listProviderUsers(api: ApiClient, providerId: string): Promise<ProviderUserResponse[]> {
  const page = await api.request({ service: 'api', method: 'GET', path: usersPath(providerId), schema: listSchema(providerUserSchema) });
  return page.data;
}

export async function inviteProviderUsers(api: ApiClient, providerId: string, body: { emails: string[]; type: number }): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: usersPath(providerId, '/invite'), json: body });
}

export async function reinviteProviderUsers(api: ApiClient, providerId: string, ids: string[]): Promise<ProviderBulkResult[]> {
  const page = await api.request({ service: 'api', method: 'POST', path: usersPath(providerId, '/reinvite'), json: { ids }, schema: listSchema(providerBulkResultSchema) });
  return page.data;
}

/** Any authenticated user whose e-mail matches the invitation (§1.3 accept). */
export async function acceptProviderInvite(api: ApiClient, providerId: string, providerUserId: string, token: string): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: userPath(providerId, providerUserId, '/accept'), json: { token } });
}

export async function getProviderUserPublicKeys(api: ApiClient, providerId: string, ids: string[]): Promise<ProviderUserPublicKey[]> {
  const page = await api.request({
    service: 'api',
    method: 'POST',
    path: usersPath(providerId, '/public-keys'),
    json: { ids },
    schema: listSchema(providerUserPublicKeySchema),
    idempotent: true,
  });
  return page.data;
}

/** Bulk confirm: `key` = provider key RSA-wrapped (type 4) to each user's public key. */
export async function confirmProviderUsers(api: ApiClient, providerId: string, keys: { id: string; key: string }[]): Promise<ProviderBulkResult[]> {
  const page = await api.request({ service: 'api', method: 'POST', path: usersPath(providerId, '/confirm'), json: { keys }, schema: listSchema(providerBulkResultSchema) });
  return page.data;
}

export async function updateProviderUserType(api: ApiClient, providerId: string, providerUserId: string, type: number): Promise<void> {
  await api.request({ service: 'api', method: 'PUT', path: userPath(providerId, providerUserId), json: { type } });
}

export async function removeProviderUsers(api: ApiClient, providerId: string, ids: string[]): Promise<ProviderBulkResult[]> {
  const page = await api.request({ service: 'api', method: 'DELETE', path: usersPath(providerId), json: { ids }, schema: listSchema(providerBulkResultSchema) });
  return page.data;
}
