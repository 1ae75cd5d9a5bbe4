/**
 * `bwmsp client purge` against the sandbox: refused for an organization admin and a provider service
 * user, --yes required without a terminal, a wrong master password deletes nothing, and the provider
 * admin empties the vault while the collections stay.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encapsulateSymmetricKey } from '../../src/crypto/index.js';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
let world: SeededWorld;
const client = ['--client', 'Contoso Ltd'];
const clis: Record<'owner' | 'orgAdmin' | 'serviceUser', { cli: Cli; account: TestAccount }> = {} as never;

async function loggedIn(account: TestAccount): Promise<Cli> {
  const cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', account.email, '--password-stdin'], { input: account.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();
  return cli;
}

const items = () => sandbox.store.ciphers.countByOrganization(world.clientOrganization.id);
const collections = () => sandbox.store.collections.countByOrganization(world.clientOrganization.id);
const purgeEvents = () =>
  sandbox.store.events
    .page({ organizationId: world.clientOrganization.id, start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z', limit: 1000 })
    .filter((e) => e.type === 1601);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const owner = await registerAccount(sandbox, { email: 'admin@msp.example', name: 'Ada Admin' });
  world = seedProviderWorld(sandbox.store, owner, { clientOrganization: 'Contoso Ltd' });
  const now = new Date().toISOString();

  // a provider service user (reaches the client through the provider, but is no provider admin)
  const tech = await registerAccount(sandbox, { email: 'tech@msp.example', name: 'Tom Tech' });
  sandbox.store.providers.insertUser({
    id: randomUUID(),
    providerId: world.provider.id,
    userId: tech.userId,
    email: null,
    key: encapsulateSymmetricKey(world.provider.providerKey, tech.publicKey),
    status: 2,
    type: 1,
    creationDate: now,
  });
  // an Admin (not Owner) member of the client organization
  const it = await registerAccount(sandbox, { email: 'it@contoso.example', name: 'Ivo IT' });
  sandbox.store.organizations.insertUser({
    id: randomUUID(),
    organizationId: world.clientOrganization.id,
    userId: it.userId,
    email: null,
    key: encapsulateSymmetricKey(world.clientOrganization.orgKey, it.publicKey),
    status: 2,
    type: 1,
    creationDate: now,
  });
  sandbox.store.users.touchAccountRevision([tech.userId, it.userId], now);

  clis.owner = { cli: await loggedIn(owner), account: owner };
  clis.serviceUser = { cli: await loggedIn(tech), account: tech };
  clis.orgAdmin = { cli: await loggedIn(it), account: it };

  const imported = await clis.owner.cli.run(['client', 'import', join(import.meta.dirname, '../fixtures/imports/bitwarden.json'), '--from', 'bitwarden-json', ...client]);
  expect(imported.exitCode, imported.stderr).toBe(0);
  expect(items()).toBe(4);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('client purge', () => {
  it.each([
    ['orgAdmin', 'an admin of the organization'],
    ['serviceUser', 'a provider service user'],
  ] as const)('is refused for %s (%s): exit 4, nothing deleted', async (who, _label) => {
    const { cli, account } = clis[who];
    // a member outside the provider names the organization by id
    const target = who === 'orgAdmin' ? ['--org', world.clientOrganization.id] : client;
    const r = await cli.run(['client', 'purge', ...target, '--yes', '--password-stdin'], { input: account.password });
    expect(r.exitCode, r.stderr).toBe(4);
    expect(r.stderr).toContain('only an owner of Contoso Ltd or an admin of its provider may purge its vault');
    expect(items()).toBe(4);
  });

  it('needs --yes without a terminal', async () => {
    const { cli, account } = clis.owner;
    const r = await cli.run(['client', 'purge', ...client, '--password-stdin'], { input: account.password });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(items()).toBe(4);
  });

  it('refuses a wrong master password: exit 4, nothing deleted', async () => {
    const r = await clis.owner.cli.run(['client', 'purge', ...client, '--yes', '--password-stdin'], { input: 'not-the-password' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('wrong master password');
    expect(items()).toBe(4);
    expect(purgeEvents()).toHaveLength(0);
  });

  it('the provider admin purges: every item deleted, collections kept, event 1601 logged', async () => {
    const before = collections();
    const { cli, account } = clis.owner;
    const r = await cli.run(['client', 'purge', ...client, '--yes', '--password-stdin', '--json'], { input: account.password });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ client: 'Contoso Ltd', organizationId: world.clientOrganization.id, deleted: 4 });
    expect(items()).toBe(0);
    expect(collections()).toBe(before);
    expect(purgeEvents()).toHaveLength(1);
  });

  it('purging an empty vault succeeds and reports 0', async () => {
    const { cli, account } = clis.owner;
    const r = await cli.run(['client', 'purge', ...client, '--yes', '--password-stdin'], { input: account.password });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Purged the vault of Contoso Ltd: 0 items deleted; collections kept');
  });
});
