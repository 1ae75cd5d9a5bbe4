import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../src/sandbox/db/open.js';
import { MIGRATIONS } from '../../../src/sandbox/db/migrations/index.js';
import { openStore } from '../../../src/sandbox/store.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bwmsp-db-'));
  dirs.push(dir);
  return join(dir, 'sandbox.db');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sandbox database', () => {
  it('applies every migration once, in order, and records the schema version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    const rows = db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
    again.close();
  });

  it('runs in WAL mode with foreign keys enforced', () => {
    const db = openDatabase(tempFile());
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect(() =>
      db
        .prepare(
          "INSERT INTO devices (id, user_id, identifier, type, name, creation_date, revision_date) VALUES ('d', 'no-such-user', 'x', 25, 'linux', 'now', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('creates the tables the provider and organization routes need', () => {
    const db = openDatabase(tempFile());
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'devices',
        'organizations',
        'organization_users',
        'organization_api_keys',
        'providers',
        'provider_users',
        'provider_organizations',
        'collections',
        'collection_users',
        'collection_groups',
        'groups',
        'group_users',
        'policies',
        'events',
        'mail_outbox',
        'refresh_tokens',
        'auth_codes',
        'login_failures',
        'server_settings',
      ]),
    );
    db.close();
  });

  it('refuses a database written by a newer schema', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'now')").run();
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer/);
  });

  it('rolls back a failing migration and leaves the version unchanged', () => {
    const file = tempFile();
    const broken = [...MIGRATIONS, { version: 99, name: '099-broken', sql: 'CREATE TABLE t (x); SELECT * FROM nope;' }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    db.close();
  });

  it('keeps the store file private to its owner', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-db-'));
    dirs.push(dir);
    const store = openStore({ dataDir: dir });
    const { statSync } = await import('node:fs');
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    store.close();
  });
});
