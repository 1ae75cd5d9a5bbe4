import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/main.js';
import { createDeps } from '../../../../src/deps.js';
import { CancelledError, PartialFailureError, UsageError } from '../../../../src/errors.js';
import { confirmDestructive, reportOutcomes } from '../../../../src/commands/member/shared.js';
import { memberInviteOptions } from '../../../../src/commands/member/invite.js';
import { memberConfirmOptions } from '../../../../src/commands/member/confirm.js';
import { memberSetRoleOptions } from '../../../../src/commands/member/set-role.js';
import type { MemberOutcome } from '../../../../src/domain/member.js';
import type { Prompter } from '../../../../src/ui/prompter.js';
import { MemoryConfigStore } from '../../../helpers/memory-config-store.js';
import { createTestSystem } from '../../../helpers/test-system.js';

function setup(tty = false) {
  const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-member-')) });
  return async (argv: string[], env: Record<string, string> = {}) => {
    const system = createTestSystem({ tty, config, env: { CI: '1', ...env } });
    const code = await main(argv, system);
    return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
  };
}

const input = (args: string[], opts: Record<string, unknown>) => ({ args, opts, commandPath: 'member x' });

describe('member option parsing', () => {
  it('invite takes e-mails or --csv, with repeatable groups, collections and permissions', () => {
    expect(memberInviteOptions(input(['A@x.example', 'a@x.example', 'b@x.example'], { role: 'custom', group: ['Finance'], collection: ['Ops:manage'], permission: ['manage-users'], client: 'Contoso' }))).toEqual({
      client: 'Contoso',
      emails: ['A@x.example', 'b@x.example'],
      role: 'custom',
      groups: ['Finance'],
      collections: ['Ops:manage'],
      permissions: ['manage-users'],
    });
    expect(() => memberInviteOptions(input(['a@x.example'], { csv: 'staff.csv', role: 'user' }))).toThrow('pass e-mail addresses or --csv, not both');
    expect(() => memberInviteOptions(input([], { role: 'user' }))).toThrow(/name the members to invite/);
  });

  it('confirm takes --all-clients only with --all-accepted, and refuses ids together with --all-accepted', () => {
    expect(() => memberConfirmOptions(input([], { allClients: true }))).toThrow('--all-clients confirms every accepted member: add --all-accepted');
    expect(memberConfirmOptions(input([], { allClients: true, allAccepted: true })).allClients?.commandPath).toBe('member x');
    expect(() => memberConfirmOptions(input(['a@x.example'], { allAccepted: true }))).toThrow('not both');
    expect(() => memberConfirmOptions(input([], {}))).toThrow(/--all-accepted/);
    expect(memberConfirmOptions(input([], { allAccepted: true, verify: true, org: 'o' }))).toEqual({ org: 'o', members: [], allAccepted: true, verify: true });
  });

  it('set-role needs --role', () => {
    expect(() => memberSetRoleOptions(input(['a@x.example'], {}))).toThrow('--role is required (owner, admin, user, custom)');
  });
});

