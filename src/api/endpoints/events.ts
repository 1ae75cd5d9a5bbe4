/**
 * Event log endpoints (admin-api.md §8.1, §10.5). Pages of 50 follow a continuation token that
 * must be sent back with the same start/end; the token is opaque.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import type { Page } from '../pagination.js';
import { listSchema } from '../pagination.js';

const id = z.string().nullish();

/** Private `event` (§8.1). */
export const eventSchema = z.looseObject({
  type: z.int(),
  date: z.string(),
  userId: id,
  organizationId: id,
  providerId: id,
  cipherId: id,
  collectionId: id,
  groupId: id,
  policyId: id,
  organizationUserId: id,
  providerUserId: id,
  providerOrganizationId: id,
  actingUserId: id,
  installationId: id,
  deviceType: z.int().nullish(),
  ipAddress: z.string().nullish(),
  systemUser: z.int().nullish(),
  domainName: z.string().nullish(),
  secretId: id,
  projectId: id,
  serviceAccountId: id,
  sendId: id,
});
export type EventResponse = z.infer<typeof eventSchema>;

/** Public `event` (§10.5): `itemId`, `memberId`, `device` instead of the private names. */
export const publicEventSchema = z.looseObject({
  type: z.int(),
  date: z.string(),
  itemId: id,
  collectionId: id,
  groupId: id,
  policyId: id,
  memberId: id,
  actingUserId: id,
  installationId: id,
  device: z.int().nullish(),
  ipAddress: z.string().nullish(),
  secretId: id,
  projectId: id,
  serviceAccountId: id,
});
export type PublicEventResponse = z.infer<typeof publicEventSchema>;

export interface EventWindow {
  /** ISO date-times; always send both (one missing makes the server use the last 30 days). */
  start: string;
  end: string;
  continuationToken?: string;
}

function query(window: EventWindow): Record<string, string | undefined> {
  return { start: window.start, end: window.end, continuationToken: window.continuationToken };
}

export function listOrganizationEvents(api: ApiClient, orgId: string, window: EventWindow): Promise<Page<EventResponse>> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: `/organizations/${encodeURIComponent(orgId)}/events`,
    query: query(window),
    schema: listSchema(eventSchema),
  });
}

/** Events acted by one member (`/organizations/{orgId}/users/{orgUserId}/events`). */
export function listMemberEvents(api: ApiClient, orgId: string, organizationUserId: string, window: EventWindow): Promise<Page<EventResponse>> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: `/organizations/${encodeURIComponent(orgId)}/users/${encodeURIComponent(organizationUserId)}/events`,
    query: query(window),
    schema: listSchema(eventSchema),
  });
}

/** `GET /public/events` (organization API key); `actingUserId` is a user id. */
export function listPublicEvents(api: ApiClient, window: EventWindow & { actingUserId?: string }): Promise<Page<PublicEventResponse>> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: '/public/events',
    query: { ...query(window), actingUserId: window.actingUserId },
    schema: listSchema(publicEventSchema),
  });
}
