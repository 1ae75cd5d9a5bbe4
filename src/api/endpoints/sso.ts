/** SSO configuration of an organization (admin-api.md §14.2): `GET/POST /organizations/{id}/sso`. */
import {
  organizationSsoResponseSchema,
  type OrganizationSsoRequest,
  type OrganizationSsoResponse,
} from '../../protocol/sso.js';
import type { ApiClient } from '../client.js';

const ssoPath = (orgId: string): string => `/organizations/${encodeURIComponent(orgId)}/sso`;

/** The configuration (`data` null when never saved) and the SP URLs. `data.clientSecret` is in clear. */
export function getOrganizationSso(api: ApiClient, orgId: string): Promise<OrganizationSsoResponse> {
  return api.request({ service: 'api', method: 'GET', path: ssoPath(orgId), schema: organizationSsoResponseSchema });
}

/** Replaces the configuration and writes the identifier (null clears it). Same body twice is harmless. */
export function saveOrganizationSso(api: ApiClient, orgId: string, body: OrganizationSsoRequest): Promise<OrganizationSsoResponse> {
  return api.request({ service: 'api', method: 'POST', path: ssoPath(orgId), json: body, schema: organizationSsoResponseSchema, idempotent: true });
}
