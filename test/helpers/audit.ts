/**
 * The e2e "debug audit" mode (secret hygiene, zero knowledge). With `BWMSP_TEST_AUDIT_DIR` set:
 * - test/helpers/cli.ts adds `--debug` to every bwmsp run and keeps its stdout / stderr here;
 * - helpers record every secret they make or use in `ledger.jsonl` (and values a CLI prints on
 *   purpose — a session key, an API key it was asked to show — with the run that printed them);
 * - config dirs are listed in `config-dirs.txt`, and sandbox databases are copied before deletion.
 * `scripts/audit-secrets.js` then scans all of it. Without the variable every function is a no-op.
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_FORMATS, parseImport, type ImportFormat, type ImportItem } from '../../src/domain/importers/index.js';

/**
 * secret: must appear in no captured stderr, no config file and no stdout except of the run that
 *   printed it on purpose (`origin`). key / mph (key material, master password hashes): the same,
 *   and never in a sandbox database either. plaintext: something Bitwarden encrypts (collection
 *   names, item fields): never in a sandbox database.
 */
export type AuditKind = 'secret' | 'key' | 'mph' | 'plaintext';

export interface LedgerEntry {
  kind: AuditKind;
  label: string;
  value: string;
  /** The run (`<pid>-<n>`) whose stdout printed the value on purpose. */
  origin?: string;
}

export function auditDir(): string | null {
  const dir = process.env.BWMSP_TEST_AUDIT_DIR;
  return dir === undefined || dir === '' ? null : dir;
}

function ensure(sub = ''): string | null {
  const dir = auditDir();
  if (dir === null) return null;
  const path = join(dir, sub);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Records a value the scanner must not find (no-op outside the audit mode, or for empty values). */
export function auditRecord(kind: AuditKind, label: string, value: string | null | undefined, origin?: string): void {
  const dir = ensure();
  if (dir === null || value === null || value === undefined || value === '') return;
  const entry: LedgerEntry = { kind, label, value, ...(origin !== undefined ? { origin } : {}) };
  appendFileSync(join(dir, 'ledger.jsonl'), `${JSON.stringify(entry)}\n`);
}

let runs = 0;

/** Keeps one CLI run's output; returns its id (`<pid>-<n>`), or null outside the audit mode. */
export function auditKeepRun(command: string[], stdout: string, stderr: string): string | null {
  const dir = ensure('output');
  if (dir === null) return null;
  runs += 1;
  const id = `${process.pid}-${runs}`;
  // Only the command words (up to the first flag): flag values may be secrets under test.
  const words = [];
  for (const arg of command) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  writeFileSync(join(dir, `${id}.cmd`), `${words.join(' ')}\n`);
  writeFileSync(join(dir, `${id}.stdout`), stdout);
  writeFileSync(join(dir, `${id}.stderr`), stderr);
  return id;
}

export function auditKeepConfigDir(path: string): void {
  const dir = ensure();
  if (dir !== null) appendFileSync(join(dir, 'config-dirs.txt'), `${path}\n`);
}

let databases = 0;

/** Copies a sandbox data dir's database files before the dir is deleted. */
export function auditKeepDatabase(dataDir: string): void {
  const dir = ensure('databases');
  if (dir === null || !existsSync(dataDir)) return;
  databases += 1;
  for (const name of readdirSync(dataDir)) {
    if (/\.(db|sqlite)(-wal)?$/.test(name)) copyFileSync(join(dataDir, name), join(dir, `${process.pid}-${databases}-${name}`));
  }
}

/** Keys under which a CLI's JSON output carries a secret it shows on purpose. */
const PRINTED_SECRET_KEYS = new Set(['password', 'clientsecret', 'apikey', 'token', 'sessionkey', 'accesstoken', 'refreshtoken', 'secret', 'billingsynckey', 'licensekey']);

/** A placeholder shown instead of a secret (`********`, `[REDACTED]`), not a secret itself. */
function isMask(value: string): boolean {
  return /^\*+$/.test(value) || value === '[REDACTED]';
}

function harvest(value: unknown, origin: string, path: string, keys: ReadonlySet<string> = PRINTED_SECRET_KEYS): void {
  if (Array.isArray(value)) value.forEach((item, i) => harvest(item, origin, `${path}[${i}]`, keys));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' && keys.has(key.toLowerCase()) && !isMask(inner)) auditRecord('secret', `${path}.${key}`, inner, origin);
      else harvest(inner, origin, `${path}.${key}`, keys);
    }
  }
}

/**
 * Commands that print a secret under a key too common to harvest everywhere (`key`): the
 * installation key of `sandbox installation`.
 */
function commandSecretKeys(command: string[]): ReadonlySet<string> {
  if (command[0] === 'sandbox' && command[1] === 'installation') return new Set([...PRINTED_SECRET_KEYS, 'key']);
  return PRINTED_SECRET_KEYS;
}

/** Commands whose whole stdout (without --json) is one secret: a session key, a billing sync token. */
function printsBareSecret(command: string[]): boolean {
  return command[0] === 'login' || command[0] === 'unlock' || (command[0] === 'billing-sync' && command[1] === 'token');
}

