/**
 * Billing sync endpoints (licensing-and-selfhost.md §3): the license sync trigger and the
 * self-hosted subscription view (the cloud communication flag is `cloudCommunicationEnabled` in
 * licenses.ts). The token
 * itself is an organization API key of type 1 (`getOrganizationApiKey` / `rotateOrganizationApiKey`
 * in organizations.ts) and the connection holding it is an organization connection of type 1
 * (organization-connections.ts).
 */
import { organizationSubscriptionResponseSchema, type OrganizationSubscriptionResponse } from '../../protocol/billing-sync.js';
import type { ApiClient } from '../client.js';

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
