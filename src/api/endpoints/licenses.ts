/**
 * Organization licenses and installations (licensing-and-selfhost.md §1.1, §2.1, §5): download from the
 * cloud, create/update a self-hosted organization from a file (multipart, with Content-Length), the org
 * key pair, and `POST installations` (anonymous).
 */
import { z } from 'zod';
import {
  installationResponseSchema,
  organizationLicenseSchema,
  type InstallationResponse,
  type OrganizationLicense,
} from '../../protocol/license.js';
import { organizationKeysResponseSchema, organizationResponseSchema, type OrganizationKeysResponse, type OrganizationResponse } from '../../protocol/organization.js';
import type { ApiClient } from '../client.js';
import type { MultipartBody } from '../multipart.js';

/** `GET organizations/{orgId}/license?installationId=`: the file as the API returns it (camelCase). */
export function downloadOrganizationLicense(api: ApiClient, orgId: string, installationId: string): Promise<OrganizationLicense> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: `/organizations/${encodeURIComponent(orgId)}/license`,
    query: { installationId },
    schema: organizationLicenseSchema,
  });
}

/** `POST organizations/licenses/self-hosted`: the new organization. */
export function createSelfHostedOrganization(api: ApiClient, body: MultipartBody): Promise<OrganizationResponse> {
  return api.request({ service: 'api', method: 'POST', path: '/organizations/licenses/self-hosted', raw: body, schema: organizationResponseSchema });
}

/** `POST organizations/licenses/self-hosted/{orgId}`: 200 with an empty body. */
export async function updateSelfHostedLicense(api: ApiClient, orgId: string, body: MultipartBody): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: `/organizations/licenses/self-hosted/${encodeURIComponent(orgId)}`, raw: body });
}

/** `POST organizations/{orgId}/keys`: the organization's RSA key pair. */
export function postOrganizationKeys(api: ApiClient, orgId: string, keys: { publicKey: string; encryptedPrivateKey: string }): Promise<OrganizationKeysResponse> {
  return api.request({ service: 'api', method: 'POST', path: `/organizations/${encodeURIComponent(orgId)}/keys`, json: keys, schema: organizationKeysResponseSchema });
}

/**
 * `GET organizations/connections/enabled`: a bare boolean (`selfHosted && enableCloudCommunication`).
 * `onHeaders` sees the response headers (billing-sync run reads `Date` for its clock check).
 */
export function cloudCommunicationEnabled(api: ApiClient, onHeaders?: (headers: Readonly<Record<string, string | string[] | undefined>>) => void): Promise<boolean> {
  return api.request({ service: 'api', method: 'GET', path: '/organizations/connections/enabled', schema: z.boolean(), ...(onHeaders ? { onHeaders } : {}) });
}

/** `POST installations` (anonymous, cloud): `{id, key}` — the key is shown only here. */
export function registerInstallation(api: ApiClient, email: string): Promise<InstallationResponse> {
  return api.request({ service: 'api', method: 'POST', path: '/installations', json: { email }, auth: false, schema: installationResponseSchema });
}
