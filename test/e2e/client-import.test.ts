/**
 * `bwmsp client import` against the sandbox, as a provider admin working on a client: every format,
 * collections created and reused, batches, re-runs that converge, a dry run, bad files that send
 * nothing, and a look at the database to see that no plaintext item field is stored.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { decryptString, makeClientOrgKeys } from '../../src/crypto/index.js';
import { ENC_STRING_PATTERN } from '../../src/protocol/common.js';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const fixtures = join(import.meta.dirname, '../fixtures/imports');
const fixture = (name: string) => join(fixtures, name);

let sandbox: TestSandbox;
let world: SeededWorld;
let cli: Cli;
let admin: TestAccount;
const client = ['--client', 'Contoso Ltd'];

interface Summary {
  client: string;
  dryRun: boolean;
  items: number;
  imported: number;
  skipped: number;
  failed: number;
  collectionsCreated: string[];
  collectionsReused: string[];
  batches: number;
  batchSize: number;
}

const orgId = () => world.clientOrganization.id;
const key = () => world.clientOrganization.orgKey;
const dec = (enc: string | null | undefined) => (enc ? decryptString(enc, key()) : null);

/** The client's items as plaintext: name → { username, password, collections (names) }. */
function vault() {
  const collections = new Map(sandbox.store.collections.listByOrganization(orgId()).map((c) => [c.id, dec(c.name) as string]));
  const links = sandbox.store.ciphers.collectionIdsByOrganization(orgId());
  return sandbox.store.ciphers.listByOrganization(orgId()).map((c) => {
    const data = JSON.parse(c.data) as { name: string; notes: string | null; login: { username?: string | null; password?: string | null; totp?: string | null; uris?: { uri: string }[] } | null };
    return {
      type: c.type,
      name: dec(data.name),
      notes: dec(data.notes),
      username: dec(data.login?.username),
      password: dec(data.login?.password),
      totp: dec(data.login?.totp),
      uris: (data.login?.uris ?? []).map((u) => dec(u.uri)),
      collections: (links.get(c.id) ?? []).map((id) => collections.get(id)).sort(),
    };
  });
}

