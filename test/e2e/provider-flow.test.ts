/**
 * The provider portal from the terminal, from an empty sandbox: Bitwarden staff invite the owner,
 * the owner sets the provider up, brings in a service user, creates a client, and the service user
 * builds the client (collections, groups, policies, members) through --client. The provider event
 * log shows each step with its time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardProviderUser, setUpProvider, startWorld, type Actor, type ProviderView, type World } from './provider-world.js';

let world: World;
let admin: Actor;
let tech: Actor;
const started = new Date();

beforeAll(async () => {
  world = await startWorld();
  [admin, tech] = await Promise.all([world.actor(world.account('provider-admin')), world.actor(world.account('service-user'))]);
});
afterAll(async () => {
  await world?.close();
});

interface ClientRow {
  id: string;
  name: string;
  plan: string;
  seats: number;
  used: number;
  remaining: number;
  status: string;
}

describe('a provider from invitation to a running client', () => {
  let provider: ProviderView;
  let client: ClientRow;

  it('the owner sets up the provider from the staff invitation and is warned to add a second admin', async () => {
    provider = await setUpProvider(world, admin, 'Acme MSP');
    expect(provider).toMatchObject({ name: 'Acme MSP', status: 'billable', role: 'admin', billingEmail: 'billing@msp.example', clients: 0 });
    const view = await admin.run(['provider', 'view']);
    expect(view.exitCode, view.stderr).toBe(0);
    expect(view.stdout).toContain('name\tAcme MSP');
    expect(view.stderr).toContain('Acme MSP has only one confirmed Provider Admin (admin@msp.example)');
  });

  it('setting up again converges', async () => {
    const again = await admin.run(['provider', 'setup', '--provider', provider.id, '--token', 'spent', '--name', 'Acme MSP', '--billing-email', 'billing@msp.example']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('is already set up; nothing changed');
  });

  it('brings in a service user: invite, accept with the mail token, confirm with a fingerprint', async () => {
    await onboardProviderUser(world, admin, tech, 'service-user');
    const users = await admin.json<{ email: string; role: string; status: string }[]>(['provider', 'users', 'list']);
    expect(users.map((u) => [u.email, u.role, u.status])).toEqual([
      ['admin@msp.example', 'admin', 'confirmed'],
      ['tech@msp.example', 'service-user', 'confirmed'],
    ]);
  });

  it('the service user sees the provider (its token is refreshed for the new membership)', async () => {
    const view = await tech.json<ProviderView>(['provider', 'view']);
    expect(view).toMatchObject({ id: provider.id, role: 'service-user', users: null });
  });

  it('only the provider admin may create a client; it gets an id found by name', async () => {
    const refused = await tech.run(['client', 'create', '--name', 'Contoso Ltd', '--owner-email', 'alice@contoso.example', '--plan', 'enterprise', '--seats', '10']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain('creating clients needs the Provider Admin role; you are a Service User of Acme MSP');

    const created = await admin.run(['client', 'create', '--name', 'Contoso Ltd', '--owner-email', 'alice@contoso.example', '--plan', 'enterprise', '--seats', '10']);
    expect(created.exitCode, created.stderr).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const clients = await tech.json<ClientRow[]>(['client', 'list']);
    expect(clients).toHaveLength(1);
    client = clients[0] as ClientRow;
    expect(client).toMatchObject({ id, name: 'Contoso Ltd', seats: 10, used: 1, remaining: 9, status: 'active' });
    expect(client.plan).toMatch(/Enterprise/);
  });

  it('the service user builds the client through --client: collections, groups, policies, members', async () => {
    const c = ['--client', 'Contoso Ltd'];
    for (const name of ['Finance', 'IT']) {
      const r = await tech.run(['collection', 'create', name, ...c]);
      expect(r.exitCode, `collection create ${name}: ${r.stderr}`).toBe(0);
    }
    const collections = await tech.json<{ name: string }[]>(['collection', 'list', ...c]);
    expect(collections.map((x) => x.name).sort()).toEqual(['Default collection', 'Finance', 'IT']);

    const group = await tech.run(['group', 'create', 'Accounting', '--collection', 'Finance:read-only', ...c]);
    expect(group.exitCode, group.stderr).toBe(0);

    const policy = await tech.run(['policy', 'enable', 'two-factor-authentication', ...c, '--yes']);
    expect(policy.exitCode, policy.stderr).toBe(0);

    const invite = await tech.json<unknown>(['member', 'invite', 'bob@contoso.example', '--group', 'Accounting', ...c]);
    expect(JSON.stringify(invite)).toContain('bob@contoso.example');
    const members = await tech.json<{ email: string; status: string }[]>(['member', 'list', ...c]);
    expect(members.map((m) => m.email).sort()).toEqual(['alice@contoso.example', 'bob@contoso.example']);

    const after = await tech.json<ClientRow>(['client', 'view', 'Contoso Ltd']);
    expect(after).toMatchObject({ used: 2, remaining: 8 });
  });

  it('the provider event log shows each step, timestamped, with names in words', async () => {
    const events = await admin.json<{ date: string; type: number; name: string; description: string; actor: string | null; target: string | null }[]>([
      'provider', 'events', '--since', '1h',
    ]);
    const types = events.map((e) => e.type);
    for (const type of [1800, 1801, 1900, 1903]) expect(types, `event ${type}`).toContain(type);
    const invited = events.find((e) => e.type === 1800);
    expect(invited).toMatchObject({ name: 'ProviderUser_Invited', actor: 'admin@msp.example', target: 'tech@msp.example' });
    const created = events.find((e) => e.type === 1900);
    expect(created).toMatchObject({ name: 'ProviderOrganization_Created', target: 'Contoso Ltd' });
    const accessed = events.find((e) => e.type === 1903);
    expect(accessed?.actor).toBe('tech@msp.example');
    for (const e of events) {
      const when = new Date(e.date).getTime();
      expect(when).toBeGreaterThanOrEqual(started.getTime() - 1000);
      expect(when).toBeLessThanOrEqual(Date.now() + 1000);
    }

    const csv = await admin.run(['provider', 'events', '--type', 'ProviderOrganization_Created', '--format', 'csv']);
    expect(csv.exitCode, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('Date,Event,Actor,Target,Type,IP address');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Client organization created,admin@msp.example,Contoso Ltd,1900');
  });

  it('the client organization records the provider opening its vault', async () => {
    const events = await tech.json<{ type: number }[]>(['event', 'list', '--client', 'Contoso Ltd', '--since', '1h']);
    expect(events.map((e) => e.type)).toContain(1603);
  });
});

interface FleetRow {
  client: string;
  clientId: string;
  result: string;
  detail: string;
}

describe('--all-clients fleet runs', () => {
  it('creates a second client', async () => {
    const created = await admin.run(['client', 'create', '--name', 'Fabrikam', '--owner-email', 'carol@fabrikam.example', '--plan', 'enterprise', '--seats', '5']);
    expect(created.exitCode, created.stderr).toBe(0);
    const single = await tech.run(['policy', 'enable', 'single-org', '--client', 'Contoso Ltd', '--yes']);
    expect(single.exitCode, single.stderr).toBe(0);
  });

  it('reports per client and exits 3 naming the clients that failed', async () => {
    const r = await tech.run(['policy', 'enable', 'account-recovery', '--all-clients', '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(3);
    const rows = JSON.parse(r.stdout) as FleetRow[];
    expect(rows.map((x) => [x.client, x.result])).toEqual([
      ['Contoso Ltd', 'ok'],
      ['Fabrikam', 'failed'],
    ]);
    expect(rows[1]?.detail).toMatch(/single-org/i);
    const error = JSON.parse(r.stderr.trim().split('\n').at(-1) as string) as { error: { code: string; message: string; failures: { item: string }[] } };
    expect(error.error.code).toBe('partial_failure');
    expect(error.error.message).toContain('failed for 1 of 2 clients: Fabrikam');
    expect(error.error.failures.map((f) => f.item)).toEqual(['Fabrikam']);
  });

  it('converges: clients already done are skipped, the rest catch up', async () => {
    const single = await tech.json<FleetRow[]>(['policy', 'enable', 'single-org', '--all-clients', '--yes', '--concurrency', '2']);
    expect(single.map((x) => [x.client, x.result])).toEqual([
      ['Contoso Ltd', 'skipped'],
      ['Fabrikam', 'ok'],
    ]);
    const recovery = await tech.json<FleetRow[]>(['policy', 'enable', 'account-recovery', '--all-clients', '--yes']);
    expect(recovery.map((x) => x.result)).toEqual(['skipped', 'ok']);
    const bad = await tech.run(['policy', 'enable', 'single-org', '--all-clients', '--client', 'Fabrikam', '--yes']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('pass --client or --all-clients, not both');
  });

  it('confirms the accepted members of every client', async () => {
    // Contoso requires two-step login by now, so its invitees cannot join; Fabrikam's owner can.
    const carol = await world.actor(world.account('member', 2));
    const invitation = (await world.mail(carol.email)).filter((m) => m.template === 'organization-invite').at(-1);
    const accepted = await carol.run(['member', 'accept', '--org', invitation?.data.organizationId ?? '', '--user', invitation?.data.organizationUserId ?? '', '--token', invitation?.token ?? '']);
    expect(accepted.exitCode, accepted.stderr).toBe(0);
    const r = await tech.run(['member', 'confirm', '--all-accepted', '--all-clients', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as FleetRow[];
    expect(rows.map((x) => [x.client, x.result])).toEqual([
      ['Contoso Ltd', 'skipped'],
      ['Fabrikam', 'ok'],
    ]);
    expect(rows[1]?.detail).toBe('confirmed carol@fabrikam.example');
    expect(r.stderr).toMatch(/Fabrikam: fingerprint phrase of carol@fabrikam\.example: [a-z]+(-[a-z]+){4}/);
    const again = await tech.json<FleetRow[]>(['member', 'confirm', '--all-accepted', '--all-clients']);
    expect(again.map((x) => x.result)).toEqual(['skipped', 'skipped']);
  });

  it("lists every client's events in one table, and the provider log through event list --provider", async () => {
    const events = await tech.json<{ client: string; type: number }[]>(['event', 'list', '--all-clients', '--type', 'policy-updated', '--since', '1h']);
    expect(new Set(events.map((e) => e.client))).toEqual(new Set(['Contoso Ltd', 'Fabrikam']));
    expect(events.every((e) => e.type === 1700)).toBe(true);
    const fromEventList = await admin.json<{ type: number }[]>(['event', 'list', '--provider', '--type', '1900']);
    expect(fromEventList.map((e) => e.type)).toEqual([1900, 1900]);
  });
});
