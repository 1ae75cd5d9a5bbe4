/**
 * Client organizations of a provider (admin-api.md §2): the legacy link table
 * `/providers/{pid}/organizations` (list, detach) and the consolidated-billing routes
 * `/providers/{pid}/clients` (create, add existing, update name and seats).
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

/**
 * `providerOrganizationOrganizationDetail` (§2.1). `id` is the ProviderOrganization (link) id used
 * by update and detach; `organizationId` is the organization itself. `userCount` = confirmed members,
 * `occupiedSeats` = invited + accepted + confirmed.
 */
export const providerClientSchema = z.looseObject({
  id: z.string(),
  providerId: z.string().nullish(),
  organizationId: z.string(),
  organizationName: z.string().nullish(),
  key: z.string().nullish(),
  creationDate: z.string().nullish(),
  revisionDate: z.string().nullish(),
  userCount: z.int().nullish(),
  occupiedSeats: z.int().nullish(),
  seats: z.int().nullish(),
  remainingSeats: z.int().nullish(),
  plan: z.string().nullish(),
});
export type ProviderClientResponse = z.infer<typeof providerClientSchema>;

/** `GET /providers/{pid}/clients/addable`: a raw array (no list wrapper). */
export const addableOrganizationSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  plan: z.string().nullish(),
  seats: z.int().nullish(),
  disabled: z.boolean().nullish(),
});
export type AddableOrganization = z.infer<typeof addableOrganizationSchema>;

/** CreateClientOrganizationRequestBody (§2.2). `key` is the org key wrapped (type 2) under the provider key. */
export interface CreateClientRequest {
  name: string;
  ownerEmail: string;
  planType: number;
  seats: number;
  key: string;
  keyPair: { publicKey: string; encryptedPrivateKey: string };
  collectionName: string;
}

function providerPath(providerId: string, rest: string): string {
  return `/providers/${encodeURIComponent(providerId)}${rest}`;
}

export async function listProviderClients(api: ApiClient, providerId: string): Promise<ProviderClientResponse[]> {
  const page = await api.request({ service: 'api', method: 'GET', path: providerPath(providerId, '/organizations'), schema: listSchema(providerClientSchema) });
  return page.data;
}

export function listAddableOrganizations(api: ApiClient, providerId: string): Promise<AddableOrganization[]> {
  return api.request({ service: 'api', method: 'GET', path: providerPath(providerId, '/clients/addable'), schema: z.array(addableOrganizationSchema) });
}

/** 200 with an empty body: the new organization id is not returned (§2.2). */
export async function createProviderClient(api: ApiClient, providerId: string, body: CreateClientRequest): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: providerPath(providerId, '/clients'), json: body });
}

/** `key` = the existing org key wrapped (type 2) under the provider key (§2.3). */
export async function addExistingClient(api: ApiClient, providerId: string, body: { organizationId: string; key: string }): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: providerPath(providerId, '/clients/existing'), json: body });
}

/** `PUT /providers/{pid}/clients/{providerOrganizationId}` (§2.4): both fields required. */
export async function updateProviderClient(api: ApiClient, providerId: string, providerOrganizationId: string, body: { assignedSeats: number; name: string }): Promise<void> {
  await api.request({ service: 'api', method: 'PUT', path: providerPath(providerId, `/clients/${encodeURIComponent(providerOrganizationId)}`), json: body });
}

/** `DELETE /providers/{pid}/organizations/{providerOrganizationId}` (§2.5): detaches, does not delete. */
export async function removeProviderClient(api: ApiClient, providerId: string, providerOrganizationId: string): Promise<void> {
  await api.request({ service: 'api', method: 'DELETE', path: providerPath(providerId, `/organizations/${encodeURIComponent(providerOrganizationId)}`), idempotent: false });
}
