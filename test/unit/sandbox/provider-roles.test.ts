/**
 * Who may call which provider route: a provider admin, a service user of the same provider, the
 * admin of another provider, a confirmed owner of one of the provider's clients, and no token.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createHarness, registerUnitAccount, type Harness } from './harness.js';
import { call, FAKE_RSA_KEY, inviteFromOutbox, token } from './org-world.js';
import { buildProviderWorld, clientBody, createClient, type Client, type ProviderWorld } from './provider-world.js';

type Role = 'admin' | 'service' | 'other' | 'member' | 'none';

let h: Harness;
let w: ProviderWorld;
let other: ProviderWorld;
let client: Client;
const tokens = {} as Record<Role, string | null>;

beforeAll(async () => {
  h = createHarness();
  w = await buildProviderWorld(h, 'r');
  other = await buildProviderWorld(h, 'x');
  client = await createClient(h, w.providerId, w.admin.token, { seats: 5 });
  const owner = await registerUnitAccount(h, client.ownerEmail);
  const invite = inviteFromOutbox(h, client.ownerEmail);
  await call(h, 'POST', `/api/organizations/${client.organizationId}/users/${invite.organizationUserId}/accept`, await token(h, owner), {
    token: invite.token,
  });
  await call(h, 'POST', `/api/organizations/${client.organizationId}/users/${invite.organizationUserId}/confirm`, w.admin.token, {
    key: FAKE_RSA_KEY,
  });
  tokens.admin = w.admin.token;
  tokens.service = w.serviceUser.token;
  tokens.other = other.admin.token;
  tokens.member = await token(h, owner);
  tokens.none = null;
});
afterAll(() => h.close());

interface RouteCase {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  expected: Record<Role, number>;
}

let counter = 0;
const p = (suffix = ''): string => `/api/providers/${w.providerId}${suffix}`;

const CASES: RouteCase[] = [
  {
    name: 'view the provider',
    method: 'GET',
    path: () => p(),
    expected: { admin: 200, service: 200, other: 403, member: 403, none: 401 },
  },
  {
    name: 'edit the provider',
    method: 'PUT',
    path: () => p(),
    body: () => ({ name: 'Acme MSP', billingEmail: 'billing@acme-msp.example' }),
    expected: { admin: 200, service: 403, other: 403, member: 403, none: 401 },
  },
  {
    name: 'list provider users',
    method: 'GET',
    path: () => p('/users'),
    expected: { admin: 200, service: 403, other: 403, member: 403, none: 401 },
  },
  {
    name: 'invite provider users',
    method: 'POST',
    path: () => p('/users/invite'),
    body: () => ({ emails: [`new${(counter += 1)}@msp.example`], type: 1 }),
    expected: { admin: 200, service: 403, other: 403, member: 403, none: 401 },
  },
  {
    name: 'read provider users\' public keys',
    method: 'POST',
    path: () => p('/users/public-keys'),
    body: () => ({ ids: [w.serviceUser.providerUserId] }),
    expected: { admin: 200, service: 403, other: 403, member: 403, none: 401 },
  },
  {
    name: 'change a provider user\'s role',
    method: 'PUT',
    path: () => p(`/users/${w.serviceUser.providerUserId}`),
    body: () => ({ type: 1 }),
    expected: { admin: 200, service: 403, other: 403, member: 403, none: 401 },
  },
  {
    name: 'list clients',
    method: 'GET',
    path: () => p('/organizations'),
    expected: { admin: 200, service: 200, other: 403, member: 403, none: 401 },
  },
  {
    name: 'create a client',
    method: 'POST',
    path: () => p('/clients'),
    body: () => clientBody({ name: `Client ${(counter += 1)}`, seats: 1 }),
    expected: { admin: 200, service: 403, other: 403, member: 403, none: 401 },
  },
  {
    name: 'edit a client',
    method: 'PUT',
    path: () => p(`/clients/${client.providerOrganizationId}`),
    body: () => ({ assignedSeats: 5, name: 'Contoso Ltd' }),
    expected: { admin: 200, service: 200, other: 403, member: 403, none: 401 },
  },
  {
    name: 'list addable organizations',
    method: 'GET',
    path: () => p('/clients/addable'),
    expected: { admin: 200, service: 200, other: 403, member: 403, none: 401 },
  },
  {
    name: 'read the subscription',
    method: 'GET',
    path: () => p('/billing/subscription'),
    expected: { admin: 200, service: 200, other: 401, member: 401, none: 401 },
  },
  {
    name: 'list invoices',
    method: 'GET',
    path: () => p('/billing/invoices'),
    expected: { admin: 200, service: 401, other: 401, member: 401, none: 401 },
  },
  {
    name: 'read the provider event log',
    method: 'GET',
    path: () => p('/events'),
    expected: { admin: 200, service: 404, other: 404, member: 404, none: 401 },
  },
  {
    name: 'read one provider user\'s events',
    method: 'GET',
    path: () => p(`/users/${w.serviceUser.providerUserId}/events`),
    expected: { admin: 200, service: 404, other: 404, member: 404, none: 401 },
  },
];

const ROLES: Role[] = ['admin', 'service', 'other', 'member', 'none'];

describe('provider route role matrix', () => {
  it.each(CASES)('$name', async (route) => {
    const seen: Record<string, number> = {};
    for (const role of ROLES) {
      const response = await call(h, route.method, route.path(), tokens[role], route.body?.());
      seen[role] = response.status;
    }
    expect(seen).toEqual(route.expected);
  });

  it('lets no provider detach another provider\'s client and no service user detach at all', async () => {
    const path = p(`/organizations/${client.providerOrganizationId}`);
    expect((await call(h, 'DELETE', path, tokens.service)).status).toBe(403);
    expect((await call(h, 'DELETE', path, tokens.other)).status).toBe(403);
    expect((await call(h, 'DELETE', path, tokens.member)).status).toBe(403);
    expect(h.store.providerOrganizations.findById(client.providerOrganizationId)).toBeDefined();
    const foreign = await call(h, 'DELETE', `/api/providers/${other.providerId}/organizations/${client.providerOrganizationId}`, other.admin.token);
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ message: 'Failed to remove organization vault. Please contact support.' });
  });
});
