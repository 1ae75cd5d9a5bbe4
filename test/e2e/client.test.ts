/**
 * `bwmsp client` against the sandbox: create (duplicate names refused), list, view, edit, remove
 * (refused while the client has no confirmed owner), add-existing, and who may see what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardProviderUser, setUpProvider, startWorld, type Actor, type ProviderView, type World } from './provider-world.js';

interface ClientRow {
  id: string;
  providerOrganizationId: string;
  name: string;
  plan: string;
  seats: number;
  used: number;
  remaining: number;
  confirmedMembers: number;
  status: string;
}

let world: World;
let admin: Actor;
let tech: Actor;
let rival: Actor;
let acme: ProviderView;
let globex: ProviderView;

beforeAll(async () => {
  world = await startWorld();
  [admin, tech, rival] = await Promise.all([
    world.actor(world.account('provider-admin')),
    world.actor(world.account('service-user')),
    world.actor(world.account('provider-admin-2')),
  ]);
  acme = await setUpProvider(world, admin, 'Acme MSP');
  globex = await setUpProvider(world, rival, 'Globex Partners');
  await onboardProviderUser(world, admin, tech, 'service-user');
});
afterAll(async () => {
  await world?.close();
});

describe('client lifecycle', () => {
  let contoso: ClientRow;

  it('creates a client and prints it as JSON with the id found by name', async () => {
    contoso = await admin.json<ClientRow>(['client', 'create', '--name', 'Contoso Ltd', '--owner-email', 'alice@contoso.example', '--plan', 'teams', '--seats', '5']);
    expect(contoso).toMatchObject({ name: 'Contoso Ltd', seats: 5, used: 1, remaining: 4, confirmedMembers: 0, status: 'active' });
    expect(contoso.plan).toMatch(/Teams/);
    const invitation = (await world.mail('alice@contoso.example')).find((m) => m.template === 'organization-invite');
    expect(invitation?.data.organizationId).toBe(contoso.id);
  });

  it('refuses a duplicate name before sending anything (exit 2)', async () => {
    const r = await admin.run(['client', 'create', '--name', 'contoso ltd', '--owner-email', 'x@contoso.example', '--plan', 'teams', '--seats', '5']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`a client named 'Contoso Ltd' already exists (${contoso.id})`);
    expect(await admin.json<ClientRow[]>(['client', 'list'])).toHaveLength(1);
  });

  it('lists the portal table on a pipe and as CSV, and views by name or id', async () => {
    const tsv = await tech.run(['client', 'list']);
    expect(tsv.exitCode, tsv.stderr).toBe(0);
    expect(tsv.stdout).toMatch(new RegExp(`^Contoso Ltd\\tTeams[^\\t]*\\t5\\t1\\t4\\tactive\\t${contoso.id}$`));
    const csv = await tech.run(['client', 'list', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('Client,Plan,Assigned,Used,Remaining,Status,Id');
    expect((await tech.json<ClientRow>(['client', 'view', contoso.id])).name).toBe('Contoso Ltd');
    expect((await tech.json<ClientRow>(['client', 'view', contoso.providerOrganizationId])).id).toBe(contoso.id);
    const missing = await tech.run(['client', 'view', 'Initech']);
    expect(missing.exitCode).toBe(5);
    expect(missing.stderr).toContain("no client named 'Initech'");
    expect(missing.stderr).toContain('Clients: Contoso Ltd');
  });

  it('edits seats and name; running the same edit again changes nothing', async () => {
    const grown = await admin.json<ClientRow>(['client', 'edit', 'Contoso Ltd', '--seats', '12']);
    expect(grown).toMatchObject({ seats: 12, remaining: 11 });
    const again = await admin.run(['client', 'edit', 'Contoso Ltd', '--seats', '12']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('already has these values; nothing changed');
    const renamed = await tech.json<ClientRow>(['client', 'edit', contoso.id, '--name', 'Contoso Group', '--seats', '10']);
    expect(renamed).toMatchObject({ name: 'Contoso Group', seats: 10 });
  });

  it("refuses a service user's edit that would buy seats, with the server's reason", async () => {
    const r = await tech.run(['client', 'edit', 'Contoso Group', '--seats', '5000']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Service users cannot purchase additional seats.');
    expect((await tech.json<ClientRow>(['client', 'view', 'Contoso Group'])).seats).toBe(10);
  });

  it('refuses to unlink a client without a confirmed owner, saying what to do', async () => {
    const r = await admin.run(['client', 'remove', 'Contoso Group', '--yes']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('cannot unlink Contoso Group: it has no confirmed owner of its own (provider users do not count)');
    expect(r.stderr).toContain(`bwmsp member confirm EMAIL --client "Contoso Group"`);
    const noYes = await admin.run(['client', 'remove', 'Contoso Group']);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('--yes');
  });

  it('unlinks once the owner has accepted and been confirmed; the client members keep nothing of the provider', async () => {
    const alice = await world.actor(world.account('member', 0));
    const invitation = (await world.mail(alice.email)).filter((m) => m.template === 'organization-invite').at(-1);
    const accepted = await alice.run(['member', 'accept', '--org', invitation?.data.organizationId ?? '', '--user', invitation?.data.organizationUserId ?? '', '--token', invitation?.token ?? '']);
    expect(accepted.exitCode, accepted.stderr).toBe(0);
    const confirmed = await tech.run(['member', 'confirm', alice.email, '--client', 'Contoso Group']);
    expect(confirmed.exitCode, confirmed.stderr).toBe(0);

    // A member of a client organization sees nothing of the provider.
    const noProvider = await alice.run(['provider', 'view']);
    expect(noProvider.exitCode).toBe(5);
    expect(noProvider.stderr).toContain('this account is not a confirmed user of any provider');
    const peek = await alice.run(['client', 'list', '--provider', acme.id]);
    expect([4, 5]).toContain(peek.exitCode);
    expect(peek.stdout).toBe('');

    const removed = await admin.json<{ id: string; result: string }>(['client', 'remove', 'Contoso Group', '--yes']);
    expect(removed).toEqual({ id: contoso.id, providerOrganizationId: contoso.providerOrganizationId, name: 'Contoso Group', result: 'removed' });
    expect(await admin.json<ClientRow[]>(['client', 'list'])).toEqual([]);
    const gone = await admin.run(['client', 'view', 'Contoso Group']);
    expect(gone.exitCode).toBe(5);
  });

  it('adds an organization the admin owns, and converges when run again', async () => {
    const org = await admin.json<{ id: string }>(['org', 'create', '--name', 'Acme Internal IT', '--plan', 'enterprise', '--seats', '5']);
    const added = await admin.json<ClientRow & { result: string }>(['client', 'add-existing', '--org', org.id]);
    expect(added).toMatchObject({ id: org.id, name: 'Acme Internal IT', result: 'added' });
    const again = await admin.json<ClientRow & { result: string }>(['client', 'add-existing', '--org', org.id]);
    expect(again.result).toBe('skipped');
    // The provider key chain now reaches it: a service user administers it with --client.
    const collections = await tech.run(['collection', 'list', '--client', 'Acme Internal IT']);
    expect(collections.exitCode, collections.stderr).toBe(0);
    const notMine = await admin.run(['client', 'add-existing', '--org', '00000000-0000-4000-8000-000000000000']);
    expect(notMine.exitCode).toBe(5);
    expect(notMine.stderr).toContain('is not one of yours');
  });
});

describe('who sees which clients', () => {
  it("no provider sees another provider's clients", async () => {
    const own = await rival.json<ClientRow[]>(['client', 'list']);
    expect(own.map((c) => c.name)).not.toContain('Acme Internal IT');
    const peek = await rival.run(['client', 'list', '--provider', acme.id]);
    expect([4, 5]).toContain(peek.exitCode);
    expect(peek.stdout).toBe('');
    const reach = await rival.run(['collection', 'list', '--client', 'Acme Internal IT']);
    expect(reach.exitCode).toBe(5);
    expect((await rival.json<ProviderView>(['provider', 'view'])).id).toBe(globex.id);
  });
});
