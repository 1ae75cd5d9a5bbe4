import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCli, type Cli } from '../helpers/cli.js';
import { listMail } from '../../src/sandbox/store.js';
import { CLIENT_HEADERS, loginWithPassword, registerAccount } from '../helpers/accounts.js';
import { sandboxFetch, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

interface SeedOutput {
  url: string;
  caFile: string;
  accounts: { role: string; email: string; password: string; clientId: string; clientSecret: string }[];
}

let sandbox: TestSandbox;
let seed: SeedOutput;

beforeAll(async () => {
  sandbox = await startTestSandbox({ runtimeFile: true });
  seed = await createCli().json<SeedOutput>(['sandbox', 'seed', '--data', sandbox.dataDir]);
});
afterAll(async () => {
  await sandbox?.close();
});

function account(role: string) {
  const found = seed.accounts.find((a) => a.role === role);
  if (!found) throw new Error(`no ${role} in seed`);
  return found;
}

async function cliWithProfile(): Promise<Cli> {
  const cli = createCli();
  const r = await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string]);
  expect(r.exitCode, r.stderr).toBe(0);
  return cli;
}

describe('sandbox seed', () => {
  it('registers the four roles with passwords and API keys, and converges when run again', async () => {
    expect(seed.url).toBe(sandbox.url);
    expect(seed.caFile).toBe(sandbox.caFile);
    expect(new Set(seed.accounts.map((a) => a.role))).toEqual(new Set(['provider-admin', 'provider-admin-2', 'service-user', 'member']));
    for (const a of seed.accounts) {
      expect(a.clientId).toMatch(/^user\.[0-9a-f-]{36}$/);
      expect(a.clientSecret).toMatch(/^[A-Za-z0-9]{30}$/);
    }
    const again = await createCli().json<SeedOutput>(['sandbox', 'seed', '--data', sandbox.dataDir]);
    expect(again.accounts.map((a) => [a.email, a.clientId])).toEqual(seed.accounts.map((a) => [a.email, a.clientId]));
  });

  it('fails clearly when no sandbox runs in the data dir', async () => {
    const r = await createCli().run(['sandbox', 'seed', '--data', '/nonexistent/sandbox']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('no sandbox is running in /nonexistent/sandbox');
  });
});

describe('login with a master password', () => {
  it('prints a session key that unlocks; without it the vault reads as locked', async () => {
    const cli = await cliWithProfile();
    const admin = account('provider-admin');
    const login = await cli.run(['login', admin.email, '--password-stdin'], { input: `${admin.password}\n` });
    expect(login.exitCode, login.stderr).toBe(0);
    const sessionKey = login.stdout.trim();
    expect(sessionKey).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(login.stderr).toContain(`Logged in as ${admin.email}`);

    const locked = await cli.json<{ status: string; email: string; authMethod: string }>(['status']);
    expect(locked).toMatchObject({ status: 'locked', email: admin.email, authMethod: 'password' });
    const unlocked = await cli.json<{ status: string }>(['status'], { env: { BWMSP_SESSION: sessionKey } });
    expect(unlocked.status).toBe('unlocked');
  });

  it('keeps tokens and encrypted keys only, in a 0600 file inside a 0700 folder', async () => {
    const cli = await cliWithProfile();
    const admin = account('provider-admin');
    const login = await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
    const file = join(cli.configDir, 'sessions', 'lab.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(cli.configDir, 'sessions')).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(admin.password);
    expect(text).not.toContain(login.stdout.trim());
    const session = JSON.parse(text) as Record<string, string>;
    for (const key of ['protectedUserKey', 'encryptedPrivateKey', 'sessionProtectedUserKey']) expect(session[key]).toMatch(/^2\./);
  });

  it('refuses a wrong password with exit 4 and writes no session', async () => {
    const cli = await cliWithProfile();
    const r = await cli.run(['login', account('member').email, '--password-stdin'], { input: 'not-the-password' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Username or password is incorrect');
    expect((await cli.json<{ status: string }>(['status'])).status).toBe('unauthenticated');
  });

  it('gives the same answer for an unknown account', async () => {
    const cli = await cliWithProfile();
    const r = await cli.run(['login', 'nobody@nowhere.example', '--password-stdin'], { input: 'whatever' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Username or password is incorrect');
  });

  it('names the flag to pass when it cannot prompt', async () => {
    const cli = await cliWithProfile();
    const r = await cli.run(['login', account('member').email]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('pass --password-stdin (or BWMSP_PASSWORD)');
  });

  it('reads BWMSP_PASSWORD', async () => {
    const cli = await cliWithProfile();
    const member = account('member');
    const r = await cli.run(['login', member.email], { env: { BWMSP_PASSWORD: member.password } });
    expect(r.exitCode, r.stderr).toBe(0);
  });
});

describe('login with a personal API key', () => {
  it('logs in locked; unlock prints a key; lock invalidates it; logout forgets the session', async () => {
    const cli = await cliWithProfile();
    const tech = account('service-user');
    const env = { BWMSP_CLIENT_ID: tech.clientId, BWMSP_CLIENT_SECRET: tech.clientSecret };
    const login = await cli.json<{ status: string; email: string; authMethod: string; sessionKey: string | null }>(['login', '--apikey'], { env });
    expect(login).toMatchObject({ status: 'locked', email: tech.email, authMethod: 'apikey', sessionKey: null });

    const unlock = await cli.run(['unlock', '--raw', '--password-stdin'], { input: tech.password });
    expect(unlock.exitCode, unlock.stderr).toBe(0);
    const key = unlock.stdout.trim();
    expect((await cli.json<{ status: string }>(['status'], { env: { BWMSP_SESSION: key } })).status).toBe('unlocked');

    expect((await cli.run(['lock'])).exitCode).toBe(0);
    expect((await cli.json<{ status: string }>(['status'], { env: { BWMSP_SESSION: key } })).status).toBe('locked');

    expect((await cli.run(['logout'])).exitCode).toBe(0);
    expect((await cli.json<{ status: string }>(['status'])).status).toBe('unauthenticated');
  });

  it('refuses a wrong secret with exit 4', async () => {
    const cli = await cliWithProfile();
    const r = await cli.run(['login', '--apikey'], { env: { BWMSP_CLIENT_ID: account('service-user').clientId, BWMSP_CLIENT_SECRET: 'x'.repeat(30) } });
    expect(r.exitCode).toBe(4);
  });

  it('refuses a wrong master password on unlock with exit 4 and keeps the vault locked', async () => {
    const cli = await cliWithProfile();
    const tech = account('service-user');
    await cli.run(['login', '--apikey'], { env: { BWMSP_CLIENT_ID: tech.clientId, BWMSP_CLIENT_SECRET: tech.clientSecret } });
    const r = await cli.run(['unlock', '--password-stdin'], { input: 'wrong' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('wrong master password');
  });

  it('rejects a client id of the wrong kind before sending anything', async () => {
    const cli = await cliWithProfile();
    const r = await cli.run(['login', '--apikey'], { env: { BWMSP_CLIENT_ID: 'organization.x', BWMSP_CLIENT_SECRET: 'y' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not a personal API key');
  });
});

describe('stale credentials', () => {
  it('says the vault is locked when BWMSP_SESSION is not a session key', async () => {
    const cli = await cliWithProfile();
    const admin = account('provider-admin');
    await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
    expect((await cli.json<{ status: string }>(['status'], { env: { BWMSP_SESSION: 'garbage' } })).status).toBe('locked');
  });

  it('treats a session file of another server as not logged in', async () => {
    const cli = await cliWithProfile();
    const admin = account('provider-admin');
    await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
    const file = join(cli.configDir, 'sessions', 'lab.json');
    const session = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...session, server: 'https://elsewhere.example' }), { mode: 0o600 });
    const r = await cli.run(['unlock', '--password-stdin'], { input: admin.password });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('is for https://elsewhere.example');
  });
});

describe('two-step login by e-mail', () => {
  it('mails a code, names --code without a terminal, and logs in with it', async () => {
    const user = await registerAccount(sandbox, { name: 'Two Step' });
    const { accessToken } = await loginWithPassword(sandbox, user);
    const headers = { ...CLIENT_HEADERS, Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
    const lastCode = (template: string) => listMail(sandbox.store, { to: user.email }).filter((m) => m.template === template).at(-1)?.token ?? '';
    expect((await sandboxFetch(sandbox, '/api/two-factor/send-email', { method: 'POST', headers, body: JSON.stringify({ masterPasswordHash: user.masterPasswordHash, email: user.email }) })).status).toBe(200);
    const enable = await sandboxFetch(sandbox, '/api/two-factor/email', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ masterPasswordHash: user.masterPasswordHash, email: user.email, token: lastCode('two-factor-email-setup') }),
    });
    expect(enable.status).toBe(200);

    const cli = await cliWithProfile();
    const first = await cli.run(['login', user.email, '--password-stdin'], { input: user.password });
    expect(first.exitCode).toBe(2);
    expect(first.stderr).toContain('pass --code');
    const code = lastCode('two-factor-email');
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await cli.run(['login', user.email, '--password-stdin', '--code', '000000'], { input: user.password });
    expect(wrong.exitCode).toBe(4);
    const second = await cli.run(['login', user.email, '--password-stdin', '--code', code, '--json'], { input: user.password });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ email: user.email, status: 'unlocked' });
  });
});
