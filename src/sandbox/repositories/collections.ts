/** Collections and their user/group access (`collections`, `collection_users`, `collection_groups`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row, updateNameAndExternalId } from './rows.js';

export interface CollectionRecord {
  id: string;
  organizationId: string;
  /** EncString under the org key. */
  name: string;
  externalId: string | null;
  type: number;
  defaultUserCollectionEmail: string | null;
  creationDate: string;
  revisionDate: string;
}

export interface CollectionAccess {
  readOnly: boolean;
  hidePasswords: boolean;
  manage: boolean;
}

export type UserCollectionRecord = CollectionRecord & CollectionAccess;

/** One access row: who (member or group, by `id`) or which collection (`id`), with the flags. */
export interface AccessRow extends CollectionAccess {
  id: string;
}

export interface CollectionRepository {
  insert(collection: Omit<CollectionRecord, 'revisionDate'>): CollectionRecord;
  findById(id: string): CollectionRecord | undefined;
  listByOrganization(organizationId: string): CollectionRecord[];
  countByOrganization(organizationId: string): number;
  update(id: string, patch: { name?: string; externalId?: string | null }, revisionDate: string): CollectionRecord;
  delete(id: string): void;
  setUserAccess(collectionId: string, organizationUserId: string, access: CollectionAccess): void;
  setGroupAccess(collectionId: string, groupId: string, access: CollectionAccess): void;
  /** Members with direct access (`id` = organization user id). */
  listUserAccess(collectionId: string): AccessRow[];
  /** Groups with access (`id` = group id). */
  listGroupAccess(collectionId: string): AccessRow[];
  replaceUserAccess(collectionId: string, rows: readonly AccessRow[]): void;
  replaceGroupAccess(collectionId: string, rows: readonly AccessRow[]): void;
  /** A member's direct access (`id` = collection id). */
  listAccessForMember(organizationUserId: string): AccessRow[];
  replaceAccessForMember(organizationUserId: string, rows: readonly AccessRow[]): void;
  /** A group's access (`id` = collection id). */
  listAccessForGroup(groupId: string): AccessRow[];
  replaceAccessForGroup(groupId: string, rows: readonly AccessRow[]): void;
  /**
   * Collections the user reaches directly or through groups, in enabled orgs where the membership
   * is Confirmed; flags merged across assignments (least restrictive wins).
   */
  listForUser(userId: string): UserCollectionRecord[];
}

