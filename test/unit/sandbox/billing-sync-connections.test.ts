/**
 * CloudBillingSync connections (licensing-and-selfhost.md §3.2) and the sponsorship route filters
 * (§0, §4.2) in the sandbox: Owner only, self-hosted only, the license file must verify, and the
 * official messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness } from './harness.js';
import { buildOrgWorld, call, type OrgWorld } from './org-world.js';

const connections = '/api/organizations/connections';
let w: OrgWorld | undefined;
afterEach(() => {
  w?.h.close();
  w = undefined;
});

const body = (orgId: string) => ({ type: 1, organizationId: orgId, enabled: true, config: { billingSyncKey: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123' } });
/** An organization world built on the cloud (where organizations are created), then served as self-hosted. */
async function selfHostedWorld(): Promise<OrgWorld> {
  const world = await buildOrgWorld(createHarness());
  world.h.context.mode = 'selfhost';
  return world;
}
const message = (r: { body: unknown }) => (r.body as { message?: string }).message;

describe('CloudBillingSync connections', () => {
  it('on the cloud: Owner only, then refused outside a self-hosted instance', async () => {
    w = await buildOrgWorld();
    const admin = await call(w.h, 'POST', connections, w.admin.token, body(w.orgId));
    expect(admin.status).toBe(400);
    expect(message(admin)).toBe('You do not have permission to create a connection of type CloudBillingSync.');
    const owner = await call(w.h, 'POST', connections, w.owner.token, body(w.orgId));
    expect(message(owner)).toBe('Cannot create a CloudBillingSync connection outside of a self-hosted instance.');
    for (const type of ['1', 'CloudBillingSync']) {
      const get = await call(w.h, 'GET', `${connections}/${w.orgId}/${type}`, w.owner.token);
      expect(message(get)).toBe('Cannot get a CloudBillingSync connection outside of a self-hosted instance.');
    }
    const adminGet = await call(w.h, 'GET', `${connections}/${w.orgId}/1`, w.admin.token);
    expect(message(adminGet)).toBe('You do not have permission to retrieve a connection of type CloudBillingSync.');
  });

  it('on a self-hosted server: needs a license file that verifies, and a config that binds', async () => {
    w = await selfHostedWorld();
    const get = await call(w.h, 'GET', `${connections}/${w.orgId}/1`, w.owner.token);
    expect(get.body).toEqual({ id: null, type: 0, organizationId: '00000000-0000-0000-0000-000000000000', enabled: false, config: null });
    const noLicense = await call(w.h, 'POST', connections, w.owner.token, body(w.orgId));
    expect(noLicense.status).toBe(400);
    expect(message(noLicense)).toBe('Cannot verify license file.');
    const malformed = await call(w.h, 'POST', connections, w.owner.token, { ...body(w.orgId), config: { billingSyncKey: 42 } });
    expect(message(malformed)).toBe('Organization Connection configuration malformed');
  });

  it('the license sync needs the connection (404) and the sync job is for self-hosted servers', async () => {
    w = await selfHostedWorld();
    const sync = await call(w.h, 'POST', `/api/organizations/licenses/self-hosted/${w.orgId}/sync`, w.owner.token);
    expect(sync.status).toBe(404);
    const notOwner = await call(w.h, 'POST', `/api/organizations/licenses/self-hosted/${w.orgId}/sync`, w.admin.token);
    expect(notOwner.status).toBe(404);
    const job = await call(w.h, 'POST', '/api/sandbox/jobs/sponsorship-sync', null);
    expect(job.body).toEqual({ object: 'sandboxJob', job: 'SelfHostedSponsorshipSyncJob', organizations: [] });
  });
});

