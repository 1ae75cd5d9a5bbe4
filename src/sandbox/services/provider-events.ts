/**
 * The provider event log (admin-api.md §8): provider-user events (18xx), client events (19xx), the
 * "provider accessed a client vault" pair (1903 in the provider log + 1603 in the client's log), and
 * the paged reads of `GET /providers/{pid}/events` and `/providers/{pid}/users/{id}/events`.
 *
 * Provider events are recorded only for enabled providers with `useEvents`, as on the official server.
 * Provider events carry the provider id and no organization id; organization events that a provider
 * user causes in a client carry the provider id too, so the provider log also lists them (what the
 * official server's SQL store returns for `ProviderId = @ProviderId`).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { EventType, type EventResponse } from '../../protocol/event.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import type { NewEvent } from '../repositories/events.js';
import type { ProviderOrganizationRecord, ProviderUserRecord } from '../repositories/providers.js';
import { eventModel, eventPage, type EventQuery } from './event-pages.js';
import { logOrganizationEvent } from './events.js';
import { clientIp } from './request.js';

/** Who acted, from where. */
export interface ProviderActor {
  userId: string | null;
  deviceType: number | null;
  ipAddress: string | null;
}

/** The acting account and its device type / address, from the request. */
export function providerActor(c: Context<SandboxEnv>, userId: string | null): ProviderActor {
  const raw = c.req.header('Device-Type');
  const deviceType = raw === undefined || !/^\d+$/.test(raw) ? null : Number(raw);
  return { userId, deviceType, ipAddress: clientIp(c) };
}

function providerKeepsEvents(ctx: SandboxContext, providerId: string): boolean {
  const provider = ctx.store.providers.findById(providerId);
  return provider !== undefined && provider.enabled && provider.useEvents;
}

function insertAll(ctx: SandboxContext, events: readonly NewEvent[]): void {
  if (events.length === 0) return;
  ctx.store.transaction(() => {
    for (const event of events) ctx.store.events.insert(event);
  });
}

/** 1800–1803 for provider users (`userId` = the account of the row, when linked). */
export function logProviderUserEvents(
  ctx: SandboxContext,
  entries: readonly { providerUser: ProviderUserRecord; type: number }[],
  actor: ProviderActor,
): void {
  const date = ctx.clock.now().toISOString();
  insertAll(
    ctx,
    entries
      .filter((entry) => providerKeepsEvents(ctx, entry.providerUser.providerId))
      .map((entry) => ({
        id: randomUUID(),
        type: entry.type,
        providerId: entry.providerUser.providerId,
        userId: entry.providerUser.userId,
        providerUserId: entry.providerUser.id,
        actingUserId: actor.userId,
        deviceType: actor.deviceType,
        ipAddress: actor.ipAddress,
        date,
      })),
  );
}

/** 1900–1903 for a client (link row). */
export function logProviderOrganizationEvent(
  ctx: SandboxContext,
  link: ProviderOrganizationRecord,
  type: number,
  actor: ProviderActor,
): void {
  if (!providerKeepsEvents(ctx, link.providerId)) return;
  insertAll(ctx, [
    {
      id: randomUUID(),
      type,
      providerId: link.providerId,
      providerOrganizationId: link.id,
      actingUserId: actor.userId,
      deviceType: actor.deviceType,
      ipAddress: actor.ipAddress,
      date: ctx.clock.now().toISOString(),
    },
  ]);
}

/**
 * A provider user read a client's vault data (the official server does this on
 * `GET /organizations/{orgId}/collections/details`): 1903 ProviderOrganization_VaultAccessed in the
 * provider log and 1603 Organization_VaultAccessed in the client's log. Nothing when the organization
 * is not a provider client.
 */
export function logProviderAccessToOrganization(ctx: SandboxContext, organizationId: string, actor: ProviderActor): void {
  const link = ctx.store.providerOrganizations.findByOrganizationId(organizationId);
  if (link === undefined) return;
  logProviderOrganizationEvent(ctx, link, EventType.ProviderOrganization_VaultAccessed, actor);
  const org = ctx.store.organizations.findById(organizationId);
  if (org === undefined) return;
  logOrganizationEvent(
    ctx,
    org,
    { ...actor, providerId: link.providerId, systemUser: null },
    EventType.Organization_VaultAccessed,
  );
}

/** One page of a provider's events (or of one acting user's), as the list response. */
export function providerEventPage(
  ctx: SandboxContext,
  filter: { providerId: string; actingUserId?: string },
  query: EventQuery,
): { object: 'list'; data: EventResponse[]; continuationToken: string | null } {
  const page = eventPage(ctx, query, filter);
  return { object: 'list', data: page.events.map(eventModel), continuationToken: page.continuationToken };
}
