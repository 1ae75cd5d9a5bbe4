import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addableOrganizationListSchema, providerOrganizationListResponseSchema } from '../../../src/protocol/provider-client.js';
import { createHarness, fakeEncString, registerUnitAccount, type Harness, type UnitAccount } from './harness.js';
import { call, createOrganization, FAKE_RSA_KEY, inviteFromOutbox, token, userIdOf } from './org-world.js';
import {
  buildProviderWorld,
  clientBody,
  createClient,
  providerEventTypes,
  type Client,
  type ProviderWorld,
} from './provider-world.js';

let h: Harness;
let w: ProviderWorld;
let base: string;

beforeEach(async () => {
  h = createHarness();
  w = await buildProviderWorld(h, 'c');
  base = `/api/providers/${w.providerId}`;
});
afterEach(() => h.close());

function plan(planType: number) {
  const found = h.store.billing.listPlans(w.providerId).find((p) => p.planType === planType);
  if (found === undefined) throw new Error(`no plan ${planType}`);
  return found;
}

/** The client's owner registers, accepts the mailed invitation and is confirmed by the provider admin. */
async function confirmClientOwner(client: Client): Promise<UnitAccount> {
  const owner = await registerUnitAccount(h, client.ownerEmail);
  const invite = inviteFromOutbox(h, client.ownerEmail);
  const accept = await call(
    h,
    'POST',
    `/api/organizations/${client.organizationId}/users/${invite.organizationUserId}/accept`,
    await token(h, owner),
    { token: invite.token },
  );
  expect(accept.status).toBe(200);
  const confirm = await call(
    h,
    'POST',
    `/api/organizations/${client.organizationId}/users/${invite.organizationUserId}/confirm`,
    w.admin.token,
    { key: FAKE_RSA_KEY },
  );
  expect(confirm.status).toBe(200);
  return owner;
}

