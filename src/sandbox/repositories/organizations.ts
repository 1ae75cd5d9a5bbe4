/** Organizations, their memberships (`organization_users`) and API keys (`organization_api_keys`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, intOrNull, str, strOrNull, type Row } from './rows.js';

/** Capability flags stored as 0/1 columns, by record field name → column. */
export const FEATURE_COLUMNS = {
  usePolicies: 'use_policies',
  useSso: 'use_sso',
  useKeyConnector: 'use_key_connector',
  useScim: 'use_scim',
  useGroups: 'use_groups',
  useDirectory: 'use_directory',
  useEvents: 'use_events',
  useTotp: 'use_totp',
  use2fa: 'use_2fa',
  useApi: 'use_api',
  useResetPassword: 'use_reset_password',
  useSecretsManager: 'use_secrets_manager',
  usePasswordManager: 'use_password_manager',
  usersGetPremium: 'users_get_premium',
  useCustomPermissions: 'use_custom_permissions',
  useRiskInsights: 'use_risk_insights',
  useOrganizationDomains: 'use_organization_domains',
  useAdminSponsoredFamilies: 'use_admin_sponsored_families',
  useAutomaticUserConfirmation: 'use_automatic_user_confirmation',
  selfHost: 'self_host',
  limitCollectionCreation: 'limit_collection_creation',
  limitCollectionDeletion: 'limit_collection_deletion',
  limitItemDeletion: 'limit_item_deletion',
  allowAdminAccessToAllCollectionItems: 'allow_admin_access_to_all_collection_items',
  enabled: 'enabled',
} as const;
export type OrganizationFeature = keyof typeof FEATURE_COLUMNS;

export type OrganizationFeatures = Record<OrganizationFeature, boolean>;

export interface OrganizationRecord extends OrganizationFeatures {
  id: string;
  identifier: string | null;
  name: string;
  businessName: string | null;
  billingEmail: string;
  plan: string;
  planType: number;
  productTierType: number;
  seats: number | null;
  maxAutoscaleSeats: number | null;
  maxCollections: number | null;
  maxStorageGb: number | null;
  smSeats: number | null;
  smServiceAccounts: number | null;
  status: number;
  publicKey: string | null;
  privateKey: string | null;
  licenseKey: string | null;
  expirationDate: string | null;
  creationDate: string;
  revisionDate: string;
}

export type NewOrganization = Pick<OrganizationRecord, 'id' | 'name' | 'billingEmail' | 'plan' | 'planType' | 'creationDate'> &
  Partial<Omit<OrganizationRecord, 'id' | 'name' | 'billingEmail' | 'plan' | 'planType' | 'creationDate' | 'revisionDate'>>;

export interface OrganizationUserRecord {
  id: string;
  organizationId: string;
  userId: string | null;
  email: string | null;
  key: string | null;
  resetPasswordKey: string | null;
  status: number;
  type: number;
  externalId: string | null;
  /** JSON permissions object or null. */
  permissions: string | null;
  accessSecretsManager: boolean;
  revocationReason: number | null;
  creationDate: string;
  revisionDate: string;
}

export type NewOrganizationUser = Pick<
  OrganizationUserRecord,
  'id' | 'organizationId' | 'userId' | 'email' | 'key' | 'status' | 'type' | 'creationDate'
> &
  Partial<Pick<OrganizationUserRecord, 'externalId' | 'permissions' | 'accessSecretsManager' | 'resetPasswordKey'>>;

/** A membership with its organization and, when the org is a provider client, the provider. */
export interface OrganizationMembership {
  organization: OrganizationRecord;
  membership: OrganizationUserRecord;
  provider: { id: string; name: string | null; type: number } | null;
}

export interface OrganizationApiKeyRecord {
  id: string;
  organizationId: string;
  type: number;
  apiKey: string;
  revisionDate: string;
}

/** Organization columns an update may change. */
export type OrganizationPatch = Partial<
  Pick<
    OrganizationRecord,
    | 'name'
    | 'businessName'
    | 'billingEmail'
    | 'publicKey'
    | 'privateKey'
    | 'seats'
    | 'limitCollectionCreation'
    | 'limitCollectionDeletion'
    | 'limitItemDeletion'
    | 'allowAdminAccessToAllCollectionItems'
    // Set by Bitwarden staff in the admin portal (licensing-and-selfhost.md §4.1).
    | 'useAdminSponsoredFamilies'
  >
