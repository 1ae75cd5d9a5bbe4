/**
 * Billing sync endpoints (licensing-and-selfhost.md §3): the self-hosted server's cloud
 * communication flag, the license sync trigger and the self-hosted subscription view. The token
 * itself is an organization API key of type 1 (`getOrganizationApiKey` / `rotateOrganizationApiKey`
 * in organizations.ts) and the connection holding it is an organization connection of type 1
 * (organization-connections.ts).
 */
import {
  connectionsEnabledResponseSchema,
  organizationSubscriptionResponseSchema,
  type OrganizationSubscriptionResponse,
} from '../../protocol/billing-sync.js';
import type { ApiClient } from '../client.js';

type HeaderSink = (headers: Readonly<Record<string, string | string[] | undefined>>) => void;

/** `GET organizations/connections/enabled`: true only on a self-hosted server with cloud communication. */
export function getConnectionsEnabled(api: ApiClient, onHeaders?: HeaderSink): Promise<boolean> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: '/organizations/connections/enabled',
    schema: connectionsEnabledResponseSchema,
    ...(onHeaders ? { onHeaders } : {}),
  });
}

/** `POST organizations/licenses/self-hosted/{orgId}/sync`: the self-hosted server pulls its license from the cloud. */
export async function syncOrganizationLicense(api: ApiClient, orgId: string): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: `/organizations/licenses/self-hosted/${encodeURIComponent(orgId)}/sync` });
}

/** `GET organizations/{id}/subscription`: on self-hosted, expiration dates from the license. */
export function getOrganizationSubscription(api: ApiClient, orgId: string): Promise<OrganizationSubscriptionResponse> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: `/organizations/${encodeURIComponent(orgId)}/subscription`,
    schema: organizationSubscriptionResponseSchema,
  });
}
