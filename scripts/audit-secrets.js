#!/usr/bin/env node
// Secret-hygiene and zero-knowledge scan of an e2e "debug audit" run (test/helpers/audit.ts):
//   node scripts/audit-secrets.js <audit dir>
// Reads ledger.jsonl and looks for every recorded value — raw, URL-encoded, base64, base64url,
// JSON-escaped (key material also as hex) — in:
//   - every kept run's stderr (the --debug trace) and stdout (except the run that printed it on purpose),
//   - every file under the config dirs the tests made (and checks session files 0600, their folder 0700),
//   - for key material, master password hashes and plaintext Bitwarden encrypts: every sandbox database,
//     whose collection names and wrapped keys must all be EncStrings.
// Also flags token-shaped values (JWTs, signed tokens, EncStrings) left in any --debug line.
// Prints each finding with where it was found and exits 1 if there is any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

/**
 * Commands whose stdout shows secrets on purpose, in any format (a table too): the sandbox outbox
 * with its invitation tokens, the seeded accounts, a new installation's key, an API key or billing
 * sync token the user asked to see, a session key. Only stdout: their stderr (--debug) is scanned.
 */
const SHOWS_SECRETS = [/^sandbox (mail|seed|installation)\b/, /^org api-key (view|rotate)\b/, /^client scim (view|rotate|enable)\b/, /^billing-sync token\b/, /^(login|unlock)\b/];

/** Values shorter than this are too likely to occur by chance. */
const MIN_LENGTH = { secret: 8, key: 16, mph: 16, plaintext: 6 };

function readLedger(dir) {
  const file = join(dir, 'ledger.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .filter((entry) => !/^\*+$/.test(entry.value) && entry.value !== '[REDACTED]');
}

/** One entry per kind and value (imports and re-runs record the same values again), for the scans. */
function distinct(entries) {
  const seen = new Map();
  for (const e of entries) if (!seen.has(`${e.kind}\0${e.value}`)) seen.set(`${e.kind}\0${e.value}`, e);
  return [...seen.values()];
}

/** The forms a value may take in a trace, a file or a database. */
export function encodings(entry) {
  const raw = entry.value;
  const forms = new Set([raw, encodeURIComponent(raw), JSON.stringify(raw).slice(1, -1)]);
  forms.add(Buffer.from(raw, 'utf8').toString('base64').replace(/=+$/, ''));
  forms.add(Buffer.from(raw, 'utf8').toString('base64url'));
  if (entry.kind === 'key' && /^[A-Za-z0-9+/]+={0,2}$/.test(raw)) {
    const bytes = Buffer.from(raw, 'base64');
    forms.add(bytes.toString('hex'));
    forms.add(bytes.toString('base64url'));
    forms.add(raw.replace(/=+$/, ''));
  }
  return [...forms].filter((form) => form.length >= (MIN_LENGTH[entry.kind] ?? 8));
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, out);
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

/**
 * A plaintext name as a whole value, not the start of a longer one: "Finance" is not found in a
 * stored group name "Finance Team" (a value followed by a letter or a space continues).
 */
function containsWhole(text, form) {
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
    const next = text[at + form.length];
    if (next === undefined || !/[\p{L} ]/u.test(next)) return true;
  }
  return false;
}

function findIn(text, entries, where, findings, allowed = () => false) {
  for (const entry of entries) {
    if (allowed(entry)) continue;
    for (const form of encodings(entry)) {
      if (entry.kind === 'plaintext' ? containsWhole(text, form) : text.includes(form)) {
        findings.push(`${entry.kind} "${entry.label}" found in ${where}${form === entry.value ? '' : ' (encoded)'}`);
        break;
      }
    }
  }
}

function modeOf(path) {
  return statSync(path).mode & 0o777;
}

const octal = (mode) => `0${mode.toString(8)}`;

