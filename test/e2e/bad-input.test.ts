/**
 * Bad input, table-driven: malformed plan files, member CSVs, license files, env files, flags and
 * server data. Each case must exit 2 (1 for bad server data) with a message naming where the
 * problem is (file:line[:column], field, flag), and must send nothing that changes state: the
 * sandbox's request log shows no request but reads and logins while the case runs.
 */
import { mkdirSync, mkdtempSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxLogger } from '../../src/sandbox/log.js';
import { createCli } from '../helpers/cli.js';
import { setUpProvider, startWorld, type Actor, type World } from './provider-world.js';

let world: World;
let admin: Actor;
let dir: string;
let fake: Server;
let fakeUrl: string;
const requests: string[] = [];
const CLIENT = 'Badinput Ltd';

/** The sandbox's request lines (`METHOD /path STATUS …`). */
const log: SandboxLogger = {
  verbose: true,
  debug() {},
  info(message) {
    requests.push(message);
  },
  warn() {},
  error() {},
};

/** Requests that change nothing: reads, prelogin and token grants. */
function changing(lines: string[]): string[] {
  return lines.filter((l) => !/^(GET|HEAD|OPTIONS) /.test(l) && !/^POST \/identity\/(connect\/token|accounts\/prelogin)/.test(l));
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const PLAN = [
  'version: 1',
  'client:',
  `  name: ${CLIENT} Two`,
  '  ownerEmail: owner@badinput.example',
  '  plan: enterprise',
  '  seats: 10',
  'collections:',
  '  - name: Shared',
  'groups:',
  '  - name: Staff',
  '    collections: ["Shared:read-only"]',
  'policies:',
  '  - type: master-password',
  '    options: { minLength: 14 }',
  'members:',
  '  - email: a@badinput.example',
  '    groups: [Staff]',
].join('\n');

/** The plan with line `n` (1-based) replaced by `lines` (or lines appended with n = 0). */
function plan(n: number, ...lines: string[]): string {
  const all = PLAN.split('\n');
  if (n === 0) return [...all, ...lines].join('\n');
  all.splice(n - 1, 1, ...lines);
  return all.join('\n');
}

const CSV_HEAD = 'email,role,groups,collections';

interface Case {
  name: string;
  /** The command (files are written first by `files`). */
  args: () => string[] | Promise<string[]>;
  input?: string;
  exit: 1 | 2;
  /** What the message must say (the location). */
  message: RegExp;
  /** Runs as the provider admin (default) or as a CLI without login. */
  as?: 'admin' | 'anonymous';
}

const onboard = (name: string, text: string): (() => string[]) => () => ['client', 'onboard', '--plan', file(name, text), '--yes'];
const invite = (name: string, text: string): (() => string[]) => () => ['member', 'invite', '--csv', file(name, text), '--client', CLIENT];
const licenseView = (name: string, text: string): (() => string[]) => () => ['license', 'view', file(name, text)];
function envSet(lines: string[]): () => string[] {
  return () => {
    const bwdata = mkdtempSync(join(dir, 'bwdata-'));
    mkdirSync(join(bwdata, 'env'));
    copyFileSync(new URL('../fixtures/bwdata/global.override.env', import.meta.url), join(bwdata, 'env', 'global.override.env'));
    writeFileSync(join(bwdata, 'env', 'global.override.env'), `${readFileSync(join(bwdata, 'env', 'global.override.env'), 'utf8')}${lines.join('\n')}\n`);
    return ['selfhost', 'config', 'set', 'globalSettings__enableCloudCommunication=true', '--bwdata', bwdata];
  };
}
const LICENSE = JSON.stringify({
  LicenseKey: 'k',
  InstallationId: '0b6e58a1-5a0c-4f8e-9f0a-2d3b4c5d6e7f',
  Id: '7d0f9a4e-1c2b-4a5d-8e6f-0a1b2c3d4e5f',
  Name: 'Contoso',
  BillingEmail: 'b@contoso.example',
  Enabled: true,
  PlanType: 20,
  Seats: 25,
  Version: 15,
  Issued: '2026-01-01T00:00:00Z',
  Expires: '2027-01-01T00:00:00Z',
  SelfHost: true,
  LicenseType: 1,
});
const license = (patch: Record<string, unknown>): string => JSON.stringify({ ...(JSON.parse(LICENSE) as object), ...patch });

const CASES: Case[] = [
  // plan files: YAML syntax and schema fields, with file:line:column
  { name: 'plan: unclosed flow sequence', args: onboard('p1.yaml', plan(11, '    collections: ["Shared:read-only"')), exit: 2, message: /p1\.yaml:1[12]:\d+/ },
  { name: 'plan: tab indentation', args: onboard('p2.yaml', plan(6, '\tseats: 10')), exit: 2, message: /p2\.yaml:6:\d+/ },
  { name: 'plan: unknown version', args: onboard('p3.yaml', plan(1, 'version: 2')), exit: 2, message: /p3\.yaml:1:\d+.*version/ },
  { name: 'plan: seats not a number', args: onboard('p4.yaml', plan(6, '  seats: ten')), exit: 2, message: /p4\.yaml:6:\d+.*seats/ },
  { name: 'plan: unknown plan', args: onboard('p5.yaml', plan(5, '  plan: platinum')), exit: 2, message: /p5\.yaml:5:\d+.*plan/ },
  { name: 'plan: owner e-mail missing', args: onboard('p6.yaml', plan(4)), exit: 2, message: /p6\.yaml:\d+:\d+.*ownerEmail/ },
  { name: 'plan: owner e-mail malformed', args: onboard('p7.yaml', plan(4, '  ownerEmail: not-an-address')), exit: 2, message: /p7\.yaml:4:\d+.*ownerEmail/ },
  { name: 'plan: collection without a name', args: onboard('p8.yaml', plan(8, '  - externalId: x')), exit: 2, message: /p8\.yaml:8:\d+.*name/ },
  { name: 'plan: group grants an unknown collection', args: onboard('p9.yaml', plan(11, '    collections: ["Nowhere:read-only"]')), exit: 2, message: /p9\.yaml:11:\d+.*Nowhere/ },
  { name: 'plan: bad permission', args: onboard('p10.yaml', plan(11, '    collections: ["Shared:superuser"]')), exit: 2, message: /p10\.yaml:11:\d+: groups\[0\]\.collections\[0\]\.permission/ },
  { name: 'plan: unknown policy type', args: onboard('p11.yaml', plan(13, '  - type: no-such-policy')), exit: 2, message: /p11\.yaml:13:\d+: policies\[0\]\.type: unknown policy 'no-such-policy'/ },
  { name: 'plan: policy option of the wrong type', args: onboard('p12.yaml', plan(14, '    options: { minLength: long }')), exit: 2, message: /p12\.yaml:14:\d+: policies\[0\]\.options\.minLength/ },
  { name: 'plan: member e-mail malformed', args: onboard('p13.yaml', plan(16, '  - email: nobody')), exit: 2, message: /p13\.yaml:16:\d+.*email/ },
  { name: 'plan: member role unknown', args: onboard('p14.yaml', plan(0, '    role: chief')), exit: 2, message: /p14\.yaml:18:\d+.*role/ },
  { name: 'plan: member in an unknown group', args: onboard('p15.yaml', plan(17, '    groups: [Nobody]')), exit: 2, message: /p15\.yaml:17:\d+.*Nobody/ },
  { name: 'plan: members CSV missing', args: onboard('p16.yaml', plan(0, 'membersCsv: missing.csv')), exit: 2, message: /missing\.csv/ },
  { name: 'plan: unknown top-level key', args: onboard('p17.yaml', plan(0, 'colections: []')), exit: 2, message: /p17\.yaml:18:\d+: .*colections/ },
  { name: 'plan: a collection twice', args: onboard('p18.yaml', plan(8, '  - name: Shared', '  - name: Shared')), exit: 2, message: /p18\.yaml:9:\d+.*Shared/ },
  { name: 'plan: JSON syntax error', args: onboard('p19.json', '{\n  "version": 1,\n  "client": {\n    "name" "X"\n  }\n}'), exit: 2, message: /p19\.json:4:\d+/ },
  { name: 'plan: empty file', args: onboard('p20.yaml', ''), exit: 2, message: /p20\.yaml/ },
  { name: 'plan: a list, not a mapping', args: onboard('p21.yaml', '- version: 1\n'), exit: 2, message: /p21\.yaml:1:\d+/ },
  { name: 'plan: seats below one', args: onboard('p22.yaml', plan(6, '  seats: 0')), exit: 2, message: /p22\.yaml:6:\d+.*seats/ },
  // member CSVs
  { name: 'csv: no email column', args: invite('c1.csv', 'mail,role\na@x.example,user\n'), exit: 2, message: /c1\.csv.*(line 1|:1).*email/i },
  { name: 'csv: malformed address', args: invite('c2.csv', `${CSV_HEAD}\nok@badinput.example,user,,\nnot-an-address,user,,\n`), exit: 2, message: /c2\.csv.*(line 3|:3)/i },
  { name: 'csv: unknown role', args: invite('c3.csv', `${CSV_HEAD}\nr@badinput.example,chief,,\n`), exit: 2, message: /c3\.csv.*(line 2|:2).*chief/i },
  { name: 'csv: unknown column', args: invite('c4.csv', 'email,role,team\nr@badinput.example,user,red\n'), exit: 2, message: /c4\.csv:1:3: unknown column 'team'/ },
  { name: 'csv: unclosed quote', args: invite('c5.csv', `${CSV_HEAD}\n"r@badinput.example,user,,\n`), exit: 2, message: /c5\.csv.*(line|:)\s?\d/i },
  { name: 'csv: empty file', args: invite('c6.csv', ''), exit: 2, message: /c6\.csv/ },
  { name: 'csv: too many columns', args: invite('c7.csv', `${CSV_HEAD}\nr@badinput.example,user,,,extra\n`), exit: 2, message: /c7\.csv.*(line 2|:2)/i },
  { name: 'csv: header only', args: invite('c8.csv', `${CSV_HEAD}\n`), exit: 2, message: /c8\.csv/ },
  { name: 'csv: from stdin, bad role', args: () => ['member', 'invite', '--csv', '-', '--client', CLIENT], input: `${CSV_HEAD}\nr@badinput.example,boss,,\n`, exit: 2, message: /(stdin|-).*(line 2|:2).*boss/i },
  // license files
  { name: 'license: truncated JSON', args: licenseView('l1.json', LICENSE.slice(0, 80)), exit: 2, message: /l1\.json: not valid JSON at line 1, column \d+/ },
  { name: 'license: PlanType a string', args: licenseView('l2.json', license({ PlanType: 'enterprise' })), exit: 2, message: /l2\.json: PlanType/ },
  { name: 'license: Version a string', args: licenseView('l3.json', license({ Version: '15' })), exit: 2, message: /l3\.json: Version/ },
  { name: 'license: InstallationId missing', args: licenseView('l4.json', license({ InstallationId: undefined })), exit: 2, message: /l4\.json: .*InstallationId/ },
  { name: 'license: Expires not a date', args: licenseView('l5.json', license({ Expires: 'next year' })), exit: 2, message: /l5\.json: Expires/ },
  { name: 'license: an array', args: licenseView('l6.json', '[]'), exit: 2, message: /l6\.json/ },
  { name: 'license: Seats not whole', args: licenseView('l7.json', license({ Seats: 2.5 })), exit: 2, message: /l7\.json: Seats/ },
  { name: 'license: Enabled a string', args: licenseView('l8.json', license({ Enabled: 'yes' })), exit: 2, message: /l8\.json: Enabled/ },
  // env files (global.override.env) with malformed lines: set refuses to edit around them
  { name: 'env: a line without =', args: envSet(['globalSettings__disableUserRegistration']), exit: 2, message: /global\.override\.env:\d+: not KEY=VALUE/ },
  { name: 'env: a key with a space', args: envSet(['globalSettings__a b=1']), exit: 2, message: /global\.override\.env:\d+: not KEY=VALUE/ },
  { name: 'env: a key starting with a digit', args: envSet(['1globalSettings=1']), exit: 2, message: /global\.override\.env:\d+: not KEY=VALUE/ },
  { name: 'env: a stray shell command', args: envSet(['echo "globalSettings__a=1"']), exit: 2, message: /global\.override\.env:\d+: not KEY=VALUE/ },
  // flags
  { name: 'flag: bad role enum', args: () => ['member', 'invite', 'x@badinput.example', '--role', 'chief', '--client', CLIENT], exit: 2, message: /--role/ },
  { name: 'flag: bad plan enum', args: () => ['client', 'create', '--name', 'Y', '--owner-email', 'o@y.example', '--plan', 'platinum', '--seats', '5'], exit: 2, message: /--plan/ },
  { name: 'flag: bad uuid', args: () => ['member', 'list', '--org', 'not-a-uuid'], exit: 2, message: /--org 'not-a-uuid' is not an organization id/ },
  { name: 'flag: missing required (no input)', args: () => ['client', 'create', '--owner-email', 'o@y.example', '--plan', 'teams', '--seats', '5', '--no-input'], exit: 2, message: /--name/ },
  { name: 'flag: --plan and --plans together', args: () => ['client', 'onboard', '--plan', 'a.yaml', '--plans', dir], exit: 2, message: /--plan.*--plans/ },
  { name: 'flag: addresses and --csv together', args: () => ['member', 'invite', 'x@badinput.example', '--csv', 'a.csv', '--client', CLIENT], exit: 2, message: /--csv/ },
  { name: 'flag: bad --since', args: () => ['event', 'list', '--client', CLIENT, '--since', 'yesterdayish'], exit: 2, message: /--since/ },
  { name: 'flag: bad --limit', args: () => ['event', 'list', '--client', CLIENT, '--limit', '-3'], exit: 2, message: /--limit/ },
  { name: 'flag: seats not a number', args: () => ['client', 'create', '--name', 'Y', '--owner-email', 'o@y.example', '--plan', 'teams', '--seats', 'many'], exit: 2, message: /--seats/ },
  { name: 'flag: bad --format', args: () => ['client', 'list', '--format', 'xml'], exit: 2, message: /--format/ },
  { name: 'flag: policy option not a number', args: () => ['policy', 'set', 'master-password', '--client', CLIENT, '--min-length', 'long', '--yes'], exit: 2, message: /--min-length/ },
  { name: 'flag: unknown custom permission', args: () => ['member', 'invite', 'x@badinput.example', '--role', 'custom', '--permission', 'fly', '--client', CLIENT], exit: 2, message: /--permission fly/ },
  { name: 'flag: unknown option', args: () => ['client', 'list', '--colour'], exit: 2, message: /--colour/ },
  { name: 'flag: bad e-mail argument', args: () => ['member', 'invite', 'not-an-address', '--client', CLIENT], exit: 2, message: /not-an-address/ },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bwmsp-bad-input-'));
  world = await startWorld({ log });
  admin = await world.actor(world.account('provider-admin'));
  await setUpProvider(world, admin, 'Badinput MSP');
  const created = await admin.run(['client', 'create', '--name', CLIENT, '--owner-email', 'owner@badinput.example', '--plan', 'enterprise', '--seats', '10', '--collection', 'Shared']);
  expect(created.exitCode, created.stderr).toBe(0);
  // A server that answers the login routes with fields missing or of the wrong type.
  fake = createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (req.url?.endsWith('/accounts/prelogin') || req.url?.endsWith('/accounts/prelogin/password')) res.end('{"kdf":"pbkdf2","kdfIterations":null}');
    else if (req.url?.endsWith('/connect/token')) res.end('{"token_type":"Bearer","expires_in":"soon"}');
    else res.end('{"object":"list","data":[{"id":42}]}');
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
  await world?.close();
});

