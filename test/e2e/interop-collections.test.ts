/**
 * Interop: collections written by bwmsp are read by the official Bitwarden CLI with the same
 * plaintext names, and a collection made with `bw create org-collection` is listed by bwmsp.
 * Both decrypt with the organization key the account unwraps from its membership.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptString } from '../../src/crypto/index.js';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

const BW = resolve('node_modules/.bin/bw');

let sandbox: TestSandbox;
let account: TestAccount;
let world: SeededWorld;
let scratch: string;
let cli: Cli;
let session: string;

async function bw(args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
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
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ verbose: process.env.BWMSP_TEST_VERBOSE === '1' });
  scratch = await mkdtemp(join(tmpdir(), 'bwmsp-bw-collections-'));
  account = await registerAccount(sandbox, { email: 'owner@contoso.example', name: 'Olga Owner' });
  world = seedProviderWorld(sandbox.store, account, { organization: 'Contoso Own' });

  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', account.email, '--password-stdin'], { input: account.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();

  expect((await bw(['config', 'server', sandbox.url])).exitCode).toBe(0);
  const bwLogin = await bw(['login', account.email, '--passwordenv', 'BW_PASSWORD', '--raw'], { env: { BW_PASSWORD: account.password } });
  expect(bwLogin.exitCode, bwLogin.stderr).toBe(0);
  session = bwLogin.stdout.trim();
});

afterAll(async () => {
  await sandbox?.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('collections shared between bwmsp and the official bw CLI', () => {
  const org = () => ['--org', world.organization.id];

  it('bw lists the collections bwmsp created, with the same plaintext names', async () => {
    for (const name of ['Finance', 'Finance/Banking', 'Ünïcode & <symbols> 🔐']) {
      const r = await cli.run(['collection', 'create', name, ...org()]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const sync = await bw(['sync', '--force'], { env: { BW_SESSION: session } });
    expect(sync.exitCode, sync.stderr).toBe(0);
    const listed = await bw(['list', 'org-collections', '--organizationid', world.organization.id], { env: { BW_SESSION: session } });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const names = (JSON.parse(listed.stdout) as { name: string; organizationId: string }[]).map((c) => c.name).sort();
    expect(names).toEqual(['Engineering', 'Finance', 'Finance/Banking', 'Ünïcode & <symbols> 🔐'].sort());
  });

  it('bwmsp lists a collection that bw created with create org-collection', async () => {
    const template = await bw(['get', 'template', 'org-collection'], { env: { BW_SESSION: session } });
    expect(template.exitCode, template.stderr).toBe(0);
    // the template's sample users and groups have made-up ids: drop them (bw then gives its own member Manage)
    const { users: _sampleUsers, ...fields } = JSON.parse(template.stdout) as Record<string, unknown>;
    const body = { ...fields, organizationId: world.organization.id, name: 'Made by bw/Nested', externalId: 'bw-ext', groups: [] };
    const encoded = await bw(['encode'], { input: JSON.stringify(body) });
    expect(encoded.exitCode, encoded.stderr).toBe(0);
    const created = await bw(['create', 'org-collection', encoded.stdout.trim(), '--organizationid', world.organization.id], { env: { BW_SESSION: session } });
    expect(created.exitCode, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    expect(decryptString(sandbox.store.collections.findById(id)?.name as string, world.organization.orgKey)).toBe('Made by bw/Nested');

    const list = await cli.json<{ id: string; name: string; externalId: string | null; members: { email: string | null; permission: string }[] }[]>(['collection', 'list', ...org()]);
    const mine = list.find((c) => c.id === id);
    expect(mine).toMatchObject({ name: 'Made by bw/Nested', externalId: 'bw-ext' });
    // bw gives the creating member Manage access
    expect(mine?.members).toEqual([expect.objectContaining({ email: account.email, permission: 'manage' })]);

    const renamed = await cli.run(['collection', 'edit', 'Made by bw/Nested', '--name', 'Made by bw, renamed by bwmsp', ...org()]);
    expect(renamed.exitCode, renamed.stderr).toBe(0);
    expect((await bw(['sync', '--force'], { env: { BW_SESSION: session } })).exitCode).toBe(0);
    const seen = await bw(['list', 'org-collections', '--organizationid', world.organization.id], { env: { BW_SESSION: session } });
    expect((JSON.parse(seen.stdout) as { id: string; name: string }[]).find((c) => c.id === id)?.name).toBe('Made by bw, renamed by bwmsp');
  });
});
