/**
 * The debug audit's harvest (test/helpers/audit.ts): what a CLI run printed or wrote on purpose, and
 * the fields of an imported file, reach the ledger the scanner (scripts/audit-secrets.js) looks for.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHarvestRun, type LedgerEntry } from '../../helpers/audit.js';

let dir: string;
let saved: string | undefined;

function ledger(): LedgerEntry[] {
  try {
    return readFileSync(join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LedgerEntry);
  } catch {
    return [];
  }
}
const values = (kind: string) => ledger().filter((e) => e.kind === kind).map((e) => e.value);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bwmsp-audit-harvest-'));
  saved = process.env.BWMSP_TEST_AUDIT_DIR;
  process.env.BWMSP_TEST_AUDIT_DIR = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.BWMSP_TEST_AUDIT_DIR;
  else process.env.BWMSP_TEST_AUDIT_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('audit harvest', () => {
  it('records the bare billing sync token printed by `billing-sync token`, with the run that printed it', () => {
    auditHarvestRun('1-1', ['billing-sync', 'token', '--org', 'x'], 0, 'AbCdEfGhIjKlMnOpQrStUvWxYz0123\n');
    expect(ledger()).toEqual([{ kind: 'secret', label: 'billing-sync token stdout', value: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123', origin: '1-1' }]);
  });

  it('records the installation key of `sandbox installation --json`, but no `key` of other commands', () => {
    auditHarvestRun('1-1', ['sandbox', 'installation', '--json'], 0, '{"id":"6f1c","key":"k3yK3yk3yK3yk3yK3yk3"}');
    auditHarvestRun('1-2', ['org', 'view', '--json'], 0, '{"id":"1","key":"not-a-printed-secret"}');
    expect(values('secret')).toEqual(['k3yK3yk3yK3yk3yK3yk3']);
  });

  it('records the license key and token of the file `license download -o` wrote', () => {
    const file = join(dir, 'license.json');
    writeFileSync(file, JSON.stringify({ id: 'o', licenseKey: 'LK-0123456789', token: 'eyJh.eyJi.c2ln', seats: 5 }));
    auditHarvestRun('1-1', ['license', 'download', '--org', 'o', '-o', file, '--force'], 0, '');
    expect(values('secret').sort()).toEqual(['LK-0123456789', 'eyJh.eyJi.c2ln']);
  });

  it('records the fields of an imported file as plaintext, and its passwords and TOTP seeds as secrets too', () => {
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'url,username,password,totp,extra,name,grouping,fav\nhttps://portal.example,bob@contoso.example,S3cret-pass,JBSWY3DPEHPK3PXP,Notes here,Portal login,IT\\Servers,0\nhttps://x.example,,,,,Contoso,IT\\Servers,0\n');
    auditHarvestRun('1-1', ['client', 'import', file, '--from', 'lastpass-csv', '--client', 'Contoso'], 0, '{}');
    const plaintext = values('plaintext');
    expect(plaintext).toEqual(expect.arrayContaining(['Portal login', 'Notes here', 'IT/Servers', 'S3cret-pass', 'https://portal.example']));
    // an e-mail-shaped username may be an account's e-mail, the client's name its organization's
    // name: values the server keeps in the clear
    expect(plaintext).not.toContain('bob@contoso.example');
    expect(plaintext).not.toContain('Contoso');
    expect(values('secret').sort()).toEqual(['JBSWY3DPEHPK3PXP', 'S3cret-pass']);
  });

  it('records nothing for an import file that does not parse (nothing was sent)', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'not,a,lastpass,file\n');
    auditHarvestRun('1-1', ['client', 'import', file, '--from', 'lastpass-csv'], 2, '');
    expect(ledger()).toEqual([]);
  });
});
