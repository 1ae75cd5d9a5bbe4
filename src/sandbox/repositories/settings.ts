/** Server-wide settings and secrets (`server_settings`). */
import type { Database } from '../db/sqlite.js';
import { asRow, str } from './rows.js';

export interface SettingsRepository {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Returns the stored value, storing `create()` first when the key is absent. */
  getOrCreate(key: string, create: () => string): string;
}

export function createSettingsRepository(db: Database): SettingsRepository {
  const select = db.prepare('SELECT value FROM server_settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO server_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const insertIfAbsent = db.prepare('INSERT OR IGNORE INTO server_settings (key, value) VALUES (?, ?)');
  function get(key: string): string | undefined {
    const row = asRow(select.get(key));
    return row === undefined ? undefined : str(row, 'value');
  }
  return {
    get,
    set(key, value) {
      upsert.run(key, value);
    },
    getOrCreate(key, create) {
      const existing = get(key);
      if (existing !== undefined) return existing;
      insertIfAbsent.run(key, create());
      const stored = get(key);
      if (stored === undefined) throw new Error(`setting ${key} could not be stored`);
      return stored;
    },
  };
}
