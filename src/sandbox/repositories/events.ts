/** The event log (`events`). */
import type { Database } from '../db/sqlite.js';
import { asRows, int, intOrNull, str, strOrNull, type Row } from './rows.js';

export interface EventRecord {
  id: string;
  type: number;
  userId: string | null;
  organizationId: string | null;
  providerId: string | null;
  cipherId: string | null;
  collectionId: string | null;
  groupId: string | null;
  policyId: string | null;
  organizationUserId: string | null;
  providerUserId: string | null;
  providerOrganizationId: string | null;
  actingUserId: string | null;
  installationId: string | null;
  deviceType: number | null;
  ipAddress: string | null;
  systemUser: number | null;
  domainName: string | null;
  sendId: string | null;
  date: string;
}

export type NewEvent = Pick<EventRecord, 'id' | 'type' | 'date'> & Partial<Omit<EventRecord, 'id' | 'type' | 'date'>>;

export interface EventFilter {
  organizationId?: string;
  providerId?: string;
  userId?: string;
  /** Inclusive ISO bounds. */
  start: string;
  end: string;
  limit: number;
}

/** One page of events, newest first, strictly older than `before` when given. */
export interface EventPageFilter {
  organizationId?: string;
  providerId?: string;
  userId?: string;
  actingUserId?: string;
  cipherId?: string;
  /** Only events with no organization and no provider (a user's own events). */
  personalOnly?: boolean;
  /** Inclusive ISO bounds. */
  start: string;
  end: string;
  /** The position after which the page starts (the last event of the previous page). */
  before?: { date: string; id: string };
  limit: number;
}

export interface EventRepository {
  insert(event: NewEvent): void;
  /** Newest first. */
  list(filter: EventFilter): EventRecord[];
  page(filter: EventPageFilter): EventRecord[];
}

const COLUMNS = [
  'id',
  'type',
  'user_id',
  'organization_id',
  'provider_id',
  'cipher_id',
  'collection_id',
  'group_id',
  'policy_id',
  'organization_user_id',
  'provider_user_id',
  'provider_organization_id',
  'acting_user_id',
  'installation_id',
  'device_type',
  'ip_address',
  'system_user',
  'domain_name',
  'send_id',
  'date',
] as const;

function toEvent(row: Row): EventRecord {
  return {
    id: str(row, 'id'),
    type: int(row, 'type'),
    userId: strOrNull(row, 'user_id'),
    organizationId: strOrNull(row, 'organization_id'),
    providerId: strOrNull(row, 'provider_id'),
    cipherId: strOrNull(row, 'cipher_id'),
    collectionId: strOrNull(row, 'collection_id'),
    groupId: strOrNull(row, 'group_id'),
    policyId: strOrNull(row, 'policy_id'),
    organizationUserId: strOrNull(row, 'organization_user_id'),
    providerUserId: strOrNull(row, 'provider_user_id'),
    providerOrganizationId: strOrNull(row, 'provider_organization_id'),
    actingUserId: strOrNull(row, 'acting_user_id'),
    installationId: strOrNull(row, 'installation_id'),
    deviceType: intOrNull(row, 'device_type'),
    ipAddress: strOrNull(row, 'ip_address'),
    systemUser: intOrNull(row, 'system_user'),
    domainName: strOrNull(row, 'domain_name'),
    sendId: strOrNull(row, 'send_id'),
    date: str(row, 'date'),
  };
}

export function createEventRepository(db: Database): EventRepository {
  const insertStmt = db.prepare(
    `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const listStmt = db.prepare(`
    SELECT * FROM events
    WHERE (?1 IS NULL OR organization_id = ?1) AND (?2 IS NULL OR provider_id = ?2) AND (?3 IS NULL OR user_id = ?3)
      AND date >= ?4 AND date <= ?5
    ORDER BY date DESC, id DESC LIMIT ?6`);
  return {
    insert(event) {
      insertStmt.run(
        event.id,
        event.type,
        event.userId ?? null,
        event.organizationId ?? null,
        event.providerId ?? null,
        event.cipherId ?? null,
        event.collectionId ?? null,
        event.groupId ?? null,
        event.policyId ?? null,
        event.organizationUserId ?? null,
        event.providerUserId ?? null,
        event.providerOrganizationId ?? null,
        event.actingUserId ?? null,
        event.installationId ?? null,
        event.deviceType ?? null,
        event.ipAddress ?? null,
        event.systemUser ?? null,
        event.domainName ?? null,
        event.sendId ?? null,
        event.date,
      );
    },
    page(filter) {
      const where: string[] = ['date >= ?', 'date <= ?'];
      const values: (string | number)[] = [filter.start, filter.end];
      const equal = (column: string, value: string | undefined): void => {
        if (value === undefined) return;
        where.push(`${column} = ?`);
        values.push(value.toLowerCase());
      };
      equal('organization_id', filter.organizationId);
      equal('provider_id', filter.providerId);
      equal('user_id', filter.userId);
      equal('acting_user_id', filter.actingUserId);
      equal('cipher_id', filter.cipherId);
      if (filter.personalOnly === true) where.push('organization_id IS NULL AND provider_id IS NULL');
      if (filter.before !== undefined) {
        where.push('(date < ? OR (date = ? AND id < ?))');
        values.push(filter.before.date, filter.before.date, filter.before.id);
      }
      const sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY date DESC, id DESC LIMIT ?`;
      return asRows(db.prepare(sql).all(...values, filter.limit)).map(toEvent);
    },
    list(filter) {
      return asRows(
        listStmt.all(
          filter.organizationId ?? null,
          filter.providerId ?? null,
          filter.userId ?? null,
          filter.start,
          filter.end,
          filter.limit,
        ),
      ).map(toEvent);
    },
  };
}
