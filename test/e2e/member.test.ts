/**
 * Member lifecycle through the built CLI against the sandbox: an owner creates an organization,
 * invites (one address already a member), the invitees accept with the mailed token, the owner
 * confirms them (fingerprints), changes roles, revokes, restores and removes; plus --json output,
 * one error per verb, a partial failure (exit 3) and the seat check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintPhraseString } from '../../src/crypto/index.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

interface SeedAccount {
  role: string;
  email: string;
  password: string;
}
interface Outcome {
  id: string | null;
  email: string | null;
  result: string;
  reason: string | null;
  fingerprint?: string | null;
}
interface MemberRow {
  id: string;
  userId: string | null;
  email: string;
  status: string;
  role: string;
  permissions: string[];
  groups: string[] | null;
}
interface Mail {
  to: string;
  template: string;
  token: string | null;
  data: Record<string, string>;
}

let sandbox: TestSandbox;
let accounts: SeedAccount[];
let owner: Cli;
let orgId: string;

const OWNER = 'admin@msp.example';
const ALICE = 'alice@contoso.example';
const BOB = 'bob@contoso.example';
const CAROL = 'carol@fabrikam.example';

function account(email: string): SeedAccount {
  const found = accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no seeded ${email}`);
  return found;
}

/** A CLI with a profile for the sandbox, logged in as `email`; returns it with BWMSP_SESSION set. */
async function loggedIn(email: string): Promise<Cli> {
  const cli = createCli();
  const add = await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string]);
  expect(add.exitCode, add.stderr).toBe(0);
  const login = await cli.run(['login', email, '--password-stdin'], { input: account(email).password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();
  return cli;
}

async function members(): Promise<MemberRow[]> {
  return owner.json<MemberRow[]>(['member', 'list', '--org', orgId]);
}

async function memberId(email: string): Promise<string> {
  const found = (await members()).find((m) => m.email === email);
  if (!found) throw new Error(`${email} is not a member`);
  return found.id;
}

async function invitation(email: string): Promise<Mail> {
  const mail = await createCli().json<Mail[]>(['sandbox', 'mail', '--data', sandbox.dataDir, '--to', email]);
  const invite = mail.filter((m) => m.template === 'organization-invite' && m.data.organizationId === orgId).at(-1);
  if (!invite?.token) throw new Error(`no invitation for ${email}`);
  return invite;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ runtimeFile: true });
  accounts = (await createCli().json<{ accounts: SeedAccount[] }>(['sandbox', 'seed', '--data', sandbox.dataDir])).accounts;
  owner = await loggedIn(OWNER);
  const created = await owner.json<{ id: string; plan: string; seats: number }>(['org', 'create', '--name', 'Contoso Lab', '--plan', 'enterprise', '--seats', '5', '--collection', 'Shared']);
  expect(created).toMatchObject({ plan: 'enterprise', seats: 5 });
  orgId = created.id;
});

afterAll(async () => {
  await sandbox?.close();
});

