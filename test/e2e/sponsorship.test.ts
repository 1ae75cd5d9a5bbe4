/**
 * `bwmsp sponsorship list|offer|revoke|status` against the sandbox playing the cloud: an owner of
 * an Enterprise organization offers families sponsorships on behalf of the organization
 * (admin-initiated), the cloud mails the offer, and revocation deletes an unredeemed offer. Then
 * a self-hosted server: offers wait as "Requested" until the sponsorship sync job (run through the
 * sandbox-only `sandbox sponsorship-sync`) carries them to the cloud.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCli } from '../helpers/cli.js';
import { moveToSelfHost, startLicensingWorld, twoProfiles, type LicensingWorld, type TwoProfiles } from './licensing-world.js';
import { startWorld, type Actor, type World } from './provider-world.js';

interface SponsorshipJson {
  email: string;
  status: string;
  statusLabel: string;
  pendingSync: boolean;
  lastSyncDate: string | null;
  side: string;
}

let world: World;
let owner: Actor;
let orgId: string;
let teamsOrgId: string;

beforeAll(async () => {
  world = await startWorld();
  owner = await world.actor(world.account('member', 0));
  orgId = (await owner.json<{ id: string }>(['org', 'create', '--name', 'Contoso Enterprise', '--plan', 'enterprise', '--seats', '5'])).id;
  teamsOrgId = (await owner.json<{ id: string }>(['org', 'create', '--name', 'Contoso Teams', '--plan', 'teams', '--seats', '5'])).id;
  // Bitwarden staff switch admin-sponsored families on in their admin portal (no API).
  world.sandbox.store.organizations.update(orgId, { useAdminSponsoredFamilies: true }, new Date().toISOString());
});
afterAll(async () => {
  await world?.close();
});

describe('sponsorship on the cloud', () => {
  it('lists nothing before any offer, and says the status was never synced', async () => {
    expect(await owner.json<SponsorshipJson[]>(['sponsorship', 'list', '--org', orgId])).toEqual([]);
    const status = await owner.json<{ side: string; lastSyncDate: string | null; pendingSync: number }>(['sponsorship', 'status', '--org', orgId]);
    expect(status).toMatchObject({ side: 'cloud', lastSyncDate: null, pendingSync: 0 });
  });

  it('offers a sponsorship, which the cloud mails at once and shows as Sent', async () => {
    const offered = await owner.json<{ result: string; status: string; side: string }>(['sponsorship', 'offer', '--org', orgId, '--member', 'dana@family.example']);
    expect(offered).toMatchObject({ result: 'offered', status: 'sent', side: 'cloud' });
    const mail = (await world.mail('dana@family.example')).filter((m) => m.template === 'families-for-enterprise-offer');
    expect(mail).toHaveLength(1);
    const again = await owner.json<{ result: string }>(['sponsorship', 'offer', '--org', orgId, '--member', 'DANA@family.example']);
    expect(again.result).toBe('unchanged');
    const list = await owner.json<SponsorshipJson[]>(['sponsorship', 'list', '--org', orgId]);
    expect(list.map((s) => [s.email, s.statusLabel, s.pendingSync])).toEqual([['dana@family.example', 'Sent', false]]);
  });

  it('refuses to sponsor yourself, and organizations that are not Enterprise, with the server message (exit 1)', async () => {
    const self = await owner.run(['sponsorship', 'offer', '--org', orgId, '--member', owner.email]);
    expect(self.exitCode).toBe(1);
    expect(self.stderr).toContain('Cannot offer a Families Organization Sponsorship to yourself. Choose a different email.');
    const teams = await owner.run(['sponsorship', 'offer', '--org', teamsOrgId, '--member', 'erin@family.example']);
    expect(teams.exitCode).toBe(1);
    expect(teams.stderr).toContain('Specified Organization cannot sponsor other organizations.');
  });

  it('revokes an unredeemed offer: it is gone at once; a second revoke is exit 5', async () => {
    const noYes = await owner.run(['sponsorship', 'revoke', '--org', orgId, '--member', 'dana@family.example']);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('--yes');
    const revoked = await owner.json<{ result: string }>(['sponsorship', 'revoke', '--org', orgId, '--member', 'dana@family.example', '--yes']);
    expect(revoked.result).toBe('removed');
    expect(await owner.json<SponsorshipJson[]>(['sponsorship', 'list', '--org', orgId])).toEqual([]);
    const again = await owner.run(['sponsorship', 'revoke', '--org', orgId, '--member', 'dana@family.example', '--yes']);
    expect(again.exitCode).toBe(5);
  });

  it('names a bad --member and a missing one as usage errors (exit 2)', async () => {
    expect((await owner.run(['sponsorship', 'offer', '--org', orgId])).exitCode).toBe(2);
    const bad = await owner.run(['sponsorship', 'offer', '--org', orgId, '--member', 'not-an-email']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--member not-an-email');
  });
});

describe('sponsorship on a self-hosted server', () => {
  let pair: LicensingWorld;
  let admin: TwoProfiles;
  let cloudId: string;
  let selfId: string;
  const dir = mkdtempSync(join(tmpdir(), 'bwmsp-e2e-sponsorship-'));

  beforeAll(async () => {
    pair = await startLicensingWorld();
    admin = await twoProfiles(pair, pair.cloud.account('member', 0));
    cloudId = (await admin.json<{ id: string }>('cloud', ['org', 'create', '--name', 'Contoso Onprem', '--plan', 'enterprise', '--seats', '5'])).id;
    // Staff switch the feature on for the cloud organization; the license carries it to the self-hosted one.
    pair.cloud.sandbox.store.organizations.update(cloudId, { useAdminSponsoredFamilies: true }, new Date().toISOString());
    selfId = await moveToSelfHost(pair, admin, ['--org', cloudId], dir);
    const token = (await admin.run('cloud', ['billing-sync', 'token', '--org', cloudId, '--password-stdin'], { input: `${admin.password}\n` })).stdout.trim();
    const configured = await admin.run('selfhost', ['billing-sync', 'configure', '--org', selfId, '--token', token]);
    expect(configured.exitCode, configured.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  });

  it('keeps an offer as Requested (pending sync) without mailing it', async () => {
    const offered = await admin.run('selfhost', ['sponsorship', 'offer', '--org', selfId, '--member', 'fred@family.example', '--json']);
    expect(offered.exitCode, offered.stderr).toBe(0);
    expect(JSON.parse(offered.stdout)).toMatchObject({ side: 'self-hosted', result: 'offered', status: 'requested', pendingSync: true });
    expect(offered.stderr).toContain('daily sponsorship sync');
    const status = await admin.json<{ side: string; lastSyncDate: string | null; pendingSync: number; counts: { requested: number } }>('selfhost', ['sponsorship', 'status', '--org', selfId]);
    expect(status).toMatchObject({ side: 'self-hosted', lastSyncDate: null, pendingSync: 1, counts: { requested: 1 } });
    expect(await pair.cloud.mail('fred@family.example')).toEqual([]);
  });

  it('the sandbox stand-in for the daily job carries it to the cloud, which mails it; then it is Sent', async () => {
    const job = await createCli().json<{ organizationId: string; result: string }[]>(['sandbox', 'sponsorship-sync', '--data', pair.selfhost.dataDir]);
    expect(job).toEqual([{ organizationId: selfId, result: 'synced', detail: '1 sponsorship(s) synced' }]);
    expect((await pair.cloud.mail('fred@family.example')).map((m) => m.template)).toEqual(['families-for-enterprise-offer']);
    const list = await admin.json<{ email: string; statusLabel: string; pendingSync: boolean; lastSyncDate: string | null }[]>('selfhost', ['sponsorship', 'list', '--org', selfId]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ email: 'fred@family.example', statusLabel: 'Sent', pendingSync: false });
    const status = await admin.json<{ lastSyncDate: string | null; pendingSync: number }>('selfhost', ['sponsorship', 'status', '--org', selfId]);
    expect(status.lastSyncDate).toBe(list[0]?.lastSyncDate);
    expect(status.pendingSync).toBe(0);
    const cloudRows = pair.cloud.sandbox.store.sponsorships.listBySponsoringOrganization(cloudId);
    expect(cloudRows.map((r) => r.offeredToEmail)).toEqual(['fred@family.example']);
  });

  it('a revoked synced offer is "Request removed" until the next sync removes it on both ends', async () => {
    const revoked = await admin.json<{ result: string; status: string }>('selfhost', ['sponsorship', 'revoke', '--org', selfId, '--member', 'fred@family.example', '--yes']);
    expect(revoked).toMatchObject({ result: 'marked' });
    const pending = await admin.json<{ statusLabel: string; pendingSync: boolean }[]>('selfhost', ['sponsorship', 'list', '--org', selfId]);
    expect(pending.map((s) => s.statusLabel)).toEqual(['Request removed']);
    await createCli().json(['sandbox', 'sponsorship-sync', '--data', pair.selfhost.dataDir]);
    expect(await admin.json('selfhost', ['sponsorship', 'list', '--org', selfId])).toEqual([]);
    expect(pair.cloud.sandbox.store.sponsorships.listBySponsoringOrganization(cloudId)).toEqual([]);
  });

  it('refuses the job on the cloud sandbox', async () => {
    const r = await createCli().run(['sandbox', 'sponsorship-sync', '--data', pair.cloud.sandbox.dataDir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('plays the cloud');
  });
});
