/** Organization ciphers and their collection links (`ciphers`, `collection_ciphers`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row } from './rows.js';

export interface CipherRecord {
  id: string;
  organizationId: string;
  type: number;
  /** JSON text of the encrypted fields as received (EncStrings only). */
  data: string;
  favorite: boolean;
  reprompt: number;
  /** Per-cipher key wrapped by the org key, when the client sent one. */
  key: string | null;
  creationDate: string;
  revisionDate: string;
  deletedDate: string | null;
}

export interface CipherRepository {
  insert(cipher: CipherRecord): void;
  link(collectionId: string, cipherId: string): void;
  findById(id: string): CipherRecord | undefined;
  listByOrganization(organizationId: string): CipherRecord[];
  countByOrganization(organizationId: string): number;
  /** Collection ids of each cipher of the organization. */
  collectionIdsByOrganization(organizationId: string): Map<string, string[]>;
  /** Ciphers in the given collections (the caller's sync), each with the collections it is in. */
  listInCollections(collectionIds: readonly string[]): { cipher: CipherRecord; collectionIds: string[] }[];
  /** Deletes every cipher of the organization (links go with them); returns how many. */
  deleteByOrganization(organizationId: string): number;
}

function toCipher(row: Row): CipherRecord {
  return {
    id: str(row, 'id'),
    organizationId: str(row, 'organization_id'),
    type: int(row, 'type'),
    data: str(row, 'data'),
    favorite: bool(row, 'favorite'),
    reprompt: int(row, 'reprompt'),
    key: strOrNull(row, 'key'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
    deletedDate: strOrNull(row, 'deleted_date'),
  };
}

export function createCipherRepository(db: Database): CipherRepository {
  const insertStmt = db.prepare(`
    INSERT INTO ciphers (id, organization_id, type, data, favorite, reprompt, key, creation_date, revision_date,
      deleted_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const linkStmt = db.prepare('INSERT OR IGNORE INTO collection_ciphers (collection_id, cipher_id) VALUES (?, ?)');
  const byId = db.prepare('SELECT * FROM ciphers WHERE id = ?');
  const byOrg = db.prepare('SELECT * FROM ciphers WHERE organization_id = ? ORDER BY creation_date, rowid');
  const countStmt = db.prepare('SELECT COUNT(*) AS n FROM ciphers WHERE organization_id = ?');
  const linksByOrg = db.prepare(`
    SELECT cc.cipher_id, cc.collection_id FROM collection_ciphers cc JOIN ciphers c ON c.id = cc.cipher_id
    WHERE c.organization_id = ? ORDER BY cc.cipher_id, cc.collection_id`);
  const deleteByOrg = db.prepare('DELETE FROM ciphers WHERE organization_id = ?');

  return {
    insert(cipher) {
      insertStmt.run(
        cipher.id,
        cipher.organizationId,
        cipher.type,
        cipher.data,
        flag(cipher.favorite),
        cipher.reprompt,
        cipher.key,
        cipher.creationDate,
        cipher.revisionDate,
        cipher.deletedDate,
      );
    },
    link(collectionId, cipherId) {
      linkStmt.run(collectionId, cipherId);
    },
    findById(id) {
      const row = asRow(byId.get(id.toLowerCase()));
      return row === undefined ? undefined : toCipher(row);
    },
    listByOrganization(organizationId) {
      return asRows(byOrg.all(organizationId)).map(toCipher);
    },
    countByOrganization(organizationId) {
      const row = asRow(countStmt.get(organizationId));
      return row === undefined ? 0 : int(row, 'n');
    },
    collectionIdsByOrganization(organizationId) {
      const out = new Map<string, string[]>();
      for (const row of asRows(linksByOrg.all(organizationId))) {
        const cipherId = str(row, 'cipher_id');
        const list = out.get(cipherId) ?? [];
        list.push(str(row, 'collection_id'));
        out.set(cipherId, list);
      }
      return out;
    },
    listInCollections(collectionIds) {
      if (collectionIds.length === 0) return [];
      const placeholders = collectionIds.map(() => '?').join(', ');
      const rows = asRows(
        db
          .prepare(
            `SELECT c.*, cc.collection_id AS link_collection_id FROM ciphers c
             JOIN collection_ciphers cc ON cc.cipher_id = c.id
             WHERE cc.collection_id IN (${placeholders}) AND c.deleted_date IS NULL
             ORDER BY c.organization_id, c.creation_date, c.rowid, cc.collection_id`,
          )
          .all(...collectionIds),
      );
      const byCipher = new Map<string, { cipher: CipherRecord; collectionIds: string[] }>();
      for (const row of rows) {
        const id = str(row, 'id');
        const entry = byCipher.get(id) ?? { cipher: toCipher(row), collectionIds: [] };
        entry.collectionIds.push(str(row, 'link_collection_id'));
        byCipher.set(id, entry);
      }
      return [...byCipher.values()];
    },
    deleteByOrganization(organizationId) {
      const result = deleteByOrg.run(organizationId);
      return Number(result.changes);
    },
  };
}
