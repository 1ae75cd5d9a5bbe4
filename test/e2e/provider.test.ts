/**
 * `bwmsp provider` and `provider users` against the sandbox: view, edit, billing, events, the users
 * lifecycle (reinvite, set-role, remove, with the server's refusals) and what a service user may not do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardProviderUser, setUpProvider, startWorld, type Actor, type ProviderView, type World } from './provider-world.js';

let world: World;
let admin: Actor;
let backup: Actor;
let tech: Actor;
let provider: ProviderView;

beforeAll(async () => {
  world = await startWorld();
  [admin, backup, tech] = await Promise.all([
    world.actor(world.account('provider-admin')),
    world.actor(world.account('provider-admin-2')),
    world.actor(world.account('service-user')),
  ]);
  provider = await setUpProvider(world, admin, 'Acme MSP');
  await onboardProviderUser(world, admin, tech, 'service-user');
});
afterAll(async () => {
  await world?.close();
});

describe('provider view and edit', () => {
  it('edits the name and billing e-mail, and converges', async () => {
    const edited = await admin.json<ProviderView>(['provider', 'edit', '--name', 'Acme Managed Services', '--billing-email', 'ap@msp.example']);
    expect(edited).toMatchObject({ name: 'Acme Managed Services', billingEmail: 'ap@msp.example' });
    const again = await admin.run(['provider', 'edit', '--name', 'Acme Managed Services']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('already has these values; nothing changed');
    const view = await admin.json<ProviderView>(['provider', 'view', '--provider', 'Acme Managed Services']);
    expect(view).toMatchObject({ id: provider.id, users: { total: 2, confirmedAdmins: 1, serviceUsers: 1, invited: 0, needsConfirmation: 0 } });
  });

  it('refuses bad values naming the flag', async () => {
    const r = await admin.run(['provider', 'edit', '--billing-email', 'nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--billing-email 'nope' is not an e-mail address");
  });
});

describe('what a service user may not do (exit 4, clear message)', () => {
  it.each([
    [['provider', 'edit', '--name', 'Hijacked'], 'editing the provider needs the Provider Admin role; you are a Service User of Acme Managed Services'],
    [['provider', 'users', 'invite', 'eve@msp.example'], 'needs the Provider Admin role'],
    [['provider', 'users', 'list'], 'listing provider users needs the Provider Admin role'],
    [['provider', 'billing', '--invoices'], 'reading provider invoices needs the Provider Admin role'],
    [['provider', 'events'], 'reading the provider event log needs the Provider Admin role'],
  ])('%j', async (argv, message) => {
    const r = await tech.run(argv);
    expect(r.exitCode, r.stderr).toBe(4);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('provider users', () => {
  it('invites (skipping people already in), reinvites, and lists by status', async () => {
    const invited = await admin.json<{ email: string; result: string }[]>(['provider', 'users', 'invite', 'tech@msp.example', 'dora@msp.example', 'ed@msp.example']);
    expect(invited.map((r) => [r.email, r.result])).toEqual([
      ['tech@msp.example', 'skipped'],
      ['dora@msp.example', 'invited'],
      ['ed@msp.example', 'invited'],
    ]);
    const again = await admin.json<{ result: string }[]>(['provider', 'users', 'reinvite', 'dora@msp.example', 'tech@msp.example']);
    expect(again.map((r) => r.result)).toEqual(['reinvited', 'skipped']);
    expect((await world.mail('dora@msp.example')).filter((m) => m.template === 'provider-user-invite')).toHaveLength(2);
    const pending = await admin.json<{ email: string }[]>(['provider', 'users', 'list', '--status', 'invited']);
    expect(pending.map((u) => u.email)).toEqual(['dora@msp.example', 'ed@msp.example']);
  });

  it('confirming someone who has not accepted fails for that user only (exit 3)', async () => {
    const r = await admin.run(['provider', 'users', 'confirm', 'dora@msp.example', 'tech@msp.example']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('dora@msp.example: has not accepted the invitation yet');
    expect(r.stdout).toContain('tech@msp.example\tskipped');
  });

  it('a second admin makes the one-admin warning go away', async () => {
    const before = await admin.run(['provider', 'view']);
    expect(before.stderr).toContain('has only one confirmed Provider Admin');
    await onboardProviderUser(world, admin, backup, 'admin');
    const after = await admin.run(['provider', 'view']);
    expect(after.exitCode).toBe(0);
    expect(after.stderr).not.toContain('only one confirmed Provider Admin');
  });

  it('changes roles, and the server keeps at least one confirmed admin', async () => {
    const promoted = await admin.json<{ result: string }[]>(['provider', 'users', 'set-role', 'tech@msp.example', '--role', 'admin']);
    expect(promoted.map((r) => r.result)).toEqual(['updated']);
    const demoted = await admin.run(['provider', 'users', 'set-role', 'tech@msp.example', 'admin2@msp.example', '--role', 'service-user', '--json']);
    expect(demoted.exitCode, demoted.stderr).toBe(0);
    const selfDemotion = await admin.run(['provider', 'users', 'set-role', 'admin@msp.example', '--role', 'service-user']);
    expect(selfDemotion.exitCode).toBe(3);
    expect(selfDemotion.stderr).toContain('Provider must have at least one confirmed ProviderAdmin.');
    expect(selfDemotion.stderr).toContain('only one confirmed Provider Admin');
  });

  it("removes users with --yes, surfacing the server's refusals", async () => {
    // Removing the only confirmed admin is refused for the whole request.
    const lastAdmin = await admin.run(['provider', 'users', 'remove', 'ed@msp.example', 'admin@msp.example', '--yes']);
    expect(lastAdmin.exitCode).toBe(3);
    expect(lastAdmin.stderr).toContain('admin@msp.example: Provider must have at least one confirmed ProviderAdmin.');

    await admin.json(['provider', 'users', 'set-role', 'admin2@msp.example', '--role', 'admin']);
    const r = await admin.run(['provider', 'users', 'remove', 'ed@msp.example', 'admin@msp.example', '--yes']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toContain('ed@msp.example\tremoved');
    expect(r.stderr).toContain('admin@msp.example: You cannot remove yourself.');
    const again = await admin.json<{ result: string }[]>(['provider', 'users', 'remove', 'ed@msp.example', '--yes']);
    expect(again.map((x) => x.result)).toEqual(['skipped']);
  });
});

describe('billing and events', () => {
  it('shows the subscription plans with seat minimums and assigned seats', async () => {
    await admin.json(['client', 'create', '--name', 'Fabrikam', '--owner-email', 'carol@fabrikam.example', '--plan', 'enterprise', '--seats', '12']);
    const sub = await admin.json<{ plans: { plan: string; seatMinimum: number; purchasedSeats: number; assignedSeats: number }[] }>(['provider', 'billing']);
    const enterprise = sub.plans.find((p) => /Enterprise/.test(p.plan));
    expect(enterprise).toMatchObject({ seatMinimum: 50, assignedSeats: 12 });
    const invoices = await admin.run(['provider', 'billing', '--invoices', '--format', 'csv']);
    expect(invoices.exitCode, invoices.stderr).toBe(0);
    expect(invoices.stdout.split('\r\n')[0]).toBe('Number,Date,Total,Status,Due,Id,Url');
  });

  it('filters events by type and window', async () => {
    const invites = await admin.json<{ type: number; target: string }[]>(['provider', 'events', '--type', 'provider-user-invited', '--since', '1h']);
    expect(invites.length).toBeGreaterThanOrEqual(4);
    expect(new Set(invites.map((e) => e.type))).toEqual(new Set([1800]));
    expect(invites.map((e) => e.target)).toContain('dora@msp.example');
    const future = await admin.json<unknown[]>(['provider', 'events', '--since', '2099-01-01', '--until', '2099-01-02']);
    expect(future).toEqual([]);
    const removed = await admin.json<{ target: string }[]>(['provider', 'events', '--type', '1803']);
    expect(removed).toHaveLength(1);
  });
});
