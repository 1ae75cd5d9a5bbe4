/**
 * Organizations through the built CLI against the sandbox: create (keys made client-side), list,
 * view, the organization API key (view, rotate, master password re-prompt), then a login with that
 * key and the member verbs that go through the Public API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decapsulateSymmetricKey, decryptString, KeyRing, unlockUserKey } from '../../src/crypto/index.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

interface SeedAccount {
  role: string;
  email: string;
  password: string;
}
interface OrgRow {
  id: string;
  name: string;
  role: string;
  status: string;
  plan: string;
  seats: number | null;
}
interface ApiKey {
  organizationId: string;
  clientId: string;
  clientSecret: string;
  revisionDate: string | null;
}

let sandbox: TestSandbox;
let accounts: SeedAccount[];
let owner: Cli;
let orgId: string;
let secret: string;

const OWNER = 'admin@msp.example';

function account(email: string): SeedAccount {
  const found = accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no seeded ${email}`);
  return found;
}

async function withProfile(): Promise<Cli> {
  const cli = createCli();
  const add = await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string]);
  expect(add.exitCode, add.stderr).toBe(0);
  return cli;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ runtimeFile: true });
  accounts = (await createCli().json<{ accounts: SeedAccount[] }>(['sandbox', 'seed', '--data', sandbox.dataDir])).accounts;
  owner = await withProfile();
  const login = await owner.run(['login', OWNER, '--password-stdin'], { input: account(OWNER).password });
  expect(login.exitCode, login.stderr).toBe(0);
  owner.env.BWMSP_SESSION = login.stdout.trim();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('org create, list and view', () => {
  it('creates a Teams organization with keys made client-side, and prints it as JSON', async () => {
    const created = await owner.json<{ id: string; name: string; plan: string; seats: number; billingEmail: string; collectionName: string }>([
      'org', 'create', '--name', 'Internal IT', '--plan', 'teams', '--seats', '10', '--collection', 'Servers',
    ]);
    expect(created).toMatchObject({ name: 'Internal IT', plan: 'teams', seats: 10, billingEmail: OWNER, collectionName: 'Servers' });
    orgId = created.id;

    // The server stores only wrapped keys and an encrypted collection name that the owner can open.
    const stored = sandbox.store.organizations.findById(orgId);
    expect(stored?.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(stored?.privateKey).toMatch(/^2\./);
    const user = sandbox.store.users.findByEmail(OWNER);
    const membership = sandbox.store.organizations.findUserByAccount(orgId, user?.id as string);
    expect(membership).toMatchObject({ status: 2, type: 0 });
    expect(membership?.key).toMatch(/^4\./);
    const userKey = await unlockUserKey({ password: account(OWNER).password, email: OWNER, kdf: { kdfType: user?.kdf as 0, iterations: user?.kdfIterations as number }, protectedUserKey: user?.key as string });
    const ring = new KeyRing(userKey, user?.privateKey as string);
    ring.addOrgKey(orgId, membership?.key as string);
    const collections = sandbox.store.collections.listForUser(user?.id as string).filter((c) => c.organizationId === orgId);
    expect(collections.map((c) => decryptString(c.name, ring.orgKey(orgId)))).toEqual(['Servers']);
    expect(decapsulateSymmetricKey(membership?.key as string, ring.privateKey as Uint8Array).toB64()).toBe(ring.orgKey(orgId).toB64());
  });

  it('prints only the new id on a pipe, and refuses a second free organization', async () => {
    const r = await owner.run(['org', 'create', '--name', 'Scratch']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.stderr).toContain("Created organization Scratch (free) with collection 'Default collection'");
    const again = await owner.run(['org', 'create', '--name', 'Scratch 2']);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('You can only be an admin of one free organization.');
  });

  it('lists the organizations with role, plan and seats', async () => {
    const orgs = await owner.json<OrgRow[]>(['org', 'list']);
    expect(orgs.map((o) => [o.name, o.role, o.status, o.plan, o.seats])).toEqual([
      ['Internal IT', 'owner', 'confirmed', 'teams', 10],
      ['Scratch', 'owner', 'confirmed', 'free', 2],
    ]);
    const pipe = await owner.run(['org', 'list']);
    expect(pipe.stdout.split('\n')[0]).toBe(`Internal IT\towner\tteams\t10\t\t${orgId}`);
  });

  it('views one organization', async () => {
    const view = await owner.json<Record<string, unknown>>(['org', 'view', orgId]);
    expect(view).toMatchObject({ id: orgId, name: 'Internal IT', role: 'owner', plan: 'teams', seats: 10, billingEmail: OWNER });
    expect(view.features).toEqual(expect.arrayContaining(['api', 'groups', 'events']));
  });

  it('says when an organization is not found (exit 5)', async () => {
    const r = await owner.run(['org', 'view', '00000000-0000-4000-8000-000000000000']);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toContain('organization 00000000-0000-4000-8000-000000000000 not found');
  });
});

describe('org api-key', () => {
  it('shows the key after the master password, and the same key again', async () => {
    const key = await owner.json<ApiKey>(['org', 'api-key', 'view', orgId, '--password-stdin'], { input: account(OWNER).password });
    expect(key).toMatchObject({ organizationId: orgId, clientId: `organization.${orgId}` });
    expect(key.clientSecret).toMatch(/^[A-Za-z0-9]{30}$/);
    const again = await owner.json<ApiKey>(['org', 'api-key', 'view', orgId], { env: { BWMSP_PASSWORD: account(OWNER).password } });
    expect(again.clientSecret).toBe(key.clientSecret);
    secret = key.clientSecret;
  });

  it('refuses a wrong master password before asking the server (exit 4)', async () => {
    const r = await owner.run(['org', 'api-key', 'view', orgId, '--password-stdin'], { input: 'not my password' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('wrong master password');
    expect(r.stdout).toBe('');
  });

  it('rotates (needs --yes), after which the old secret no longer logs in', async () => {
    const refused = await owner.run(['org', 'api-key', 'rotate', orgId, '--password-stdin'], { input: account(OWNER).password });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    const rotated = await owner.json<ApiKey>(['org', 'api-key', 'rotate', orgId, '--yes', '--password-stdin'], { input: account(OWNER).password });
    expect(rotated.clientSecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(rotated.clientSecret).not.toBe(secret);

    const stale = await withProfile();
    const r = await stale.run(['login', '--org-apikey'], { env: { BWMSP_CLIENT_ID: `organization.${orgId}`, BWMSP_CLIENT_SECRET: secret } });
    expect(r.exitCode).toBe(4);
    secret = rotated.clientSecret;
  });
});

describe('members through the Public API (organization API key session)', () => {
  let robot: Cli;

  beforeAll(async () => {
    robot = await withProfile();
    Object.assign(robot.env, { BWMSP_CLIENT_ID: `organization.${orgId}`, BWMSP_CLIENT_SECRET: secret });
    const login = await robot.json<{ authMethod: string; status: string }>(['login', '--org-apikey']);
    expect(login).toMatchObject({ authMethod: 'org-apikey', status: 'authenticated' });
  });

  it('lists the members', async () => {
    const rows = await robot.json<{ email: string; role: string; status: string; groups: unknown }[]>(['member', 'list']);
    expect(rows).toEqual([expect.objectContaining({ email: OWNER, role: 'owner', status: 'confirmed', groups: null })]);
  });

  it('invites, changes the role and removes a member', async () => {
    const invited = await robot.json<{ email: string; result: string; id: string }[]>(['member', 'invite', 'carol@fabrikam.example', OWNER, '--org', orgId]);
    expect(invited.map((o) => [o.email, o.result])).toEqual([
      ['carol@fabrikam.example', 'invited'],
      [OWNER, 'skipped'],
    ]);
    const updated = await robot.json<{ result: string }[]>(['member', 'set-role', 'carol@fabrikam.example', '--role', 'admin']);
    expect(updated[0]?.result).toBe('updated');
    const rows = await robot.json<{ email: string; role: string; status: string }[]>(['member', 'list', '--status', 'invited']);
    expect(rows).toEqual([expect.objectContaining({ email: 'carol@fabrikam.example', role: 'admin' })]);
    const removed = await robot.json<{ result: string }[]>(['member', 'remove', 'carol@fabrikam.example', '--yes']);
    expect(removed[0]?.result).toBe('removed');
  });

  it('says which verbs need a user login, and that collections go by id', async () => {
    const revoke = await robot.run(['member', 'revoke', OWNER, '--yes']);
    expect(revoke.exitCode).toBe(2);
    expect(revoke.stderr).toContain('member revoke needs a user login');
    const named = await robot.run(['member', 'invite', 'x@y.example', '--collection', 'Servers']);
    expect(named.exitCode).toBe(2);
    expect(named.stderr).toContain('collection names are encrypted');
    const other = await robot.run(['member', 'list', '--org', '00000000-0000-4000-8000-000000000000']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain(`organization API key for organization ${orgId} only`);
    const orgs = await robot.run(['org', 'list']);
    expect(orgs.exitCode).toBe(2);
    expect(orgs.stderr).toContain('needs a user login');
  });
});
