/**
 * The README's "Billing sync in CI" recipe, extracted between its `ci-recipe:start/end` markers and
 * run with bash exactly as written, against a cloud sandbox with a provider and two clients and a
 * self-hosted sandbox holding both clients' organizations (personal API keys of their Owners from
 * the environment). Afterwards `billing-sync status` shows the new last sync and the seats changed
 * on the cloud side.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDir, auditKeepConfigDir, auditKeepRun } from '../helpers/audit.js';
import { bin } from '../helpers/cli.js';
import { startLicensingWorld, twoProfiles, type LicensingWorld, type TwoProfiles } from './licensing-world.js';
import { setUpProvider, type Actor } from './provider-world.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The fenced bash block between the markers. */
function recipeFromReadme(text: string): string {
  const start = text.indexOf('<!-- ci-recipe:start');
  const end = text.indexOf('<!-- ci-recipe:end -->');
  if (start < 0 || end < start) throw new Error('README has no ci-recipe block');
  const block = /```bash\n([\s\S]*?)```/.exec(text.slice(start, end));
  if (block?.[1] === undefined) throw new Error('the ci-recipe block has no bash code');
  return block[1];
}

interface Client {
  name: string;
  owner: TwoProfiles;
  cloudId: string;
  selfId: string;
  apiKey: { clientId: string; clientSecret: string };
}

const dir = mkdtempSync(join(tmpdir(), 'bwmsp-e2e-ci-'));
let world: LicensingWorld;
let provider: Actor;
let providerPassword: string;
const clients: Client[] = [];

beforeAll(async () => {
  world = await startLicensingWorld();
  const admin = world.cloud.account('provider-admin');
  providerPassword = admin.password;
  provider = await world.cloud.actor(admin);
  await setUpProvider(world.cloud, provider, 'Acme MSP');
  for (const [name, email] of [['Contoso', 'alice@contoso.example'], ['Fabrikam', 'carol@fabrikam.example']] as const) {
    const created = await provider.json<{ id: string }>(['client', 'create', '--name', name, '--owner-email', email, '--plan', 'enterprise', '--seats', '5']);
    // The client's own admin runs its self-hosted server (same seeded account on both sandboxes).
    const owner = await twoProfiles(world, world.cloud.accounts.find((a) => a.email === email) ?? world.cloud.account('member'));
    const file = join(dir, `${name}.json`);
    const downloaded = await provider.run(['license', 'download', '--client', name, '--installation-id', world.installation.id, '-o', file, '--force']);
    expect(downloaded.exitCode, downloaded.stderr).toBe(0);
    const selfId = (await owner.json<{ id: string }>('selfhost', ['license', 'upload', file])).id;
    const token = await provider.run(['billing-sync', 'token', '--client', name, '--password-stdin'], { input: `${providerPassword}\n` });
    expect(token.exitCode, token.stderr).toBe(0);
    const configured = await owner.run('selfhost', ['billing-sync', 'configure', '--org', selfId, '--token', '-'], { input: token.stdout });
    expect(configured.exitCode, configured.stderr).toBe(0);
    const key = world.selfhostAccounts.find((a) => a.email === email);
    if (key?.clientId === undefined || key.clientSecret === undefined) throw new Error(`no API key for ${email}`);
    clients.push({ name, owner, cloudId: created.id, selfId, apiKey: { clientId: key.clientId, clientSecret: key.clientSecret } });
  }
}, 240_000);
afterAll(async () => {
  await world?.close();
});

async function runRecipe(extraEnv: Record<string, string> = {}) {
  const script = join(dir, 'billing-sync.sh');
  writeFileSync(script, recipeFromReadme(readFileSync(README, 'utf8')));
  const shims = mkdtempSync(join(tmpdir(), 'bwmsp-bin-'));
  // The secret audit (test/helpers/audit.ts) sees the recipe too: every bwmsp call with --debug,
  // the script's output and its config dir kept for the scan.
  const audit = auditDir() !== null;
  writeFileSync(join(shims, 'bwmsp'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"${audit ? ' --debug' : ''}\n`);
  chmodSync(join(shims, 'bwmsp'), 0o755);
  const configDir = mkdtempSync(join(tmpdir(), 'bwmsp-ci-cfg-'));
  auditKeepConfigDir(configDir);
  const env: Record<string, string> = {
    PATH: `${shims}:${process.env.PATH ?? ''}`,
    HOME: dir,
    CI: '1',
    NO_COLOR: '1',
    BWMSP_CONFIG_DIR: configDir,
    BW_CLIENTS: clients.map((c) => c.name.toUpperCase()).join(' '),
  };
  for (const c of clients) {
    const prefix = `BW_${c.name.toUpperCase()}`;
    env[`${prefix}_URL`] = world.selfhost.url;
    env[`${prefix}_CA`] = world.selfhost.caFile as string;
    env[`${prefix}_CLIENT_ID`] = c.apiKey.clientId;
    env[`${prefix}_CLIENT_SECRET`] = c.apiKey.clientSecret;
    env[`${prefix}_ORGS`] = c.selfId;
  }
  const r = await execa('bash', [script], { cwd: dir, env: { ...env, ...extraEnv }, extendEnv: false, reject: false });
  const result = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  if (audit) {
    auditKeepRun(['ci-recipe'], result.stdout, result.stderr);
    for (const c of clients) {
      const ndjson = join(dir, `billing-sync-${c.name.toLowerCase()}.ndjson`);
      if (existsSync(ndjson)) auditKeepRun(['ci-recipe', 'billing-sync', 'run'], readFileSync(ndjson, 'utf8'), '');
    }
  }
  return result;
}

interface StatusJson {
  lastLicenseSync: string | null;
  seats: number | null;
}

describe('the README CI recipe', () => {
  it('syncs every client with API keys from the environment; status shows the new sync and the seats changed on the cloud', async () => {
    for (const c of clients) {
      const before = await c.owner.json<StatusJson>('selfhost', ['billing-sync', 'status', '--org', c.selfId]);
      expect(before).toMatchObject({ lastLicenseSync: null, seats: 5 });
    }
    const edits = [['Contoso', '7'], ['Fabrikam', '9']] as const;
    for (const [name, seats] of edits) {
      const edited = await provider.run(['client', 'edit', name, '--seats', seats]);
      expect(edited.exitCode, edited.stderr).toBe(0);
    }
    const r = await runRecipe();
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('CONTOSO: licenses synced');
    expect(r.stdout).toContain('FABRIKAM: licenses synced');
    expect(r.stdout + r.stderr).not.toContain(clients[0]?.apiKey.clientSecret ?? 'no-secret');
    const lines = readFileSync(join(dir, 'billing-sync-contoso.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; result?: string });
    expect(lines.map((l) => l.type)).toEqual(['organization', 'summary']);
    for (const [c, seats] of [[clients[0], 7], [clients[1], 9]] as const) {
      const after = await c?.owner.json<StatusJson>('selfhost', ['billing-sync', 'status', '--org', c.selfId]);
      expect(after?.lastLicenseSync).not.toBeNull();
      expect(after?.seats).toBe(seats);
    }
  });

  it('names the client whose API key is refused and fails the step', async () => {
    const r = await runRecipe({ BW_FABRIKAM_CLIENT_SECRET: 'wrong-secret-000000000000000000' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('CONTOSO: licenses synced');
    expect(r.stdout).toContain('FABRIKAM: API key refused, or its user is not an Owner of the organization');
    expect(r.stderr).toContain('billing sync failed for: FABRIKAM');
  });
});