describe('POST /providers/{pid}/clients', () => {
  it('creates a managed client with its collection, owner invitation, link row, seats and event 1900', async () => {
    const body = clientBody({ name: 'Contoso Ltd', ownerEmail: 'IT@Contoso.example', planType: 17, seats: 10 });
    const created = await call(h, 'POST', `${base}/clients`, w.admin.token, body);
    expect(created.status).toBe(200);
    expect(created.text).toBe('');

    const list = await call(h, 'GET', `${base}/organizations`, w.serviceUser.token);
    const [client] = providerOrganizationListResponseSchema.parse(list.body).data;
    expect(client).toMatchObject({
      object: 'providerOrganizationOrganizationDetail',
      providerId: w.providerId,
      organizationName: 'Contoso Ltd',
      key: body.key as string,
      settings: null,
      userCount: 0,
      seats: 10,
      occupiedSeats: 1,
      remainingSeats: 9,
      plan: 'Teams (Monthly)',
    });
    const org = h.store.organizations.findById(client?.organizationId ?? '');
    expect(org).toMatchObject({
      status: 2,
      planType: 17,
      plan: 'Teams (Monthly)',
      seats: 10,
      billingEmail: 'billing@acme-msp.example',
      useSecretsManager: false,
      useGroups: true,
      useEvents: true,
      usePolicies: false,
      publicKey: (body.keyPair as { publicKey: string }).publicKey,
    });
    expect(h.store.organizations.findApiKey(org?.id ?? '', 0)?.apiKey).toHaveLength(30);
    const [collection] = h.store.collections.listByOrganization(org?.id ?? '');
    expect(collection?.name).toBe(body.collectionName);
    const members = h.store.organizations.listUsers(org?.id ?? '');
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ email: 'it@contoso.example', type: 0, status: 0, userId: null });
    expect(h.store.collections.listAccessForMember(members[0]?.id ?? '')).toEqual([
      { id: collection?.id, readOnly: false, hidePasswords: false, manage: true },
    ]);
    const invite = inviteFromOutbox(h, 'it@contoso.example');
    expect(invite.organizationUserId).toBe(members[0]?.id);

    expect(plan(17)).toMatchObject({ allocatedSeats: 10, purchasedSeats: 0 });
    expect(providerEventTypes(h, w.providerId)).toContain(1900);
    const orgEvents = h.store.events.page({
      organizationId: org?.id ?? '',
      start: '2000-01-01T00:00:00.000Z',
      end: '2100-01-01T00:00:00.000Z',
      limit: 50,
    });
    expect(orgEvents.map((e) => ({ type: e.type, providerId: e.providerId, actingUserId: e.actingUserId }))).toEqual([
      { type: 1500, providerId: w.providerId, actingUserId: w.admin.userId },
    ]);
  });

  it('gives Enterprise clients the Enterprise features', async () => {
    const client = await createClient(h, w.providerId, w.admin.token, { name: 'Fabrikam', planType: 19, seats: 5 });
    expect(h.store.organizations.findById(client.organizationId)).toMatchObject({
      plan: 'Enterprise (Monthly)',
      usePolicies: true,
      useSso: true,
      useCustomPermissions: true,
      useResetPassword: true,
    });
    expect(plan(19)).toMatchObject({ allocatedSeats: 5 });
  });

  it('refuses bad bodies, plans the provider may not sell, service users and non-billable providers', async () => {
    const bad = await call(h, 'POST', `${base}/clients`, w.admin.token, {
      name: 'x',
      ownerEmail: 'a@b.example',
      planType: 18,
      seats: 0,
      collectionName: fakeEncString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      message: 'The model state is invalid.',
      validationErrors: {
        PlanType: ["'planType' must be Teams (Monthly), Enterprise (Monthly) or Enterprise (Annually)"],
        Seats: ["'seats' must be greater than 0"],
        Key: ["'key' must be provided"],
        KeyPair: ["'keyPair' must be provided"],
      },
    });
    const annual = await call(h, 'POST', `${base}/clients`, w.admin.token, clientBody({ planType: 20 }));
    expect(annual.body).toMatchObject({
      message:
        'Managed Service Providers cannot manage organizations with the plan type EnterpriseAnnually. Only Teams (Monthly) and Enterprise (Monthly) are allowed.',
    });
    const service = await call(h, 'POST', `${base}/clients`, w.serviceUser.token, clientBody());
    expect(service.status).toBe(403);

    const pending = await registerUnitAccount(h, 'pending@msp.example');
    const { inviteProviderOwner } = await import('../../../src/sandbox/server.js');
    const invitation = inviteProviderOwner(h.store, { email: pending.email, baseUrl: 'https://x.example' });
    const notBillable = await call(h, 'POST', `/api/providers/${invitation.providerId}/clients`, await token(h, pending), clientBody());
    expect(notBillable.status).toBe(401);
    expect(h.store.organizations.listAllMembershipsForUser(userIdOf(h, pending))).toEqual([]);
  });

  it('answers "Only allowed when not self hosted." on a self-hosted sandbox', async () => {
    h.context.mode = 'selfhost';
    const refused = await call(h, 'POST', `${base}/clients`, w.admin.token, clientBody());
    expect(refused.body).toMatchObject({ message: 'Only allowed when not self hosted.' });
  });
});

