/**
 * Families-for-Enterprise sponsorship endpoints (licensing-and-selfhost.md §4). The cloud routes
 * live under `organization/sponsorship`, the self-hosted ones under
 * `organization/sponsorship/self-hosted`; `sync-status` is the same on both.
 */
import {
  sponsorshipInviteSchema,
  sponsorshipSyncStatusSchema,
  type SponsorshipCreateRequest,
  type SponsorshipInvite,
} from '../../protocol/sponsorship.js';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

export type SponsorshipSide = 'cloud' | 'self-hosted';

function prefix(side: SponsorshipSide): string {
  return side === 'cloud' ? '/organization/sponsorship' : '/organization/sponsorship/self-hosted';
}

/** `GET …/{orgId}/sponsored`: the admin-initiated sponsorships of the organization. */
export async function listSponsored(api: ApiClient, side: SponsorshipSide, orgId: string): Promise<SponsorshipInvite[]> {
  const list = await api.request({
    service: 'api',
    method: 'GET',
    path: `${prefix(side)}/${encodeURIComponent(orgId)}/sponsored`,
    schema: listSchema(sponsorshipInviteSchema),
  });
  return list.data;
}

/** `POST …/{sponsoringOrgId}/families-for-enterprise`: 200 with an empty body. */
export async function offerSponsorship(api: ApiClient, side: SponsorshipSide, orgId: string, body: SponsorshipCreateRequest): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: `${prefix(side)}/${encodeURIComponent(orgId)}/families-for-enterprise`, json: body });
}

/** `DELETE …/{orgId}/{friendlyName}/revoke`: admin-initiated revoke by friendly name. */
export async function revokeSponsorshipByName(api: ApiClient, side: SponsorshipSide, orgId: string, friendlyName: string): Promise<void> {
  await api.request({
    service: 'api',
    method: 'DELETE',
    path: `${prefix(side)}/${encodeURIComponent(orgId)}/${encodeURIComponent(friendlyName)}/revoke`,
    idempotent: false,
  });
}

/** `GET organization/sponsorship/{orgId}/sync-status`: newest sync of the organization's sponsorships. */
export async function getSponsorshipSyncStatus(api: ApiClient, orgId: string): Promise<string | null> {
  const status = await api.request({
    service: 'api',
    method: 'GET',
    path: `/organization/sponsorship/${encodeURIComponent(orgId)}/sync-status`,
    schema: sponsorshipSyncStatusSchema,
  });
  return status.lastSyncDate ?? null;
}
