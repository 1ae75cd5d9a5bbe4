/**
 * `bwmsp billing-sync token|configure|run|status` across a cloud and a self-hosted sandbox
 * (licensing-and-selfhost.md §3, §7): the owner gets the token on the cloud, configures it on the
 * self-hosted server, syncs, and sees the new seats; then each failure class with its exit code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCli } from '../helpers/cli.js';
import { moveToSelfHost, startLicensingWorld, twoProfiles, type LicensingWorld, type TwoProfiles } from './licensing-world.js';

interface StatusJson {
  organizationId: string;
  cloudCommunication: boolean;
  configured: boolean;
  enabled: boolean;
  cloudOrganizationId: string | null;
  lastLicenseSync: string | null;
  licenseExpiration: string | null;
  seats: number | null;
}
interface RunLine {
  type: string;
  organizationId?: string;
  result?: string;
  lastLicenseSync?: string;
  seats?: number;
  error?: { code: string; message: string };
  synced?: number;
  failed?: number;
}

const dir = mkdtempSync(join(tmpdir(), 'bwmsp-e2e-billing-sync-'));
let world: LicensingWorld;
let owner: TwoProfiles;
let cloudOrgId: string;
let selfOrgId: string;
let token: string;

const ndjson = (stdout: string): RunLine[] => stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as RunLine);
const run = (args: string[], options: { input?: string } = {}) => owner.run('selfhost', ['billing-sync', 'run', ...args], options);
const tokenOf = (password: string, extra: string[] = []) => owner.run('cloud', ['billing-sync', 'token', '--org', cloudOrgId, '--password-stdin', ...extra], { input: `${password}\n` });

beforeAll(async () => {
  world = await startLicensingWorld();
  owner = await twoProfiles(world, world.cloud.account('member', 0));
  cloudOrgId = (await owner.json<{ id: string }>('cloud', ['org', 'create', '--name', 'Contoso Onprem', '--plan', 'enterprise', '--seats', '5'])).id;
  selfOrgId = await moveToSelfHost(world, owner, ['--org', cloudOrgId], dir);
}, 180_000);
afterAll(async () => {
  await world?.close();
});

describe('billing-sync token (cloud)', () => {
  it('creates the token on first use, prints only the token to stdout, and shows the same one again', async () => {
    const first = await tokenOf(owner.password);
    expect(first.exitCode, first.stderr).toBe(0);
    token = first.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(first.stderr).toContain('no billing sync token yet');
    const again = await tokenOf(owner.password, ['--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ organizationId: cloudOrgId, token, action: 'existing' });
    expect(again.stderr).toContain('has had a billing sync token since');
  });

  it('refuses a wrong master password (exit 4) and a Families organization (exit 5)', async () => {
    expect((await tokenOf('not-the-password')).exitCode).toBe(4);
    const families = (await owner.json<{ id: string }>('cloud', ['org', 'create', '--name', 'Contoso Family', '--plan', 'families'])).id;
    const r = await owner.run('cloud', ['billing-sync', 'token', '--org', families, '--password-stdin'], { input: `${owner.password}\n` });
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toContain('Teams or Enterprise');
  });
});

interface AuditJson {
  clientId: string;
  checks: { id: string; level: string; message: string }[];
}

/** `client audit --org` (exit 3 when any check fails, e.g. a single owner): the two self-host checks. */
async function selfHostChecks(profile: 'cloud' | 'selfhost', orgId: string) {
  const r = await owner.run(profile, ['client', 'audit', '--org', orgId, '--json']);
  expect([0, 3], r.stderr).toContain(r.exitCode);
  const audit = JSON.parse(r.stdout) as AuditJson;
  expect(audit.clientId).toBe(orgId);
  return Object.fromEntries(audit.checks.filter((c) => c.id === 'license.expiry' || c.id === 'billing-sync.last-sync').map((c) => [c.id, c]));
}

