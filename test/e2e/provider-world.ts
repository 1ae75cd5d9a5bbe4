/**
 * Shared steps of the provider e2e tests: a sandbox with the seeded demo accounts, a CLI per person
 * (own config dir, own login, BWMSP_SESSION), and the staff invitation → setup → onboarding of
 * provider users, all through the built CLI as a user types it.
 */
import { expect } from 'vitest';
import { createCli, type Cli, type CliResult } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

export interface SeedAccount {
  role: string;
  email: string;
  password: string;
}

export interface Actor {
  email: string;
  cli: Cli;
  sessionKey: string;
  run(args: string[], options?: { input?: string }): Promise<CliResult>;
  /** Runs with --json and parses stdout; fails the test with stderr on a non-zero exit. */
  json<T = unknown>(args: string[], options?: { input?: string }): Promise<T>;
}

export interface World {
  sandbox: TestSandbox;
  accounts: SeedAccount[];
  account(role: string, index?: number): SeedAccount;
  /** A logged-in, unlocked CLI for this account (profile `lab`). */
  actor(account: SeedAccount): Promise<Actor>;
  /** `sandbox mail --to EMAIL --json`, newest last. */
  mail(email: string): Promise<{ subject: string; template: string; token: string | null; data: Record<string, string> }[]>;
  close(): Promise<void>;
}

/** `options`: extra sandbox options (faults, rate limits) for the reliability suites. */
export async function startWorld(options: Parameters<typeof startTestSandbox>[0] = {}): Promise<World> {
  const sandbox = await startTestSandbox({ runtimeFile: true, ...options });
  const seeded = await createCli().json<{ accounts: SeedAccount[] }>(['sandbox', 'seed', '--data', sandbox.dataDir]);
  const tool = createCli();
  return {
    sandbox,
    accounts: seeded.accounts,
    account(role, index = 0) {
      const found = seeded.accounts.filter((a) => a.role === role)[index];
      if (!found) throw new Error(`no seeded ${role} #${index}`);
      return found;
    },
    async actor(account) {
      const cli = createCli();
      const added = await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string]);
      expect(added.exitCode, added.stderr).toBe(0);
      const login = await cli.run(['login', account.email, '--password-stdin'], { input: `${account.password}\n` });
      expect(login.exitCode, login.stderr).toBe(0);
      const sessionKey = login.stdout.trim();
      const env = { BWMSP_SESSION: sessionKey };
      return {
        email: account.email,
        cli,
        sessionKey,
        run: (args, options = {}) => cli.run(args, { ...options, env }),
        json: (args, options = {}) => cli.json(args, { ...options, env }),
      };
    },
    async mail(email) {
      return tool.json(['sandbox', 'mail', '--data', sandbox.dataDir, '--to', email]);
    },
    close: () => sandbox.close(),
  };
}

export interface ProviderView {
  id: string;
  name: string;
  status: string;
  role: string;
  billingEmail: string;
  clients: number | null;
  users: { total: number; confirmedAdmins: number; serviceUsers: number; invited: number; needsConfirmation: number } | null;
}

/** Staff invitation (sandbox provider-invite) and `provider setup` by its owner. */
export async function setUpProvider(world: World, owner: Actor, name: string): Promise<ProviderView> {
  const invitation = await createCli().json<{ providerId: string; token: string; email: string }>(['sandbox', 'provider-invite', owner.email, '--data', world.sandbox.dataDir]);
  expect(invitation.email).toBe(owner.email);
  return owner.json<ProviderView>(['provider', 'setup', '--provider', invitation.providerId, '--token', invitation.token, '--name', name, '--billing-email', `billing@${owner.email.split('@')[1]}`]);
}

/** Invite → accept with the mail token → confirm, as a provider admin and the invitee. */
export async function onboardProviderUser(world: World, admin: Actor, user: Actor, role: 'admin' | 'service-user'): Promise<void> {
  const invited = await admin.json<{ result: string }[]>(['provider', 'users', 'invite', user.email, '--role', role]);
  expect(invited.map((r) => r.result)).toEqual(['invited']);
  const mail = (await world.mail(user.email)).filter((m) => m.template === 'provider-user-invite').at(-1);
  expect(mail?.token).toBeTruthy();
  const accepted = await user.json<{ result: string }>([
    'provider', 'users', 'accept', '--provider', mail?.data.providerId ?? '', '--user', mail?.data.providerUserId ?? '', '--token', mail?.token ?? '',
  ]);
  expect(accepted.result).toBe('accepted');
  const confirmed = await admin.json<{ result: string; fingerprint: string }[]>(['provider', 'users', 'confirm', user.email]);
  expect(confirmed.map((r) => r.result)).toEqual(['confirmed']);
  expect(confirmed[0]?.fingerprint).toMatch(/^[a-z]+(-[a-z]+){4}$/);
}
