/**
 * Interop: the official Bitwarden CLI (@bitwarden/cli 2026.9.0) against the sandbox over HTTPS —
 * config server, password login, unlock, forced sync, list organizations, status and API-key login —
 * then a scan of the SQLite files for secrets that must never be stored.
 */
import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_HEADERS,
  getPersonalApiKey,
  loginWithPassword,
  registerAccount,
  seedProviderWorld,
  type TestAccount,
} from '../helpers/accounts.js';
import { sandboxFetch, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { listMail } from '../../src/sandbox/store.js';

const BW = resolve('node_modules/.bin/bw');
const VERBOSE = process.env.BWMSP_TEST_VERBOSE === '1';

interface BwRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

function bwRunner(sandbox: TestSandbox, appDataDir: string, home: string) {
  return async (args: string[], env: Record<string, string> = {}): Promise<BwRun> => {
    const result = await execa(BW, args, {
      env: {
        PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
        HOME: home,
        BITWARDENCLI_APPDATA_DIR: appDataDir,
        NODE_EXTRA_CA_CERTS: sandbox.caFile ?? '',
        BW_NOINTERACTION: 'true',
        ...env,
      },
      extendEnv: false,
      reject: false,
      timeout: 90_000,
    });
    const run = { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
    if (VERBOSE) process.stderr.write(`bw ${args.join(' ')} -> ${run.exitCode}\n${run.stdout}\n${run.stderr}\n`);
    return run;
  };
}

describe('official bw CLI against the sandbox', () => {
  let sandbox: TestSandbox;
  let account: TestAccount;
  let scratch: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ verbose: VERBOSE });
    account = await registerAccount(sandbox, { name: 'Interop Tester' });
    scratch = await mkdtemp(join(tmpdir(), 'bwmsp-bw-'));
  });

  afterAll(async () => {
    await sandbox?.close();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  it('logs in with the master password, unlocks, syncs, lists organizations and reports status', async () => {
    const bw = bwRunner(sandbox, join(scratch, 'password'), scratch);
    const config = await bw(['config', 'server', sandbox.url]);
    expect(config.exitCode, config.stderr).toBe(0);

    const login = await bw(['login', account.email, '--passwordenv', 'BW_PASSWORD', '--raw'], {
      BW_PASSWORD: account.password,
    });
    expect(login.exitCode, login.stderr).toBe(0);
    expect(login.stdout.trim()).toMatch(/^[A-Za-z0-9+/=]{20,}$/);

    const unlock = await bw(['unlock', '--passwordenv', 'BW_PASSWORD', '--raw'], { BW_PASSWORD: account.password });
    expect(unlock.exitCode, unlock.stderr).toBe(0);
    const session = unlock.stdout.trim();
    expect(session).toMatch(/^[A-Za-z0-9+/=]{20,}$/);

    const sync = await bw(['sync', '--force'], { BW_SESSION: session });
    expect(sync.exitCode, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Syncing complete/);

    const orgs = await bw(['list', 'organizations'], { BW_SESSION: session });
    expect(orgs.exitCode, orgs.stderr).toBe(0);
    expect(JSON.parse(orgs.stdout)).toEqual([]);

    const status = await bw(['status'], { BW_SESSION: session });
    expect(status.exitCode, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      serverUrl: sandbox.url,
      userEmail: account.email,
      userId: account.userId,
      status: 'unlocked',
    });

    // the SDK's key-id backfill reached the server and sync now reports it
    expect(sandbox.store.users.findById(account.userId)?.userKeyId).toMatch(/^[0-9a-f]{32}$/i);
  });

  it('logs in with the personal API key and then unlocks', async () => {
    const apiKey = await getPersonalApiKey(sandbox, account);
    const bw = bwRunner(sandbox, join(scratch, 'apikey'), scratch);
    expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);

    const login = await bw(['login', '--apikey'], { BW_CLIENTID: apiKey.clientId, BW_CLIENTSECRET: apiKey.clientSecret });
    expect(login.exitCode, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/logged in/i);

    const locked = await bw(['status']);
    expect(JSON.parse(locked.stdout)).toMatchObject({ userEmail: account.email, status: 'locked' });

    const unlock = await bw(['unlock', '--passwordenv', 'BW_PASSWORD', '--raw'], { BW_PASSWORD: account.password });
    expect(unlock.exitCode, unlock.stderr).toBe(0);
    const session = unlock.stdout.trim();

    const sync = await bw(['sync', '--force'], { BW_SESSION: session });
    expect(sync.exitCode, sync.stderr).toBe(0);

    const status = await bw(['status'], { BW_SESSION: session });
    expect(JSON.parse(status.stdout)).toMatchObject({ serverUrl: sandbox.url, userEmail: account.email, status: 'unlocked' });
  });

  it('decrypts seeded organization, provider and client-organization keys after a forced sync', async () => {
    const world = seedProviderWorld(sandbox.store, account, {
      organization: 'Interop Own Org',
      provider: 'Interop MSP',
      clientOrganization: 'Interop Client',
    });
    const bw = bwRunner(sandbox, join(scratch, 'orgs'), scratch);
    expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
    const login = await bw(['login', account.email, '--passwordenv', 'BW_PASSWORD', '--raw'], {
      BW_PASSWORD: account.password,
    });
    expect(login.exitCode, login.stderr).toBe(0);
    const session = login.stdout.trim();

    const sync = await bw(['sync', '--force'], { BW_SESSION: session });
    expect(sync.exitCode, sync.stderr).toBe(0);

    const orgs = await bw(['list', 'organizations'], { BW_SESSION: session });
    expect(orgs.exitCode, orgs.stderr).toBe(0);
    // `list organizations` shows memberships only (bw's memberOrganizations$) ...
    expect(JSON.parse(orgs.stdout)).toEqual([
      expect.objectContaining({ id: world.organization.id, name: 'Interop Own Org', status: 2, type: 0 }),
    ]);
    // ... while the provider's client organization is known through profile.providerOrganizations
    const client = await bw(['get', 'organization', world.clientOrganization.id], { BW_SESSION: session });
    expect(client.exitCode, client.stderr).toBe(0);
    expect(JSON.parse(client.stdout)).toMatchObject({ id: world.clientOrganization.id, name: 'Interop Client' });

    // the collection name decrypts only if bw unwrapped the org key from the RSA-wrapped membership key
    const collections = await bw(['list', 'collections'], { BW_SESSION: session });
    expect(collections.exitCode, collections.stderr).toBe(0);
    expect(JSON.parse(collections.stdout)).toEqual([
      expect.objectContaining({ id: world.organization.collectionId, name: 'Engineering' }),
    ]);
  });

  it('passes two-step login by e-mail code', async () => {
    const second = await registerAccount(sandbox, { name: 'Two Step' });
    const { accessToken } = await loginWithPassword(sandbox, second);
    const json = { ...CLIENT_HEADERS, Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
    const lastCode = (template: string): string =>
      listMail(sandbox.store, { to: second.email })
        .filter((m) => m.template === template)
        .at(-1)?.token ?? '';
    const send = await sandboxFetch(sandbox, '/api/two-factor/send-email', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ masterPasswordHash: second.masterPasswordHash, email: second.email }),
    });
    expect(send.status).toBe(200);
    const enable = await sandboxFetch(sandbox, '/api/two-factor/email', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({
        masterPasswordHash: second.masterPasswordHash,
        email: second.email,
        token: lastCode('two-factor-email-setup'),
      }),
    });
    expect(enable.status).toBe(200);

    const bw = bwRunner(sandbox, join(scratch, 'twofactor'), scratch);
    expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
    const refused = await bw(['login', second.email, '--passwordenv', 'BW_PASSWORD', '--raw'], {
      BW_PASSWORD: second.password,
    });
    expect(refused.exitCode).not.toBe(0);
    // bw asked for the code itself (send-email-login) after the 2FA answer
    const code = lastCode('two-factor-email');
    expect(code).toMatch(/^\d{6}$/);

    const login = await bw(['login', second.email, '--passwordenv', 'BW_PASSWORD', '--method', '1', '--code', code, '--raw'], {
      BW_PASSWORD: second.password,
    });
    expect(login.exitCode, login.stderr).toBe(0);
    const status = await bw(['status'], { BW_SESSION: login.stdout.trim() });
    expect(JSON.parse(status.stdout)).toMatchObject({ userEmail: second.email, status: 'unlocked' });
  });

  it('rejects a wrong API key secret', async () => {
    const bw = bwRunner(sandbox, join(scratch, 'badkey'), scratch);
    expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
    const login = await bw(['login', '--apikey'], {
      BW_CLIENTID: `user.${account.userId}`,
      BW_CLIENTSECRET: 'not-the-secret',
    });
    expect(login.exitCode).not.toBe(0);
    expect(login.stdout + login.stderr).toMatch(/client_id or client_secret is incorrect/i);
  });

  it('keeps no master password hash, password or plaintext key in the database files', () => {
    const db = join(sandbox.dataDir, 'sandbox.db');
    const files = [db, `${db}-wal`].filter((file) => existsSync(file));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    const userKey = Buffer.from(account.userKey.toBytes());
    const masterKey = Buffer.from(account.masterKey);
    const needles: [string, Buffer][] = [
      ['master password hash (base64)', Buffer.from(account.masterPasswordHash, 'utf8')],
      ['master password hash (raw)', Buffer.from(account.masterPasswordHash, 'base64')],
      ['password', Buffer.from(account.password, 'utf8')],
      ['user key (raw)', userKey],
      ['user key (base64)', Buffer.from(userKey.toString('base64'), 'utf8')],
      ['user key (hex)', Buffer.from(userKey.toString('hex'), 'utf8')],
      ['master key (raw)', masterKey],
      ['master key (base64)', Buffer.from(masterKey.toString('base64'), 'utf8')],
    ];
    for (const [what, needle] of needles) expect(bytes.includes(needle), what).toBe(false);
    // sanity: the scan does see what the server is supposed to store
    expect(bytes.includes(Buffer.from(account.protectedUserKey, 'utf8'))).toBe(true);
  });
});
