/**
 * `bwmsp policy` against the sandbox: list, view, enable/disable with the Single organization
 * dependency checked before sending, typed `set`, --data, converging re-runs and --yes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { orgKeyCli } from '../helpers/org-key-cli.js';

let sandbox: TestSandbox;
let world: SeededWorld;
let cli: Cli;
let admin: TestAccount;
const client = ['--client', 'Contoso Ltd'];

interface PolicyJson {
  name: string;
  type: number;
  title: string;
  enabled: boolean;
  data: Record<string, unknown> | null;
  changed?: boolean;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = await registerAccount(sandbox, { email: 'admin@msp.example', name: 'Ada Admin' });
  world = seedProviderWorld(sandbox.store, admin, { clientOrganization: 'Contoso Ltd' });
  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
  expect(login.exitCode, login.stderr).toBe(0);
  // policy verbs need no vault key: no BWMSP_SESSION from here on
});

afterAll(async () => {
  await sandbox?.close();
});

const stored = (type: number) => sandbox.store.policies.find(world.clientOrganization.id, type);

describe('policies of a client organization', () => {
  it('lists every policy type, off until saved', async () => {
    const list = await cli.json<PolicyJson[]>(['policy', 'list', ...client]);
    expect(list).toHaveLength(23);
    expect(list.every((p) => p.enabled === false)).toBe(true);
    expect(list[3]).toMatchObject({ name: 'single-org', type: 3, title: 'Single organization' });
  });

  it('refuses a dependant of single-org before sending, then enables in order', async () => {
    const refused = await cli.run(['policy', 'enable', 'require-sso', ...client]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('require-sso needs the single-org policy (Single organization), which is off');
    expect(refused.stderr).toContain("bwmsp policy enable single-org");
    expect(stored(4)).toBeUndefined();

    const noYes = await cli.run(['policy', 'enable', 'single-org', ...client]);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('pass --yes');

    const single = await cli.json<PolicyJson>(['policy', 'enable', 'single-org', '--yes', ...client]);
    expect(single).toMatchObject({ name: 'single-org', enabled: true, changed: true });
    expect(stored(3)?.enabled).toBe(true);

    const already = await cli.run(['policy', 'enable', 'single-org', ...client]);
    expect(already.exitCode, already.stderr).toBe(0);
    expect(already.stderr).toContain('single-org is already on');

    const sso = await cli.json<PolicyJson>(['policy', 'enable', 'require-sso', ...client]);
    expect(sso).toMatchObject({ enabled: true, changed: true });
    const again = await cli.run(['policy', 'enable', 'require-sso', ...client]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('require-sso is already on');
  });

  it('will not turn single-org off while a dependant is on', async () => {
    const refused = await cli.run(['policy', 'disable', 'single-org', ...client]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('single-org cannot be turned off while require-sso is on (they require it)');
    expect((await cli.json<PolicyJson>(['policy', 'disable', 'require-sso', ...client])).enabled).toBe(false);
    expect((await cli.json<PolicyJson>(['policy', 'disable', 'single-org', ...client])).enabled).toBe(false);
    const again = await cli.json<PolicyJson>(['policy', 'disable', 'single-org', ...client]);
    expect(again.changed).toBe(false);
  });

  it('sets typed options, replacing the previous ones, and views them', async () => {
    const set = await cli.json<PolicyJson>(['policy', 'set', 'master-password', '--min-length', '14', '--require-upper', '--min-complexity', '3', ...client]);
    expect(set).toMatchObject({ enabled: true, data: { minLength: 14, requireUpper: true, minComplexity: 3 } });
    expect(JSON.parse(stored(1)?.data as string)).toMatchObject({ minLength: 14, requireUpper: true, minComplexity: 3 });

    const replaced = await cli.json<PolicyJson>(['policy', 'set', 'master-password', '--min-length', '16', ...client]);
    expect(replaced.data).toEqual({ minLength: 16 });
    const same = await cli.json<PolicyJson>(['policy', 'set', 'master-password', '--min-length', '16', ...client]);
    expect(same.changed).toBe(false);

    const view = await cli.json<PolicyJson>(['policy', 'view', 'master-password', ...client]);
    expect(view).toMatchObject({ name: 'master-password', enabled: true, data: { minLength: 16 } });
    const text = await cli.run(['policy', 'view', 'MasterPassword', ...client]);
    expect(text.stdout).toContain('status\ton');
    expect(text.stdout).toContain('minLength\t16');
  });

  it('sets options of policies that need single-org, and raw --data', async () => {
    await cli.run(['policy', 'enable', 'single-org', '--yes', ...client]);
    const timeout = await cli.json<PolicyJson>(['policy', 'set', 'maximum-vault-timeout', '--minutes', '15', '--action', 'lock', ...client]);
    expect(timeout.data).toEqual({ minutes: 15, action: 'lock' });
    const uri = await cli.json<PolicyJson>(['policy', 'set', 'uri-match-defaults', '--uri-match', 'host', ...client]);
    expect(uri.data).toEqual({ uriMatchDetection: 1 });
    const generator = await cli.json<PolicyJson>(['policy', 'set', 'password-generator', '--data', '{"minLength":20,"useSpecial":true}', ...client]);
    expect(generator.data).toEqual({ minLength: 20, useSpecial: true });
    const list = await cli.run(['policy', 'list', ...client]);
    expect(list.stdout).toContain('maximum-vault-timeout\ton\tminutes=15, action=lock\t9');
  });

  it('names wrong flags and missing options', async () => {
    const foreign = await cli.run(['policy', 'set', 'single-org', '--min-length', '12', ...client]);
    expect(foreign.exitCode).toBe(2);
    expect(foreign.stderr).toContain('--min-length does not apply to single-org');
    const missing = await cli.run(['policy', 'enable', 'automatic-app-login', ...client]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('automatic-app-login needs options to be turned on');
    expect(missing.stderr).toContain('--idp-host');
    const unknownClient = await cli.run(['policy', 'list', '--client', 'Nope']);
    expect(unknownClient.exitCode).toBe(5);
  });
});

describe('policies with an organization API key (Public API)', () => {
  it('lists, enables with the dependency check and disables', async () => {
    const orgCli = await orgKeyCli(sandbox, admin, world.clientOrganization.id);
    const list = await orgCli.json<PolicyJson[]>(['policy', 'list']);
    expect(list.find((p) => p.name === 'master-password')).toMatchObject({ enabled: true, data: { minLength: 16 } });
    await orgCli.run(['policy', 'disable', 'maximum-vault-timeout']);
    await orgCli.run(['policy', 'disable', 'uri-match-defaults']);
    expect((await orgCli.json<PolicyJson>(['policy', 'disable', 'single-org'])).enabled).toBe(false);
    const refused = await orgCli.run(['policy', 'enable', 'account-recovery']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('account-recovery needs the single-org policy');
    expect((await orgCli.json<PolicyJson>(['policy', 'enable', 'single-org', '--yes'])).enabled).toBe(true);
    const recovery = await orgCli.json<PolicyJson>(['policy', 'set', 'account-recovery', '--auto-enroll']);
    expect(recovery).toMatchObject({ enabled: true, data: { autoEnrollEnabled: true }, changed: true });
    expect(JSON.parse(stored(8)?.data as string)).toEqual({ autoEnrollEnabled: true });
  });
});
