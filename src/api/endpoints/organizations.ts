/**
 * Organization endpoints (admin-api.md §3): the caller's memberships, one organization, creating a
 * user-owned organization, and the organization API key. Schemas keep only what bwmsp reads
 * (`looseObject`), so real servers' extra fields pass.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

/** `profileOrganization` (`GET /organizations`): one confirmed membership of the caller. */
export const organizationMembershipSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  status: z.int().nullish(),
  type: z.int().nullish(),
  enabled: z.boolean().nullish(),
  seats: z.int().nullish(),
  productTierType: z.int().nullish(),
  planType: z.int().nullish(),
  useApi: z.boolean().nullish(),
  useGroups: z.boolean().nullish(),
  useCustomPermissions: z.boolean().nullish(),
  providerId: z.string().nullish(),
  providerName: z.string().nullish(),
  organizationUserId: z.string().nullish(),
});
export type OrganizationMembership = z.infer<typeof organizationMembershipSchema>;

/** `organization` (`GET /organizations/{id}`, `POST /organizations`). */
export const organizationSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  businessName: z.string().nullish(),
  billingEmail: z.string().nullish(),
  plan: z.looseObject({ name: z.string().nullish(), productTier: z.int().nullish(), allowSeatAutoscale: z.boolean().nullish() }).nullish(),
  planType: z.int().nullish(),
  seats: z.int().nullish(),
  maxAutoscaleSeats: z.int().nullish(),
  maxCollections: z.int().nullish(),
  usePolicies: z.boolean().nullish(),
  useGroups: z.boolean().nullish(),
  useEvents: z.boolean().nullish(),
  useApi: z.boolean().nullish(),
  use2fa: z.boolean().nullish(),
  useSso: z.boolean().nullish(),
  useScim: z.boolean().nullish(),
  useCustomPermissions: z.boolean().nullish(),
  useResetPassword: z.boolean().nullish(),
  selfHost: z.boolean().nullish(),
  hasPublicAndPrivateKeys: z.boolean().nullish(),
});
export type Organization = z.infer<typeof organizationSchema>;

/** `OrganizationCreateRequestModel` fields bwmsp sends (admin-api.md §3.1). */
export interface OrganizationCreateRequest {
  name: string;
  billingEmail: string;
  planType: number;
  /** Org key RSA-wrapped (type 4) to the creator's own public key. */
  key: string;
  keys: { publicKey: string; encryptedPrivateKey: string };
  /** First collection's name, encrypted under the org key. */
  collectionName: string;
  additionalSeats?: number;
  useSecretsManager: boolean;
}

/** `apiKey` response of the org API key routes (admin-api.md §3.4). */
export const organizationApiKeySchema = z.looseObject({
  apiKey: z.string(),
  revisionDate: z.string().nullish(),
});
export type OrganizationApiKey = z.infer<typeof organizationApiKeySchema>;

/** Body of the api-key routes: the key type plus a SecretVerification (`masterPasswordHash`). */
export interface OrganizationApiKeyRequest {
  type: number;
  masterPasswordHash: string;
}

const orgPath = (orgId: string) => `/organizations/${encodeURIComponent(orgId)}`;

export async function listOrganizations(api: ApiClient): Promise<OrganizationMembership[]> {
  const page = await api.request({ service: 'api', method: 'GET', path: '/organizations', schema: listSchema(organizationMembershipSchema) });
  return page.data;
}

export function getOrganization(api: ApiClient, orgId: string): Promise<Organization> {
  return api.request({ service: 'api', method: 'GET', path: orgPath(orgId), schema: organizationSchema });
}

export function createOrganization(api: ApiClient, body: OrganizationCreateRequest): Promise<Organization> {
  return api.request({ service: 'api', method: 'POST', path: '/organizations', json: body, schema: organizationSchema });
}

/** `POST /organizations/{id}/api-key`: the key of `type`, created when none exists yet. */
export function getOrganizationApiKey(api: ApiClient, orgId: string, body: OrganizationApiKeyRequest): Promise<OrganizationApiKey> {
  // Creating the key on first read makes a repeat harmless: the same key comes back.
  return api.request({ service: 'api', method: 'POST', path: `${orgPath(orgId)}/api-key`, json: body, schema: organizationApiKeySchema, idempotent: true });
}

/** `POST /organizations/{id}/rotate-api-key`: replaces the key; the old secret stops working. */
export function rotateOrganizationApiKey(api: ApiClient, orgId: string, body: OrganizationApiKeyRequest): Promise<OrganizationApiKey> {
  return api.request({ service: 'api', method: 'POST', path: `${orgPath(orgId)}/rotate-api-key`, json: body, schema: organizationApiKeySchema });
}
