/**
 * Licensing rows (migration 006): installations, which installation took a license of which
 * organization, the stored license file of a self-hosted organization, and the organization columns a
 * license sets (licensing-and-selfhost.md §1.1, §2.3, §2.4, §5).
 */
import type { Database } from '../db/sqlite.js';
import { FEATURE_COLUMNS, type OrganizationFeature } from './organizations.js';
import { asRow, asRows, bool, flag, str, strOrNull, type Row } from './rows.js';

export interface InstallationRecord {
  id: string;
  /** SHA-256 of the key, lower-case hex. */
  keyHash: string;
  email: string;
  enabled: boolean;
  creationDate: string;
  lastActivityDate: string | null;
}

/** Every stored capability flag except `limitItemDeletion`, which no license carries. */
type LicensedFeature = Exclude<OrganizationFeature, 'limitItemDeletion'>;
const { limitItemDeletion: _notLicensed, ...LICENSED_FEATURE_COLUMNS } = FEATURE_COLUMNS;

/** The organization columns a license decides (`Organization.UpdateFromLicense`). */
export interface LicensedOrganizationValues extends Record<LicensedFeature, boolean> {
  name: string;
  businessName: string | null;
  billingEmail: string;
  plan: string;
  planType: number;
  seats: number | null;
  maxCollections: number | null;
  maxStorageGb: number | null;
  smSeats: number | null;
  smServiceAccounts: number | null;
  licenseKey: string | null;
  expirationDate: string | null;
}

const LICENSED_COLUMNS: Record<keyof LicensedOrganizationValues, string> = {
  name: 'name',
  businessName: 'business_name',
  billingEmail: 'billing_email',
  plan: 'plan',
  planType: 'plan_type',
  seats: 'seats',
  maxCollections: 'max_collections',
  maxStorageGb: 'max_storage_gb',
  smSeats: 'sm_seats',
  smServiceAccounts: 'sm_service_accounts',
  licenseKey: 'license_key',
  expirationDate: 'expiration_date',
  ...LICENSED_FEATURE_COLUMNS,
};

export interface LicensingRepository {
  insertInstallation(record: InstallationRecord): InstallationRecord;
  findInstallation(id: string): InstallationRecord | undefined;
  touchInstallation(id: string, lastActivityDate: string): void;
  setInstallationEnabled(id: string, enabled: boolean): void;
  /** The organization an installation is tied to, if any. */
  organizationOfInstallation(installationId: string): string | undefined;
  /** Ties the installation to the organization, or bumps the revision date of that tie. */
  linkInstallation(row: { id: string; organizationId: string; installationId: string; now: string }): void;
  /** Organizations holding this license key, with their enabled flag. */
  organizationsWithLicenseKey(licenseKey: string): { id: string; enabled: boolean }[];
  /** The stored license file (PascalCase JSON text) of a self-hosted organization. */
  licenseFile(organizationId: string): string | null;
  setLicenseFile(organizationId: string, json: string): void;
  updateLicensedValues(organizationId: string, values: LicensedOrganizationValues, revisionDate: string): void;
}

function toInstallation(row: Row): InstallationRecord {
  return {
    id: str(row, 'id'),
    keyHash: str(row, 'key_hash'),
    email: str(row, 'email'),
    enabled: bool(row, 'enabled'),
    creationDate: str(row, 'creation_date'),
    lastActivityDate: strOrNull(row, 'last_activity_date'),
  };
}

export function createLicensingRepository(db: Database): LicensingRepository {
  const insertStmt = db.prepare(
    'INSERT INTO installations (id, key_hash, email, enabled, creation_date, last_activity_date) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byIdStmt = db.prepare('SELECT * FROM installations WHERE id = ?');
  const touchStmt = db.prepare('UPDATE installations SET last_activity_date = ? WHERE id = ?');
  const enableStmt = db.prepare('UPDATE installations SET enabled = ? WHERE id = ?');
  const orgOfStmt = db.prepare('SELECT organization_id FROM organization_installations WHERE installation_id = ?');
  const linkStmt = db.prepare(
    'INSERT INTO organization_installations (id, organization_id, installation_id, creation_date, revision_date) VALUES (?, ?, ?, ?, NULL)',
  );
  const bumpStmt = db.prepare('UPDATE organization_installations SET revision_date = ? WHERE installation_id = ?');
  const byKeyStmt = db.prepare('SELECT id, enabled FROM organizations WHERE license_key = ? ORDER BY id');
  const fileStmt = db.prepare('SELECT self_host_license FROM organizations WHERE id = ?');
  const setFileStmt = db.prepare('UPDATE organizations SET self_host_license = ? WHERE id = ?');
  const fields = Object.keys(LICENSED_COLUMNS) as (keyof LicensedOrganizationValues)[];
  const updateStmt = db.prepare(
    `UPDATE organizations SET ${fields.map((f) => `${LICENSED_COLUMNS[f]} = ?`).join(', ')}, revision_date = ? WHERE id = ?`,
  );

  function findInstallation(id: string): InstallationRecord | undefined {
    const row = asRow(byIdStmt.get(id.toLowerCase()));
    return row === undefined ? undefined : toInstallation(row);
  }
  function organizationOfInstallation(installationId: string): string | undefined {
    const row = asRow(orgOfStmt.get(installationId.toLowerCase()));
    return row === undefined ? undefined : str(row, 'organization_id');
  }
  return {
    insertInstallation(r) {
      insertStmt.run(r.id, r.keyHash, r.email, flag(r.enabled), r.creationDate, r.lastActivityDate);
      const stored = findInstallation(r.id);
      if (stored === undefined) throw new Error('installation write failed');
      return stored;
    },
    findInstallation,
    touchInstallation(id, lastActivityDate) {
      touchStmt.run(lastActivityDate, id.toLowerCase());
    },
    setInstallationEnabled(id, enabled) {
      enableStmt.run(flag(enabled), id.toLowerCase());
    },
    organizationOfInstallation,
    linkInstallation({ id, organizationId, installationId, now }) {
      const existing = organizationOfInstallation(installationId);
      if (existing === undefined) linkStmt.run(id, organizationId, installationId.toLowerCase(), now);
      else if (existing === organizationId) bumpStmt.run(now, installationId.toLowerCase());
      // Tied to another organization: nothing recorded, no error (§1.1).
    },
    organizationsWithLicenseKey(licenseKey) {
      return asRows(byKeyStmt.all(licenseKey)).map((row) => ({ id: str(row, 'id'), enabled: bool(row, 'enabled') }));
    },
    licenseFile(organizationId) {
      const row = asRow(fileStmt.get(organizationId.toLowerCase()));
      return row === undefined ? null : strOrNull(row, 'self_host_license');
    },
    setLicenseFile(organizationId, json) {
      setFileStmt.run(json, organizationId.toLowerCase());
    },
    updateLicensedValues(organizationId, values, revisionDate) {
      const args = fields.map((f) => {
        const v = values[f];
        return typeof v === 'boolean' ? flag(v) : v;
      });
      updateStmt.run(...args, revisionDate, organizationId.toLowerCase());
    },
  };
}