describe('bad input', () => {
  it(`has at least 50 cases`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: exits 2 (1 for server data), names the location, changes nothing', async (_name, c) => {
    const args = await c.args();
    const before = requests.length;
    const r = c.as === 'anonymous' ? await createCli().run(args, c.input !== undefined ? { input: c.input } : {}) : await admin.run(args, c.input !== undefined ? { input: c.input } : {});
    expect(r.exitCode, r.stderr).toBe(c.exit);
    expect(r.stderr, r.stderr).toMatch(c.message);
    expect(changing(requests.slice(before)), 'state-changing requests').toEqual([]);
  });
});

describe('bad server data', () => {
  /** Corrupts a stored value the way a broken server would send it. */
  function corrupt(sql: string, ...params: (string | number)[]): void {
    const db = new DatabaseSync(world.sandbox.store.file);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  it('a client organization key that is not an EncString: exit 1 naming the field, nothing sent', async () => {
    const db = new DatabaseSync(world.sandbox.store.file);
    const links = db.prepare('SELECT id, key FROM provider_organizations').all() as { id: string; key: string }[];
    db.close();
    corrupt("UPDATE provider_organizations SET key = 'garbage'");
    const before = requests.length;
    const r = await admin.run(['collection', 'create', 'Never', '--client', CLIENT]);
    for (const link of links) corrupt('UPDATE provider_organizations SET key = ? WHERE id = ?', link.key, link.id);
    expect(r.exitCode, r.stderr + r.stdout).toBe(1);
    expect(r.stderr).toMatch(/key/);
    expect(changing(requests.slice(before))).toEqual([]);
  });

  it('prelogin with the wrong field types from a server: exit 1 naming the field', async () => {
    const cli = createCli();
    expect((await cli.run(['profile', 'add', 'fake', '--server', fakeUrl])).exitCode).toBe(0);
    const r = await cli.run(['login', 'someone@badinput.example', '--password-stdin', '--profile', 'fake'], { input: 'pw\n' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/kdf/i);
  });

  it('a token response without access_token: exit 1 naming the field', async () => {
    const cli = createCli({ BWMSP_CLIENT_ID: 'user.00000000-0000-0000-0000-000000000001', BWMSP_CLIENT_SECRET: 'not-a-real-secret' });
    expect((await cli.run(['profile', 'add', 'fake', '--server', fakeUrl])).exitCode).toBe(0);
    const r = await cli.run(['login', '--apikey', '--profile', 'fake']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/access_token|expires_in/);
  });
});
