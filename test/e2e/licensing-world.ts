/**
 * Two sandboxes for the billing-sync tests: the cloud with the seeded accounts, and a self-hosted
 * sandbox configured with an installation registered at that cloud, trusting the cloud's HTTPS CA
 * and its license signing certificate.
 * A "two-profile" CLI has profiles `cloud` and `selfhost`, logged in as the same person.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { createCli, type Cli, type CliResult } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { startWorld, type SeedAccount, type World } from './provider-world.js';

export interface LicensingWorld {
  cloud: World;
  selfhost: TestSandbox;
  selfhostAccounts: (SeedAccount & { clientId?: string; clientSecret?: string })[];
  installation: { id: string; key: string };
  close(): Promise<void>;
}

export async function startLicensingWorld(): Promise<LicensingWorld> {
  const cloud = await startWorld();
  const installation = await createCli().json<{ id: string; key: string }>(['sandbox', 'installation', '--data', cloud.sandbox.dataDir, '--email', 'it@msp.example']);
  const selfhost = await startTestSandbox({
    runtimeFile: true,
    mode: 'selfhost',
    cloudUrl: cloud.sandbox.url,
    cloudCaFile: cloud.sandbox.caFile as string,
    installationId: installation.id,
    installationKey: installation.key,
    licenseCerts: [cloud.sandbox.licenseCertFile as string],
  });
  const seeded = await createCli().json<{ accounts: LicensingWorld['selfhostAccounts'] }>(['sandbox', 'seed', '--data', selfhost.dataDir]);
  return {
    cloud,
    selfhost,
    selfhostAccounts: seeded.accounts,
    installation,
    async close() {
      await selfhost.close();
      await cloud.close();
    },
  };
}

export interface TwoProfiles {
  cli: Cli;
  email: string;
  password: string;
  /** Runs with the profile and that profile's BWMSP_SESSION. */
  run(profile: 'cloud' | 'selfhost', args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<CliResult>;
  json<T>(profile: 'cloud' | 'selfhost', args: string[], options?: { input?: string }): Promise<T>;
}

export async function twoProfiles(world: LicensingWorld, account: SeedAccount): Promise<TwoProfiles> {
  const cli = createCli();
  const sessions: Record<string, string> = {};
  for (const [profile, sandbox] of [['cloud', world.cloud.sandbox], ['selfhost', world.selfhost]] as const) {
    const added = await cli.run(['profile', 'add', profile, '--server', sandbox.url, ...(sandbox.caFile === null ? [] : ['--ca-file', sandbox.caFile])]);
    expect(added.exitCode, added.stderr).toBe(0);
    const login = await cli.run(['login', account.email, '--password-stdin', '--profile', profile], { input: `${account.password}\n` });
    expect(login.exitCode, login.stderr).toBe(0);
    sessions[profile] = login.stdout.trim();
  }
  const run: TwoProfiles['run'] = (profile, args, options = {}) =>
    cli.run([...args, '--profile', profile], { ...(options.input !== undefined ? { input: options.input } : {}), env: { BWMSP_SESSION: sessions[profile] ?? '', ...options.env } });
  return {
    cli,
    email: account.email,
    password: account.password,
    run,
    async json<T>(profile: 'cloud' | 'selfhost', args: string[], options: { input?: string } = {}) {
      const r = await run(profile, [...args, '--json'], options);
      if (r.exitCode !== 0) throw new Error(`bwmsp ${args.join(' ')} (${profile}) exited ${r.exitCode}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
  };
}

/** Downloads the cloud organization's license (as `who` on the cloud) and creates the self-hosted organization from it. */
export async function moveToSelfHost(world: LicensingWorld, who: TwoProfiles, cloudArgs: string[], dir: string): Promise<string> {
  const file = join(dir, `${cloudArgs.join('-').replace(/[^A-Za-z0-9-]/g, '_')}.json`);
  const downloaded = await who.run('cloud', ['license', 'download', ...cloudArgs, '--installation-id', world.installation.id, '-o', file, '--force']);
  expect(downloaded.exitCode, downloaded.stderr).toBe(0);
  const created = await who.json<{ id: string }>('selfhost', ['license', 'upload', file]);
  return created.id;
}
