/**
 * The provider event log (admin-api.md §1.4, §8): `GET /providers/{pid}/events` paged by
 * continuation token over a [start, end] window, with event names in words and the acting user and
 * target (provider user, client) resolved to e-mails and names where the caller can read them.
 * Dates and event names come from the organization event log's helpers (time-range, event-types).
 */
import { listProviderEvents } from '../api/endpoints/providers.js';
import type { EventResponse } from '../api/endpoints/events.js';
import { paginate } from '../api/pagination.js';
import { UsageError } from '../errors.js';
import { listClients } from './client.js';
import { EVENT_TYPES, eventWords, lookupEventType } from './event-types.js';
import { adminRefusal, type ProviderContext } from './provider.js';
import { listUsers } from './provider-user.js';
import { resolveWindow, windowQuery } from './time-range.js';

/** The event types of the provider log (admin-api.md §8.2: 18xx provider users, 19xx clients). */
export const PROVIDER_EVENT_TYPES: readonly number[] = [1800, 1801, 1802, 1803, 1900, 1901, 1902, 1903];

/** `--type` values: numbers or names (ProviderUser_Invited, provider-user-invited, any case). */
export function parseEventTypes(values: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const text = value.trim();
    if (text === '') continue;
    const type = lookupEventType(text);
    if (type === undefined) {
      throw new UsageError(`--type ${text}: not an event type`, { hint: `Provider events: ${PROVIDER_EVENT_TYPES.map((t) => `${t} ${EVENT_TYPES.get(t) ?? ''}`).join(', ')}` });
    }
    out.add(type);
  }
  return out;
}

/** The window sent to the server: both ends always (one missing makes the server pick the last 30 days). */
export function eventWindow(options: { since?: string | undefined; until?: string | undefined }, now: Date): { start: string; end: string } {
  return windowQuery(resolveWindow(options, now));
}

export interface ProviderEventView {
  date: string;
  type: number;
  name: string;
  description: string;
  actingUserId: string | null;
  actor: string | null;
  /** Who or what the event is about: a provider user's e-mail or a client's name (id when unknown). */
  target: string | null;
  providerUserId: string | null;
  providerOrganizationId: string | null;
  organizationId: string | null;
  ipAddress: string | null;
  deviceType: number | null;
}

export interface EventQuery {
  since?: string | undefined;
  until?: string | undefined;
  types?: readonly string[] | undefined;
  limit?: number | undefined;
}

export async function providerEvents(ctx: ProviderContext, query: EventQuery, now: Date): Promise<ProviderEventView[]> {
  const { start, end } = eventWindow(query, now);
  const types = parseEventTypes(query.types ?? []);
  const raw: EventResponse[] = [];
  try {
    for await (const event of paginate((continuationToken) =>
      listProviderEvents(ctx.api, ctx.providerId, { start, end, ...(continuationToken ? { continuationToken } : {}) }),
    )) {
      if (types.size && !types.has(event.type)) continue;
      raw.push(event);
      if (query.limit !== undefined && raw.length >= query.limit) break;
    }
  } catch (error) {
    throw adminRefusal(error, ctx, 'reading the provider event log');
  }
  const users = await listUsers(ctx).catch(() => []);
  const clients = await listClients(ctx).catch(() => []);
  const emailByUserId = new Map(users.filter((u) => u.userId).map((u) => [(u.userId as string).toLowerCase(), u.email ?? u.id]));
  const emailByProviderUser = new Map(users.map((u) => [u.id.toLowerCase(), u.email ?? u.id]));
  const clientByLink = new Map(clients.map((c) => [c.providerOrganizationId, c.name]));
  const clientByOrg = new Map(clients.map((c) => [c.id, c.name]));
  const lower = (v: string | null | undefined) => (v ? v.toLowerCase() : null);
  return raw.map((e) => {
    const providerUserId = lower(e.providerUserId);
    const linkId = lower(e.providerOrganizationId);
    const orgId = lower(e.organizationId);
    const actingUserId = lower(e.actingUserId);
    const target = providerUserId
      ? (emailByProviderUser.get(providerUserId) ?? providerUserId)
      : linkId || orgId
        ? ((linkId ? clientByLink.get(linkId) : undefined) ?? (orgId ? clientByOrg.get(orgId) : undefined) ?? orgId ?? linkId)
        : null;
    return {
      date: e.date,
      type: e.type,
      name: EVENT_TYPES.get(e.type) ?? `Event_${e.type}`,
      description: eventWords(e.type),
      actingUserId,
      actor: actingUserId ? (emailByUserId.get(actingUserId) ?? actingUserId) : null,
      target,
      providerUserId,
      providerOrganizationId: linkId,
      organizationId: orgId,
      ipAddress: e.ipAddress ?? null,
      deviceType: e.deviceType ?? null,
    };
  });
}