>;

/** Membership columns an update may change. */
export type OrganizationUserPatch = Partial<
  Pick<
    OrganizationUserRecord,
    | 'userId'
    | 'email'
    | 'key'
    | 'resetPasswordKey'
    | 'status'
    | 'type'
    | 'externalId'
    | 'permissions'
    | 'accessSecretsManager'
    | 'revocationReason'
  >
>;

export interface OrganizationRepository {
  insert(org: NewOrganization): OrganizationRecord;
  findById(id: string): OrganizationRecord | undefined;
  update(id: string, patch: OrganizationPatch, revisionDate: string): OrganizationRecord;
  delete(id: string): void;
  insertUser(member: NewOrganizationUser): OrganizationUserRecord;
  findUser(id: string): OrganizationUserRecord | undefined;
  /** The membership of this account in this organization (any status). */
  findUserByAccount(organizationId: string, userId: string): OrganizationUserRecord | undefined;
  /** Every membership of the organization, oldest first. */
  listUsers(organizationId: string): OrganizationUserRecord[];
  updateUser(id: string, patch: OrganizationUserPatch, revisionDate: string): OrganizationUserRecord;
  deleteUser(id: string): void;
  /** Lower-cased e-mails already in the organization (invited rows and linked accounts), any status. */
  knownEmails(organizationId: string): Set<string>;
  /** Memberships with status Invited, Accepted or Confirmed (revoked and staged take no seat). */
  countOccupiedSeats(organizationId: string): number;
  /** Confirmed Owner memberships, excluding the given membership ids. */
  countConfirmedOwners(organizationId: string, exceptIds: readonly string[]): number;
  /** Confirmed Owner/Admin memberships of this account in Free organizations (other than `exceptOrganizationId`). */
  countFreeOrganizationAdminships(userId: string, exceptOrganizationId?: string): number;
  /** The caller's memberships with the given status (sync lists Confirmed only). */
  listMembershipsForUser(userId: string, status: number): OrganizationMembership[];
  /** Every membership of the account, any status. */
  listAllMembershipsForUser(userId: string): OrganizationUserRecord[];
  findApiKey(organizationId: string, type: number): OrganizationApiKeyRecord | undefined;
  listApiKeys(organizationId: string): OrganizationApiKeyRecord[];
  upsertApiKey(record: OrganizationApiKeyRecord): void;
}

const ORGANIZATION_PATCH_COLUMNS: Record<keyof OrganizationPatch, string> = {
  name: 'name',
  businessName: 'business_name',
  billingEmail: 'billing_email',
  publicKey: 'public_key',
  privateKey: 'private_key',
  seats: 'seats',
  limitCollectionCreation: 'limit_collection_creation',
  limitCollectionDeletion: 'limit_collection_deletion',
  limitItemDeletion: 'limit_item_deletion',
  allowAdminAccessToAllCollectionItems: 'allow_admin_access_to_all_collection_items',
  useAdminSponsoredFamilies: 'use_admin_sponsored_families',
};

const ORGANIZATION_USER_PATCH_COLUMNS: Record<keyof OrganizationUserPatch, string> = {
  userId: 'user_id',
  email: 'email',
  key: 'key',
  resetPasswordKey: 'reset_password_key',
  status: 'status',
  type: 'type',
  externalId: 'external_id',
  permissions: 'permissions',
  accessSecretsManager: 'access_secrets_manager',
  revocationReason: 'revocation_reason',
};

type SqlValue = string | number | null;

function sqlValue(value: unknown): SqlValue {
  if (typeof value === 'boolean') return flag(value);
  if (typeof value === 'string' || typeof value === 'number') return value;
  return null;
}

/** `SET a = ?, b = ?` and its values for the fields present in `patch`. */
function setClause(patch: object, columns: Record<string, string>): { sql: string; values: SqlValue[] } {
  const parts: string[] = [];
  const values: SqlValue[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const column = columns[field];
    if (column === undefined || value === undefined) continue;
    parts.push(`${column} = ?`);
    values.push(sqlValue(value));
  }
  return { sql: parts.join(', '), values };
}

function toApiKey(row: Row): OrganizationApiKeyRecord {
  return {
    id: str(row, 'id'),
    organizationId: str(row, 'organization_id'),
    type: int(row, 'type'),
    apiKey: str(row, 'api_key'),
    revisionDate: str(row, 'revision_date'),
  };
}

