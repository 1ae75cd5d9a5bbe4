/** One-time codes (`auth_codes`): e-mailed 2FA codes, new-device OTPs, 2FA setup codes, remember tokens. */
import type { Database } from '../db/sqlite.js';
import { asRow, changed, str, strOrNull, type Row } from './rows.js';

export type AuthCodePurpose = 'two-factor-email' | 'two-factor-email-setup' | 'two-factor-remember' | 'new-device-otp';

export interface AuthCodeRecord {
  id: string;
  userId: string;
  purpose: AuthCodePurpose;
  codeHash: string;
  deviceIdentifier: string | null;
  data: string | null;
  creationDate: string;
  expirationDate: string;
  consumedDate: string | null;
}

export interface AuthCodeRepository {
  insert(record: Omit<AuthCodeRecord, 'consumedDate'>): void;
  /** An unconsumed, unexpired code of this purpose with this hash (and device, when given). */
  findActive(userId: string, purpose: AuthCodePurpose, codeHash: string, now: string): AuthCodeRecord | undefined;
  consume(id: string, date: string): boolean;
  /** Consumes every still-active code of this purpose (a new code replaces the old ones). */
  invalidate(userId: string, purpose: AuthCodePurpose, date: string): void;
}

function toRecord(row: Row): AuthCodeRecord {
  return {
    id: str(row, 'id'),
    userId: str(row, 'user_id'),
    purpose: str(row, 'purpose') as AuthCodePurpose,
    codeHash: str(row, 'code_hash'),
    deviceIdentifier: strOrNull(row, 'device_identifier'),
    data: strOrNull(row, 'data'),
    creationDate: str(row, 'creation_date'),
    expirationDate: str(row, 'expiration_date'),
    consumedDate: strOrNull(row, 'consumed_date'),
  };
}

export function createAuthCodeRepository(db: Database): AuthCodeRepository {
  const insertStmt = db.prepare(`
    INSERT INTO auth_codes (id, user_id, purpose, code_hash, device_identifier, data, creation_date, expiration_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const findStmt = db.prepare(`
    SELECT * FROM auth_codes WHERE user_id = ? AND purpose = ? AND code_hash = ?
      AND consumed_date IS NULL AND expiration_date > ? ORDER BY creation_date DESC LIMIT 1`);
  const consumeStmt = db.prepare('UPDATE auth_codes SET consumed_date = ? WHERE id = ? AND consumed_date IS NULL');
  const invalidateStmt = db.prepare(
    'UPDATE auth_codes SET consumed_date = ? WHERE user_id = ? AND purpose = ? AND consumed_date IS NULL',
  );
  return {
    insert(record) {
      insertStmt.run(
        record.id,
        record.userId,
        record.purpose,
        record.codeHash,
        record.deviceIdentifier,
        record.data,
        record.creationDate,
        record.expirationDate,
      );
    },
    findActive(userId, purpose, codeHash, now) {
      const row = asRow(findStmt.get(userId, purpose, codeHash, now));
      return row === undefined ? undefined : toRecord(row);
    },
    consume(id, date) {
      return changed(consumeStmt.run(date, id)) === 1;
    },
    invalidate(userId, purpose, date) {
      invalidateStmt.run(date, userId, purpose);
    },
  };
}
