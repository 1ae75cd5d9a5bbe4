/**
 * `bwmsp event list` against the sandbox: the events the sandbox writes for collection, group and
 * policy changes made with bwmsp, read back with type, member and date filters, across pages, as
 * JSON, CSV and rows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encapsulateSymmetricKey } from '../../src/crypto/index.js';
import { registerAccount, seedProviderWorld, type SeededWorld, type TestAccount } from '../helpers/accounts.js';
import { createCli, type Cli } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { orgKeyCli } from '../helpers/org-key-cli.js';

let sandbox: TestSandbox;
let world: SeededWorld;
let admin: TestAccount;
let ana: TestAccount;
let cli: Cli;
const client = ['--client', 'Contoso Ltd'];

interface EventJson {
  date: string;
  type: number;
  event: string;
  description: string;
  actingUserId: string | null;
  actor: string | null;
  collectionId: string | null;
  collection: string | null;
  groupId: string | null;
  group: string | null;
  policyId: string | null;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = await registerAccount(sandbox, { email: 'admin@msp.example', name: 'Ada Admin' });
  world = seedProviderWorld(sandbox.store, admin, { clientOrganization: 'Contoso Ltd' });
  ana = await registerAccount(sandbox, { email: 'ana@contoso.example' });
  sandbox.store.organizations.insertUser({
    id: randomUUID(),
    organizationId: world.clientOrganization.id,
    userId: ana.userId,
    email: null,
    key: encapsulateSymmetricKey(world.clientOrganization.orgKey, ana.publicKey),
    status: 2,
    type: 2,
    creationDate: new Date().toISOString(),
  });
  cli = createCli();
  expect((await cli.run(['profile', 'add', 'lab', '--server', sandbox.url, '--ca-file', sandbox.caFile as string])).exitCode).toBe(0);
  const login = await cli.run(['login', admin.email, '--password-stdin'], { input: admin.password });
  expect(login.exitCode, login.stderr).toBe(0);
  cli.env.BWMSP_SESSION = login.stdout.trim();

  // administrative actions through bwmsp; the sandbox logs an event for each
  for (const args of [
    ['collection', 'create', 'Finance'],
    ['collection', 'create', 'IT'],
    ['group', 'create', 'Accounting', '--collection', 'Finance:read-only'],
    ['policy', 'set', 'master-password', '--min-length', '14'],
  ]) {
    const r = await cli.run([...args, ...client]);
    expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
  // what members do in their own clients: logins by Ana, many item views, one old event
  const event = (type: number, date: string, actingUserId: string) =>
    sandbox.store.events.insert({ id: randomUUID(), type, date, organizationId: world.clientOrganization.id, actingUserId, userId: actingUserId, deviceType: 9, ipAddress: '203.0.113.7' });
  event(1000, minutesAgo(30), ana.userId);
  event(1000, minutesAgo(20), ana.userId);
  for (let i = 0; i < 120; i += 1) event(1107, minutesAgo(60 + i), ana.userId);
  event(1107, new Date(Date.now() - 10 * 86_400_000).toISOString(), ana.userId);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('event list', () => {
  it('reads back the events of bwmsp changes, named in words, with the acting account and targets', async () => {
    const events = await cli.json<EventJson[]>(['event', 'list', ...client, '--since', '1d', '--type', 'collection-created', '--type', 'Group_Created', '--type', '1700']);
    expect(events.map((e) => e.event).sort()).toEqual(['collection-created', 'collection-created', 'group-created', 'policy-updated']);
    for (const e of events) expect(e).toMatchObject({ actingUserId: admin.userId, actor: 'admin@msp.example' });
    const collections = events.filter((e) => e.type === 1300).map((e) => [e.description, e.collection]);
    expect(collections.sort()).toEqual([
      ['Collection created', 'Finance'],
      ['Collection created', 'IT'],
    ]);
    expect(events.find((e) => e.type === 1400)).toMatchObject({ description: 'Group created', group: 'Accounting' });
    expect(events.find((e) => e.type === 1700)?.policyId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('follows continuation tokens through every page', async () => {
    const views = await cli.json<EventJson[]>(['event', 'list', ...client, '--type', 'cipher-client-viewed', '--since', '7d']);
    expect(views).toHaveLength(120);
    expect(new Set(views.map((e) => e.date)).size).toBe(120);
    expect(views.every((e) => e.description === 'Item viewed' && e.actor === 'ana@contoso.example')).toBe(true);
    const limited = await cli.json<EventJson[]>(['event', 'list', ...client, '--type', '1107', '--limit', '7']);
    expect(limited).toHaveLength(7);
  });

  it('filters by window and by member', async () => {
    const older = await cli.json<EventJson[]>(['event', 'list', ...client, '--type', '1107', '--since', '30d', '--until', '7d']);
    expect(older).toHaveLength(1);
    const byAna = await cli.json<EventJson[]>(['event', 'list', ...client, '--member', 'ana@contoso.example', '--type', 'user-logged-in', '--since', '2h']);
    expect(byAna.map((e) => [e.description, e.actor])).toEqual([
      ['Logged in', 'ana@contoso.example'],
      ['Logged in', 'ana@contoso.example'],
    ]);
    const none = await cli.json<EventJson[]>(['event', 'list', ...client, '--member', 'ana@contoso.example', '--type', 'collection-created']);
    expect(none).toEqual([]);
  });

  it('prints CSV with a header and rows on a pipe', async () => {
    const csv = await cli.run(['event', 'list', ...client, '--type', 'user-logged-in', '--format', 'csv']);
    expect(csv.exitCode, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('Date,Event,Actor,Target,Device,IP,Type');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',Logged in,ana@contoso.example,,ChromeBrowser,203.0.113.7,1000');
    const rows = await cli.run(['event', 'list', ...client, '--type', 'group-created']);
    expect(rows.stdout.split('\t')[1]).toBe('Group created');
  });

  it('refuses bad filters with exit 2', async () => {
    const inverted = await cli.run(['event', 'list', ...client, '--since', '1d', '--until', '2d']);
    expect(inverted.exitCode).toBe(2);
    expect(inverted.stderr).toContain('is before --since');
    const unknown = await cli.run(['event', 'list', ...client, '--type', 'group-creatd']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('group-created');
    const provider = await cli.run(['event', 'list', '--provider', ...client]);
    expect(provider.exitCode).toBe(2);
    expect(provider.stderr).toContain('--provider lists the provider event log: --client, --org and --member do not apply');
    const stranger = await cli.run(['event', 'list', ...client, '--member', 'nobody@contoso.example']);
    expect(stranger.exitCode).toBe(5);
  });
});

describe('event list with an organization API key (Public API)', () => {
  it('reads the same log through /public/events, filtered by member', async () => {
    const orgCli = await orgKeyCli(sandbox, admin, world.clientOrganization.id);
    const all = await orgCli.json<EventJson[]>(['event', 'list', '--type', 'collection-created', '--since', '1d']);
    expect(all).toHaveLength(2);
    expect(all.every((e) => e.actingUserId === admin.userId && e.collectionId !== null)).toBe(true);
    const byAna = await orgCli.json<EventJson[]>(['event', 'list', '--member', 'ana@contoso.example', '--type', 'user-logged-in', '--since', '2h']);
    expect(byAna.map((e) => e.actor)).toEqual(['ana@contoso.example', 'ana@contoso.example']);
    const pages = await orgCli.json<EventJson[]>(['event', 'list', '--type', 'cipher-client-viewed', '--since', '7d']);
    expect(pages).toHaveLength(120);
  });
});
