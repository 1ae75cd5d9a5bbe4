/**
 * `bwmsp group` against the sandbox on a provider's client organization: create with collection
 * access, list, edit, members add/remove/set, access grant/revoke, delete, and error cases.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encapsulateSymmetricKey } from '../../src/crypto/index.js';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { orgKeyCli } from '../helpers/org-key-cli.js';

let sandbox: TestSandbox;
let world: SeededWorld;
let cli: Cli;
let admin: TestAccount;
const client = ['--client', 'Contoso Ltd'];
const memberIds: Record<string, string> = {};

interface GroupJson {
  id: string;
  name: string;
  externalId: string | null;
  members: { id: string; email: string | null }[];
  collections: { id: string; name: string | null; permission: string }[];
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = await registerAccount(sandbox, { email: 'admin@msp.example', name: 'Ada Admin' });
  world = seedProviderWorld(sandbox.store, admin, { clientOrganization: 'Contoso Ltd' });
  for (const email of ['ana@contoso.example', 'bo@contoso.example', 'cy@contoso.example']) {
    const account = await registerAccount(sandbox, { email });
    memberIds[email] = sandbox.store.organizations.insertUser({
      id: randomUUID(),
      organizationId: world.clientOrganization.id,
      userId: account.userId,
      email: null,
      key: encapsulateSymmetricKey(world.clientOrganization.orgKey, account.publicKey),
      status: 2,
      type: 2,
      creationDate: new Date().toISOString(),
    }).id;
  }
  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();
  for (const name of ['Finance', 'Finance/Banking']) expect((await cli.run(['collection', 'create', name, ...client])).exitCode).toBe(0);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('group lifecycle on a client organization', () => {
  let groupId: string;

  it('creates a group with collection access and converges on a re-run', async () => {
    const made = await cli.json<GroupJson & { created: boolean }>(['group', 'create', 'Accounting', '--collection', 'Finance:read-only', '--collection', 'Finance/Banking:manage', ...client]);
    expect(made).toMatchObject({ name: 'Accounting', created: true, members: [] });
    expect(made.collections.map((c) => [c.name, c.permission])).toEqual([
      ['Finance', 'read-only'],
      ['Finance/Banking', 'manage'],
    ]);
    groupId = made.id;
    expect(sandbox.store.groups.findById(groupId)?.name).toBe('Accounting');
    const again = await cli.json<{ id: string; created: boolean }>(['group', 'create', 'Accounting', ...client]);
    expect(again).toEqual(expect.objectContaining({ id: groupId, created: false }));
    const piped = await cli.run(['group', 'create', 'Interns', ...client]);
    expect(piped.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds, removes and sets members by e-mail or id', async () => {
    const add = await cli.json<{ changes: { email: string; result: string }[]; group: GroupJson }>(['group', 'members', 'add', 'Accounting', 'ana@contoso.example', memberIds['bo@contoso.example'] as string, ...client]);
    expect(add.changes.map((c) => [c.email, c.result])).toEqual([
      ['ana@contoso.example', 'added'],
      ['bo@contoso.example', 'added'],
    ]);
    const again = await cli.run(['group', 'members', 'add', 'Accounting', 'ana@contoso.example', ...client]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('already a member (skipped)');

    const remove = await cli.json<{ changes: { result: string }[] }>(['group', 'members', 'remove', 'Accounting', 'bo@contoso.example', 'cy@contoso.example', ...client]);
    expect(remove.changes.map((c) => c.result)).toEqual(['removed', 'not-member']);

    const set = await cli.json<{ group: GroupJson }>(['group', 'members', 'set', 'Accounting', 'cy@contoso.example', 'bo@contoso.example', ...client]);
    expect(set.group.members.map((m) => m.email).sort()).toEqual(['bo@contoso.example', 'cy@contoso.example']);

    const unknown = await cli.run(['group', 'members', 'add', 'Accounting', 'ana@contoso.example', 'zed@contoso.example', ...client]);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain("zed@contoso.example: no member 'zed@contoso.example' in Contoso Ltd");
    const setUnknown = await cli.run(['group', 'members', 'set', 'Accounting', 'zed@contoso.example', ...client]);
    expect(setUnknown.exitCode).toBe(5);
    expect(setUnknown.stderr).toContain('nothing changed');
  });

  it('lists groups with members and collection names', async () => {
    const list = await cli.json<GroupJson[]>(['group', 'list', ...client]);
    expect(list.map((g) => g.name)).toEqual(['Accounting', 'Interns']);
    expect(list[0]?.members.map((m) => m.email).sort()).toEqual(['ana@contoso.example', 'bo@contoso.example', 'cy@contoso.example']);
    expect(list[0]?.collections.map((c) => c.name)).toEqual(['Finance', 'Finance/Banking']);
    const tsv = await cli.run(['group', 'list', ...client]);
    expect(tsv.stdout.split('\n')[0]?.split('\t').slice(0, 2)).toEqual(['Accounting', groupId]);
  });

  it('grants and revokes collection access in one update', async () => {
    const out = await cli.json<{ changes: { collection: string; result: string; permission: string | null }[]; group: GroupJson }>([
      'group', 'access', 'Accounting', '--grant', 'Finance:edit', '--revoke', 'Finance/Banking', ...client,
    ]);
    expect(out.changes.map((c) => [c.collection, c.result, c.permission])).toEqual([
      ['Finance', 'updated', 'edit'],
      ['Finance/Banking', 'revoked', null],
    ]);
    expect(out.group.collections.map((c) => [c.name, c.permission])).toEqual([['Finance', 'edit']]);
    expect(out.group.members).toHaveLength(3);
    const again = await cli.run(['group', 'access', 'Accounting', '--grant', 'Finance', '--revoke', 'Finance/Banking', ...client]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('Finance: already edit (skipped)');
    expect(again.stderr).toContain('Finance/Banking: no access to revoke (skipped)');
  });

  it('renames, keeping members and access', async () => {
    const out = await cli.json<GroupJson & { changed: boolean }>(['group', 'edit', 'Accounting', '--name', 'Finance Team', ...client]);
    expect(out).toMatchObject({ id: groupId, name: 'Finance Team', changed: true });
    const list = await cli.json<GroupJson[]>(['group', 'list', ...client]);
    expect(list.find((g) => g.id === groupId)).toMatchObject({ name: 'Finance Team', collections: [expect.objectContaining({ name: 'Finance' })] });
  });

  it('refuses an external id on a user session, naming the way to set it', async () => {
    const r = await cli.run(['group', 'edit', 'Finance Team', '--external-id', 'fin', ...client]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--external-id: the server takes group external ids only through the Public API');
    expect(r.stderr).toContain('--org-apikey');
  });

  it('deletes with --yes and exits 5 for an unknown group', async () => {
    expect((await cli.run(['group', 'delete', 'Interns', ...client])).exitCode).toBe(2);
    const deleted = await cli.json<{ deleted: boolean; name: string }>(['group', 'delete', 'Interns', '--yes', ...client]);
    expect(deleted).toEqual(expect.objectContaining({ name: 'Interns', deleted: true }));
    const missing = await cli.run(['group', 'delete', 'Interns', '--yes', ...client]);
    expect(missing.exitCode).toBe(5);
    expect(missing.stderr).toContain("no group 'Interns' in Contoso Ltd");
  });
});

describe('groups with an organization API key (Public API)', () => {
  it('creates with an external id, changes members and access, and deletes', async () => {
    const orgCli = await orgKeyCli(sandbox, admin, world.clientOrganization.id);
    const org = ['--org', world.clientOrganization.id];
    const financeId = (await cli.json<{ id: string; name: string }[]>(['collection', 'list', ...client])).find((c) => c.name === 'Finance')?.id as string;

    const made = await orgCli.json<GroupJson & { created: boolean }>(['group', 'create', 'Directory Sync', '--external-id', 'dir-sync', '--collection', `${financeId}:hide-passwords`, ...org]);
    expect(made).toMatchObject({ name: 'Directory Sync', externalId: 'dir-sync', created: true, collections: [{ id: financeId, permission: 'hide-passwords' }] });
    expect(sandbox.store.groups.findById(made.id)?.externalId).toBe('dir-sync');

    const members = await orgCli.json<{ changes: { result: string }[] }>(['group', 'members', 'add', 'dir-sync', 'ana@contoso.example', 'bo@contoso.example']);
    expect(members.changes.map((c) => c.result)).toEqual(['added', 'added']);
    const edited = await orgCli.json<GroupJson & { changed: boolean }>(['group', 'edit', 'dir-sync', '--external-id', 'dir-sync-2', '--name', 'Directory']);
    expect(edited).toMatchObject({ name: 'Directory', externalId: 'dir-sync-2', changed: true });

    const access = await orgCli.json<{ changes: { result: string }[] }>(['group', 'access', 'Directory', '--revoke', financeId]);
    expect(access.changes.map((c) => c.result)).toEqual(['revoked']);
    const byName = await orgCli.run(['group', 'access', 'Directory', '--grant', 'Finance']);
    expect(byName.exitCode).toBe(2);
    expect(byName.stderr).toContain('an organization API key has no key to read them');

    const list = await orgCli.json<GroupJson[]>(['group', 'list']);
    expect(list.find((g) => g.id === made.id)?.members.map((m) => m.email).sort()).toEqual(['ana@contoso.example', 'bo@contoso.example']);
    const other = await orgCli.run(['group', 'list', '--org', world.organization.id]);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain(`is an organization API key for organization ${world.clientOrganization.id} only`);

    expect((await orgCli.run(['group', 'delete', 'Directory', '--yes'])).exitCode).toBe(0);
    expect(sandbox.store.groups.findById(made.id)).toBeUndefined();
  });
});
