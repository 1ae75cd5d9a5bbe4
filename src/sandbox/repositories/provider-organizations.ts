/**
 * Provider clients: the `provider_organizations` link rows, the client details the provider portal
 * lists (seat counts), and the organization columns a provider changes on its clients (name, seats,
 * plan, status, billing e-mail).
 */
import type { Database } from '../db/sqlite.js';
import { type OrganizationFeature, type OrganizationRecord, toOrganization } from './organizations.js';
import { toProviderOrganization, type ProviderOrganizationRecord } from './providers.js';
import { asRow, asRows, bool, flag, int, intOrNull, str, type Row } from './rows.js';
import { FEATURE_COLUMNS } from './organizations.js';

/** A link row with what the provider portal shows of the client organization. */
export interface ProviderOrganizationDetails extends ProviderOrganizationRecord {
  organizationName: string;
  plan: string;
  planType: number;
  /** `Organization.Seats`: seats the provider assigned. */
  seats: number | null;
  /** `Organization.Status` (2 = Managed). */
  organizationStatus: number;
  organizationEnabled: boolean;
  /** Members with status Confirmed. */
  userCount: number;
  /** Members with status Invited, Accepted or Confirmed. */
  occupiedSeats: number;
}

/** How a user reaches a client organization through a provider (confirmed provider user). */
export interface ClientAccess {
  providerId: string;
  providerOrganizationId: string;
  providerUserId: string;
  providerUserType: number;
}

/** Organization columns a provider changes on a client. */
export type ClientOrganizationPatch = Partial<
  Pick<
    OrganizationRecord,
    | 'name'
    | 'seats'
    | 'billingEmail'
    | 'status'
    | 'plan'
    | 'planType'
    | 'productTierType'
    | 'maxCollections'
    | 'maxStorageGb'
    | 'maxAutoscaleSeats'
    | 'expirationDate'
    | 'enabled'
    | OrganizationFeature
  >
>;

export interface ProviderOrganizationRepository {
  findById(id: string): ProviderOrganizationRecord | undefined;
  findByOrganizationId(organizationId: string): ProviderOrganizationRecord | undefined;
  /** The provider's clients, oldest link first. */
  listDetails(providerId: string): ProviderOrganizationDetails[];
  findDetails(id: string): ProviderOrganizationDetails | undefined;
  delete(id: string): void;
  /** Set when `userId` is a confirmed user of an enabled provider that manages `organizationId`. */
  findClientAccess(userId: string, organizationId: string): ClientAccess | undefined;
  updateClientOrganization(organizationId: string, patch: ClientOrganizationPatch, revisionDate: string): void;
  /** E-mails of the organization's confirmed Owners, sorted (provider users do not count). */
  confirmedOwnerEmails(organizationId: string): string[];
  /**
   * Organizations the user could bring under a provider (`Organization_ReadAddableToProviderByUserId`):
   * the user is their confirmed Owner, they are enabled, Created (not managed), without Secrets
   * Manager, have seats, are on a plan type in `planTypes`, and belong to no provider.
   */
  listAddable(userId: string, planTypes: readonly number[]): OrganizationRecord[];
}

const DETAILS_SELECT = `
  SELECT po.*, o.name AS o_name, o.plan AS o_plan, o.plan_type AS o_plan_type, o.seats AS o_seats,
    o.status AS o_status, o.enabled AS o_enabled,
    (SELECT COUNT(*) FROM organization_users ou WHERE ou.organization_id = o.id AND ou.status = 2) AS user_count,
    (SELECT COUNT(*) FROM organization_users ou WHERE ou.organization_id = o.id AND ou.status IN (0, 1, 2))
      AS occupied_seats
  FROM provider_organizations po JOIN organizations o ON o.id = po.organization_id`;

function toDetails(row: Row): ProviderOrganizationDetails {
  return {
    ...toProviderOrganization(row),
    organizationName: str(row, 'o_name'),
    plan: str(row, 'o_plan'),
    planType: int(row, 'o_plan_type'),
    seats: intOrNull(row, 'o_seats'),
    organizationStatus: int(row, 'o_status'),
    organizationEnabled: bool(row, 'o_enabled'),
    userCount: int(row, 'user_count'),
    occupiedSeats: int(row, 'occupied_seats'),
  };
}