const collectionNames = () => sandbox.store.collections.listByOrganization(orgId()).map((c) => dec(c.name)).sort();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = await registerAccount(sandbox, { email: 'admin@msp.example', name: 'Ada Admin' });
  world = seedProviderWorld(sandbox.store, admin, { clientOrganization: 'Contoso Ltd' });
  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();
  const it = await cli.run(['collection', 'create', 'IT', ...client]);
  expect(it.exitCode, it.stderr).toBe(0);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('client import', () => {
  it('a dry run reports the plan and sends nothing', async () => {
    const s = await cli.json<Summary>(['client', 'import', fixture('bitwarden.json'), '--from', 'bitwarden-json', '--dry-run', ...client]);
    expect(s).toMatchObject({ dryRun: true, items: 4, imported: 4, skipped: 0, collectionsCreated: ['Finance/Banking'], collectionsReused: ['IT'], batches: 1 });
    expect(vault()).toEqual([]);
    expect(collectionNames()).toEqual(['IT']);
  });

  it('imports a Bitwarden JSON export: existing collections reused, missing ones created, every field decrypts', async () => {
    const s = await cli.json<Summary>(['client', 'import', fixture('bitwarden.json'), '--from', 'bitwarden-json', ...client]);
    expect(s).toMatchObject({ dryRun: false, items: 4, imported: 4, skipped: 0, failed: 0, collectionsCreated: ['Finance/Banking'], collectionsReused: ['IT'], batches: 1 });
    expect(collectionNames()).toEqual(['Finance/Banking', 'IT']);
    const items = vault().sort((a, b) => a.type - b.type);
    expect(items.map((i) => [i.type, i.name, i.collections])).toEqual([
      [1, 'Router admin', ['IT']],
      [2, 'Wi-Fi guest network 📶', ['Finance/Banking', 'IT']],
      [3, 'Company Visa', ['Finance/Banking']],
      [4, 'Registered office', []],
    ]);
    expect(items[0]).toMatchObject({
      username: 'admin',
      password: 'p@ss, "quoted" wörd',
      totp: 'otpauth://totp/Router?secret=JBSWY3DPEHPK3PXP',
      uris: ['https://192.168.1.1', 'https://router.contoso.example/admin'],
      notes: 'Rack 2, top shelf\nCall Jörg before rebooting',
    });
  });

  it('re-running the same import converges: nothing is duplicated', async () => {
    const s = await cli.json<Summary>(['client', 'import', fixture('bitwarden.json'), '--from', 'bitwarden-json', ...client]);
    expect(s).toMatchObject({ items: 4, imported: 0, skipped: 4, collectionsCreated: [], batches: 0 });
    expect(vault()).toHaveLength(4);
  });

  it.each([
    ['bitwarden-csv', 'bitwarden.csv', 3, 'VPN gateway', ['Finance/Banking', 'IT']],
    ['lastpass-csv', 'lastpass.csv', 3, 'Contoso portal', ['Shared-IT/Servers']],
    ['1password-csv', '1password.csv', 2, 'Domain admin', ['IT/Servers']],
    ['keeper-csv', 'keeper.csv', 3, 'Firewall', ['Shared/IT']],
  ])('imports a %s export', async (format, file, count, name, collections) => {
    const before = vault().length;
    const s = await cli.json<Summary>(['client', 'import', fixture(file), '--format', format, ...client]);
    expect(s).toMatchObject({ items: count, imported: count, skipped: 0, failed: 0 });
    const items = vault();
    expect(items).toHaveLength(before + count);
    expect(items.find((i) => i.name === name)?.collections).toEqual(collections);
  });

  it('puts items without a collection into --collection, creating it', async () => {
    const csv = fixture('keeper.csv');
    // every keeper item already exists: nothing new, the default collection is not needed
    const again = await cli.json<Summary>(['client', 'import', csv, '--from', 'keeper-csv', '--collection', 'Imported', ...client]);
    expect(again).toMatchObject({ imported: 0, skipped: 3, collectionsCreated: [] });
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp(join(sandbox.dataDir, 'imp-'));
    const file = join(dir, 'unfiled.csv');
    await writeFile(file, ',Unfiled thing,u,p,https://unfiled.example,\n');
    const s = await cli.json<Summary>(['client', 'import', file, '--from', 'keeper-csv', '--collection', 'Imported', ...client]);
    expect(s).toMatchObject({ imported: 1, collectionsCreated: ['Imported'] });
    expect(vault().find((i) => i.name === 'Unfiled thing')?.collections).toEqual(['Imported']);
  });

  it('sends large files in batches of 500', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp(join(sandbox.dataDir, 'imp-'));
    const file = join(dir, 'big.csv');
    const rows = Array.from({ length: 1001 }, (_, i) => `https://host${i}.example,user${i},pw-${i},,,Host ${i},Bulk\\Batch,0`);
    await writeFile(file, ['url,username,password,totp,extra,name,grouping,fav', ...rows].join('\n'));
    const before = vault().length;
    const s = await cli.json<Summary>(['client', 'import', file, '--from', 'lastpass-csv', ...client]);
    expect(s).toMatchObject({ items: 1001, imported: 1001, batches: 3, batchSize: 500, collectionsCreated: ['Bulk/Batch'] });
    const items = vault();
    expect(items).toHaveLength(before + 1001);
    // the collection created by batch 1 is reused by batches 2 and 3, not created again
    expect(collectionNames().filter((n) => n === 'Bulk/Batch')).toHaveLength(1);
    expect(items.filter((i) => i.collections.includes('Bulk/Batch'))).toHaveLength(1001);
  });

  it.each([
    ['bitwarden-csv', 'bitwarden-bad-type.csv', "bitwarden-bad-type.csv line 3: field type: 'passkey'"],
    ['keeper-csv', 'keeper-bad.csv', 'keeper-bad.csv line 2: a Keeper CSV row has at least 6 columns'],
    ['lastpass-csv', 'lastpass-bad.csv', 'not a LastPass CSV export'],
    ['bitwarden-json', 'bitwarden-encrypted.json', 'encrypted Bitwarden export'],
  ])('a bad %s file (%s) exits 2, names the problem and changes nothing', async (format, file, message) => {
    const before = vault().length;
    const collections = collectionNames();
    const r = await cli.run(['client', 'import', fixture(file), '--from', format, ...client]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(vault()).toHaveLength(before);
    expect(collectionNames()).toEqual(collections);
  });

  it('refuses a missing file, an unknown format and an unknown client', async () => {
    const missing = await cli.run(['client', 'import', fixture('nope.csv'), '--from', 'keeper-csv', ...client]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('nope.csv: no such file');
    const format = await cli.run(['client', 'import', fixture('keeper.csv'), '--from', 'dashlane', ...client]);
    expect(format.exitCode).toBe(2);
    const unknown = await cli.run(['client', 'import', fixture('keeper.csv'), '--from', 'keeper-csv', '--client', 'Nobody Inc']);
    expect(unknown.exitCode).toBe(5);
  });

  it('a batch the server refuses is reported item by item with exit 3; earlier batches stay imported', async () => {
    // A client allowed 2 collections: batch 1 creates "A"; batch 2 names "A" and a new "B", and the
    // server counts every collection of the request against the maximum (1 existing + 2 > 2).
    const now = new Date().toISOString();
    const keys = makeClientOrgKeys(world.provider.providerKey);
    const tiny = sandbox.store.organizations.insert({
      id: randomUUID(), name: 'Tiny Co', billingEmail: 'billing@acme-msp.example', plan: 'Teams (Monthly)', planType: 17, productTierType: 2,
      seats: 5, status: 2, maxCollections: 2, useEvents: true, publicKey: keys.publicKey, privateKey: keys.encryptedPrivateKey, creationDate: now,
    });
    sandbox.store.providers.insertOrganization({ id: randomUUID(), providerId: world.provider.id, organizationId: tiny.id, key: keys.providerWrappedOrgKey, settings: null, creationDate: now });
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const file = join(await mkdtemp(join(sandbox.dataDir, 'imp-')), 'tiny.csv');
    const rows = Array.from({ length: 1000 }, (_, i) => `https://t${i}.example,u${i},p${i},,,Item ${i},${i < 750 ? 'A' : 'B'},0`);
    await writeFile(file, ['url,username,password,totp,extra,name,grouping,fav', ...rows].join('\n'));
    const r = await cli.run(['client', 'import', file, '--from', 'lastpass-csv', '--client', 'Tiny Co', '--json']);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ items: 1000, imported: 500, failed: 500, batches: 2 });
    expect(r.stderr).toContain('500 of 1000 items could not be imported into Tiny Co');
    expect(r.stderr).toContain('This organization can only have a maximum of 2 collections.');
    expect(sandbox.store.ciphers.countByOrganization(tiny.id)).toBe(500);
  });

  it('stores no plaintext: every string in a stored item is an EncString', () => {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') Object.entries(v).forEach(([k, inner]) => (k === 'lastUsedDate' ? undefined : walk(inner)));
    };
    const rows = sandbox.store.ciphers.listByOrganization(orgId());
    expect(rows.length).toBeGreaterThan(1000);
    for (const row of rows) walk(JSON.parse(row.data));
    expect(strings.length).toBeGreaterThan(3000);
    for (const s of strings) expect(s).toMatch(ENC_STRING_PATTERN);
    const blob = rows.map((r) => r.data).join('\n');
    for (const secret of ['hunter2', 'p@ss', 'Router admin', 'JBSWY3DPEHPK3PXP', 'Alarm code', 'https://']) expect(blob).not.toContain(secret);
  });

  it('without --json reports the result in one line on stderr', async () => {
    const r = await cli.run(['client', 'import', fixture('bitwarden.json'), '--from', 'bitwarden-json', ...client]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Imported 0 of 4 items into Contoso Ltd (4 already there, skipped)');
  });
});
