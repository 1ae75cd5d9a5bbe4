/** The secret / zero-knowledge scanner of the e2e debug audit (scripts/audit-secrets.js) catches planted leaks. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JS script without type declarations
import { scanAudit } from '../../../scripts/audit-secrets.js';

const scan = scanAudit as (dir: string) => string[];
const SECRET = 'correct-horse-battery-staple-42';
const KEY = Buffer.alloc(64, 7).toString('base64');

let dir: string;
let configDir: string;

function ledger(...entries: object[]): void {
  writeFileSync(join(dir, 'ledger.jsonl'), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
}
function run(id: string, stdout: string, stderr: string): void {
  mkdirSync(join(dir, 'output'), { recursive: true });
  writeFileSync(join(dir, 'output', `${id}.cmd`), 'member list\n');
  writeFileSync(join(dir, 'output', `${id}.stdout`), stdout);
  writeFileSync(join(dir, 'output', `${id}.stderr`), stderr);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bwmsp-audit-unit-'));
  configDir = mkdtempSync(join(tmpdir(), 'bwmsp-audit-cfg-'));
  mkdirSync(join(configDir, 'sessions'), { mode: 0o700 });
  chmodSync(join(configDir, 'sessions'), 0o700);
  writeFileSync(join(configDir, 'sessions', 'lab.json'), '{"accessToken":"x"}', { mode: 0o600 });
  writeFileSync(join(dir, 'config-dirs.txt'), `${configDir}\n`);
  ledger({ kind: 'secret', label: 'password', value: SECRET }, { kind: 'key', label: 'org key', value: KEY });
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
});

describe('audit-secrets scanner', () => {
  it('finds nothing in clean output, files and databases', () => {
    run('1-1', '{"ok":true}', '[debug] → GET https://x/api/sync\n[debug]   headers {"Authorization":"Bearer [REDACTED]"}\n');
    expect(scan(dir)).toEqual([]);
  });

  it('catches a secret in a debug trace, raw or base64 / URL-encoded', () => {
    run('1-1', '', `[debug] → POST https://x {"password":"${SECRET}"}\n`);
    run('1-2', '', `[debug] ${Buffer.from(SECRET).toString('base64')}\n`);
    run('1-3', '', `[debug] → GET https://x?q=${encodeURIComponent(`${SECRET} `)}\n`);
    const findings = scan(dir);
    expect(findings.filter((f) => f.includes('"password"'))).toHaveLength(3);
    expect(findings.join('\n')).toContain('stderr of run 1-2 (bwmsp member list) (encoded)');
  });

  it('allows a value only in the stdout of the run that printed it on purpose', () => {
    ledger({ kind: 'secret', label: 'api key', value: SECRET, origin: '1-1' });
    run('1-1', `{"clientSecret":"${SECRET}"}`, '');
    expect(scan(dir)).toEqual([]);
    run('1-2', `{"clientSecret":"${SECRET}"}`, '');
    expect(scan(dir)).toEqual(['secret "api key" found in stdout of run 1-2 (bwmsp member list)']);
  });

  it('allows secrets in the stdout of commands that show them on purpose, never in their stderr', () => {
    mkdirSync(join(dir, 'output'), { recursive: true });
    writeFileSync(join(dir, 'output', '2-1.cmd'), 'sandbox mail\n');
    writeFileSync(join(dir, 'output', '2-1.stdout'), `invite\t${SECRET}\n`);
    writeFileSync(join(dir, 'output', '2-1.stderr'), '');
    expect(scan(dir)).toEqual([]);
    writeFileSync(join(dir, 'output', '2-1.stderr'), `[debug] token ${SECRET}\n`);
    expect(scan(dir)).toEqual(['secret "password" found in stderr of run 2-1 (bwmsp sandbox mail)']);
  });

  it.each(['sandbox installation', 'billing-sync token', 'org api-key view 6f1c'])('exempts the stdout of `%s`, never its --debug stderr', (command) => {
    mkdirSync(join(dir, 'output'), { recursive: true });
    writeFileSync(join(dir, 'output', '3-1.cmd'), `${command}\n`);
    writeFileSync(join(dir, 'output', '3-1.stdout'), `${SECRET}\n`);
    writeFileSync(join(dir, 'output', '3-1.stderr'), `[debug] → POST https://x {"client_secret":"${SECRET}"}\n`);
    expect(scan(dir)).toEqual([`secret "password" found in stderr of run 3-1 (bwmsp ${command})`]);
  });

  it('does not exempt the stdout of other commands of the same noun', () => {
    mkdirSync(join(dir, 'output'), { recursive: true });
    writeFileSync(join(dir, 'output', '3-1.cmd'), 'billing-sync configure\n');
    writeFileSync(join(dir, 'output', '3-1.stdout'), `{"token":"${SECRET}"}\n`);
    writeFileSync(join(dir, 'output', '3-1.stderr'), '');
    expect(scan(dir)).toEqual(['secret "password" found in stdout of run 3-1 (bwmsp billing-sync configure)']);
  });

  it('catches key material in a config file, hex-encoded too, and loose session modes', () => {
    writeFileSync(join(configDir, 'config.json'), Buffer.from(KEY, 'base64').toString('hex'));
    chmodSync(join(configDir, 'sessions', 'lab.json'), 0o644);
    chmodSync(join(configDir, 'sessions'), 0o755);
    const findings = scan(dir).join('\n');
    expect(findings).toContain('key "org key" found in file');
    expect(findings).toContain('has mode 0644, expected 0600');
    expect(findings).toContain('has mode 0755, expected 0700');
  });

  it('catches plaintext Bitwarden encrypts in a sandbox database, and not secrets the server keeps by design', () => {
    ledger({ kind: 'plaintext', label: 'collection name', value: 'Finance Vault' }, { kind: 'secret', label: 'api key', value: SECRET });
    mkdirSync(join(dir, 'databases'));
    writeFileSync(join(dir, 'databases', '1-1-sandbox.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.from(`Finance Vault Team|Finance Vault2026 ${SECRET}`)]));
    expect(scan(dir)).toEqual([expect.stringContaining('plaintext "collection name" found in sandbox database')]);
  });

  it('finds a collection name stored in the clear in a real sandbox database', () => {
    mkdirSync(join(dir, 'databases'));
    const db = new DatabaseSync(join(dir, 'databases', '1-1-sandbox.db'));
    db.exec("CREATE TABLE collections (id TEXT, name TEXT); INSERT INTO collections VALUES ('a', '2.aGVsbG8=|d29ybGQ=|bWFj'), ('b', 'Payroll');");
    db.close();
    expect(scan(dir)).toEqual([expect.stringMatching(/^collections\.name \(row 2\) in .* is not an EncString$/)]);
  });

  it('flags a token-shaped value left in a debug line even when nobody recorded it', () => {
    run('1-1', '', '[debug] ← 200 (2 ms) "eyJwIjoicmVnaXN0ZXItdmVyaWZ5LWVtYWlsIn0.bCYoWPmRkKaDoupE0iaPkYCD"\n');
    expect(scan(dir)).toEqual([expect.stringContaining('unredacted a JWT or signed token')]);
  });
});