/** Record field → organizations column, for the fields a client patch may carry. */
const CLIENT_PATCH_COLUMNS: Record<keyof ClientOrganizationPatch, string> = {
  name: 'name',
  seats: 'seats',
  billingEmail: 'billing_email',
  status: 'status',
  plan: 'plan',
  planType: 'plan_type',
  productTierType: 'product_tier_type',
  maxCollections: 'max_collections',
  maxStorageGb: 'max_storage_gb',
  maxAutoscaleSeats: 'max_autoscale_seats',
  expirationDate: 'expiration_date',
  ...FEATURE_COLUMNS,
};

export function createProviderOrganizationRepository(db: Database): ProviderOrganizationRepository {
  const byIdStmt = db.prepare('SELECT * FROM provider_organizations WHERE id = ?');
  const byOrgStmt = db.prepare('SELECT * FROM provider_organizations WHERE organization_id = ?');
  const listStmt = db.prepare(`${DETAILS_SELECT} WHERE po.provider_id = ? ORDER BY po.creation_date, po.rowid`);
  const detailsStmt = db.prepare(`${DETAILS_SELECT} WHERE po.id = ?`);
  const deleteStmt = db.prepare('DELETE FROM provider_organizations WHERE id = ?');
  const accessStmt = db.prepare(`
    SELECT po.provider_id AS provider_id, po.id AS provider_organization_id, pu.id AS provider_user_id,
      pu.type AS provider_user_type
    FROM provider_organizations po
    JOIN providers p ON p.id = po.provider_id AND p.enabled = 1
    JOIN provider_users pu ON pu.provider_id = po.provider_id AND pu.user_id = ? AND pu.status = 2
    WHERE po.organization_id = ?
    ORDER BY pu.type
    LIMIT 1`);
  const ownerEmailsStmt = db.prepare(`
    SELECT u.email AS email FROM organization_users ou JOIN users u ON u.id = ou.user_id
    WHERE ou.organization_id = ? AND ou.type = 0 AND ou.status = 2
    ORDER BY u.email`);
  const addableStmt = db.prepare(`
    SELECT o.* FROM organization_users ou JOIN organizations o ON o.id = ou.organization_id
    WHERE ou.user_id = ? AND ou.type = 0 AND ou.status = 2 AND o.enabled = 1 AND o.seats > 0 AND o.status = 1
      AND o.use_secrets_manager = 0
      AND NOT EXISTS (SELECT 1 FROM provider_organizations po WHERE po.organization_id = o.id)
    ORDER BY o.name, o.id`);

  return {
    findById(id) {
      const row = asRow(byIdStmt.get(id.toLowerCase()));
      return row === undefined ? undefined : toProviderOrganization(row);
    },
    findByOrganizationId(organizationId) {
      const row = asRow(byOrgStmt.get(organizationId.toLowerCase()));
      return row === undefined ? undefined : toProviderOrganization(row);
    },
    listDetails(providerId) {
      return asRows(listStmt.all(providerId.toLowerCase())).map(toDetails);
    },
    findDetails(id) {
      const row = asRow(detailsStmt.get(id.toLowerCase()));
      return row === undefined ? undefined : toDetails(row);
    },
    delete(id) {
      deleteStmt.run(id.toLowerCase());
    },
    findClientAccess(userId, organizationId) {
      const row = asRow(accessStmt.get(userId.toLowerCase(), organizationId.toLowerCase()));
      if (row === undefined) return undefined;
      return {
        providerId: str(row, 'provider_id'),
        providerOrganizationId: str(row, 'provider_organization_id'),
        providerUserId: str(row, 'provider_user_id'),
        providerUserType: int(row, 'provider_user_type'),
      };
    },
    updateClientOrganization(organizationId, patch, revisionDate) {
      const sets: string[] = [];
      const values: (string | number | null)[] = [];
      for (const [field, column] of Object.entries(CLIENT_PATCH_COLUMNS) as [keyof ClientOrganizationPatch, string][]) {
        if (!(field in patch)) continue;
        const value = patch[field];
        if (value === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(typeof value === 'boolean' ? flag(value) : value);
      }
      db.prepare(`UPDATE organizations SET ${[...sets, 'revision_date = ?'].join(', ')} WHERE id = ?`).run(
        ...values,
        revisionDate,
        organizationId.toLowerCase(),
      );
    },
    confirmedOwnerEmails(organizationId) {
      return asRows(ownerEmailsStmt.all(organizationId.toLowerCase())).map((row) => str(row, 'email'));
    },
    listAddable(userId, planTypes) {
      const allowed = new Set(planTypes);
      return asRows(addableStmt.all(userId.toLowerCase()))
        .map((row) => toOrganization(row))
        .filter((org) => allowed.has(org.planType));
    },
  };
}