function toCollection(row: Row): CollectionRecord {
  return {
    id: str(row, 'id'),
    organizationId: str(row, 'organization_id'),
    name: str(row, 'name'),
    externalId: strOrNull(row, 'external_id'),
    type: int(row, 'type'),
    defaultUserCollectionEmail: strOrNull(row, 'default_user_collection_email'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
  };
}

function toAccess(row: Row, idColumn: string): AccessRow {
  return {
    id: str(row, idColumn),
    readOnly: bool(row, 'read_only'),
    hidePasswords: bool(row, 'hide_passwords'),
    manage: bool(row, 'manage'),
  };
}

export function createCollectionRepository(db: Database): CollectionRepository {
  const byOrgStmt = db.prepare('SELECT * FROM collections WHERE organization_id = ? ORDER BY creation_date, id');
  const countStmt = db.prepare('SELECT COUNT(*) AS n FROM collections WHERE organization_id = ?');
  const deleteStmt = db.prepare('DELETE FROM collections WHERE id = ?');
  const userAccessList = db.prepare(
    'SELECT * FROM collection_users WHERE collection_id = ? ORDER BY organization_user_id',
  );
  const groupAccessList = db.prepare('SELECT * FROM collection_groups WHERE collection_id = ? ORDER BY group_id');
  const clearUsers = db.prepare('DELETE FROM collection_users WHERE collection_id = ?');
  const clearGroups = db.prepare('DELETE FROM collection_groups WHERE collection_id = ?');
  const memberAccessList = db.prepare(
    'SELECT * FROM collection_users WHERE organization_user_id = ? ORDER BY collection_id',
  );
  const clearMember = db.prepare('DELETE FROM collection_users WHERE organization_user_id = ?');
  const groupCollectionsList = db.prepare('SELECT * FROM collection_groups WHERE group_id = ? ORDER BY collection_id');
  const clearGroupCollections = db.prepare('DELETE FROM collection_groups WHERE group_id = ?');
  const insertStmt = db.prepare(`
    INSERT INTO collections (id, organization_id, name, external_id, type, default_user_collection_email,
      creation_date, revision_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM collections WHERE id = ?');
  const userAccessStmt = db.prepare(`
    INSERT INTO collection_users (collection_id, organization_user_id, read_only, hide_passwords, manage)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(collection_id, organization_user_id) DO UPDATE SET read_only = excluded.read_only,
      hide_passwords = excluded.hide_passwords, manage = excluded.manage`);
  const groupAccessStmt = db.prepare(`
    INSERT INTO collection_groups (collection_id, group_id, read_only, hide_passwords, manage) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(collection_id, group_id) DO UPDATE SET read_only = excluded.read_only,
      hide_passwords = excluded.hide_passwords, manage = excluded.manage`);
  const forUserStmt = db.prepare(`
    SELECT c.*, MIN(a.read_only) AS access_read_only, MIN(a.hide_passwords) AS access_hide_passwords,
      MAX(a.manage) AS access_manage
    FROM collections c
    JOIN (
      SELECT cu.collection_id, cu.read_only, cu.hide_passwords, cu.manage
      FROM collection_users cu JOIN organization_users ou ON ou.id = cu.organization_user_id
      WHERE ou.user_id = ?1 AND ou.status = 2
      UNION ALL
      SELECT cg.collection_id, cg.read_only, cg.hide_passwords, cg.manage
      FROM collection_groups cg
      JOIN group_users gu ON gu.group_id = cg.group_id
      JOIN organization_users ou ON ou.id = gu.organization_user_id
      WHERE ou.user_id = ?1 AND ou.status = 2
    ) a ON a.collection_id = c.id
    JOIN organizations o ON o.id = c.organization_id AND o.enabled = 1
    GROUP BY c.id
    ORDER BY c.organization_id, c.creation_date, c.id`);

  function findById(id: string): CollectionRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    return row === undefined ? undefined : toCollection(row);
  }

  return {
    insert(collection) {
      insertStmt.run(
        collection.id,
        collection.organizationId,
        collection.name,
        collection.externalId,
        collection.type,
        collection.defaultUserCollectionEmail,
        collection.creationDate,
        collection.creationDate,
      );
      const stored = findById(collection.id);
      if (stored === undefined) throw new Error('collection insert failed');
      return stored;
    },
    findById,
    listByOrganization(organizationId) {
      return asRows(byOrgStmt.all(organizationId.toLowerCase())).map(toCollection);
    },
    countByOrganization(organizationId) {
      const row = asRow(countStmt.get(organizationId.toLowerCase()));
      return row === undefined ? 0 : int(row, 'n');
    },
    update(id, patch, revisionDate) {
      updateNameAndExternalId(db, 'collections', id, patch, revisionDate);
      const stored = findById(id);
      if (stored === undefined) throw new Error('collection update failed');
      return stored;
    },
    delete(id) {
      deleteStmt.run(id.toLowerCase());
    },
    listUserAccess(collectionId) {
      return asRows(userAccessList.all(collectionId)).map((row) => toAccess(row, 'organization_user_id'));
    },
    listGroupAccess(collectionId) {
      return asRows(groupAccessList.all(collectionId)).map((row) => toAccess(row, 'group_id'));
    },
    replaceUserAccess(collectionId, rows) {
      clearUsers.run(collectionId);
      for (const row of rows) {
        userAccessStmt.run(collectionId, row.id, flag(row.readOnly), flag(row.hidePasswords), flag(row.manage));
      }
    },
    replaceGroupAccess(collectionId, rows) {
      clearGroups.run(collectionId);
      for (const row of rows) {
        groupAccessStmt.run(collectionId, row.id, flag(row.readOnly), flag(row.hidePasswords), flag(row.manage));
      }
    },
    listAccessForMember(organizationUserId) {
      return asRows(memberAccessList.all(organizationUserId)).map((row) => toAccess(row, 'collection_id'));
    },
    replaceAccessForMember(organizationUserId, rows) {
      clearMember.run(organizationUserId);
      for (const row of rows) {
        userAccessStmt.run(row.id, organizationUserId, flag(row.readOnly), flag(row.hidePasswords), flag(row.manage));
      }
    },
    listAccessForGroup(groupId) {
      return asRows(groupCollectionsList.all(groupId)).map((row) => toAccess(row, 'collection_id'));
    },
    replaceAccessForGroup(groupId, rows) {
      clearGroupCollections.run(groupId);
      for (const row of rows) {
        groupAccessStmt.run(row.id, groupId, flag(row.readOnly), flag(row.hidePasswords), flag(row.manage));
      }
    },
    setUserAccess(collectionId, organizationUserId, access) {
      userAccessStmt.run(
        collectionId,
        organizationUserId,
        flag(access.readOnly),
        flag(access.hidePasswords),
        flag(access.manage),
      );
    },
    setGroupAccess(collectionId, groupId, access) {
      groupAccessStmt.run(collectionId, groupId, flag(access.readOnly), flag(access.hidePasswords), flag(access.manage));
    },
    listForUser(userId) {
      return asRows(forUserStmt.all(userId)).map((row) => ({
        ...toCollection(row),
        readOnly: bool(row, 'access_read_only'),
        hidePasswords: bool(row, 'access_hide_passwords'),
        manage: bool(row, 'access_manage'),
      }));
    },
  };
}
