/** Providers (MSPs), provider users and provider-managed client organizations. */
import type { Database } from '../db/sqlite.js';
import { prefixedColumns, toOrganization, type OrganizationRecord } from './organizations.js';
import { asRow, asRows, bool, int, str, strOrNull, type Row } from './rows.js';

export interface ProviderRecord {
  id: string;
  name: string | null;
  businessName: string | null;
  billingEmail: string | null;
  status: number;
  type: number;
  enabled: boolean;
  useEvents: boolean;
  creationDate: string;
  revisionDate: string;
}

export type NewProvider = Pick<ProviderRecord, 'id' | 'name' | 'status' | 'type' | 'creationDate'> &
  Partial<Pick<ProviderRecord, 'businessName' | 'billingEmail' | 'enabled' | 'useEvents'>>;

export interface ProviderUserRecord {
  id: string;
  providerId: string;
  userId: string | null;
  email: string | null;
  key: string | null;
  status: number;
  type: number;
  permissions: string | null;
  creationDate: string;
  revisionDate: string;
}

export type NewProviderUser = Pick<
  ProviderUserRecord,
  'id' | 'providerId' | 'userId' | 'email' | 'key' | 'status' | 'type' | 'creationDate'
>;

export interface ProviderOrganizationRecord {
  id: string;
  providerId: string;
  organizationId: string;
  key: string | null;
  settings: string | null;
  creationDate: string;
  revisionDate: string;
}

export interface ProviderMembership {
  provider: ProviderRecord;
  providerUser: ProviderUserRecord;
}

export interface ProviderClientOrganization {
  provider: ProviderRecord;
  providerUser: ProviderUserRecord;
  providerOrganization: ProviderOrganizationRecord;
  organization: OrganizationRecord;
}

export interface ProviderRepository {
  insert(provider: NewProvider): ProviderRecord;
  findById(id: string): ProviderRecord | undefined;
  insertUser(user: NewProviderUser): ProviderUserRecord;
  findUser(id: string): ProviderUserRecord | undefined;
  insertOrganization(link: Omit<ProviderOrganizationRecord, 'revisionDate'>): ProviderOrganizationRecord;
  /** The caller's provider memberships with this status (sync lists Confirmed only). */
  listMembershipsForUser(userId: string, status: number): ProviderMembership[];
  /** Client orgs reachable through the caller's provider memberships with this status. */
  listClientOrganizationsForUser(userId: string, status: number): ProviderClientOrganization[];
}

const PROVIDER_COLUMNS = [
  'id',
  'name',
  'business_name',
  'billing_email',
  'status',
  'type',
  'enabled',
  'use_events',
  'creation_date',
  'revision_date',
];
const PROVIDER_USER_COLUMNS = [
  'id',
  'provider_id',
  'user_id',
  'email',
  'key',
  'status',
  'type',
  'permissions',
  'creation_date',
  'revision_date',
];
const PROVIDER_ORGANIZATION_COLUMNS = [
  'id',
  'provider_id',
  'organization_id',
  'key',
  'settings',
  'creation_date',
  'revision_date',
];

function toProvider(row: Row, prefix = ''): ProviderRecord {
  return {
    id: str(row, prefix + 'id'),
    name: strOrNull(row, prefix + 'name'),
    businessName: strOrNull(row, prefix + 'business_name'),
    billingEmail: strOrNull(row, prefix + 'billing_email'),
    status: int(row, prefix + 'status'),
    type: int(row, prefix + 'type'),
    enabled: bool(row, prefix + 'enabled'),
    useEvents: bool(row, prefix + 'use_events'),
    creationDate: str(row, prefix + 'creation_date'),
    revisionDate: str(row, prefix + 'revision_date'),
  };
}

function toProviderUser(row: Row, prefix = ''): ProviderUserRecord {
  return {
    id: str(row, prefix + 'id'),
    providerId: str(row, prefix + 'provider_id'),
    userId: strOrNull(row, prefix + 'user_id'),
    email: strOrNull(row, prefix + 'email'),
    key: strOrNull(row, prefix + 'key'),
    status: int(row, prefix + 'status'),
    type: int(row, prefix + 'type'),
    permissions: strOrNull(row, prefix + 'permissions'),
    creationDate: str(row, prefix + 'creation_date'),
    revisionDate: str(row, prefix + 'revision_date'),
  };
}

