/** Organization connections (`organization_connections`): SCIM is type 2 (admin-api.md §14.5). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row } from './rows.js';

export interface OrganizationConnectionRecord {
  id: string;
  organizationId: string;
  type: number;
  enabled: boolean;
  /** JSON object text or null. */
  config: string | null;
}

export interface OrganizationConnectionRepository {
  findById(id: string): OrganizationConnectionRecord | undefined;
  findByType(organizationId: string, type: number): OrganizationConnectionRecord | undefined;
  /** Every connection of a type, by organization id (the self-hosted sponsorship sync job). */
  listByType(type: number): OrganizationConnectionRecord[];
  insert(connection: OrganizationConnectionRecord): OrganizationConnectionRecord;
  update(connection: OrganizationConnectionRecord): OrganizationConnectionRecord;
  delete(id: string): void;
}

function toConnection(row: Row): OrganizationConnectionRecord {
  return {
    id: str(row, 'id'),
    organizationId: str(row, 'organization_id'),
    type: int(row, 'type'),
    enabled: bool(row, 'enabled'),
    config: strOrNull(row, 'config'),
  };
}

export function createOrganizationConnectionRepository(db: Database): OrganizationConnectionRepository {
  const byIdStmt = db.prepare('SELECT * FROM organization_connections WHERE id = ?');
  const byTypeStmt = db.prepare('SELECT * FROM organization_connections WHERE organization_id = ? AND type = ?');
  const insertStmt = db.prepare(
    'INSERT INTO organization_connections (id, organization_id, type, enabled, config) VALUES (?, ?, ?, ?, ?)',
  );
  const updateStmt = db.prepare('UPDATE organization_connections SET enabled = ?, config = ? WHERE id = ?');
  const deleteStmt = db.prepare('DELETE FROM organization_connections WHERE id = ?');
  const listByTypeStmt = db.prepare('SELECT * FROM organization_connections WHERE type = ? ORDER BY organization_id');
  function findById(id: string): OrganizationConnectionRecord | undefined {
    const row = asRow(byIdStmt.get(id.toLowerCase()));
    return row === undefined ? undefined : toConnection(row);
  }
  function required(id: string): OrganizationConnectionRecord {
    const stored = findById(id);
    if (stored === undefined) throw new Error('organization connection write failed');
    return stored;
  }
  return {
    findById,
    findByType(organizationId, type) {
      const row = asRow(byTypeStmt.get(organizationId.toLowerCase(), type));
      return row === undefined ? undefined : toConnection(row);
    },
    listByType(type) {
      return asRows(listByTypeStmt.all(type)).map(toConnection);
    },
    insert(c) {
      insertStmt.run(c.id, c.organizationId, c.type, flag(c.enabled), c.config);
      return required(c.id);
    },
    update(c) {
      updateStmt.run(flag(c.enabled), c.config, c.id);
      return required(c.id);
    },
    delete(id) {
      deleteStmt.run(id.toLowerCase());
    },
  };
}
