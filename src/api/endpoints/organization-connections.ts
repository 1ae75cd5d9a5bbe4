/**
 * Organization connections (admin-api.md §14.5): the SCIM connection is type 2. The response has
 * no `object`; with none saved the server answers defaults (`id: null`).
 */
import { z } from 'zod';
import {
  organizationConnectionResponseSchema,
  type OrganizationConnectionRequest,
  type OrganizationConnectionResponse,
} from '../../protocol/sso.js';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

const base = '/organizations/connections';

export function getOrganizationConnection(api: ApiClient, orgId: string, type: number): Promise<OrganizationConnectionResponse> {
  return api.request({ service: 'api', method: 'GET', path: `${base}/${encodeURIComponent(orgId)}/${type}`, schema: organizationConnectionResponseSchema });
}

export function createOrganizationConnection(api: ApiClient, body: OrganizationConnectionRequest): Promise<OrganizationConnectionResponse> {
  return api.request({ service: 'api', method: 'POST', path: base, json: body, schema: organizationConnectionResponseSchema });
}

export function updateOrganizationConnection(api: ApiClient, id: string, body: OrganizationConnectionRequest): Promise<OrganizationConnectionResponse> {
  return api.request({ service: 'api', method: 'PUT', path: `${base}/${encodeURIComponent(id)}`, json: body, schema: organizationConnectionResponseSchema, idempotent: true });
}

const keyInformationSchema = z.looseObject({ keyType: z.int(), revisionDate: z.string().nullish() });

/**
 * `GET /organizations/{id}/api-key-information/{type}` (admin-api.md §3.4): when the key of that
 * type was last set, never the secret. Kept here because SCIM status is its only user.
 */
export async function getApiKeyRevisionDate(api: ApiClient, orgId: string, type: number): Promise<string | null> {
  const list = await api.request({
    service: 'api',
    method: 'GET',
    path: `/organizations/${encodeURIComponent(orgId)}/api-key-information/${type}`,
    schema: listSchema(keyInformationSchema),
  });
  return list.data.find((k) => k.keyType === type)?.revisionDate ?? null;
}