describe('PUT /providers/{pid}/clients/{id}', () => {
  it('renames and reseats; seats beyond the minimum are purchased, which service users may not do', async () => {
    const client = await createClient(h, w.providerId, w.admin.token, { seats: 40 });
    const path = `${base}/clients/${client.providerOrganizationId}`;

    const within = await call(h, 'PUT', path, w.serviceUser.token, { assignedSeats: 45, name: 'Contoso' });
    expect(within.status).toBe(200);
    expect(h.store.organizations.findById(client.organizationId)).toMatchObject({ name: 'Contoso', seats: 45 });
    expect(plan(17)).toMatchObject({ allocatedSeats: 45, purchasedSeats: 0 });

    const purchase = await call(h, 'PUT', path, w.serviceUser.token, { assignedSeats: 60, name: 'Contoso' });
    expect(purchase.status).toBe(401);
    expect(purchase.body).toMatchObject({ object: 'error', message: 'Service users cannot purchase additional seats.' });

    const admin = await call(h, 'PUT', path, w.admin.token, { assignedSeats: 60, name: 'Contoso' });
    expect(admin.status).toBe(200);
    expect(plan(17)).toMatchObject({ allocatedSeats: 60, purchasedSeats: 10 });
    const down = await call(h, 'PUT', path, w.serviceUser.token, { assignedSeats: 20, name: 'Contoso' });
    expect(down.status).toBe(200);
    expect(plan(17)).toMatchObject({ allocatedSeats: 20, purchasedSeats: 0 });

    const negative = await call(h, 'PUT', path, w.admin.token, { assignedSeats: -1, name: 'Contoso' });
    expect(negative.body).toMatchObject({
      validationErrors: { AssignedSeats: ['You cannot assign negative seats to a client organization.'] },
    });
  });

  it('does not reach another provider\'s client', async () => {
    const other = await buildProviderWorld(h, 'o');
    const theirs = await createClient(h, other.providerId, other.admin.token, { name: 'Theirs' });
    const put = await call(h, 'PUT', `${base}/clients/${theirs.providerOrganizationId}`, w.admin.token, {
      assignedSeats: 1,
      name: 'Mine now',
    });
    expect(put.status).toBe(404);
    const list = await call(h, 'GET', `${base}/organizations`, w.admin.token);
    expect(providerOrganizationListResponseSchema.parse(list.body).data).toEqual([]);
    expect((await call(h, 'GET', `/api/providers/${other.providerId}/organizations`, w.admin.token)).status).toBe(403);
  });
});

describe('DELETE /providers/{pid}/organizations/{id}', () => {
  it('refuses without a confirmed owner, then detaches: status Created, owner billing e-mail, seats back, 1902', async () => {
    const client = await createClient(h, w.providerId, w.admin.token, { seats: 12 });
    const path = `${base}/organizations/${client.providerOrganizationId}`;
    const refused = await call(h, 'DELETE', path, w.admin.token);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ message: 'Organization must have at least one confirmed owner.' });

    await confirmClientOwner(client);
    expect((await call(h, 'DELETE', path, w.serviceUser.token)).status).toBe(403);
    const removed = await call(h, 'DELETE', path, w.admin.token);
    expect(removed.status).toBe(200);
    expect(h.store.providerOrganizations.findById(client.providerOrganizationId)).toBeUndefined();
    expect(h.store.organizations.findById(client.organizationId)).toMatchObject({
      status: 1,
      billingEmail: client.ownerEmail,
      seats: 12,
    });
    expect(plan(17)).toMatchObject({ allocatedSeats: 0 });
    expect(providerEventTypes(h, w.providerId)).toContain(1902);
    expect((await call(h, 'DELETE', path, w.admin.token)).status).toBe(500);
  });
});

