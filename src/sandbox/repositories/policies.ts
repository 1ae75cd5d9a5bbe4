/** Organization policies (`policies`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row } from './rows.js';

export interface PolicyRecord {
  id: string;
  organizationId: string;
  type: number;
  enabled: boolean;
  /** JSON object text or null. */
  data: string | null;
  creationDate: string;
  revisionDate: string;
}

export interface PolicyRepository {
  /** Inserts or replaces the org's policy of this type; returns the stored row. */
  upsert(policy: Omit<PolicyRecord, 'creationDate'> & { creationDate?: string }): PolicyRecord;
  find(organizationId: string, type: number): PolicyRecord | undefined;
  listByOrganization(organizationId: string): PolicyRecord[];
  /** Policies of enabled orgs (with `usePolicies`) where the user is an Accepted or Confirmed member. */
  listForUser(userId: string): PolicyRecord[];
}

function toPolicy(row: Row): PolicyRecord {
  return {
    id: str(row, 'id'),
    organizationId: str(row, 'organization_id'),
    type: int(row, 'type'),
    enabled: bool(row, 'enabled'),
    data: strOrNull(row, 'data'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
  };
}

export function createPolicyRepository(db: Database): PolicyRepository {
  const upsertStmt = db.prepare(`
    INSERT INTO policies (id, organization_id, type, enabled, data, creation_date, revision_date)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(organization_id, type) DO UPDATE SET enabled = excluded.enabled, data = excluded.data,
      revision_date = excluded.revision_date`);
  const findStmt = db.prepare('SELECT * FROM policies WHERE organization_id = ? AND type = ?');
  const byOrgStmt = db.prepare('SELECT * FROM policies WHERE organization_id = ? ORDER BY type');
  const forUserStmt = db.prepare(`
    SELECT p.* FROM policies p
    JOIN organizations o ON o.id = p.organization_id AND o.enabled = 1 AND o.use_policies = 1
    JOIN organization_users ou ON ou.organization_id = o.id AND ou.user_id = ? AND ou.status IN (1, 2)
    ORDER BY p.organization_id, p.type`);
  function find(organizationId: string, type: number): PolicyRecord | undefined {
    const row = asRow(findStmt.get(organizationId.toLowerCase(), type));
    return row === undefined ? undefined : toPolicy(row);
  }
  return {
    upsert(policy) {
      upsertStmt.run(
        policy.id,
        policy.organizationId,
        policy.type,
        flag(policy.enabled),
        policy.data,
        policy.creationDate ?? policy.revisionDate,
        policy.revisionDate,
      );
      const stored = find(policy.organizationId, policy.type);
      if (stored === undefined) throw new Error('policy upsert failed');
      return stored;
    },
    find,
    listByOrganization(organizationId) {
      return asRows(byOrgStmt.all(organizationId.toLowerCase())).map(toPolicy);
    },
    listForUser(userId) {
      return asRows(forUserStmt.all(userId)).map(toPolicy);
    },
  };
}
