/**
 * Interop: items imported by `bwmsp client import` are listed and decrypted by the official
 * Bitwarden CLI, logged into the sandbox as an organization member with access to the collection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const BW = resolve('node_modules/.bin/bw');

let sandbox: TestSandbox;
let account: TestAccount;
let world: SeededWorld;
let scratch: string;
let cli: Cli;
let session: string;

async function bw(args: string[], options: { env?: Record<string, string> } = {}) {
  const result = await execa(BW, args, {
    env: {
      PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
      HOME: scratch,
      BITWARDENCLI_APPDATA_DIR: join(scratch, 'bw'),
      NODE_EXTRA_CA_CERTS: sandbox.caFile ?? '',
      BW_NOINTERACTION: 'true',
      ...options.env,
    },
    extendEnv: false,
    reject: false,
    timeout: 90_000,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ verbose: process.env.BWMSP_TEST_VERBOSE === '1' });
  scratch = await mkdtemp(join(tmpdir(), 'bwmsp-bw-import-'));
  account = await registerAccount(sandbox, { email: 'owner@contoso.example', name: 'Olga Owner' });
  world = seedProviderWorld(sandbox.store, account, { organization: 'Contoso Own' });

  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', account.email, '--password-stdin'], { input: account.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();

  expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
  const bwLogin = await bw(['login', account.email, '--passwordenv', 'BW_PASSWORD', '--raw'], { env: { BW_PASSWORD: account.password } });
  expect(bwLogin.exitCode, bwLogin.stderr).toBe(0);
  session = bwLogin.stdout.trim();
});

afterAll(async () => {
  await sandbox?.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('items imported by bwmsp, read by the official bw CLI', () => {
  it('bw lists and decrypts an imported login, note and card in the member collection', async () => {
    const file = join(import.meta.dirname, '../fixtures/imports/bitwarden.json');
    // items naming no collection (the identity) go to the member's own collection "Engineering"
    const r = await cli.run(['client', 'import', file, '--from', 'bitwarden-json', '--org', world.organization.id, '--collection', 'Engineering']);
    expect(r.exitCode, r.stderr).toBe(0);
    // the importer is a member: it gets Manage on the collections the import created, so bw sees them all
    expect((await bw(['sync', '--force'], { env: { BW_SESSION: session } })).exitCode).toBe(0);
    const listed = await bw(['list', 'items', '--organizationid', world.organization.id], { env: { BW_SESSION: session } });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const items = JSON.parse(listed.stdout) as { id: string; name: string; type: number; notes: string | null; login?: { username: string; password: string; totp: string; uris: { uri: string }[] }; card?: { number: string } }[];
    expect(items.map((i) => i.name).sort()).toEqual(['Company Visa', 'Registered office', 'Router admin', 'Wi-Fi guest network 📶']);
    const router = items.find((i) => i.name === 'Router admin');
    expect(router?.login).toMatchObject({ username: 'admin', password: 'p@ss, "quoted" wörd', totp: 'otpauth://totp/Router?secret=JBSWY3DPEHPK3PXP' });
    expect(router?.login?.uris.map((u) => u.uri)).toEqual(['https://192.168.1.1', 'https://router.contoso.example/admin']);
    expect(items.find((i) => i.name === 'Company Visa')?.card?.number).toBe('4111111111111111');
    expect(items.find((i) => i.name === 'Wi-Fi guest network 📶')?.notes).toBe('SSID: Contoso-Guest\nKey: welcome-2026');
  });
});