export function toOrganization(row: Row, prefix = ''): OrganizationRecord {
  const features = {} as OrganizationFeatures;
  for (const [field, column] of Object.entries(FEATURE_COLUMNS) as [OrganizationFeature, string][]) {
    features[field] = bool(row, prefix + column);
  }
  return {
    ...features,
    id: str(row, prefix + 'id'),
    identifier: strOrNull(row, prefix + 'identifier'),
    name: str(row, prefix + 'name'),
    businessName: strOrNull(row, prefix + 'business_name'),
    billingEmail: str(row, prefix + 'billing_email'),
    plan: str(row, prefix + 'plan'),
    planType: int(row, prefix + 'plan_type'),
    productTierType: int(row, prefix + 'product_tier_type'),
    seats: intOrNull(row, prefix + 'seats'),
    maxAutoscaleSeats: intOrNull(row, prefix + 'max_autoscale_seats'),
    maxCollections: intOrNull(row, prefix + 'max_collections'),
    maxStorageGb: intOrNull(row, prefix + 'max_storage_gb'),
    smSeats: intOrNull(row, prefix + 'sm_seats'),
    smServiceAccounts: intOrNull(row, prefix + 'sm_service_accounts'),
    status: int(row, prefix + 'status'),
    publicKey: strOrNull(row, prefix + 'public_key'),
    privateKey: strOrNull(row, prefix + 'private_key'),
    licenseKey: strOrNull(row, prefix + 'license_key'),
    expirationDate: strOrNull(row, prefix + 'expiration_date'),
    creationDate: str(row, prefix + 'creation_date'),
    revisionDate: str(row, prefix + 'revision_date'),
  };
}

export function toOrganizationUser(row: Row, prefix = ''): OrganizationUserRecord {
  return {
    id: str(row, prefix + 'id'),
    organizationId: str(row, prefix + 'organization_id'),
    userId: strOrNull(row, prefix + 'user_id'),
    email: strOrNull(row, prefix + 'email'),
    key: strOrNull(row, prefix + 'key'),
    resetPasswordKey: strOrNull(row, prefix + 'reset_password_key'),
    status: int(row, prefix + 'status'),
    type: int(row, prefix + 'type'),
    externalId: strOrNull(row, prefix + 'external_id'),
    permissions: strOrNull(row, prefix + 'permissions'),
    accessSecretsManager: bool(row, prefix + 'access_secrets_manager'),
    revocationReason: intOrNull(row, prefix + 'revocation_reason'),
    creationDate: str(row, prefix + 'creation_date'),
    revisionDate: str(row, prefix + 'revision_date'),
  };
}

const ORGANIZATION_USER_COLUMNS = [
  'id',
  'organization_id',
  'user_id',
  'email',
  'key',
  'reset_password_key',
  'status',
  'type',
  'external_id',
  'permissions',
  'access_secrets_manager',
  'revocation_reason',
  'creation_date',
  'revision_date',
];

/** `ou.id AS ou_id, ...` for joins. */
export function prefixedColumns(alias: string, columns: readonly string[], prefix: string): string {
  return columns.map((column) => `${alias}.${column} AS ${prefix}${column}`).join(', ');
}

