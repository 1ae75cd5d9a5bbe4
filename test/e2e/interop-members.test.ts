/**
 * Interop of the member verbs with the official Bitwarden CLI (@bitwarden/cli 2026.9.0) on the
 * sandbox: `bw list org-members` reads the statuses of members bwmsp invited and confirmed, and a
 * member confirmed by `bw confirm org-member` reads as confirmed in bwmsp, and that member's own
 * bwmsp login opens the organization key (it decrypts a collection name).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/deps.js';
import { decryptString } from '../../src/crypto/index.js';
import { openVault } from '../../src/domain/vault.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { createTestSystem } from '../helpers/test-system.js';

const BW = resolve('node_modules/.bin/bw');
const OWNER = 'admin@msp.example';
const ALICE = 'alice@contoso.example';
const BOB = 'bob@contoso.example';

interface SeedAccount {
  email: string;
  password: string;
}
interface MemberRow {
  id: string;
  email: string;
  status: string;
}
interface Mail {
  template: string;
  token: string | null;
  data: Record<string, string>;
}

let sandbox: TestSandbox;
let scratch: string;
let accounts: SeedAccount[];
let owner: Cli;
let orgId: string;

function password(email: string): string {
  const found = accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no seeded ${email}`);
  return found.password;
}

async function loggedIn(email: string): Promise<Cli> {
  const cli = createCli();
  const add = await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string]);
  expect(add.exitCode, add.stderr).toBe(0);
  const login = await cli.run(['login', email, '--password-stdin'], { input: password(email) });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();
  return cli;
}

async function acceptAs(email: string): Promise<void> {
  const mail = (await createCli().json<Mail[]>(['sandbox', 'mail', '--data', sandbox.dataDir, '--to', email])).filter((m) => m.template === 'organization-invite').at(-1);
  const invitee = await loggedIn(email);
  const r = await invitee.run(['member', 'accept', '--org', orgId, '--user', mail?.data.organizationUserId as string, '--token', mail?.token as string]);
  expect(r.exitCode, r.stderr).toBe(0);
}

async function bw(args: string[], env: Record<string, string> = {}) {
  const r = await execa(BW, args, {
    env: {
      PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
      HOME: scratch,
      BITWARDENCLI_APPDATA_DIR: join(scratch, 'appdata'),
      NODE_EXTRA_CA_CERTS: sandbox.caFile ?? '',
      BW_NOINTERACTION: 'true',
      ...env,
    },
    extendEnv: false,
    reject: false,
    timeout: 90_000,
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ runtimeFile: true });
  scratch = await mkdtemp(join(tmpdir(), 'bwmsp-bw-members-'));
  accounts = (await createCli().json<{ accounts: SeedAccount[] }>(['sandbox', 'seed', '--data', sandbox.dataDir])).accounts;
  owner = await loggedIn(OWNER);
  orgId = (await owner.json<{ id: string }>(['org', 'create', '--name', 'Interop Org', '--plan', 'enterprise', '--seats', '5', '--collection', 'Shared'])).id;
  const invite = await owner.run(['member', 'invite', ALICE, BOB, '--collection', 'Shared:read-only', '--org', orgId]);
  expect(invite.exitCode, invite.stderr).toBe(0);
  await acceptAs(ALICE);
  await acceptAs(BOB);
  const confirm = await owner.run(['member', 'confirm', ALICE, '--org', orgId]);
  expect(confirm.exitCode, confirm.stderr).toBe(0);
});

afterAll(async () => {
  await sandbox?.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('official bw CLI and bwmsp on the same organization members', () => {
  let session: string;

  beforeAll(async () => {
    expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
    const login = await bw(['login', OWNER, '--passwordenv', 'BW_PASSWORD', '--raw'], { BW_PASSWORD: password(OWNER) });
    expect(login.exitCode, login.stderr).toBe(0);
    session = login.stdout.trim();
    const sync = await bw(['sync', '--force'], { BW_SESSION: session });
    expect(sync.exitCode, sync.stderr).toBe(0);
  });

  it('bw list org-members shows the statuses bwmsp produced', async () => {
    const r = await bw(['list', 'org-members', '--organizationid', orgId], { BW_SESSION: session });
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; email: string; status: number; type: number }[];
    const byEmail = Object.fromEntries(rows.map((m) => [m.email, m]));
    expect(byEmail[OWNER]).toMatchObject({ status: 2, type: 0 });
    expect(byEmail[ALICE]).toMatchObject({ status: 2, type: 2 });
    expect(byEmail[BOB]).toMatchObject({ status: 1, type: 2 });
    const ours = await owner.json<MemberRow[]>(['member', 'list', '--org', orgId]);
    expect(ours.map((m) => [m.email, m.id])).toEqual(rows.map((m) => [m.email, m.id]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });

  it('a member confirmed by bw confirm org-member is confirmed for bwmsp and opens the org key', async () => {
    const bobId = (await owner.json<MemberRow[]>(['member', 'list', '--org', orgId])).find((m) => m.email === BOB)?.id as string;
    const confirm = await bw(['confirm', 'org-member', bobId, '--organizationid', orgId], { BW_SESSION: session });
    expect(confirm.exitCode, confirm.stderr).toBe(0);

    expect((await owner.json<MemberRow[]>(['member', 'list', '--org', orgId])).find((m) => m.email === BOB)?.status).toBe('confirmed');
    const again = await owner.json<{ result: string; reason: string }[]>(['member', 'confirm', BOB, '--org', orgId]);
    expect(again[0]).toMatchObject({ result: 'skipped', reason: 'already confirmed' });

    const bob = await loggedIn(BOB);
    const orgs = await bob.json<{ id: string; role: string }[]>(['org', 'list']);
    expect(orgs).toEqual([expect.objectContaining({ id: orgId, role: 'user' })]);

    // Bob's own bwmsp session unwraps the key bw wrapped to his public key, and decrypts a collection name with it.
    const system = createTestSystem({ env: { ...bob.env } });
    const deps = await createDeps(system, { json: false, noInput: true, yes: false, quiet: true, debug: false, noColor: true });
    const vault = await openVault(deps);
    try {
      const names = vault.sync.collections.filter((c) => c.organizationId === orgId).map((c) => decryptString(c.name, vault.keys.orgKey(orgId)));
      expect(names).toEqual(['Shared']);
    } finally {
      await vault.close();
    }
  });
});
