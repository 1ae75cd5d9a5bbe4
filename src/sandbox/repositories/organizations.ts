/** Organizations, their memberships (`organization_users`) and API keys (`organization_api_keys`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, intOrNull, str, strOrNull, type Row } from './rows.js';

/** Capability flags stored as 0/1 columns, by record field name → column. */
const FEATURE_COLUMNS = {
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

export interface OrganizationRepository {
  insert(org: NewOrganization): OrganizationRecord;
  findById(id: string): OrganizationRecord | undefined;
  insertUser(member: NewOrganizationUser): OrganizationUserRecord;
  findUser(id: string): OrganizationUserRecord | undefined;
  /** The caller's memberships with the given status (sync lists Confirmed only). */
  listMembershipsForUser(userId: string, status: number): OrganizationMembership[];
  findApiKey(organizationId: string, type: number): OrganizationApiKeyRecord | undefined;
  upsertApiKey(record: OrganizationApiKeyRecord): void;
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
  const apiKeyStmt = db.prepare('SELECT * FROM organization_api_keys WHERE organization_id = ? AND type = ?');
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
      if (row === undefined) return undefined;
      return {
        id: str(row, 'id'),
        organizationId: str(row, 'organization_id'),
        type: int(row, 'type'),
        apiKey: str(row, 'api_key'),
        revisionDate: str(row, 'revision_date'),
      };
    },
    upsertApiKey(record) {
      upsertApiKeyStmt.run(record.id, record.organizationId, record.type, record.apiKey, record.revisionDate);
    },
  };
}
