/** Collections and their user/group access (`collections`, `collection_users`, `collection_groups`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row } from './rows.js';

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

export interface CollectionRepository {
  insert(collection: Omit<CollectionRecord, 'revisionDate'>): CollectionRecord;
  findById(id: string): CollectionRecord | undefined;
  setUserAccess(collectionId: string, organizationUserId: string, access: CollectionAccess): void;
  setGroupAccess(collectionId: string, groupId: string, access: CollectionAccess): void;
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

export function createCollectionRepository(db: Database): CollectionRepository {
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
