/**
 * Event pages (admin-api.md §8.1, §10.5): the date window rules, the opaque continuation token and
 * the private and Public API event models.
 */
import { EVENT_PAGE_SIZE, type EventResponse } from '../../protocol/event.js';
import type { PublicEventResponse } from '../../protocol/public-api.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError, ModelStateError } from '../errors.js';
import type { EventPageFilter, EventRecord } from '../repositories/events.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_MS = 367 * DAY_MS;

export interface EventQuery {
  start?: string | undefined;
  end?: string | undefined;
  continuationToken?: string | undefined;
}

export interface EventPage {
  events: EventRecord[];
  continuationToken: string | null;
}

function parseDate(raw: string, field: string): number {
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new ModelStateError({ [field]: [`The value '${raw}' is not valid.`] });
  return ms;
}

/**
 * The window: both bounds given (swapped when reversed), else the last 30 days up to the end of
 * today (UTC). A window longer than 367 days is refused with `rangeMessage`.
 */
function window(ctx: SandboxContext, query: EventQuery, rangeMessage: string): { start: string; end: string } {
  let start: number;
  let end: number;
  if (query.start === undefined || query.start === '' || query.end === undefined || query.end === '') {
    const today = new Date(ctx.clock.now());
    today.setUTCHours(0, 0, 0, 0);
    start = today.getTime() - 30 * DAY_MS;
    end = today.getTime() + DAY_MS - 1;
  } else {
    start = parseDate(query.start, 'start');
    end = parseDate(query.end, 'end');
    if (start > end) [start, end] = [end, start];
  }
  if (end - start > MAX_RANGE_MS) throw new BadRequestError(rangeMessage);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** The token names the last event of the previous page; clients treat it as opaque. */
function encodeToken(event: EventRecord): string {
  return Buffer.from(JSON.stringify({ d: event.date, i: event.id }), 'utf8').toString('base64url');
}

function decodeToken(token: string): { date: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { d?: unknown; i?: unknown };
    if (typeof parsed.d === 'string' && typeof parsed.i === 'string') return { date: parsed.d, id: parsed.i };
  } catch {
    // fall through
  }
  throw new BadRequestError('Invalid continuation token.');
}

/** One page (50) of events, newest first; the token is set only when the page is full. */
export function eventPage(
  ctx: SandboxContext,
  query: EventQuery,
  filter: Omit<EventPageFilter, 'start' | 'end' | 'limit' | 'before'>,
  rangeMessage = 'Range too large.',
): EventPage {
  const bounds = window(ctx, query, rangeMessage);
  const token = query.continuationToken;
  const events = ctx.store.events.page({
    ...filter,
    ...bounds,
    ...(token === undefined || token === '' ? {} : { before: decodeToken(token) }),
    limit: EVENT_PAGE_SIZE,
  });
  const last = events.at(-1);
  return { events, continuationToken: events.length === EVENT_PAGE_SIZE && last !== undefined ? encodeToken(last) : null };
}

export function eventModel(event: EventRecord): EventResponse {
  return {
    object: 'event',
    type: event.type,
    userId: event.userId,
    organizationId: event.organizationId,
    providerId: event.providerId,
    cipherId: event.cipherId,
    collectionId: event.collectionId,
    groupId: event.groupId,
    policyId: event.policyId,
    organizationUserId: event.organizationUserId,
    providerUserId: event.providerUserId,
    providerOrganizationId: event.providerOrganizationId,
    actingUserId: event.actingUserId,
    installationId: event.installationId,
    date: event.date,
    deviceType: event.deviceType,
    ipAddress: event.ipAddress,
    systemUser: event.systemUser,
    domainName: event.domainName,
    secretId: null,
    projectId: null,
    serviceAccountId: null,
    grantedServiceAccountId: null,
    sendId: event.sendId,
  };
}

export function publicEventModel(event: EventRecord): PublicEventResponse {
  return {
    object: 'event',
    type: event.type,
    itemId: event.cipherId,
    collectionId: event.collectionId,
    groupId: event.groupId,
    policyId: event.policyId,
    memberId: event.organizationUserId,
    actingUserId: event.actingUserId,
    installationId: event.installationId,
    date: event.date,
    device: event.deviceType,
    ipAddress: event.ipAddress,
    secretId: null,
    projectId: null,
    serviceAccountId: null,
  };
}