export function createOrganizationRepository(db: Database): OrganizationRepository {
  const featureColumns = Object.values(FEATURE_COLUMNS);
  const insertColumns = [
    'id',
    'identifier',
    'name',
    'business_name',
    'billing_email',
    'plan',
    'plan_type',
    'product_tier_type',
    'seats',
    'max_autoscale_seats',
    'max_collections',
    'max_storage_gb',
    'sm_seats',
    'sm_service_accounts',
    'status',
    'public_key',
    'private_key',
    'license_key',
    'expiration_date',
    'creation_date',
    'revision_date',
    ...featureColumns,
  ];
  const insertStmt = db.prepare(
    `INSERT INTO organizations (${insertColumns.join(', ')}) VALUES (${insertColumns.map(() => '?').join(', ')})`,
  );
  const byId = db.prepare('SELECT * FROM organizations WHERE id = ?');
  const insertUserStmt = db.prepare(`
    INSERT INTO organization_users (id, organization_id, user_id, email, key, reset_password_key, status, type,
      external_id, permissions, access_secrets_manager, creation_date, revision_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const userById = db.prepare('SELECT * FROM organization_users WHERE id = ?');
  const membershipsStmt = db.prepare(`
    SELECT o.*, ${prefixedColumns('ou', ORGANIZATION_USER_COLUMNS, 'ou_')},
      p.id AS p_id, p.name AS p_name, p.type AS p_type
    FROM organization_users ou
    JOIN organizations o ON o.id = ou.organization_id
    LEFT JOIN provider_organizations po ON po.organization_id = o.id
    LEFT JOIN providers p ON p.id = po.provider_id
    WHERE ou.user_id = ? AND ou.status = ?
    ORDER BY o.name, o.id`);
  const deleteStmt = db.prepare('DELETE FROM organizations WHERE id = ?');
  const userByAccountStmt = db.prepare('SELECT * FROM organization_users WHERE organization_id = ? AND user_id = ?');
  const usersStmt = db.prepare('SELECT * FROM organization_users WHERE organization_id = ? ORDER BY creation_date, id');
  const deleteUserStmt = db.prepare('DELETE FROM organization_users WHERE id = ?');
  const knownEmailsStmt = db.prepare(`
    SELECT LOWER(COALESCE(u.email, ou.email)) AS email
    FROM organization_users ou LEFT JOIN users u ON u.id = ou.user_id
    WHERE ou.organization_id = ?`);
  const occupiedStmt = db.prepare(
    'SELECT COUNT(*) AS n FROM organization_users WHERE organization_id = ? AND status IN (0, 1, 2)',
  );
  const ownersStmt = db.prepare(
    'SELECT id FROM organization_users WHERE organization_id = ? AND status = 2 AND type = 0',
  );
  const freeAdminStmt = db.prepare(`
    SELECT ou.organization_id AS organization_id FROM organization_users ou
    JOIN organizations o ON o.id = ou.organization_id
    WHERE ou.user_id = ? AND ou.status = 2 AND ou.type IN (0, 1) AND o.plan_type = 0`);
  const allMembershipsStmt = db.prepare('SELECT * FROM organization_users WHERE user_id = ? ORDER BY creation_date, id');
  const apiKeyStmt = db.prepare('SELECT * FROM organization_api_keys WHERE organization_id = ? AND type = ?');
  const apiKeysStmt = db.prepare('SELECT * FROM organization_api_keys WHERE organization_id = ? ORDER BY type');
  const upsertApiKeyStmt = db.prepare(`
    INSERT INTO organization_api_keys (id, organization_id, type, api_key, revision_date) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(organization_id, type) DO UPDATE SET api_key = excluded.api_key, revision_date = excluded.revision_date`);

  function findById(id: string): OrganizationRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    return row === undefined ? undefined : toOrganization(row);
  }
  function findUser(id: string): OrganizationUserRecord | undefined {
    const row = asRow(userById.get(id.toLowerCase()));
    return row === undefined ? undefined : toOrganizationUser(row);
  }

  return {
    insert(org) {
      const defaults: Record<OrganizationFeature, boolean> = {
        usePolicies: false,
        useSso: false,
        useKeyConnector: false,
        useScim: false,
        useGroups: false,
        useDirectory: false,
        useEvents: false,
        useTotp: false,
        use2fa: false,
        useApi: false,
        useResetPassword: false,
        useSecretsManager: false,
        usePasswordManager: true,
        usersGetPremium: false,
        useCustomPermissions: false,
        useRiskInsights: false,
        useOrganizationDomains: false,
        useAdminSponsoredFamilies: false,
        useAutomaticUserConfirmation: false,
        selfHost: false,
        limitCollectionCreation: false,
        limitCollectionDeletion: false,
        limitItemDeletion: false,
        allowAdminAccessToAllCollectionItems: true,
        enabled: true,
      };
      const featureValues = (Object.keys(FEATURE_COLUMNS) as OrganizationFeature[]).map((field) =>
        flag(org[field] ?? defaults[field]),
      );
      insertStmt.run(
        org.id,
        org.identifier ?? null,
        org.name,
        org.businessName ?? null,
        org.billingEmail,
        org.plan,
        org.planType,
        org.productTierType ?? 0,
        org.seats ?? null,
        org.maxAutoscaleSeats ?? null,
        org.maxCollections ?? null,
        org.maxStorageGb ?? null,
        org.smSeats ?? null,
        org.smServiceAccounts ?? null,
        org.status ?? 1,
        org.publicKey ?? null,
        org.privateKey ?? null,
        org.licenseKey ?? null,
        org.expirationDate ?? null,
        org.creationDate,
        org.creationDate,
        ...featureValues,
      );
      const stored = findById(org.id);
      if (stored === undefined) throw new Error('organization insert failed');
      return stored;
    },
    findById,
    update(id, patch, revisionDate) {
      const set = setClause(patch, ORGANIZATION_PATCH_COLUMNS);
      const sets = set.sql === '' ? 'revision_date = ?' : `${set.sql}, revision_date = ?`;
      db.prepare(`UPDATE organizations SET ${sets} WHERE id = ?`).run(...set.values, revisionDate, id.toLowerCase());
      const stored = findById(id);
      if (stored === undefined) throw new Error('organization update failed');
      return stored;
    },
    delete(id) {
      deleteStmt.run(id.toLowerCase());
    },
    insertUser(member) {
      insertUserStmt.run(
        member.id,
        member.organizationId,
        member.userId,
        member.email,
        member.key,
        member.resetPasswordKey ?? null,
        member.status,
        member.type,
        member.externalId ?? null,
        member.permissions ?? null,
        flag(member.accessSecretsManager ?? false),
        member.creationDate,
        member.creationDate,
      );
      const stored = findUser(member.id);
      if (stored === undefined) throw new Error('organization user insert failed');
      return stored;
    },
    findUser,
    findUserByAccount(organizationId, userId) {
      const row = asRow(userByAccountStmt.get(organizationId.toLowerCase(), userId.toLowerCase()));
      return row === undefined ? undefined : toOrganizationUser(row);
    },
    listUsers(organizationId) {
      return asRows(usersStmt.all(organizationId.toLowerCase())).map((row) => toOrganizationUser(row));
    },
    updateUser(id, patch, revisionDate) {
      const set = setClause(patch, ORGANIZATION_USER_PATCH_COLUMNS);
      const sets = set.sql === '' ? 'revision_date = ?' : `${set.sql}, revision_date = ?`;
      db.prepare(`UPDATE organization_users SET ${sets} WHERE id = ?`).run(...set.values, revisionDate, id.toLowerCase());
      const stored = findUser(id);
      if (stored === undefined) throw new Error('organization user update failed');
      return stored;
    },
    deleteUser(id) {
      deleteUserStmt.run(id.toLowerCase());
    },
    knownEmails(organizationId) {
      const out = new Set<string>();
      for (const row of asRows(knownEmailsStmt.all(organizationId.toLowerCase()))) {
        const email = strOrNull(row, 'email');
        if (email !== null) out.add(email);
      }
      return out;
    },
    countOccupiedSeats(organizationId) {
      const row = asRow(occupiedStmt.get(organizationId.toLowerCase()));
      return row === undefined ? 0 : int(row, 'n');
    },
    countConfirmedOwners(organizationId, exceptIds) {
      const except = new Set(exceptIds.map((id) => id.toLowerCase()));
      return asRows(ownersStmt.all(organizationId.toLowerCase())).filter((row) => !except.has(str(row, 'id'))).length;
    },
    countFreeOrganizationAdminships(userId, exceptOrganizationId) {
      const except = exceptOrganizationId?.toLowerCase();
      return asRows(freeAdminStmt.all(userId.toLowerCase())).filter((row) => str(row, 'organization_id') !== except)
        .length;
    },
    listAllMembershipsForUser(userId) {
      return asRows(allMembershipsStmt.all(userId.toLowerCase())).map((row) => toOrganizationUser(row));
    },
    listMembershipsForUser(userId, status) {
      return asRows(membershipsStmt.all(userId, status)).map((row) => ({
        organization: toOrganization(row),
        membership: toOrganizationUser(row, 'ou_'),
        provider:
          strOrNull(row, 'p_id') === null
            ? null
            : { id: str(row, 'p_id'), name: strOrNull(row, 'p_name'), type: int(row, 'p_type') },
      }));
    },
    findApiKey(organizationId, type) {
      const row = asRow(apiKeyStmt.get(organizationId.toLowerCase(), type));
      return row === undefined ? undefined : toApiKey(row);
    },
    listApiKeys(organizationId) {
      return asRows(apiKeysStmt.all(organizationId.toLowerCase())).map(toApiKey);
    },
    upsertApiKey(record) {
      upsertApiKeyStmt.run(record.id, record.organizationId, record.type, record.apiKey, record.revisionDate);
    },
  };
}
