/** Groups and group membership (`groups`, `group_users`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, str, strOrNull, type Row, updateNameAndExternalId } from './rows.js';

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
  listByOrganization(organizationId: string): GroupRecord[];
  update(id: string, patch: { name?: string; externalId?: string | null }, revisionDate: string): GroupRecord;
  delete(id: string): void;
  addUser(groupId: string, organizationUserId: string): void;
  removeUser(groupId: string, organizationUserId: string): void;
  /** Organization user ids in the group. */
  listUserIds(groupId: string): string[];
  replaceUsers(groupId: string, organizationUserIds: readonly string[]): void;
  /** Group ids the member belongs to. */
  listGroupIdsForMember(organizationUserId: string): string[];
  replaceGroupsForMember(organizationUserId: string, groupIds: readonly string[]): void;
}

function toGroup(row: Row): GroupRecord {
  return {
    id: str(row, 'id'),
    organizationId: str(row, 'organization_id'),
    name: str(row, 'name'),
    externalId: strOrNull(row, 'external_id'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
  };
}

export function createGroupRepository(db: Database): GroupRepository {
  const insertStmt = db.prepare(
    'INSERT INTO groups (id, organization_id, name, external_id, creation_date, revision_date) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT * FROM groups WHERE id = ?');
  const byOrg = db.prepare('SELECT * FROM groups WHERE organization_id = ? ORDER BY name, id');
  const deleteStmt = db.prepare('DELETE FROM groups WHERE id = ?');
  const addUserStmt = db.prepare('INSERT OR IGNORE INTO group_users (group_id, organization_user_id) VALUES (?, ?)');
  const removeUserStmt = db.prepare('DELETE FROM group_users WHERE group_id = ? AND organization_user_id = ?');
  const userIdsStmt = db.prepare(
    'SELECT organization_user_id FROM group_users WHERE group_id = ? ORDER BY organization_user_id',
  );
  const clearUsersStmt = db.prepare('DELETE FROM group_users WHERE group_id = ?');
  const groupIdsStmt = db.prepare('SELECT group_id FROM group_users WHERE organization_user_id = ? ORDER BY group_id');
  const clearMemberStmt = db.prepare('DELETE FROM group_users WHERE organization_user_id = ?');

  function findById(id: string): GroupRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    return row === undefined ? undefined : toGroup(row);
  }
  return {
    insert(group) {
      insertStmt.run(group.id, group.organizationId, group.name, group.externalId, group.creationDate, group.creationDate);
      const stored = findById(group.id);
      if (stored === undefined) throw new Error('group insert failed');
      return stored;
    },
    findById,
    listByOrganization(organizationId) {
      return asRows(byOrg.all(organizationId.toLowerCase())).map(toGroup);
    },
    update(id, patch, revisionDate) {
      updateNameAndExternalId(db, 'groups', id, patch, revisionDate);
      const stored = findById(id);
      if (stored === undefined) throw new Error('group update failed');
      return stored;
    },
    delete(id) {
      deleteStmt.run(id.toLowerCase());
    },
    addUser(groupId, organizationUserId) {
      addUserStmt.run(groupId, organizationUserId);
    },
    removeUser(groupId, organizationUserId) {
      removeUserStmt.run(groupId, organizationUserId);
    },
    listUserIds(groupId) {
      return asRows(userIdsStmt.all(groupId)).map((row) => str(row, 'organization_user_id'));
    },
    replaceUsers(groupId, organizationUserIds) {
      clearUsersStmt.run(groupId);
      for (const id of new Set(organizationUserIds)) addUserStmt.run(groupId, id);
    },
    listGroupIdsForMember(organizationUserId) {
      return asRows(groupIdsStmt.all(organizationUserId)).map((row) => str(row, 'group_id'));
    },
    replaceGroupsForMember(organizationUserId, groupIds) {
      clearMemberStmt.run(organizationUserId);
      for (const id of new Set(groupIds)) addUserStmt.run(id, organizationUserId);
    },
  };
}
