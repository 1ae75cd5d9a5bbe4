/**
 * Reading an organization's event log (admin-api.md §8, §10.5): every page of the window through
 * continuation tokens, filtered by type on our side (the API has no type filter), with event
 * names in words and member e-mails, group and collection names resolved where the session can.
 */
import {
  listMemberEvents,
  listOrganizationEvents,
  listPublicEvents,
  type EventResponse,
  type PublicEventResponse,
} from '../api/endpoints/events.js';
import { paginate, type Page } from '../api/pagination.js';
import { UsageError } from '../errors.js';
import { DEVICE_TYPE_NAMES } from '../protocol/device.js';
import type { AdminOrg } from './admin-org.js';
import { loadCollections, type CollectionEntry, type Warn } from './collection.js';
import { allEventSlugs, eventSlug, eventWords, lookupEventType } from './event-types.js';
import { loadGroups, type GroupInfo } from './group-info.js';
import { findMember, loadMembers, type MemberInfo } from './member-ref.js';
import { closeMatches } from './name-lookup.js';
import { windowQuery, type TimeWindow } from './time-range.js';

/** EventSystemUser (§8.1). */
export const SYSTEM_USERS: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'SCIM',
  2: 'Domain verification',
  3: 'Public API',
  4: 'Two-step login disabled',
  5: 'Bitwarden portal',
};

/** `--type` values to type numbers; an unknown name is a usage error listing close matches. */
export function parseEventTypes(values: readonly string[]): number[] {
  return [
    ...new Set(
      values.flatMap((value) => value.split(',')).filter((v) => v.trim() !== '').map((value) => {
        const type = lookupEventType(value);
        if (type !== undefined) return type;
        const close = closeMatches(value.trim().toLowerCase().replace(/[_ ]/g, '-'), allEventSlugs());
        throw new UsageError(`--type: unknown event type '${value.trim()}'`, {
          hint: close.length ? `Did you mean: ${close.join(', ')}?` : 'Use a number (e.g. 1300) or a name such as collection-created or user-logged-in.',
        });
      }),
    ),
  ];
}

/** One event, normalised across the private and public shapes. */
interface RawEvent {
  type: number;
  date: string;
  actingUserId: string | null;
  organizationUserId: string | null;
  collectionId: string | null;
  groupId: string | null;
  policyId: string | null;
  cipherId: string | null;
  deviceType: number | null;
  ipAddress: string | null;
  systemUser: number | null;
}

function fromPrivate(e: EventResponse): RawEvent {
  return {
    type: e.type,
    date: e.date,
    actingUserId: e.actingUserId ?? null,
    organizationUserId: e.organizationUserId ?? null,
    collectionId: e.collectionId ?? null,
    groupId: e.groupId ?? null,
    policyId: e.policyId ?? null,
    cipherId: e.cipherId ?? null,
    deviceType: e.deviceType ?? null,
    ipAddress: e.ipAddress ?? null,
    systemUser: e.systemUser ?? null,
  };
}

function fromPublic(e: PublicEventResponse): RawEvent {
  return {
    type: e.type,
    date: e.date,
    actingUserId: e.actingUserId ?? null,
    organizationUserId: e.memberId ?? null,
    collectionId: e.collectionId ?? null,
    groupId: e.groupId ?? null,
    policyId: e.policyId ?? null,
    cipherId: e.itemId ?? null,
    deviceType: e.device ?? null,
    ipAddress: e.ipAddress ?? null,
    systemUser: null,
  };
}

export interface EventView {
  date: string;
  type: number;
  /** Kebab-case name, e.g. 'collection-created'. */
  event: string;
  /** In words, e.g. 'Collection created'. */
  description: string;
  actingUserId: string | null;
  /** The acting member's e-mail, or the system actor (SCIM, Public API, ...). */
  actor: string | null;
  memberId: string | null;
  member: string | null;
  collectionId: string | null;
  collection: string | null;
  groupId: string | null;
  group: string | null;
  policyId: string | null;
  itemId: string | null;
  deviceType: number | null;
  device: string | null;
  ipAddress: string | null;
}

/** What the event is about, in one phrase: 'collection Finance', 'member ana@…'. */
export function eventTarget(e: EventView): string {
  if (e.member ?? e.memberId) return `member ${e.member ?? e.memberId}`;
  if (e.group ?? e.groupId) return `group ${e.group ?? e.groupId}`;
  if (e.collection ?? e.collectionId) return `collection ${e.collection ?? e.collectionId}`;
  if (e.policyId) return `policy ${e.policyId}`;
  if (e.itemId) return `item ${e.itemId}`;
  return '';
}