describe('sponsorship route filters', () => {
  it('refuse the cloud routes on a self-hosted server and the self-hosted ones on the cloud', async () => {
    w = await buildOrgWorld();
    const offer = { planSponsorshipType: 0, sponsoredEmail: 'x@family.example', friendlyName: 'x@family.example', isAdminInitiated: true };
    const selfRoute = await call(w.h, 'POST', `/api/organization/sponsorship/self-hosted/${w.orgId}/families-for-enterprise`, w.owner.token, offer);
    expect(message(selfRoute)).toBe('Only allowed when self hosted.');
    w.h.close();
    w = await selfHostedWorld();
    const cloudRoute = await call(w.h, 'POST', `/api/organization/sponsorship/${w.orgId}/families-for-enterprise`, w.owner.token, offer);
    expect(message(cloudRoute)).toBe('Only allowed when not self hosted.');
    const list = await call(w.h, 'GET', `/api/organization/sponsorship/self-hosted/${w.orgId}/sponsored`, w.user.token);
    // SelfHostedOrganizationSponsorshipsController.GetSponsoredOrganizations: UnauthorizedAccessException.
    expect(list.status).toBe(401);
  });
});

describe('self-host-only routes: who passes on a self-hosted server', () => {
  it('license update and subscription: Owner else 404; sponsorship lists and revokes: ManageUsers; own revoke: a membership', async () => {
    w = await selfHostedWorld();
    const org = w.orgId;
    const status = async (method: string, path: string, token: string, payload?: unknown) => (await call(w!.h, method, path, token, payload)).status;
    // SelfHostedOrganizationLicensesController.UpdateLicenseAsync: OrganizationOwner else 404, then the file (400).
    expect(await status('POST', `/api/organizations/licenses/self-hosted/${org}`, w.admin.token, {})).toBe(404);
    const ownerUpdate = await call(w.h, 'POST', `/api/organizations/licenses/self-hosted/${org}`, w.owner.token, {});
    expect(message(ownerUpdate)).toBe('Invalid license');
    // Billing OrganizationsController.GetSubscription: ViewSubscription (OrganizationOwner here: no provider).
    expect(await status('GET', `/api/organizations/${org}/subscription`, w.owner.token)).toBe(200);
    for (const m of [w.admin, w.user, w.custom, w.outsider]) expect(await status('GET', `/api/organizations/${org}/subscription`, m.token)).toBe(404);
    // [Authorize<ManageUsersRequirement>] on the revoke by name (403), then the lookup (400).
    const sh = `/api/organization/sponsorship/self-hosted/${org}`;
    expect(await status('DELETE', `${sh}/nobody/revoke`, w.user.token)).toBe(403);
    expect(message(await call(w.h, 'DELETE', `${sh}/nobody/revoke`, w.custom.token))).toBe(
      'The specified sponsored organization could not be found under the given sponsoring organization.',
    );
    // GetSponsoredOrganizations: ManageUsers requirement (Custom manageUsers passes), else 401.
    expect(await status('GET', `${sh}/sponsored`, w.custom.token)).toBe(200);
    expect(await status('GET', `${sh}/sponsored`, w.outsider.token)).toBe(401);
    // RevokeSponsorship: the caller's own membership row, else "Unknown Organization User".
    expect(message(await call(w.h, 'DELETE', sh, w.outsider.token))).toBe('Unknown Organization User');
    expect(message(await call(w.h, 'DELETE', sh, w.user.token))).toBe('You are not currently sponsoring an organization.');
    // An admin-initiated offer by a member without Owner, Admin or ManageUsers: UnauthorizedAccessException (401).
    const adminOffer = { planSponsorshipType: 0, sponsoredEmail: 'y@family.example', friendlyName: 'y@family.example', isAdminInitiated: true };
    expect(await status('POST', `${sh}/families-for-enterprise`, w.user.token, adminOffer)).toBe(401);
    // ConnectionsEnabled: any Application caller; false without cloud communication.
    expect((await call(w.h, 'GET', '/api/organizations/connections/enabled', w.outsider.token)).body).toBe(false);
  });
});
