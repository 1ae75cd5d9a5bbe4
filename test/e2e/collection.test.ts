/**
 * `bwmsp collection` against the sandbox, as a provider admin working on a client organization:
 * create (nested, converging), list with decrypted names and access, edit, access grant/revoke,
 * delete, --json, pipes and error cases.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encapsulateSymmetricKey, decryptString } from '../../src/crypto/index.js';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { orgKeyCli } from '../helpers/org-key-cli.js';

let sandbox: TestSandbox;
let world: SeededWorld;
let cli: Cli;
let admin: TestAccount;
const client = ['--client', 'Contoso Ltd'];

interface CollectionJson {
  id: string;
  name: string | null;
  externalId: string | null;
  type: string;
  groups: { id: string; name: string | null; permission: string }[];
  members: { id: string; email: string | null; permission: string }[] | null;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = await registerAccount(sandbox, { email: 'admin@msp.example', name: 'Ada Admin' });
  world = seedProviderWorld(sandbox.store, admin, { clientOrganization: 'Contoso Ltd' });
  for (const email of ['ana@contoso.example', 'bo@contoso.example']) {
    const account = await registerAccount(sandbox, { email });
    sandbox.store.organizations.insertUser({
      id: randomUUID(),
      organizationId: world.clientOrganization.id,
      userId: account.userId,
      email: null,
      key: encapsulateSymmetricKey(world.clientOrganization.orgKey, account.publicKey),
      status: 2,
      type: 2,
      creationDate: new Date().toISOString(),
    });
  }
  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('collection lifecycle on a client organization', () => {
  let financeId: string;

  it('creates collections with encrypted names and converges on a re-run', async () => {
    const created = await cli.json<CollectionJson & { created: boolean }>(['collection', 'create', 'Finance', ...client]);
    expect(created).toMatchObject({ name: 'Finance', created: true, type: 'shared', groups: [], members: [] });
    financeId = created.id;
    const stored = sandbox.store.collections.findById(financeId);
    expect(stored?.name).toMatch(/^2\./);
    expect(decryptString(stored?.name as string, world.clientOrganization.orgKey)).toBe('Finance');

    const again = await cli.json<CollectionJson & { created: boolean }>(['collection', 'create', 'Finance', ...client]);
    expect(again).toMatchObject({ id: financeId, created: false });

    // a pipe without --json prints the new id only
    const piped = await cli.run(['collection', 'create', 'Finance/Banking', ...client]);
    expect(piped.exitCode, piped.stderr).toBe(0);
    expect(piped.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('warns about a missing parent, and creates parents with --parents', async () => {
    const orphan = await cli.run(['collection', 'create', 'Ops/EU', ...client]);
    expect(orphan.exitCode, orphan.stderr).toBe(0);
    expect(orphan.stderr).toContain('parent collection Ops does not exist');
    const deep = await cli.json<{ parentsCreated: string[] }>(['collection', 'create', 'IT/Servers/Linux', '--parents', ...client]);
    expect(deep.parentsCreated).toEqual(['IT', 'IT/Servers']);
  });

  it('lists decrypted, sorted names as JSON and as tab-separated rows', async () => {
    const list = await cli.json<CollectionJson[]>(['collection', 'list', ...client]);
    expect(list.map((c) => c.name)).toEqual(['Finance', 'Finance/Banking', 'IT', 'IT/Servers', 'IT/Servers/Linux', 'Ops/EU']);
    const tsv = await cli.run(['collection', 'list', ...client]);
    expect(tsv.exitCode).toBe(0);
    const first = tsv.stdout.split('\n')[0]?.split('\t');
    expect(first?.slice(0, 2)).toEqual(['Finance', financeId]);
  });

  it('renames (re-encrypting) and sets the external id', async () => {
    const edited = await cli.json<CollectionJson & { changed: boolean }>(['collection', 'edit', 'Finance', '--name', 'Finance & Accounting', '--external-id', 'fin', ...client]);
    expect(edited).toMatchObject({ id: financeId, name: 'Finance & Accounting', externalId: 'fin', changed: true });
    expect(decryptString(sandbox.store.collections.findById(financeId)?.name as string, world.clientOrganization.orgKey)).toBe('Finance & Accounting');
    const same = await cli.json<{ changed: boolean }>(['collection', 'edit', 'fin', '--name', 'Finance & Accounting', ...client]);
    expect(same.changed).toBe(false);
  });

  it('grants and revokes access for groups and members, skipping what is already done', async () => {
    const group = await cli.run(['group', 'create', 'Accounting', ...client]);
    expect(group.exitCode, group.stderr).toBe(0);

    const grant = await cli.json<{ changes: { kind: string; name: string; result: string; permission: string }[]; collection: CollectionJson }>([
      'collection', 'access', 'grant', 'Finance & Accounting', '--group', 'Accounting', '--member', 'ana@contoso.example', '--permission', 'read-only', ...client,
    ]);
    expect(grant.changes.map((c) => [c.kind, c.name, c.result, c.permission])).toEqual([
      ['group', 'Accounting', 'granted', 'read-only'],
      ['member', 'ana@contoso.example', 'granted', 'read-only'],
    ]);
    expect(grant.collection.groups).toEqual([expect.objectContaining({ name: 'Accounting', permission: 'read-only' })]);
    expect(grant.collection.members).toEqual([expect.objectContaining({ email: 'ana@contoso.example', permission: 'read-only' })]);

    const again = await cli.run(['collection', 'access', 'grant', 'fin', '--group', 'Accounting', '--member', 'ana@contoso.example', '--permission', 'read-only', ...client]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('already set (skipped)');

    const upgrade = await cli.json<{ changes: { result: string; previous: string; permission: string }[] }>([
      'collection', 'access', 'grant', 'fin', '--member', 'ana@contoso.example', '--permission', 'manage', ...client,
    ]);
    expect(upgrade.changes).toEqual([expect.objectContaining({ result: 'updated', previous: 'read-only', permission: 'manage' })]);

    const listed = (await cli.json<CollectionJson[]>(['collection', 'list', ...client])).find((c) => c.id === financeId);
    expect(listed?.members).toEqual([expect.objectContaining({ email: 'ana@contoso.example', permission: 'manage' })]);

    const revoke = await cli.json<{ changes: { result: string }[] }>(['collection', 'access', 'revoke', 'fin', '--member', 'ana@contoso.example', '--member', 'bo@contoso.example', ...client]);
    expect(revoke.changes.map((c) => c.result)).toEqual(['revoked', 'absent']);
  });

  it('applies what resolves and exits 3 naming what did not', async () => {
    const r = await cli.run(['collection', 'access', 'grant', 'fin', '--member', 'bo@contoso.example', '--member', 'zed@contoso.example', '--group', 'Nope', ...client, '--json']);
    expect(r.exitCode).toBe(3);
    const out = JSON.parse(r.stdout) as { changes: { name: string; result: string }[]; failures: { item: string }[] };
    expect(out.changes).toEqual([expect.objectContaining({ name: 'bo@contoso.example', result: 'granted' })]);
    expect(out.failures.map((f) => f.item)).toEqual(['group Nope', 'member zed@contoso.example']);
    expect(r.stderr).toContain('"code":"partial_failure"');
  });

  it('needs --yes to delete without a terminal, deletes, and exits 5 for an unknown name', async () => {
    const refused = await cli.run(['collection', 'delete', 'Ops/EU', ...client]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    const deleted = await cli.json<{ name: string; deleted: boolean }>(['collection', 'delete', 'Ops/EU', '--yes', ...client]);
    expect(deleted).toMatchObject({ name: 'Ops/EU', deleted: true });
    const names = (await cli.json<CollectionJson[]>(['collection', 'list', ...client])).map((c) => c.name);
    expect(names).not.toContain('Ops/EU');
    const missing = await cli.run(['collection', 'delete', 'Ops/EU', '--yes', ...client]);
    expect(missing.exitCode).toBe(5);
    expect(missing.stderr).toContain("no collection 'Ops/EU' in Contoso Ltd");
  });

  it('explains what is missing', async () => {
    const noClient = await cli.run(['collection', 'list', '--client', 'Fabrikam']);
    expect(noClient.exitCode).toBe(5);
    expect(noClient.stderr).toContain("no client named 'Fabrikam'");
    const locked = await cli.run(['collection', 'list', ...client], { env: { BWMSP_SESSION: '' } });
    expect(locked.exitCode).toBe(4);
    const typo = await cli.run(['collection', 'edit', 'Financ', '--name', 'X', ...client]);
    expect(typo.exitCode).toBe(5);
    expect(typo.stderr).toContain('Did you mean');
  });
});

describe('collections with an organization API key (Public API)', () => {
  it('lists without names, sets external ids and access by id or external id, and deletes', async () => {
    const orgCli = await orgKeyCli(sandbox, admin, world.clientOrganization.id);
    const list = await orgCli.run(['collection', 'list', '--json']);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stderr).toContain('cannot read collection names');
    const entries = JSON.parse(list.stdout) as CollectionJson[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((c) => c.name === null && c.members === null)).toBe(true);
    const it2 = (await cli.json<CollectionJson[]>(['collection', 'list', ...client])).find((c) => c.name === 'IT') as CollectionJson;

    const edited = await orgCli.json<CollectionJson & { changed: boolean }>(['collection', 'edit', it2.id, '--external-id', 'it-dept']);
    expect(edited).toMatchObject({ id: it2.id, externalId: 'it-dept', changed: true });
    const rename = await orgCli.run(['collection', 'edit', it2.id, '--name', 'Renamed']);
    expect(rename.exitCode).toBe(2);
    expect(rename.stderr).toContain('cannot encrypt names');

    const grant = await orgCli.json<{ changes: { kind: string; result: string }[] }>(['collection', 'access', 'grant', 'it-dept', '--group', 'Accounting', '--member', 'bo@contoso.example', '--permission', 'manage']);
    expect(grant.changes.map((c) => [c.kind, c.result])).toEqual([
      ['group', 'granted'],
      ['member', 'granted'],
    ]);
    const seen = (await cli.json<CollectionJson[]>(['collection', 'list', ...client])).find((c) => c.id === it2.id);
    expect(seen?.groups).toEqual([expect.objectContaining({ name: 'Accounting', permission: 'manage' })]);
    expect(seen?.members).toEqual([expect.objectContaining({ email: 'bo@contoso.example', permission: 'manage' })]);

    const byName = await orgCli.run(['collection', 'delete', 'IT', '--yes']);
    expect(byName.exitCode).toBe(2);
    expect(byName.stderr).toContain('Name the collection by id or external id');
    expect((await orgCli.run(['collection', 'delete', 'it-dept', '--yes'])).exitCode).toBe(0);
    expect(sandbox.store.collections.findById(it2.id)).toBeUndefined();
    const create = await orgCli.run(['collection', 'create', 'New']);
    expect(create.exitCode).toBe(2);
    expect(create.stderr).toContain('logged in with an organization API key');
  });
});
