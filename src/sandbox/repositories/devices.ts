/** Devices a user has logged in from (`devices`). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, int, str, strOrNull, type Row } from './rows.js';

export interface DeviceRecord {
  id: string;
  userId: string;
  identifier: string;
  type: number;
  name: string;
  pushToken: string | null;
  active: boolean;
  creationDate: string;
  revisionDate: string;
}

export interface DeviceRepository {
  findById(id: string): DeviceRecord | undefined;
  findByIdentifier(userId: string, identifier: string): DeviceRecord | undefined;
  /** Inserts the device or refreshes its type/name; returns the stored row. */
  upsert(device: Omit<DeviceRecord, 'active' | 'revisionDate'>): DeviceRecord;
  listForUser(userId: string): DeviceRecord[];
  countForUser(userId: string): number;
}

function toDevice(row: Row): DeviceRecord {
  return {
    id: str(row, 'id'),
    userId: str(row, 'user_id'),
    identifier: str(row, 'identifier'),
    type: int(row, 'type'),
    name: str(row, 'name'),
    pushToken: strOrNull(row, 'push_token'),
    active: bool(row, 'active'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
  };
}

export function createDeviceRepository(db: Database): DeviceRepository {
  const byId = db.prepare('SELECT * FROM devices WHERE id = ?');
  const byIdentifier = db.prepare('SELECT * FROM devices WHERE user_id = ? AND identifier = ?');
  const upsertStmt = db.prepare(`
    INSERT INTO devices (id, user_id, identifier, type, name, push_token, creation_date, revision_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(user_id, identifier) DO UPDATE SET type = excluded.type, name = excluded.name,
      push_token = COALESCE(excluded.push_token, devices.push_token), revision_date = excluded.revision_date`);
  const listStmt = db.prepare('SELECT * FROM devices WHERE user_id = ? ORDER BY creation_date');
  const countStmt = db.prepare('SELECT COUNT(*) AS n FROM devices WHERE user_id = ?');

  function findByIdentifier(userId: string, identifier: string): DeviceRecord | undefined {
    const row = asRow(byIdentifier.get(userId, identifier));
    return row === undefined ? undefined : toDevice(row);
  }

  return {
    findById(id) {
      const row = asRow(byId.get(id));
      return row === undefined ? undefined : toDevice(row);
    },
    findByIdentifier,
    upsert(device) {
      upsertStmt.run(
        device.id,
        device.userId,
        device.identifier,
        device.type,
        device.name,
        device.pushToken,
        device.creationDate,
        device.creationDate,
      );
      const stored = findByIdentifier(device.userId, device.identifier);
      if (stored === undefined) throw new Error('device upsert failed');
      return stored;
    },
    listForUser(userId) {
      return asRows(listStmt.all(userId)).map(toDevice);
    },
    countForUser(userId) {
      const row = asRow(countStmt.get(userId));
      return row === undefined ? 0 : int(row, 'n');
    },
  };
}
