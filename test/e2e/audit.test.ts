/**
 * `bwmsp client audit` against the sandbox: a client onboarded from examples/contoso.yaml is
 * audited (its owner has not accepted yet → fail, exit 3; two-step login off → warn), fixing a
 * finding makes it pass, `--all-clients` covers two clients in one table, and the --json shape.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpProvider, startWorld, type Actor, type World } from './provider-world.js';

const contoso = join(fileURLToPath(new URL('../../examples/', import.meta.url)), 'contoso.yaml');

interface Check {
  id: string;
  level: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  hint: string;
}
interface ClientAudit {
  client: string;
  clientId: string;
  result: string;
  summary: { pass: number; warn: number; fail: number; skip: number };
  checks: Check[];
}

let world: World;
let admin: Actor;

beforeAll(async () => {
  world = await startWorld();
  admin = await world.actor(world.account('provider-admin'));
  await setUpProvider(world, admin, 'Acme MSP');
  const onboard = await admin.run(['client', 'onboard', '--plan', contoso, '--yes', '--json']);
  expect(onboard.exitCode, onboard.stderr).toBe(0);
});
afterAll(async () => {
  await world?.close();
});

function levels(audit: ClientAudit): Record<string, string> {
  return Object.fromEntries(audit.checks.map((c) => [c.id, c.level]));
}

describe('client audit', () => {
  it('reports the onboarded client against the checklist and exits 3 on a failed check', async () => {
    const r = await admin.run(['client', 'audit', '--client', 'Contoso Ltd', '--json']);
    expect(r.exitCode, r.stderr).toBe(3);
    const audit = JSON.parse(r.stdout) as ClientAudit;
    expect(Object.keys(audit).sort()).toEqual(['checks', 'client', 'clientId', 'result', 'summary']);
    expect(audit).toMatchObject({ client: 'Contoso Ltd', result: 'fail' });
    expect(audit.clientId).toMatch(/^[0-9a-f-]{36}$/);
    for (const c of audit.checks) expect(Object.keys(c).sort()).toEqual(['hint', 'id', 'level', 'message']);
    expect(levels(audit)).toEqual({
      'policy.two-factor-authentication': 'warn',
      'policy.master-password': 'pass',
      'policy.single-org': 'pass',
      'policy.account-recovery': 'pass',
      'account-recovery.auto-enroll': 'pass',
      // The owner and the admin of the plan are invited, not confirmed yet.
      owners: 'fail',
      'collections.unreachable': 'pass',
      'groups.no-collections': 'pass',
      'members.awaiting-confirmation': 'pass',
      'members.old-invitations': 'pass',
      seats: 'pass',
      'license.expiry': 'skip',
      'billing-sync.last-sync': 'skip',
    });
    expect(audit.summary).toEqual({ pass: 9, warn: 1, fail: 1, skip: 2 });
    expect(audit.checks.find((c) => c.id === 'owners')?.message).toBe('0 confirmed owners or admins; at least two are needed');
    expect(audit.checks.find((c) => c.id === 'license.expiry')?.message).toMatch(/self-hosted organizations only/);
    expect(audit.checks.find((c) => c.id === 'seats')?.message).toBe('33 of 40 seats left');
    expect(r.stderr).toMatch(/audit failed for 1 client \(Contoso Ltd\): owners/);
    expect(r.stderr).toContain('9 passed, 1 warning, 1 failed, 2 skipped');
  });

  it('prints tab-separated rows on a pipe, and a fixed finding passes on the next run', async () => {
    const before = await admin.run(['client', 'audit', '--client', 'Contoso Ltd']);
    expect(before.exitCode).toBe(3);
    const row = before.stdout.split('\n').find((l) => l.includes('policy.two-factor-authentication'));
    expect(row?.split('\t')).toEqual(['warn', 'policy.two-factor-authentication', 'Require two-step login is off', "bwmsp policy enable two-factor-authentication --client 'Contoso Ltd'"]);

    const fixed = await admin.run(['policy', 'enable', 'two-factor-authentication', '--client', 'Contoso Ltd', '--yes']);
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    const after = await admin.run(['client', 'audit', '--client', 'Contoso Ltd', '--json']);
    const audit = JSON.parse(after.stdout) as ClientAudit;
    expect(levels(audit)['policy.two-factor-authentication']).toBe('pass');
    expect(audit.checks.find((c) => c.id === 'policy.two-factor-authentication')?.hint).toBe('');
    expect(audit.summary).toEqual({ pass: 10, warn: 0, fail: 1, skip: 2 });
  });

  it('audits every client in one table with a client column', async () => {
    const created = await admin.run(['client', 'create', '--name', 'Fabrikam', '--owner-email', 'owner@fabrikam.example', '--plan', 'teams', '--seats', '5', '--json']);
    expect(created.exitCode, created.stderr).toBe(0);

    const r = await admin.run(['client', 'audit', '--all-clients', '--json']);
    expect(r.exitCode, r.stderr).toBe(3);
    const out = JSON.parse(r.stdout) as { clients: ClientAudit[]; summary: ClientAudit['summary'] };
    expect(out.clients.map((c) => c.client)).toEqual(['Contoso Ltd', 'Fabrikam']);
    const fabrikam = out.clients[1] as ClientAudit;
    // A bare new client: no policy on, no collection or group.
    expect(levels(fabrikam)).toMatchObject({
      'policy.master-password': 'fail',
      'policy.account-recovery': 'fail',
      'policy.two-factor-authentication': 'warn',
      'account-recovery.auto-enroll': 'skip',
      owners: 'fail',
      'groups.no-collections': 'pass',
      seats: 'pass',
    });
    const sum = (k: 'pass' | 'warn' | 'fail' | 'skip') => out.clients.reduce((n, c) => n + c.summary[k], 0);
    expect(out.summary).toEqual({ pass: sum('pass'), warn: sum('warn'), fail: sum('fail'), skip: sum('skip') });
    expect(r.stderr).toMatch(/audit failed for 2 clients \(Contoso Ltd, Fabrikam\): owners, policy\.master-password, policy\.account-recovery/);

    const table = await admin.run(['client', 'audit', '--all-clients', '--concurrency', '2']);
    expect(table.exitCode).toBe(3);
    const lines = table.stdout.trim().split('\n');
    expect(lines).toHaveLength(26);
    expect(lines.filter((l) => l.startsWith('Fabrikam\tfail\tpolicy.master-password\t'))).toHaveLength(1);
  });

  it('flags members awaiting confirmation until they are confirmed; two confirmed admins without an owner warn', async () => {
    const members = [world.account('member', 1), world.account('member', 2)];
    const invited = await admin.run(['member', 'invite', ...members.map((m) => m.email), '--role', 'admin', '--client', 'Fabrikam', '--json']);
    expect(invited.exitCode, invited.stderr).toBe(0);
    for (const account of members) {
      const mail = (await world.mail(account.email)).filter((m) => m.template === 'organization-invite').at(-1);
      const invitee = await world.actor(account);
      const accepted = await invitee.run(['member', 'accept', '--org', mail?.data.organizationId ?? '', '--user', mail?.data.organizationUserId ?? '', '--token', mail?.token ?? '']);
      expect(accepted.exitCode, accepted.stderr).toBe(0);
    }
    const before = JSON.parse((await admin.run(['client', 'audit', '--client', 'Fabrikam', '--json'])).stdout) as ClientAudit;
    const waiting = before.checks.find((c) => c.id === 'members.awaiting-confirmation');
    expect(waiting).toMatchObject({ level: 'warn', hint: 'bwmsp member confirm --all-accepted --client Fabrikam' });
    expect(waiting?.message).toBe(`2 members accepted but not confirmed: ${members.map((m) => m.email).sort().join(', ')}`);

    const confirmed = await admin.run(['member', 'confirm', '--all-accepted', '--client', 'Fabrikam', '--json']);
    expect(confirmed.exitCode, confirmed.stderr).toBe(0);
    const after = JSON.parse((await admin.run(['client', 'audit', '--client', 'Fabrikam', '--json'])).stdout) as ClientAudit;
    expect(levels(after)).toMatchObject({ 'members.awaiting-confirmation': 'pass', owners: 'warn' });
    expect(after.checks.find((c) => c.id === 'owners')?.message).toBe('2 confirmed admins but no confirmed owner');
  });

  it('refuses ambiguous or missing targets and bad flag values with exit 2', async () => {
    const none = await admin.run(['client', 'audit']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('--client NAME|ID, --org ID (e.g. on a self-hosted server), or --all-clients');
    const both = await admin.run(['client', 'audit', '--client', 'Fabrikam', '--all-clients']);
    expect(both.exitCode).toBe(2);
    const withOrg = await admin.run(['client', 'audit', '--client', 'Fabrikam', '--org', '00000000-0000-0000-0000-000000000000']);
    expect(withOrg.exitCode).toBe(2);
    expect(withOrg.stderr).toContain('not --client and --org');
    const age = await admin.run(['client', 'audit', '--client', 'Fabrikam', '--invite-age', 'soon']);
    expect(age.exitCode).toBe(2);
    expect(age.stderr).toContain('--invite-age soon');
    const missing = await admin.run(['client', 'audit', '--client', 'Nobody Inc']);
    expect(missing.exitCode).toBe(5);
  });
});
