/**
 * Organization vault endpoints (admin-api.md §9, §3.3). Every string inside a cipher is an
 * EncString the caller produced; this layer passes them through untouched.
 */
import type { z } from 'zod';
import {
  cipherResponseSchema,
  type CipherRequest,
  type CipherResponse,
  type ImportCollection,
} from '../../protocol/cipher.js';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

export type { CipherRequest, CipherResponse, ImportCollection };

export interface ImportOrganizationRequest {
  ciphers: CipherRequest[];
  collections: ImportCollection[];
  collectionRelationships: { key: number; value: number }[];
  folders: [];
  folderRelationships: [];
}

/** `POST /ciphers/import-organization?organizationId=`: 200 with an empty body; ids are not returned. */
export async function importOrganizationCiphers(api: ApiClient, orgId: string, body: ImportOrganizationRequest): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: '/ciphers/import-organization', query: { organizationId: orgId }, json: body });
}

/** `GET /ciphers/organization-details?organizationId=`: every cipher of the organization (admins, providers). */
export async function listOrganizationCiphers(api: ApiClient, orgId: string): Promise<CipherResponse[]> {
  const list = await api.request({
    service: 'api',
    method: 'GET',
    path: '/ciphers/organization-details',
    query: { organizationId: orgId },
    schema: listSchema(cipherResponseSchema as z.ZodType<CipherResponse>),
  });
  return list.data;
}

/**
 * `POST /ciphers/purge?organizationId=` with a SecretVerification body: deletes every cipher of the
 * organization. The query parameter is never omitted: without it the server purges the caller's
 * personal vault.
 */
export async function purgeOrganizationVault(api: ApiClient, orgId: string, body: { masterPasswordHash: string }): Promise<void> {
  if (orgId.trim() === '') throw new Error('purge needs an organization id');
  await api.request({ service: 'api', method: 'POST', path: '/ciphers/purge', query: { organizationId: orgId }, json: body });
}