function toProviderOrganization(row: Row, prefix = ''): ProviderOrganizationRecord {
  return {
    id: str(row, prefix + 'id'),
    providerId: str(row, prefix + 'provider_id'),
    organizationId: str(row, prefix + 'organization_id'),
    key: strOrNull(row, prefix + 'key'),
    settings: strOrNull(row, prefix + 'settings'),
    creationDate: str(row, prefix + 'creation_date'),
    revisionDate: str(row, prefix + 'revision_date'),
  };
}

export function createProviderRepository(db: Database): ProviderRepository {
  const insertStmt = db.prepare(`
    INSERT INTO providers (id, name, business_name, billing_email, status, type, enabled, use_events, creation_date,
      revision_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM providers WHERE id = ?');
  const insertUserStmt = db.prepare(`
    INSERT INTO provider_users (id, provider_id, user_id, email, key, status, type, creation_date, revision_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const userById = db.prepare('SELECT * FROM provider_users WHERE id = ?');
  const insertOrgStmt = db.prepare(`
    INSERT INTO provider_organizations (id, provider_id, organization_id, key, settings, creation_date, revision_date)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const orgById = db.prepare('SELECT * FROM provider_organizations WHERE id = ?');
  const membershipsStmt = db.prepare(`
    SELECT ${prefixedColumns('p', PROVIDER_COLUMNS, 'p_')}, ${prefixedColumns('pu', PROVIDER_USER_COLUMNS, 'pu_')}
    FROM provider_users pu JOIN providers p ON p.id = pu.provider_id
    WHERE pu.user_id = ? AND pu.status = ?
    ORDER BY p.name, p.id`);
  const clientOrgsStmt = db.prepare(`
    SELECT o.*, ${prefixedColumns('p', PROVIDER_COLUMNS, 'p_')}, ${prefixedColumns('pu', PROVIDER_USER_COLUMNS, 'pu_')},
      ${prefixedColumns('po', PROVIDER_ORGANIZATION_COLUMNS, 'po_')}
    FROM provider_users pu
    JOIN providers p ON p.id = pu.provider_id
    JOIN provider_organizations po ON po.provider_id = p.id
    JOIN organizations o ON o.id = po.organization_id
    WHERE pu.user_id = ? AND pu.status = ?
    ORDER BY o.name, o.id`);

  function findById(id: string): ProviderRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    return row === undefined ? undefined : toProvider(row);
  }
  function findUser(id: string): ProviderUserRecord | undefined {
    const row = asRow(userById.get(id.toLowerCase()));
    return row === undefined ? undefined : toProviderUser(row);
  }

  return {
    insert(provider) {
      insertStmt.run(
        provider.id,
        provider.name,
        provider.businessName ?? null,
        provider.billingEmail ?? null,
        provider.status,
        provider.type,
        provider.enabled === false ? 0 : 1,
        provider.useEvents === false ? 0 : 1,
        provider.creationDate,
        provider.creationDate,
      );
      const stored = findById(provider.id);
      if (stored === undefined) throw new Error('provider insert failed');
      return stored;
    },
    findById,
    insertUser(user) {
      insertUserStmt.run(
        user.id,
        user.providerId,
        user.userId,
        user.email,
        user.key,
        user.status,
        user.type,
        user.creationDate,
        user.creationDate,
      );
      const stored = findUser(user.id);
      if (stored === undefined) throw new Error('provider user insert failed');
      return stored;
    },
    findUser,
    insertOrganization(link) {
      insertOrgStmt.run(
        link.id,
        link.providerId,
        link.organizationId,
        link.key,
        link.settings,
        link.creationDate,
        link.creationDate,
      );
      const row = asRow(orgById.get(link.id));
      if (row === undefined) throw new Error('provider organization insert failed');
      return toProviderOrganization(row);
    },
    listMembershipsForUser(userId, status) {
      return asRows(membershipsStmt.all(userId, status)).map((row) => ({
        provider: toProvider(row, 'p_'),
        providerUser: toProviderUser(row, 'pu_'),
      }));
    },
    listClientOrganizationsForUser(userId, status) {
      return asRows(clientOrgsStmt.all(userId, status)).map((row) => ({
        provider: toProvider(row, 'p_'),
        providerUser: toProviderUser(row, 'pu_'),
        providerOrganization: toProviderOrganization(row, 'po_'),
        organization: toOrganization(row),
      }));
    },
  };
}