describe('billing-sync configure and status (self-hosted)', () => {
  it('client audit --org reads the license and billing sync only on the self-hosted server', async () => {
    const self = await selfHostChecks('selfhost', selfOrgId);
    expect(self['license.expiry']?.level).toBe('pass');
    expect(self['billing-sync.last-sync']).toMatchObject({ level: 'warn', message: 'Billing sync has never run' });
    const cloud = await selfHostChecks('cloud', cloudOrgId);
    expect(cloud['license.expiry']?.level).toBe('skip');
    expect(cloud['billing-sync.last-sync']?.level).toBe('skip');
  });

  it('shows "never" and "not configured" before configuring', async () => {
    const status = await owner.json<StatusJson>('selfhost', ['billing-sync', 'status', '--org', selfOrgId]);
    expect(status).toMatchObject({ configured: false, cloudCommunication: true, lastLicenseSync: null, seats: 5 });
    const text = await owner.run('selfhost', ['billing-sync', 'status', '--org', selfOrgId]);
    expect(text.stdout).toMatch(/lastSync\tnever/);
  });

  it('stores the token read from stdin, links the cloud organization from the license, and never echoes the token', async () => {
    const r = await owner.run('selfhost', ['billing-sync', 'configure', '--org', selfOrgId, '--token', '-', '--json'], { input: `${token}\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'created', enabled: true, cloudOrganizationId: cloudOrgId });
    expect(r.stdout + r.stderr).not.toContain(token);
    const again = await owner.run('selfhost', ['billing-sync', 'configure', '--org', selfOrgId, '--json'], { env: { BWMSP_BILLING_SYNC_TOKEN: token } });
    expect(JSON.parse(again.stdout)).toMatchObject({ action: 'unchanged' });
  });

  it('refuses billing sync on the cloud server with the server message (exit 1)', async () => {
    const r = await owner.run('cloud', ['billing-sync', 'configure', '--org', cloudOrgId, '--token', token]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Cannot get a CloudBillingSync connection outside of a self-hosted instance.');
  });
});

describe('billing-sync run', () => {
  it('syncs: LastLicenseSync is set and the seats changed on the cloud arrive', async () => {
    world.cloud.sandbox.store.organizations.update(cloudOrgId, { seats: 8 }, new Date().toISOString());
    const r = await run(['--org', selfOrgId, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = ndjson(r.stdout);
    expect(lines[0]).toMatchObject({ type: 'organization', organizationId: selfOrgId, result: 'synced', seats: 8 });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', synced: 1, failed: 0 });
    const status = await owner.json<StatusJson>('selfhost', ['billing-sync', 'status', '--org', selfOrgId]);
    expect(status.lastLicenseSync).toBe(lines[0]?.lastLicenseSync);
    expect(status).toMatchObject({ enabled: true, seats: 8 });
    expect(status.licenseExpiration).not.toBeNull();
    const audit = await selfHostChecks('selfhost', selfOrgId);
    expect(audit['billing-sync.last-sync']).toMatchObject({ level: 'pass', message: `Billing sync ran on ${status.lastLicenseSync?.slice(0, 10) ?? ''}` });
  });

  it('refuses on a server that is not self-hosted (exit 1, billing_sync_not_self_hosted)', async () => {
    const r = await owner.run('cloud', ['billing-sync', 'run', '--org', cloudOrgId, '--json']);
    expect(r.exitCode).toBe(1);
    expect(ndjson(r.stdout)[0]?.error?.code).toBe('billing_sync_not_self_hosted');
  });

  it('refuses a user who is not an Owner of the organization (exit 4)', async () => {
    const bob = await twoProfiles(world, world.cloud.account('member', 1));
    const r = await bob.run('selfhost', ['billing-sync', 'run', '--org', selfOrgId, '--json']);
    expect(r.exitCode).toBe(4);
    expect(ndjson(r.stdout)[0]?.error?.code).toBe('billing_sync_not_owner');
  });

  it('says exactly that a wrong token is not the current cloud token, with the note of `billing-sync token` (exit 1)', async () => {
    const wrong = await owner.run('selfhost', ['billing-sync', 'configure', '--org', selfOrgId, '--token', 'WrongToken000000000000000000000']);
    expect(wrong.exitCode, wrong.stderr).toBe(0);
    expect(wrong.stderr).toContain('forgets the last sync time');
    const r = await run(['--org', selfOrgId, '--json']);
    expect(r.exitCode).toBe(1);
    expect(ndjson(r.stdout)[0]?.error).toMatchObject({ code: 'billing_sync_token_mismatch' });
    expect(r.stderr).toContain('the configured token is not the current cloud token');
  });

  it('reports a wrong token without a note as the generic cloud-side failure, listing the causes (exit 1)', async () => {
    const ci = createCli();
    const account = world.selfhostAccounts.find((a) => a.email === owner.email);
    await ci.run(['profile', 'add', 'selfhost', '--server', world.selfhost.url, '--ca-file', world.selfhost.caFile as string]);
    const login = await ci.run(['login', '--apikey', '--profile', 'selfhost'], { env: { BWMSP_CLIENT_ID: account?.clientId ?? '', BWMSP_CLIENT_SECRET: account?.clientSecret ?? '' } });
    expect(login.exitCode, login.stderr).toBe(0);
    const r = await ci.run(['billing-sync', 'run', '--org', selfOrgId, '--profile', 'selfhost', '--json'], { env: { BWMSP_CLIENT_ID: account?.clientId ?? '', BWMSP_CLIENT_SECRET: account?.clientSecret ?? '' } });
    expect(r.exitCode).toBe(1);
    expect(ndjson(r.stdout)[0]?.error?.code).toBe('billing_sync_cloud_refused');
    expect(r.stderr).toContain('An error has occurred. Check your internet connection and ensure the billing token is correct.');
    expect(r.stderr).toMatch(/rotated/);
    expect(r.stderr).toMatch(/firewall/);
  });

  it('says the token was rotated on the cloud since it was configured (exit 1)', async () => {
    const ok = await owner.run('selfhost', ['billing-sync', 'configure', '--org', selfOrgId, '--token', token]);
    expect(ok.exitCode, ok.stderr).toBe(0);
    const rotated = await tokenOf(owner.password, ['--rotate', '--yes']);
    expect(rotated.exitCode, rotated.stderr).toBe(0);
    const r = await run(['--org', selfOrgId, '--json']);
    expect(r.exitCode).toBe(1);
    expect(ndjson(r.stdout)[0]?.error?.code).toBe('billing_sync_token_rotated');
    token = rotated.stdout.trim();
    const fixed = await owner.run('selfhost', ['billing-sync', 'configure', '--org', selfOrgId, '--token', token]);
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    const synced = await run(['--org', selfOrgId]);
    expect(synced.exitCode, synced.stderr).toBe(0);
    // On a pipe: one tab-separated row per organization on stdout, progress on stderr.
    expect(synced.stdout.trim().split('\t')).toEqual(expect.arrayContaining(['Contoso Onprem', 'synced', '8', selfOrgId]));
    expect(synced.stderr).toContain('license synced at');
  });

  it('refuses a disabled connection before asking the server (exit 1)', async () => {
    const connection = world.selfhost.store.organizationConnections.findByType(selfOrgId, 1);
    if (connection === undefined) throw new Error('no connection');
    world.selfhost.store.organizationConnections.update({ ...connection, enabled: false });
    const r = await run(['--org', selfOrgId, '--json']);
    expect(r.exitCode).toBe(1);
    expect(ndjson(r.stdout)[0]?.error?.code).toBe('billing_sync_connection_disabled');
    world.selfhost.store.organizationConnections.update({ ...connection, enabled: true });
  });

  it('with several --org, names the failed ones and exits 3', async () => {
    const r = await run(['--org', selfOrgId, '--org', '00000000-0000-4000-8000-000000000001', '--json']);
    expect(r.exitCode).toBe(3);
    const lines = ndjson(r.stdout);
    expect(lines.filter((l) => l.type === 'organization').map((l) => l.result).sort()).toEqual(['failed', 'synced']);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', synced: 1, failed: 1 });
    expect(r.stderr).toContain('00000000-0000-4000-8000-000000000001');
  });

  it('reports an unreachable cloud as the generic failure (exit 1)', async () => {
    await world.cloud.close();
    const r = await run(['--org', selfOrgId, '--json']);
    expect(r.exitCode).toBe(1);
    expect(ndjson(r.stdout)[0]?.error?.code).toBe('billing_sync_cloud_refused');
  });
});
