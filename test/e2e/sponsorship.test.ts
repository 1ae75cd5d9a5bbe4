/**
 * `bwmsp sponsorship list|offer|revoke|status` against the sandbox playing the cloud: an owner of
 * an Enterprise organization offers families sponsorships on behalf of the organization
 * (admin-initiated), the cloud mails the offer, and revocation deletes an unredeemed offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
