/** Refresh-token grants (`refresh_tokens`), stored by SHA-256 of the handle and rotated on use. */
import type { Database } from '../db/sqlite.js';
import { asRow, changed, int, str, strOrNull, type Row } from './rows.js';

export interface RefreshTokenRecord {
  tokenHash: string;
  userId: string;
  deviceId: string | null;
  clientId: string;
  scope: string;
  securityStamp: string;
  authTime: number;
  creationDate: string;
  expirationDate: string;
  consumedDate: string | null;
}

export interface RefreshTokenRepository {
  insert(record: Omit<RefreshTokenRecord, 'consumedDate'>): void;
  findByHash(tokenHash: string): RefreshTokenRecord | undefined;
  /** Marks the grant used; false when it was already consumed (a replay). */
  consume(tokenHash: string, date: string): boolean;
  revokeAllForUser(userId: string, date: string): void;
  deleteExpired(now: string): void;
}

function toRecord(row: Row): RefreshTokenRecord {
  return {
    tokenHash: str(row, 'token_hash'),
    userId: str(row, 'user_id'),
    deviceId: strOrNull(row, 'device_id'),
    clientId: str(row, 'client_id'),
    scope: str(row, 'scope'),
    securityStamp: str(row, 'security_stamp'),
    authTime: int(row, 'auth_time'),
    creationDate: str(row, 'creation_date'),
    expirationDate: str(row, 'expiration_date'),
    consumedDate: strOrNull(row, 'consumed_date'),
  };
}

export function createRefreshTokenRepository(db: Database): RefreshTokenRepository {
  const insertStmt = db.prepare(`
    INSERT INTO refresh_tokens (token_hash, user_id, device_id, client_id, scope, security_stamp, auth_time,
      creation_date, expiration_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const byHash = db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?');
  const consumeStmt = db.prepare(
    'UPDATE refresh_tokens SET consumed_date = ? WHERE token_hash = ? AND consumed_date IS NULL',
  );
  const revokeStmt = db.prepare(
    'UPDATE refresh_tokens SET consumed_date = ? WHERE user_id = ? AND consumed_date IS NULL',
  );
  const deleteExpiredStmt = db.prepare('DELETE FROM refresh_tokens WHERE expiration_date < ?');
  return {
    insert(record) {
      insertStmt.run(
        record.tokenHash,
        record.userId,
        record.deviceId,
        record.clientId,
        record.scope,
        record.securityStamp,
        record.authTime,
        record.creationDate,
        record.expirationDate,
      );
    },
    findByHash(tokenHash) {
      const row = asRow(byHash.get(tokenHash));
      return row === undefined ? undefined : toRecord(row);
    },
    consume(tokenHash, date) {
      return changed(consumeStmt.run(date, tokenHash)) === 1;
    },
    revokeAllForUser(userId, date) {
      revokeStmt.run(date, userId);
    },
    deleteExpired(now) {
      deleteExpiredStmt.run(now);
    },
  };
}