/** Token-shaped values a --debug trace must never show, recorded or not: JWTs / signed tokens, EncStrings. */
const TOKEN_SHAPES = [
  ['a JWT or signed token', /eyJ[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{8,}/],
  ['an EncString', /(?<![A-Za-z0-9+/=|.])[0-7]\.[A-Za-z0-9+/]{16,}={0,2}\|[A-Za-z0-9+/]{16,}/],
];

function findTokenShapes(text, where, findings) {
  for (const line of text.split('\n')) {
    if (!line.startsWith('[debug]')) continue;
    for (const [what, pattern] of TOKEN_SHAPES) {
      if (pattern.test(line)) findings.push(`unredacted ${what} in a --debug line of ${where}: ${line.slice(0, 120)}`);
    }
  }
}

/** Columns that must hold EncStrings (or null) on a zero-knowledge server: names and wrapped keys. */
const ENCRYPTED_COLUMNS = [
  ['collections', 'name'],
  ['organization_users', 'key'],
  ['organization_users', 'reset_password_key'],
  ['provider_users', 'key'],
  ['provider_organizations', 'key'],
  ['organizations', 'private_key'],
  ['users', 'key'],
  ['users', 'private_key'],
];
const ENC_STRING = /^[0-7]\.[A-Za-z0-9+/=|]+$/;

/** Every value of the encrypted columns is an EncString: nothing Bitwarden encrypts was stored in the clear. */
function checkEncryptedColumns(file, findings) {
  let db;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
    for (const [table, column] of ENCRYPTED_COLUMNS) {
      if (!tables.has(table)) continue;
      const columns = new Set(db.prepare(`PRAGMA table_info(${table})`).all().map((r) => r.name));
      if (!columns.has(column)) continue;
      for (const row of db.prepare(`SELECT rowid AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`).all()) {
        if (typeof row.value !== 'string' || !ENC_STRING.test(row.value)) findings.push(`${table}.${column} (row ${row.id}) in ${file} is not an EncString`);
      }
    }
  } catch (error) {
    if (!/not a database|file is encrypted/i.test(String(error))) findings.push(`cannot read sandbox database ${file}: ${error}`);
  } finally {
    db?.close();
  }
}

/** Scans one audit dir; returns the findings (empty = clean). */
export function scanAudit(dir) {
  const findings = [];
  const ledger = readLedger(dir);
  const outputSecrets = distinct(ledger.filter((e) => e.kind !== 'plaintext'));
  const databaseSecrets = distinct(ledger.filter((e) => e.kind !== 'secret'));
  // A value a run printed on purpose may be in that run's stdout (each printing run is recorded).
  const printedBy = new Map();
  for (const e of ledger) {
    if (e.origin === undefined) continue;
    if (!printedBy.has(e.value)) printedBy.set(e.value, new Set());
    printedBy.get(e.value).add(e.origin);
  }

  const output = join(dir, 'output');
  for (const file of existsSync(output) ? readdirSync(output) : []) {
    const match = /^(.+)\.(stdout|stderr)$/.exec(file);
    if (match === null) continue;
    const [, run, stream] = match;
    const cmdFile = join(output, `${run}.cmd`);
    const command = existsSync(cmdFile) ? readFileSync(cmdFile, 'utf8').trim() : '?';
    const text = readFileSync(join(output, file), 'utf8');
    const where = `${stream} of run ${run} (bwmsp ${command})`;
    const showsSecrets = stream === 'stdout' && SHOWS_SECRETS.some((pattern) => pattern.test(command));
    findIn(text, outputSecrets, where, findings, (e) => showsSecrets || (stream === 'stdout' && (printedBy.get(e.value)?.has(run) ?? false)));
    if (stream === 'stderr') findTokenShapes(text, where, findings);
  }

  const configList = join(dir, 'config-dirs.txt');
  const configDirs = existsSync(configList) ? readFileSync(configList, 'utf8').split('\n').filter(Boolean) : [];
  for (const configDir of new Set(configDirs)) {
    if (!existsSync(configDir)) continue;
    const sessions = join(configDir, 'sessions');
    if (existsSync(sessions) && modeOf(sessions) !== 0o700) findings.push(`session folder ${sessions} has mode ${octal(modeOf(sessions))}, expected 0700`);
    for (const file of walk(configDir)) {
      const mode = modeOf(file);
      if (relative(configDir, file).startsWith('sessions') && mode !== 0o600) findings.push(`session file ${file} has mode ${octal(mode)}, expected 0600`);
      findIn(readFileSync(file, 'latin1'), outputSecrets, `file ${file}`, findings);
    }
  }

  for (const file of walk(join(dir, 'databases'))) {
    findIn(readFileSync(file, 'latin1'), databaseSecrets, `sandbox database ${file}`, findings);
    if (file.endsWith('.db')) checkEncryptedColumns(file, findings);
  }
  return findings;
}

/** How much was scanned, for the summary line. */
export function auditSummary(dir) {
  const ledger = readLedger(dir);
  const runs = existsSync(join(dir, 'output')) ? readdirSync(join(dir, 'output')).filter((f) => f.endsWith('.stderr')).length : 0;
  const configs = existsSync(join(dir, 'config-dirs.txt')) ? new Set(readFileSync(join(dir, 'config-dirs.txt'), 'utf8').split('\n').filter(Boolean)).size : 0;
  const databases = walk(join(dir, 'databases')).length;
  return { values: ledger.length, runs, configs, databases };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node scripts/audit-secrets.js <audit dir>');
    process.exit(2);
  }
  const findings = scanAudit(dir);
  const s = auditSummary(dir);
  for (const finding of findings) console.error(`LEAK: ${finding}`);
  console.log(`secret audit: ${s.values} recorded values, ${s.runs} CLI runs, ${s.configs} config dirs, ${s.databases} database files; ${findings.length} findings`);
  process.exit(findings.length === 0 ? 0 : 1);
}
