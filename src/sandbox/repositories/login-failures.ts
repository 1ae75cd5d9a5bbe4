/** Failed-login counters for throttling (`login_failures`), keyed by e-mail + client address. */
import type { Database } from '../db/sqlite.js';
import { asRow, int, str, strOrNull } from './rows.js';

export interface LoginFailureRecord {
  throttleKey: string;
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

export interface LoginFailureRepository {
  get(throttleKey: string): LoginFailureRecord | undefined;
  put(record: LoginFailureRecord): void;
  clear(throttleKey: string): void;
}

export function createLoginFailureRepository(db: Database): LoginFailureRepository {
  const getStmt = db.prepare('SELECT * FROM login_failures WHERE throttle_key = ?');
  const putStmt = db.prepare(`
    INSERT INTO login_failures (throttle_key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
    ON CONFLICT(throttle_key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
      locked_until = excluded.locked_until`);
  const clearStmt = db.prepare('DELETE FROM login_failures WHERE throttle_key = ?');
  return {
    get(throttleKey) {
      const row = asRow(getStmt.get(throttleKey));
      if (row === undefined) return undefined;
      return {
        throttleKey: str(row, 'throttle_key'),
        failures: int(row, 'failures'),
        windowStart: str(row, 'window_start'),
        lockedUntil: strOrNull(row, 'locked_until'),
      };
    },
    put(record) {
      putStmt.run(record.throttleKey, record.failures, record.windowStart, record.lockedUntil);
    },
    clear(throttleKey) {
      clearStmt.run(throttleKey);
    },
  };
}
