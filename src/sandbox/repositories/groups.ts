/** Groups and group membership (`groups`, `group_users`). */
import type { Database } from '../db/sqlite.js';
import { asRow, str, strOrNull } from './rows.js';

export interface GroupRecord {
  id: string;
  organizationId: string;
  name: string;
  externalId: string | null;
  creationDate: string;
  revisionDate: string;
}

export interface GroupRepository {
  insert(group: Omit<GroupRecord, 'revisionDate'>): GroupRecord;
  findById(id: string): GroupRecord | undefined;
  addUser(groupId: string, organizationUserId: string): void;
}

export function createGroupRepository(db: Database): GroupRepository {
  const insertStmt = db.prepare(
    'INSERT INTO groups (id, organization_id, name, external_id, creation_date, revision_date) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT * FROM groups WHERE id = ?');
  const addUserStmt = db.prepare('INSERT OR IGNORE INTO group_users (group_id, organization_user_id) VALUES (?, ?)');
  function findById(id: string): GroupRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    if (row === undefined) return undefined;
    return {
      id: str(row, 'id'),
      organizationId: str(row, 'organization_id'),
      name: str(row, 'name'),
      externalId: strOrNull(row, 'external_id'),
      creationDate: str(row, 'creation_date'),
      revisionDate: str(row, 'revision_date'),
    };
  }
  return {
    insert(group) {
      insertStmt.run(group.id, group.organizationId, group.name, group.externalId, group.creationDate, group.creationDate);
      const stored = findById(group.id);
      if (stored === undefined) throw new Error('group insert failed');
      return stored;
    },
    findById,
    addUser(groupId, organizationUserId) {
      addUserStmt.run(groupId, organizationUserId);
    },
  };
}