export interface EventQuery {
  window: TimeWindow;
  /** E-mail or id of the acting member. */
  member?: string | undefined;
  types?: readonly number[];
  /** Stop after this many (matching) events. */
  limit?: number | undefined;
}

async function optional<T>(load: () => Promise<T[]>, warn: Warn, what: string): Promise<T[]> {
  try {
    return await load();
  } catch (error) {
    warn(`${what} are not shown: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

export async function listEvents(org: AdminOrg, query: EventQuery, warn: Warn): Promise<EventView[]> {
  let members: MemberInfo[];
  let member: MemberInfo | undefined;
  if (query.member !== undefined) {
    members = await loadMembers(org);
    member = findMember(org, members, query.member);
    if (member.userId === null) {
      throw new UsageError(`member ${member.email ?? member.id} has not joined yet (no account), so no events are recorded for them`);
    }
  } else {
    members = await optional(() => loadMembers(org), warn, 'member e-mails');
  }

  const window = windowQuery(query.window);
  let pages: AsyncGenerator<RawEvent, void, undefined>;
  if (org.kind === 'organization') {
    const actingUserId = member?.userId ?? undefined;
    pages = mapGenerator(
      paginate<PublicEventResponse>((continuationToken) => listPublicEvents(org.api, { ...window, ...(actingUserId ? { actingUserId } : {}), ...(continuationToken ? { continuationToken } : {}) })),
      fromPublic,
    );
  } else {
    const fetchPage = (continuationToken?: string): Promise<Page<EventResponse>> => {
      const w = { ...window, ...(continuationToken ? { continuationToken } : {}) };
      return member ? listMemberEvents(org.api, org.orgId, member.id, w) : listOrganizationEvents(org.api, org.orgId, w);
    };
    pages = mapGenerator(paginate(fetchPage), fromPrivate);
  }

  const types = query.types && query.types.length ? new Set(query.types) : undefined;
  const raw: RawEvent[] = [];
  for await (const event of pages) {
    if (types && !types.has(event.type)) continue;
    raw.push(event);
    if (query.limit !== undefined && raw.length >= query.limit) break;
  }

  const [groups, collections]: [GroupInfo[], CollectionEntry[]] = await Promise.all([
    raw.some((e) => e.groupId) ? optional(() => loadGroups(org), warn, 'group names') : Promise.resolve([]),
    raw.some((e) => e.collectionId) && org.orgKey ? optional(() => loadCollections(org, warn), warn, 'collection names') : Promise.resolve([]),
  ]);
  const same = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a.toLowerCase() === b.toLowerCase();
  const byUser = (userId: string | null) => members.find((m) => same(m.userId, userId));
  const byMember = (id: string | null) => members.find((m) => same(m.id, id));

  return raw.map((e) => {
    const acting = byUser(e.actingUserId) ?? (org.self && same(org.self.userId, e.actingUserId) ? { email: org.self.email } : undefined);
    return {
      date: e.date,
      type: e.type,
      event: eventSlug(e.type),
      description: eventWords(e.type),
      actingUserId: e.actingUserId,
      actor: acting?.email ?? (e.systemUser !== null && e.systemUser !== 0 ? (SYSTEM_USERS[e.systemUser] ?? `system ${e.systemUser}`) : null),
      memberId: e.organizationUserId,
      member: byMember(e.organizationUserId)?.email ?? null,
      collectionId: e.collectionId,
      collection: collections.find((c) => same(c.id, e.collectionId))?.name ?? null,
      groupId: e.groupId,
      group: groups.find((g) => same(g.id, e.groupId))?.name ?? null,
      policyId: e.policyId,
      itemId: e.cipherId,
      deviceType: e.deviceType,
      device: e.deviceType === null ? null : (DEVICE_TYPE_NAMES[e.deviceType] ?? `device ${e.deviceType}`),
      ipAddress: e.ipAddress,
    };
  });
}

async function* mapGenerator<A, B>(source: AsyncGenerator<A, void, undefined>, fn: (a: A) => B): AsyncGenerator<B, void, undefined> {
  for await (const item of source) yield fn(item);
}