describe('member lifecycle', () => {
  it('invites, skipping an address that is already a member', async () => {
    const r = await owner.run(['member', 'invite', ALICE, BOB, OWNER, '--org', orgId, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout) as Outcome[];
    expect(outcomes.map((o) => [o.email, o.result, o.reason])).toEqual([
      [ALICE, 'invited', null],
      [BOB, 'invited', null],
      [OWNER, 'skipped', 'already a member (confirmed)'],
    ]);
    expect(outcomes[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    const list = await members();
    expect(list.filter((m) => m.status === 'invited').map((m) => m.email)).toEqual([ALICE, BOB]);
  });

  it('invites from a CSV on stdin, with a role and a collection found by its decrypted name', async () => {
    const csv = `email,role,collections\n${CAROL},user,Shared:read-only\n`;
    const r = await owner.run(['member', 'invite', '--csv', '-', '--org', orgId, '--json'], { input: csv });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Outcome[]).map((o) => o.result)).toEqual(['invited']);
    // run again: converges
    const again = await owner.run(['member', 'invite', '--csv', '-', '--org', orgId, '--json'], { input: csv });
    expect((JSON.parse(again.stdout) as Outcome[])[0]).toMatchObject({ result: 'skipped', reason: 'already a member (invited)' });
  });

  it('refuses a CSV with a bad row, naming file, line and column, and sends nothing', async () => {
    const before = (await members()).length;
    const r = await owner.run(['member', 'invite', '--csv', '-', '--org', orgId], { input: 'email,role\nx@y.example,user\nz@y.example,chief\n' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("stdin:3:2: unknown role 'chief'");
    expect((await members()).length).toBe(before);
  });

  it('re-sends an invitation (and skips members who are not invited)', async () => {
    const r = await owner.run(['member', 'reinvite', BOB, OWNER, '--org', orgId, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Outcome[]).map((o) => [o.email, o.result])).toEqual([
      [BOB, 'reinvited'],
      [OWNER, 'skipped'],
    ]);
  });

  it('shows the outbox with tokens: sandbox mail', async () => {
    const mail = await invitation(ALICE);
    expect(mail).toMatchObject({ to: ALICE, data: { organizationId: orgId, organizationUserId: await memberId(ALICE) } });
    const table = await createCli().run(['sandbox', 'mail', '--data', sandbox.dataDir, '--to', ALICE]);
    expect(table.stdout).toContain(`\t${ALICE}\tJoin Contoso Lab\t${mail.token}`);
  });

  it('lets the invitees accept with the mailed token, as themselves', async () => {
    for (const email of [ALICE, BOB, CAROL]) {
      const mail = await invitation(email);
      const invitee = await loggedIn(email);
      const accept = await invitee.json<{ result: string; organizationId: string }>([
        'member', 'accept', '--org', mail.data.organizationId as string, '--user', mail.data.organizationUserId as string, '--token', mail.token as string,
      ]);
      expect(accept).toMatchObject({ result: 'accepted', organizationId: orgId });
      if (email === ALICE) {
        // accepting again converges; a wrong token is refused with a hint
        const again = await invitee.run(['member', 'accept', '--org', orgId, '--user', mail.data.organizationUserId as string, '--token', mail.token as string]);
        expect(again.exitCode, again.stderr).toBe(0);
        expect(again.stderr).toContain('Nothing to do: Invitation already accepted.');
        const wrong = await invitee.run(['member', 'accept', '--org', orgId, '--user', mail.data.organizationUserId as string, '--token', 'not-the-token']);
        expect(wrong.exitCode).toBe(1);
        expect(wrong.stderr).toContain('the server refused the invitation token: Invalid token.');
        expect(wrong.stderr).toContain('bwmsp member reinvite');
      }
    }
    expect((await owner.json<MemberRow[]>(['member', 'list', '--org', orgId, '--status', 'accepted'])).map((m) => m.email)).toEqual([ALICE, BOB, CAROL]);
  });

  it('confirms everyone who accepted, with fingerprint phrases of their public keys', async () => {
    const r = await owner.run(['member', 'confirm', '--all-accepted', '--org', orgId, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout) as Outcome[];
    expect(outcomes.map((o) => [o.email, o.result])).toEqual([
      [ALICE, 'confirmed'],
      [BOB, 'confirmed'],
      [CAROL, 'confirmed'],
    ]);
    for (const o of outcomes) {
      const user = sandbox.store.users.findByEmail(o.email as string);
      expect(o.fingerprint).toBe(fingerprintPhraseString(user?.id as string, user?.publicKey as string));
      expect(r.stderr).toContain(`Fingerprint phrase of ${o.email}: ${o.fingerprint}`);
    }
    const again = await owner.json<Outcome[]>(['member', 'confirm', ALICE, '--org', orgId]);
    expect(again[0]).toMatchObject({ result: 'skipped', reason: 'already confirmed' });
  });

  it('a confirmed member reaches the organization and its key', async () => {
    const carol = await loggedIn(CAROL);
    const orgs = await carol.json<{ id: string; role: string }[]>(['org', 'list']);
    expect(orgs).toEqual([expect.objectContaining({ id: orgId, role: 'user', name: 'Contoso Lab' })]);
  });

  it('changes roles, including a custom role with permissions, keeping collections', async () => {
    const r = await owner.run(['member', 'set-role', BOB, '--role', 'admin', '--org', orgId, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ email: BOB, result: 'updated' })]);
    const custom = await owner.json<Outcome[]>(['member', 'set-role', CAROL, '--role', 'custom', '--permission', 'manage-users', '--permission', 'access-event-logs', '--org', orgId]);
    expect(custom[0]?.result).toBe('updated');
    const list = await members();
    expect(list.find((m) => m.email === BOB)).toMatchObject({ role: 'admin' });
    expect(list.find((m) => m.email === CAROL)).toMatchObject({ role: 'custom', permissions: ['access-event-logs', 'manage-users'] });
    // Carol's collection access survived the role change
    const carolId = await memberId(CAROL);
    const access = sandbox.store.collections.listForUser(sandbox.store.users.findByEmail(CAROL)?.id as string);
    expect(access.map((c) => c.readOnly)).toEqual([true]);
    expect(carolId).toMatch(/^[0-9a-f-]{36}$/);
    const same = await owner.json<Outcome[]>(['member', 'set-role', BOB, '--role', 'admin', '--org', orgId]);
    expect(same[0]).toMatchObject({ result: 'skipped', reason: 'already admin' });
  });

  it('revokes (needs --yes without a terminal) and restores', async () => {
    const refused = await owner.run(['member', 'revoke', BOB, '--org', orgId]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    const revoked = await owner.json<Outcome[]>(['member', 'revoke', BOB, '--org', orgId, '--yes']);
    expect(revoked[0]).toMatchObject({ email: BOB, result: 'revoked' });
    expect((await members()).find((m) => m.email === BOB)?.status).toBe('revoked');
    const again = await owner.json<Outcome[]>(['member', 'revoke', BOB, '--org', orgId, '--yes']);
    expect(again[0]).toMatchObject({ result: 'skipped', reason: 'already revoked' });
    const restored = await owner.json<Outcome[]>(['member', 'restore', BOB, '--org', orgId]);
    expect(restored[0]).toMatchObject({ email: BOB, result: 'restored' });
    expect((await members()).find((m) => m.email === BOB)?.status).toBe('confirmed');
  });

  it('reports a partial failure with exit 3, naming the member that failed', async () => {
    // with a second owner the organization keeps one, so the server judges each member on its own
    expect((await owner.json<Outcome[]>(['member', 'set-role', BOB, '--role', 'owner', '--org', orgId]))[0]?.result).toBe('updated');
    const r = await owner.run(['member', 'revoke', OWNER, ALICE, '--org', orgId, '--yes', '--json']);
    expect(r.exitCode).toBe(3);
    const outcomes = JSON.parse(r.stdout) as Outcome[];
    expect(outcomes.map((o) => [o.email, o.result])).toEqual([
      [OWNER, 'failed'],
      [ALICE, 'revoked'],
    ]);
    const error = JSON.parse(r.stderr.trim().split('\n').at(-1) as string) as { error: { code: string; failures: { item: string; error: string }[] } };
    expect(error.error.code).toBe('partial_failure');
    expect(error.error.failures).toEqual([{ item: OWNER, error: 'You cannot revoke yourself.' }]);
    expect((await owner.json<Outcome[]>(['member', 'restore', ALICE, '--org', orgId]))[0]?.result).toBe('restored');
    expect((await owner.json<Outcome[]>(['member', 'set-role', BOB, '--role', 'admin', '--org', orgId]))[0]?.result).toBe('updated');
  });

  it('removes members; a re-run reports them as skipped', async () => {
    const removed = await owner.json<Outcome[]>(['member', 'remove', CAROL, '--org', orgId, '--yes']);
    expect(removed[0]).toMatchObject({ email: CAROL, result: 'removed' });
    expect((await members()).map((m) => m.email)).not.toContain(CAROL);
    const again = await owner.run(['member', 'remove', CAROL, '--org', orgId, '--yes']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toBe(`${CAROL}\t\tskipped\tnot a member`);
  });

  it('lists members as rows on a pipe, filtered by role', async () => {
    const r = await owner.run(['member', 'list', '--org', orgId, '--role', 'admin']);
    expect(r.exitCode, r.stderr).toBe(0);
    const [row, ...rest] = r.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(row?.split('\t').slice(0, 5)).toEqual([BOB, 'Bob Contoso', 'Confirmed', 'admin', 'no']);
  });
});

describe('member errors', () => {
  it.each([
    [['member', 'list', '--org', '00000000-0000-4000-8000-000000000000'], 5, 'is not reachable from this account'],
    [['member', 'invite', 'not-an-address', '--org', 'ORG'], 2, 'is not an e-mail address'],
    [['member', 'reinvite', 'nobody@nowhere.example', '--org', 'ORG'], 5, "no member 'nobody@nowhere.example' in Contoso Lab"],
    [['member', 'confirm', 'nobody@nowhere.example', '--org', 'ORG'], 5, "no member 'nobody@nowhere.example'"],
    [['member', 'set-role', ALICE, '--org', 'ORG'], 2, '--role is required'],
    [['member', 'restore', 'nobody@nowhere.example', '--org', 'ORG'], 5, "no member 'nobody@nowhere.example'"],
    [['member', 'remove', ALICE, '--org', 'ORG'], 2, 'pass --yes'],
    [['member', 'accept', '--org', 'ORG', '--user', '00000000-0000-4000-8000-000000000000', '--token', 'x'], 1, 'User invalid.'],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await owner.run(argv.map((a) => (a === 'ORG' ? orgId : a)));
    expect(r.exitCode, r.stderr).toBe(code);
    expect(r.stderr).toContain(message);
  });

  it('confirm needs the unlocked vault', async () => {
    const r = await owner.run(['member', 'confirm', '--all-accepted', '--org', orgId], { env: { BWMSP_SESSION: '' } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('the vault is locked');
  });

  it('refuses before sending when the seats would not suffice', async () => {
    const tiny = await owner.json<{ id: string; seats: number }>(['org', 'create', '--name', 'Tiny', '--plan', 'free']);
    expect(tiny.seats).toBe(2);
    const r = await owner.run(['member', 'invite', 'one@x.example', 'two@x.example', '--org', tiny.id]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('inviting 2 members would exceed the seats of Tiny: seats 2, occupied 1, requested 2');
    expect((await owner.json<MemberRow[]>(['member', 'list', '--org', tiny.id])).map((m) => m.email)).toEqual([OWNER]);
  });
});