/** Collection names (which Bitwarden encrypts) given on the command line. */
function harvestPlaintextFlags(command: string[]): void {
  const flag = (name: string): string | undefined => {
    const at = command.indexOf(name);
    return at >= 0 ? command[at + 1] : undefined;
  };
  if (command[0] === 'collection') {
    auditRecord('plaintext', 'collection --name', flag('--name'));
    if (command[1] === 'create' && command[2] !== undefined && !command[2].startsWith('-')) auditRecord('plaintext', 'collection create NAME', command[2]);
  }
  if ((command[0] === 'client' || command[0] === 'org') && command[1] === 'create') auditRecord('plaintext', `${command[0]} create --collection`, flag('--collection'));
  if (command[0] === 'client' && command[1] === 'import') {
    auditRecord('plaintext', 'client import --collection', flag('--collection'));
    harvestImportFile(command[2], flag('--from') ?? flag('--format'), flag('--client'));
  }
}

/** Items recorded per import file: enough to catch a leak, few enough to keep the scan fast (bulk files have 1000). */
const IMPORT_ITEMS_RECORDED = 25;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Fields of the items an import file holds (what `client import` encrypts): each one plaintext that
 * no sandbox database may hold; passwords, TOTP seeds, card numbers / codes, SSNs and hidden custom
 * fields are secrets for the outputs too. Left out: e-mail-shaped values (a username that is also an
 * account's e-mail is stored in the clear as that e-mail) and the client's name (a cardholder
 * "Contoso Ltd" is also the organization name, which Bitwarden keeps in the clear).
 */
function harvestImportFile(file: string | undefined, format: string | undefined, client: string | undefined): void {
  if (file === undefined || file.startsWith('-') || !IMPORT_FORMATS.includes(format as ImportFormat) || !existsSync(file)) return;
  let items: ImportItem[];
  try {
    items = parseImport(format as ImportFormat, { file, text: readFileSync(file, 'utf8') }).items;
  } catch {
    return; // a bad file: nothing was sent
  }
  for (const item of items.slice(0, IMPORT_ITEMS_RECORDED)) {
    const label = `imported item "${item.name}"`;
    const plain = (what: string, value: string | null | undefined) => {
      if (value !== null && value !== undefined && !EMAIL.test(value) && value !== client) auditRecord('plaintext', `${label} ${what}`, value);
    };
    const secret = (what: string, value: string | null | undefined) => {
      plain(what, value);
      auditRecord('secret', `${label} ${what}`, value);
    };
    plain('name', item.name);
    plain('notes', item.notes);
    item.collections.forEach((name) => plain('collection', name));
    plain('username', item.login?.username);
    secret('password', item.login?.password);
    secret('totp', item.login?.totp);
    item.login?.uris.forEach((uri) => plain('uri', uri));
    // A cardholder or an identity's company is often named like an organization of another test (kept in the clear).
    for (const [key, value] of Object.entries(item.card ?? {})) if (key !== 'cardholderName') (key === 'number' || key === 'code' ? secret : plain)(`card ${key}`, value);
    for (const [key, value] of Object.entries(item.identity ?? {})) if (key !== 'company') (key === 'ssn' || key === 'passportNumber' ? secret : plain)(`identity ${key}`, value);
    for (const field of item.fields) {
      plain(`field name`, field.name);
      (field.type === 1 ? secret : plain)(`field ${field.name}`, field.value);
    }
  }
}

/** Secrets in a license file `license download -o FILE` wrote: its license key and token. */
function harvestLicenseFile(id: string, command: string[]): void {
  const at = Math.max(command.indexOf('-o'), command.indexOf('--output'));
  const file = at >= 0 ? command[at + 1] : undefined;
  if (file === undefined || !existsSync(file)) return;
  try {
    harvest(JSON.parse(readFileSync(file, 'utf8')), id, `license file ${file}`);
  } catch {
    // not JSON: nothing to record
  }
}

/** Records what a successful run printed on purpose (JSON secrets, a session key from login/unlock). */
export function auditHarvestRun(id: string | null, command: string[], exitCode: number, stdout: string): void {
  if (id === null) return;
  harvestPlaintextFlags(command);
  if (exitCode !== 0) return;
  if (command[0] === 'license' && command[1] === 'download') harvestLicenseFile(id, command);
  const text = stdout.trim();
  if (printsBareSecret(command) && !command.includes('--json') && /^\S{16,}$/.test(text)) {
    auditRecord('secret', `${command.slice(0, 2).join(' ')} stdout`, text, id);
    return;
  }
  if (!text.startsWith('{') && !text.startsWith('[')) return;
  try {
    harvest(JSON.parse(text), id, command[0] ?? '', commandSecretKeys(command));
  } catch {
    // not JSON after all
  }
}

/** `[debug] …` lines, which the audit mode adds to stderr, removed again for the test's assertions. */
export function withoutDebugLines(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('[debug] '))
    .join('\n');
}
