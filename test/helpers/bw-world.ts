/**
 * The world of the interop tests: a sandbox, an owner account with a seeded organization, bwmsp
 * logged in and unlocked as that owner, and the official Bitwarden CLI (`@bitwarden/cli`) logged in
 * as the same account in its own scratch home.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from './accounts.js';
import { createCli, type Cli } from './cli.js';
import { startTestSandbox, type TestSandbox } from './sandbox.js';

const BW = resolve('node_modules/.bin/bw');

export interface BwResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

export interface BwWorld {
  sandbox: TestSandbox;
  account: TestAccount;
  world: SeededWorld;
  /** bwmsp, logged in and unlocked (BWMSP_SESSION set). */
  cli: Cli;
  /** The bw session key (`--session`). */
  session: string;
  bw(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<BwResult>;
  close(): Promise<void>;
}

export async function startBwWorld(name: string): Promise<BwWorld> {
  const sandbox = await startTestSandbox({ verbose: process.env.BWMSP_TEST_VERBOSE === '1' });
  const scratch = await mkdtemp(join(tmpdir(), `bwmsp-bw-${name}-`));
  const bw = async (args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<BwResult> => {
    const result = await execa(BW, args, {
      env: {
        PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
        HOME: scratch,
        BITWARDENCLI_APPDATA_DIR: join(scratch, 'bw'),
        NODE_EXTRA_CA_CERTS: sandbox.caFile ?? '',
        BW_NOINTERACTION: 'true',
        ...options.env,
      },
      extendEnv: false,
      reject: false,
      timeout: 90_000,
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
    });
    return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const account = await registerAccount(sandbox, { email: 'owner@contoso.example', name: 'Olga Owner' });
  const world = seedProviderWorld(sandbox.store, account, { organization: 'Contoso Own' });

  const cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', account.email, '--password-stdin'], { input: account.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();

  expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
  const bwLogin = await bw(['login', account.email, '--passwordenv', 'BW_PASSWORD', '--raw'], { env: { BW_PASSWORD: account.password } });
  expect(bwLogin.exitCode, bwLogin.stderr).toBe(0);
  return {
    sandbox,
    account,
    world,
    cli,
    session: bwLogin.stdout.trim(),
    bw,
    async close() {
      await sandbox.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
