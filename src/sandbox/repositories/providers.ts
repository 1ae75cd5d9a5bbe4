/** Providers (MSPs), provider users and provider-managed client organizations. */
import type { Database } from '../db/sqlite.js';
import { prefixedColumns, toOrganization, type OrganizationRecord } from './organizations.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row } from './rows.js';

export interface ProviderRecord {
  id: string;
  name: string | null;
  businessName: string | null;
  businessAddress1: string | null;
  businessAddress2: string | null;
  businessAddress3: string | null;
  businessCountry: string | null;
  businessTaxNumber: string | null;
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

/** Provider columns an update may change. */
export type ProviderPatch = Partial<
  Pick<ProviderRecord, 'name' | 'businessName' | 'billingEmail' | 'status' | 'enabled' | 'useEvents'>
>;

export interface ProviderRepository {
  insert(provider: NewProvider): ProviderRecord;
  findById(id: string): ProviderRecord | undefined;
  update(id: string, patch: ProviderPatch, revisionDate: string): ProviderRecord;
  insertUser(user: NewProviderUser): ProviderUserRecord;
  findUser(id: string): ProviderUserRecord | undefined;
  insertOrganization(link: Omit<ProviderOrganizationRecord, 'revisionDate'>): ProviderOrganizationRecord;
  /** The caller's provider memberships with this status (sync lists Confirmed only). */
  listMembershipsForUser(userId: string, status: number): ProviderMembership[];
  /** Client orgs reachable through the caller's provider memberships with this status. */
  listClientOrganizationsForUser(userId: string, status: number): ProviderClientOrganization[];
  /** The provider managing this organization, with the link row, if any. */
  findOrganizationLink(organizationId: string): { provider: ProviderRecord; link: ProviderOrganizationRecord } | undefined;
  /** This account's provider-user row in this provider (any status). */
  findUserByAccount(providerId: string, userId: string): ProviderUserRecord | undefined;
}

export const PROVIDER_COLUMNS = [
  'id',
  'name',
  'business_name',
  'business_address1',
  'business_address2',
  'business_address3',
  'business_country',
  'business_tax_number',
  'billing_email',
  'status',
  'type',
  'enabled',
  'use_events',
  'creation_date',
  'revision_date',
];
export const PROVIDER_USER_COLUMNS = [
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
export const PROVIDER_ORGANIZATION_COLUMNS = [
  'id',
  'provider_id',
  'organization_id',
  'key',
  'settings',
  'creation_date',
  'revision_date',
];

export function toProvider(row: Row, prefix = ''): ProviderRecord {
  return {
    id: str(row, prefix + 'id'),
    name: strOrNull(row, prefix + 'name'),
    businessName: strOrNull(row, prefix + 'business_name'),
    businessAddress1: strOrNull(row, prefix + 'business_address1'),
    businessAddress2: strOrNull(row, prefix + 'business_address2'),
    businessAddress3: strOrNull(row, prefix + 'business_address3'),
    businessCountry: strOrNull(row, prefix + 'business_country'),
    businessTaxNumber: strOrNull(row, prefix + 'business_tax_number'),
    billingEmail: strOrNull(row, prefix + 'billing_email'),
    status: int(row, prefix + 'status'),
    type: int(row, prefix + 'type'),
    enabled: bool(row, prefix + 'enabled'),
    useEvents: bool(row, prefix + 'use_events'),
    creationDate: str(row, prefix + 'creation_date'),
    revisionDate: str(row, prefix + 'revision_date'),
  };
}

export function toProviderUser(row: Row, prefix = ''): ProviderUserRecord {
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

export function toProviderOrganization(row: Row, prefix = ''): ProviderOrganizationRecord {
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

  const linkByOrgStmt = db.prepare(`
    SELECT ${prefixedColumns('p', PROVIDER_COLUMNS, 'p_')}, ${prefixedColumns('po', PROVIDER_ORGANIZATION_COLUMNS, 'po_')}
    FROM provider_organizations po JOIN providers p ON p.id = po.provider_id
    WHERE po.organization_id = ?`);
  const userByAccountStmt = db.prepare('SELECT * FROM provider_users WHERE provider_id = ? AND user_id = ?');

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
    update(id, patch, revisionDate) {
      const columns: Record<keyof ProviderPatch, string> = {
        name: 'name',
        businessName: 'business_name',
        billingEmail: 'billing_email',
        status: 'status',
        enabled: 'enabled',
        useEvents: 'use_events',
      };
      const sets: string[] = [];
      const values: (string | number | null)[] = [];
      for (const [field, column] of Object.entries(columns) as [keyof ProviderPatch, string][]) {
        const value = patch[field];
        if (value === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(typeof value === 'boolean' ? flag(value) : value);
      }
      db.prepare(`UPDATE providers SET ${[...sets, 'revision_date = ?'].join(', ')} WHERE id = ?`).run(
        ...values,
        revisionDate,
        id.toLowerCase(),
      );
      const stored = findById(id);
      if (stored === undefined) throw new Error('provider update failed: no such provider');
      return stored;
    },
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
    findOrganizationLink(organizationId) {
      const row = asRow(linkByOrgStmt.get(organizationId.toLowerCase()));
      if (row === undefined) return undefined;
      return { provider: toProvider(row, 'p_'), link: toProviderOrganization(row, 'po_') };
    },
    findUserByAccount(providerId, userId) {
      const row = asRow(userByAccountStmt.get(providerId.toLowerCase(), userId.toLowerCase()));
      return row === undefined ? undefined : toProviderUser(row);
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
