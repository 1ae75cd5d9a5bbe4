/** The mail outbox (`mail_outbox`): every message the server would send, with its parsed token. */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, str, strOrNull, type Row } from './rows.js';

export interface MailRecord {
  id: string;
  to: string;
  subject: string;
  /** Which message this is, e.g. `register-verify-email`, `two-factor-email`, `new-device-otp`. */
  template: string;
  text: string;
  /** The token or code the message carries (what a user would copy from it), if any. */
  token: string | null;
  /** Extra template values (JSON object of strings). */
  data: Record<string, string>;
  creationDate: string;
  sentDate: string | null;
  sendError: string | null;
}

export interface MailRepository {
  insert(record: Omit<MailRecord, 'sentDate' | 'sendError'>): MailRecord;
  findById(id: string): MailRecord | undefined;
  /** Oldest first; `to` matches the normalised address. */
  list(filter?: { to?: string }): MailRecord[];
  markSent(id: string, date: string): void;
  markFailed(id: string, error: string): void;
}

function toMail(row: Row): MailRecord {
  const data = strOrNull(row, 'data');
  return {
    id: str(row, 'id'),
    to: str(row, 'to_address'),
    subject: str(row, 'subject'),
    template: str(row, 'template'),
    text: str(row, 'body_text'),
    token: strOrNull(row, 'token'),
    data: data === null ? {} : (JSON.parse(data) as Record<string, string>),
    creationDate: str(row, 'creation_date'),
    sentDate: strOrNull(row, 'sent_date'),
    sendError: strOrNull(row, 'send_error'),
  };
}

export function createMailRepository(db: Database): MailRepository {
  const insertStmt = db.prepare(`
    INSERT INTO mail_outbox (id, to_address, subject, template, body_text, token, data, creation_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM mail_outbox WHERE id = ?');
  const listAll = db.prepare('SELECT * FROM mail_outbox ORDER BY creation_date, rowid');
  const listTo = db.prepare('SELECT * FROM mail_outbox WHERE to_address = ? ORDER BY creation_date, rowid');
  const sentStmt = db.prepare('UPDATE mail_outbox SET sent_date = ?, send_error = NULL WHERE id = ?');
  const failedStmt = db.prepare('UPDATE mail_outbox SET send_error = ? WHERE id = ?');

  function findById(id: string): MailRecord | undefined {
    const row = asRow(byId.get(id));
    return row === undefined ? undefined : toMail(row);
  }

  return {
    insert(record) {
      insertStmt.run(
        record.id,
        record.to,
        record.subject,
        record.template,
        record.text,
        record.token,
        JSON.stringify(record.data),
        record.creationDate,
      );
      const stored = findById(record.id);
      if (stored === undefined) throw new Error('mail insert failed');
      return stored;
    },
    findById,
    list(filter = {}) {
      const rows = filter.to === undefined ? listAll.all() : listTo.all(filter.to.trim().toLowerCase());
      return asRows(rows).map(toMail);
    },
    markSent(id, date) {
      sentStmt.run(date, id);
    },
    markFailed(id, error) {
      failedStmt.run(error, id);
    },
  };
}