describe('existing organizations', () => {
  it('lists addable organizations and brings one in as a managed Teams (Monthly) client (1901)', async () => {
    const orgId = await createOrganization(h, w.admin.account, { name: 'Own Teams', planType: 18, additionalSeats: 8 });
    const adminToken = await token(h, w.admin.account);
    const addable = await call(h, 'GET', `${base}/clients/addable`, adminToken);
    expect(addableOrganizationListSchema.parse(addable.body)).toEqual([
      { id: orgId, name: 'Own Teams', plan: 'Teams', seats: 8, disabled: false },
    ]);

    const techAddable = await call(h, 'GET', `${base}/clients/addable`, w.serviceUser.token);
    expect(techAddable.body).toEqual([]);
    const notOwner = await call(h, 'POST', `${base}/clients/existing`, w.serviceUser.token, { organizationId: orgId, key: fakeEncString() });
    expect(notOwner.status).toBe(403);

    const key = fakeEncString();
    const added = await call(h, 'POST', `${base}/clients/existing`, adminToken, { organizationId: orgId, key });
    expect(added.status).toBe(200);
    expect(h.store.organizations.findById(orgId)).toMatchObject({
      status: 2,
      planType: 17,
      plan: 'Teams (Monthly)',
      billingEmail: 'billing@acme-msp.example',
    });
    expect(h.store.providerOrganizations.findByOrganizationId(orgId)).toMatchObject({ providerId: w.providerId, key });
    expect(plan(17)).toMatchObject({ allocatedSeats: 8 });
    expect(providerEventTypes(h, w.providerId)).toContain(1901);

    const again = await call(h, 'POST', `${base}/clients/existing`, adminToken, { organizationId: orgId, key });
    expect(again.status).toBe(404);
  });

  it('refuses an organization the caller does not own with a bare 401', async () => {
    const stranger = await registerUnitAccount(h, 'stranger@else.example');
    const orgId = await createOrganization(h, stranger, { name: 'Not yours', planType: 20 });
    const refused = await call(h, 'POST', `${base}/clients/existing`, w.admin.token, { organizationId: orgId, key: fakeEncString() });
    expect(refused.status).toBe(401);
    expect(refused.text).toBe('');
  });

  it('links an owned organization through the legacy route and refuses a second provider', async () => {
    const orgId = await createOrganization(h, w.admin.account, { name: 'Legacy', planType: 19 });
    const adminToken = await token(h, w.admin.account);
    const add = await call(h, 'POST', `${base}/organizations/add`, adminToken, { organizationId: orgId, key: fakeEncString() });
    expect(add.status).toBe(200);
    expect(h.store.organizations.findById(orgId)?.billingEmail).toBe('billing@acme-msp.example');
    const twice = await call(h, 'POST', `${base}/organizations/add`, adminToken, { organizationId: orgId, key: fakeEncString() });
    expect(twice.body).toMatchObject({ message: 'Organization already belongs to a provider.' });
    const otherOrg = await createOrganization(h, w.admin.account, { name: 'Annual', planType: 20 });
    const wrongPlan = await call(h, 'POST', `${base}/organizations/add`, await token(h, w.admin.account), {
      organizationId: otherOrg,
      key: fakeEncString(),
    });
    expect(wrongPlan.body).toMatchObject({
      message: expect.stringContaining('cannot manage organizations with the plan type EnterpriseAnnually') as unknown,
    });
  });
});

describe('provider access to client organizations', () => {
  it('lets confirmed provider users administer the client, not the client\'s members the provider', async () => {
    const client = await createClient(h, w.providerId, w.admin.token, { planType: 19 });
    const members = await call(h, 'GET', `/api/organizations/${client.organizationId}/users`, w.serviceUser.token);
    expect(members.status).toBe(200);
    const invite = await call(h, 'POST', `/api/organizations/${client.organizationId}/users/invite`, w.serviceUser.token, {
      emails: ['bob@contoso.example'],
      type: 2,
      collections: [],
      groups: [],
    });
    expect(invite.status).toBe(200);

    const owner = await confirmClientOwner(client);
    const ownerToken = await token(h, owner);
    expect((await call(h, 'GET', `/api/providers/${w.providerId}`, ownerToken)).status).toBe(403);
    expect((await call(h, 'GET', `${base}/organizations`, ownerToken)).status).toBe(403);
    expect((await call(h, 'GET', `${base}/billing/subscription`, ownerToken)).status).toBe(401);
    const sync = await call(h, 'GET', '/api/sync?excludeDomains=true', ownerToken);
    const profile = (sync.body as { profile: Record<string, unknown[]> }).profile;
    expect(profile.providers).toEqual([]);
    expect(profile.providerOrganizations).toEqual([]);

    const other = await buildProviderWorld(h, 'o');
    const foreign = await call(h, 'GET', `/api/organizations/${client.organizationId}/users`, other.admin.token);
    expect([403, 404]).toContain(foreign.status);
  });
});
