/** SSO configurations (`sso_configs`) and the organization's SSO identifier (admin-api.md §14). */
import type { Database } from '../db/sqlite.js';
import { asRow, bool, flag, str, strOrNull, type Row } from './rows.js';

export interface SsoConfigRecord {
  organizationId: string;
  enabled: boolean;
  /** JSON object text. */
  data: string;
  creationDate: string;
  revisionDate: string;
}

export interface SsoConfigRepository {
  find(organizationId: string): SsoConfigRecord | undefined;
  /** Inserts or replaces the organization's configuration. */
  upsert(config: SsoConfigRecord): SsoConfigRecord;
  /** The organization holding this SSO identifier (exact match), if any. */
  findOrganizationIdByIdentifier(identifier: string): string | undefined;
  /** Writes `organizations.identifier` (null clears it). */
  setIdentifier(organizationId: string, identifier: string | null, revisionDate: string): void;
}

function toConfig(row: Row): SsoConfigRecord {
  return {
    organizationId: str(row, 'organization_id'),
    enabled: bool(row, 'enabled'),
    data: str(row, 'data'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
  };
}

export function createSsoConfigRepository(db: Database): SsoConfigRepository {
  const findStmt = db.prepare('SELECT * FROM sso_configs WHERE organization_id = ?');
  const upsertStmt = db.prepare(`
    INSERT INTO sso_configs (organization_id, enabled, data, creation_date, revision_date) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(organization_id) DO UPDATE SET enabled = excluded.enabled, data = excluded.data,
      revision_date = excluded.revision_date`);
  const byIdentifierStmt = db.prepare('SELECT id FROM organizations WHERE identifier = ?');
  const setIdentifierStmt = db.prepare('UPDATE organizations SET identifier = ?, revision_date = ? WHERE id = ?');
  function find(organizationId: string): SsoConfigRecord | undefined {
    const row = asRow(findStmt.get(organizationId.toLowerCase()));
    return row === undefined ? undefined : toConfig(row);
  }
  return {
    find,
    upsert(config) {
      upsertStmt.run(config.organizationId, flag(config.enabled), config.data, config.creationDate, config.revisionDate);
      const stored = find(config.organizationId);
      if (stored === undefined) throw new Error('sso config upsert failed');
      return stored;
    },
    findOrganizationIdByIdentifier(identifier) {
      const row = asRow(byIdentifierStmt.get(identifier));
      return row === undefined ? undefined : (strOrNull(row, 'id') ?? undefined);
    },
    setIdentifier(organizationId, identifier, revisionDate) {
      setIdentifierStmt.run(identifier, revisionDate, organizationId.toLowerCase());
    },
  };
}