describe('member commands fail early with exit 2 naming the problem', () => {
  it.each([
    [['member', 'invite', '--org', 'x'], 'name the members to invite'],
    [['member', 'invite', 'not-an-email', '--org', 'x'], "'not-an-email' (argument 1) is not an e-mail address"],
    [['member', 'invite', 'a@x.example', '--permission', 'manage-users', '--org', 'x'], '--permission applies only to members invited with the custom role'],
    [['member', 'invite', 'a@x.example', '--role', 'custom', '--org', 'x'], 'the custom role needs at least one --permission'],
    [['member', 'invite', '--csv', '/no/such/staff.csv', '--org', 'x'], '--csv /no/such/staff.csv: no such file'],
    [['member', 'invite', 'a@x.example', '--role', 'boss', '--org', 'x'], "option '--role <role>' argument 'boss' is invalid"],
    [['member', 'set-role', 'a@x.example', '--org', 'x'], '--role is required'],
    [['member', 'set-role', 'a@x.example', '--role', 'admin', '--permission', 'manage-users', '--org', 'x'], '--permission applies only to --role custom'],
    [['member', 'set-role', 'a@x.example', '--role', 'custom', '--permission', 'fly', '--org', 'x'], '--permission fly: unknown permission'],
    [['member', 'confirm', '--all-accepted', '--verify', '--org', 'x'], '--verify asks about each fingerprint phrase on a terminal, but it cannot ask here (CI is set)'],
    [['member', 'confirm', '--all-accepted', '--all-clients', '--org', 'x'], 'pass --org or --all-clients, not both'],
    [['member', 'accept', '--org', 'nope', '--user', 'x', '--token', 't'], '--org nope: not an id'],
    [['member', 'accept', '--org', '11111111-1111-4111-8111-111111111111', '--user', '22222222-2222-4222-8222-222222222222'], 'cannot ask (CI is set); pass --token'],
    [['member', 'revoke'], "missing required argument 'email-or-id'"],
  ])('%j', async (argv, message) => {
    const r = await setup()(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('a CSV with a bad row exits 2 naming file, line and column, before any login is needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-csv-'));
    const file = join(dir, 'staff.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'email,role\nana@x.example,admin\nbo@x.example,boss\n');
    const r = await setup()(['member', 'invite', '--csv', file, '--org', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:3:2: unknown role 'boss'`);
  });

  it('reads the CSV from stdin with --csv -', async () => {
    const config = new MemoryConfigStore({ dir: mkdtempSync(join(tmpdir(), 'bwmsp-member-')) });
    const system = createTestSystem({ config, env: { CI: '1' }, stdin: 'email,groups\nana@x.example,Finance\n\nbo@\n' });
    const code = await main(['member', 'invite', '--csv', '-', '--org', 'x'], system);
    expect(code).toBe(2);
    expect(system.stderrText()).toContain("stdin:4:1: 'bo@' is not an e-mail address");
  });

  it('needs a login once the input is valid (exit 4)', async () => {
    const r = await setup()(['member', 'list', '--org', 'x']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('not logged in');
  });
});

describe('bulk output', () => {
  const outcomes: MemberOutcome[] = [
    { id: 'id-1', email: 'a@x.example', result: 'revoked', reason: null },
    { id: 'id-2', email: 'b@x.example', result: 'skipped', reason: 'already revoked' },
    { id: 'id-3', email: 'c@x.example', result: 'failed', reason: 'You cannot revoke yourself.' },
  ];

  async function deps(tty: boolean, json = false) {
    const system = createTestSystem({ tty, env: { NO_COLOR: '1' } });
    const d = await createDeps(system, { json, noInput: false, yes: false, quiet: false, debug: false, noColor: true });
    return { d, system };
  }

  it('prints one JSON document, a summary on stderr, and exits 3 naming the failures', async () => {
    const { d, system } = await deps(false, true);
    let error: unknown;
    try {
      reportOutcomes(d, outcomes, { done: 'revoked', verb: 'Revoked', orgName: 'Lab' });
    } catch (e) {
      error = e;
    }
    expect(JSON.parse(system.stdoutText())).toEqual([
      { id: 'id-1', email: 'a@x.example', result: 'revoked', reason: null },
      { id: 'id-2', email: 'b@x.example', result: 'skipped', reason: 'already revoked' },
      { id: 'id-3', email: 'c@x.example', result: 'failed', reason: 'You cannot revoke yourself.' },
    ]);
    expect(error).toBeInstanceOf(PartialFailureError);
    expect((error as PartialFailureError).exitCode).toBe(3);
    expect((error as PartialFailureError).message).toBe('1 of 3 members could not be revoked');
    expect((error as PartialFailureError).failures).toEqual([{ item: 'c@x.example', error: 'You cannot revoke yourself.' }]);
  });

  it('prints tab-separated rows on a pipe and a table on a TTY, with the summary on stderr', async () => {
    const ok = outcomes.slice(0, 2);
    const pipe = await deps(false);
    reportOutcomes(pipe.d, ok, { done: 'revoked', verb: 'Revoked', orgName: 'Lab' });
    expect(pipe.system.stdoutText()).toBe('a@x.example\tid-1\trevoked\t\nb@x.example\tid-2\tskipped\talready revoked\n');
    expect(pipe.system.stderrText()).toBe('✓ Revoked 1 member of Lab (1 skipped)\n');
    const tty = await deps(true);
    reportOutcomes(tty.d, ok, { done: 'revoked', verb: 'Revoked', orgName: 'Lab' });
    expect(tty.system.stdoutText().split('\n')[0]).toMatch(/^EMAIL\s+ID\s+RESULT\s+REASON$/);
  });

  it('destructive verbs need --yes without a terminal and can be declined on one', async () => {
    const { d } = await deps(false);
    await expect(confirmDestructive(d, 'Revoke 1 member?')).rejects.toThrow(UsageError);
    await expect(confirmDestructive(d, 'Revoke 1 member?')).rejects.toThrow('pass --yes');
    const no: Prompter = {
      input: async () => '',
      password: async () => '',
      confirm: async () => false,
      select: async () => {
        throw new Error('unexpected');
      },
    };
    await expect(confirmDestructive({ globals: { ...d.globals, yes: false }, prompter: no }, 'Revoke?')).rejects.toThrow(CancelledError);
    await expect(confirmDestructive({ globals: { ...d.globals, yes: true }, prompter: no }, 'Revoke?')).resolves.toBeUndefined();
  });
});
