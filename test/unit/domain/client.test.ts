import { describe, expect, it } from 'vitest';
import { decryptString, SymmetricKey, unwrapPrivateKey, unwrapSymmetricKey, publicKeyFromPrivate } from '../../../src/crypto/index.js';
import { AuthError, BwmspError, NotFoundError, UsageError } from '../../../src/errors.js';
import {
  clientTotals,
  clientView,
  createClient,
  editClient,
  findClient,
  listClients,
  planTypeFor,
  removeClient,
  type ClientView,
} from '../../../src/domain/client.js';
import { apiAuthError, apiError, fakeApi, fakeContext, membership, PROVIDER_ID } from './provider-fake-api.js';

const ORG_A = '2b7e0000-0000-4000-8000-00000000000a';
const ORG_B = '2b7e0000-0000-4000-8000-00000000000b';
const LINK_A = '9a2b0000-0000-4000-8000-00000000000a';
const LINK_B = '9a2b0000-0000-4000-8000-00000000000b';

function row(link: string, org: string, name: string, seats: number | null, occupied: number | null, extra: Record<string, unknown> = {}) {
  return { id: link, providerId: PROVIDER_ID, organizationId: org, organizationName: name, seats, occupiedSeats: occupied, remainingSeats: seats !== null && occupied !== null ? seats - occupied : null, userCount: 1, plan: 'Enterprise (Monthly)', creationDate: '2026-11-01T00:00:00Z', ...extra };
}

const list = (rows: unknown[]) => ({ object: 'list', data: rows, continuationToken: null });
const LIST = `GET /providers/${PROVIDER_ID}/organizations`;
/** `/sync` after a create: the new client is in `providerOrganizations` with its status. */
const SYNC = {
  'GET /sync': () => ({
    object: 'sync',
    profile: { id: 'u1', email: 'admin@msp.example', organizations: [], providers: [], providerOrganizations: [{ id: ORG_A, name: 'Contoso Ltd', providerId: PROVIDER_ID, enabled: true }] },
    collections: [],
  }),
};

describe('planTypeFor (admin-api.md §2.2)', () => {
  it.each([
    ['teams', 0, 17],
    ['enterprise', 0, 19],
    ['teams', 1, 17],
    ['enterprise', 2, 19],
    ['enterprise', null, 19],
  ] as const)('%s for provider type %s is PlanType %i', (plan, type, expected) => {
    expect(planTypeFor(plan, type)).toBe(expected);
  });

  it('refuses Teams for a business unit, which may only create Enterprise clients', () => {
    expect(() => planTypeFor('teams', 2)).toThrow('--plan teams: a business unit provider can only create Enterprise clients; use --plan enterprise');
  });
});

describe('the client table', () => {
  it('maps the list route, takes status from sync, decodes names and sorts by name', async () => {
    const { api } = fakeApi({ [LIST]: () => list([row(LINK_B, ORG_B, 'Zeta &amp; Sons', 10, 4), row(LINK_A, ORG_A, 'Alpha', 5, 5)]) });
    const ctx = fakeContext(api, { sync: { providerOrganizations: [{ id: ORG_A, enabled: false, providerId: PROVIDER_ID }, { id: ORG_B, enabled: true, providerId: PROVIDER_ID }] } });
    const clients = await listClients(ctx);
    expect(clients.map((c) => [c.name, c.status, c.seats, c.used, c.remaining])).toEqual([
      ['Alpha', 'disabled', 5, 5, 0],
      ['Zeta & Sons', 'active', 10, 4, 6],
    ]);
    expect(clients[0]).toMatchObject({ id: ORG_A, providerOrganizationId: LINK_A, plan: 'Enterprise (Monthly)', confirmedMembers: 1 });
  });

  it('computes remaining seats when the server leaves them out, and totals with unknowns as 0', () => {
    const a = clientView({ ...row(LINK_A, ORG_A, 'A', 10, 3), remainingSeats: null }, 'active');
    const b = clientView(row(LINK_B, ORG_B, 'B', 25, 20), 'active');
    const c = clientView({ ...row(LINK_B, ORG_B, 'C', null, null), remainingSeats: null }, 'unknown');
    expect(a.remaining).toBe(7);
    expect(c.remaining).toBeNull();
    expect(clientTotals([a, b, c])).toEqual({ clients: 3, seats: 35, used: 23, remaining: 12 });
    expect(clientTotals([])).toEqual({ clients: 0, seats: 0, used: 0, remaining: 0 });
  });
});

describe('findClient', () => {
  const clients: ClientView[] = [
    clientView(row(LINK_A, ORG_A, 'Contoso Ltd', 5, 1), 'active'),
    clientView(row(LINK_B, ORG_B, 'Fabrikam', 5, 1), 'active'),
  ];

  it('finds by name (any case), organization id or link id', () => {
    expect(findClient(clients, 'contoso ltd').id).toBe(ORG_A);
    expect(findClient(clients, ORG_B.toUpperCase()).name).toBe('Fabrikam');
    expect(findClient(clients, LINK_A).name).toBe('Contoso Ltd');
  });

  it('refuses an unknown client with exit 5, listing the clients', () => {
    expect(() => findClient(clients, 'Initech')).toThrow(NotFoundError);
    try {
      findClient(clients, 'Initech');
    } catch (error) {
      expect((error as NotFoundError).message).toBe("no client named 'Initech'");
      expect((error as NotFoundError).hint).toBe('Clients: Contoso Ltd, Fabrikam');
    }
  });

  it('refuses a name two clients share', () => {
    const twins = [...clients, clientView(row(LINK_B, '2b7e0000-0000-4000-8000-00000000000c', 'FABRIKAM', 1, 0), 'active')];
    expect(() => findClient(twins, 'fabrikam')).toThrow(UsageError);
  });
});

describe('createClient', () => {
  const input = { name: 'Contoso Ltd', ownerEmail: 'it@contoso.example', plan: 'teams' as const, seats: 25 };

  it('sends keys made here (org key under the provider key) and finds the new client by name', async () => {
    const { api, calls } = fakeApi({
      [LIST]: (_json, n) => list(n === 0 ? [row(LINK_B, ORG_B, 'Fabrikam', 5, 1)] : [row(LINK_B, ORG_B, 'Fabrikam', 5, 1), row(LINK_A, ORG_A, 'Contoso Ltd', 25, 1)]),
      [`POST /providers/${PROVIDER_ID}/clients`]: () => undefined,
      ...SYNC,
    });
    const ctx = fakeContext(api);
    const created = await createClient(ctx, input);
    expect(created).toMatchObject({ id: ORG_A, name: 'Contoso Ltd', seats: 25, status: 'active' });
    const body = calls.find((c) => c.method === 'POST')?.json as Record<string, string | number | Record<string, string>>;
    expect(body).toMatchObject({ name: 'Contoso Ltd', ownerEmail: 'it@contoso.example', planType: 17, seats: 25 });
    expect(String(body.key)).toMatch(/^2\./);
    const orgKey = unwrapSymmetricKey(String(body.key), ctx.providerKey);
    expect(decryptString(String(body.collectionName), orgKey)).toBe('Default collection');
    const keyPair = body.keyPair as { publicKey: string; encryptedPrivateKey: string };
    expect(publicKeyFromPrivate(unwrapPrivateKey(keyPair.encryptedPrivateKey, orgKey))).toBe(keyPair.publicKey);
  });

  it('refuses a duplicate name before sending anything', async () => {
    const { api, calls } = fakeApi({ [LIST]: () => list([row(LINK_A, ORG_A, 'contoso ltd', 5, 1)]) });
    await expect(createClient(fakeContext(api), input)).rejects.toThrow(`a client named 'contoso ltd' already exists (${ORG_A})`);
    expect(calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('refuses names longer than the server accepts', async () => {
    const { api } = fakeApi({});
    await expect(createClient(fakeContext(api), { ...input, name: 'x'.repeat(51) })).rejects.toThrow('--name');
  });

  it('says clearly that creating clients is for provider admins', async () => {
    const { api } = fakeApi({
      [LIST]: () => list([]),
      [`POST /providers/${PROVIDER_ID}/clients`]: () => {
        throw apiAuthError(403, 'POST', `/providers/${PROVIDER_ID}/clients`);
      },
    });
    const ctx = fakeContext(api, { membership: membership({ role: 'service-user' }) });
    const error = await createClient(ctx, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toBe('creating clients needs the Provider Admin role; you are a Service User of Acme MSP');
  });

  it('uses the provider key it was given, not a new one', async () => {
    const providerKey = SymmetricKey.generate();
    const { api, calls } = fakeApi({
      [LIST]: (_json, n) => list(n === 0 ? [] : [row(LINK_A, ORG_A, 'Contoso Ltd', 25, 1)]),
      [`POST /providers/${PROVIDER_ID}/clients`]: () => undefined,
      ...SYNC,
    });
    await createClient(fakeContext(api, { providerKey }), { ...input, plan: 'enterprise', collectionName: 'Shared' });
    const body = calls.find((c) => c.method === 'POST')?.json as { key: string; collectionName: string; planType: number };
    expect(body.planType).toBe(19);
    expect(decryptString(body.collectionName, unwrapSymmetricKey(body.key, providerKey))).toBe('Shared');
  });
});

describe('editClient', () => {
  it('sends both fields, keeping the one not changed', async () => {
    const { api, calls } = fakeApi({
      [LIST]: (_json, n) => list([row(LINK_A, ORG_A, 'Contoso Ltd', n === 0 ? 5 : 40, 1)]),
      [`PUT /providers/${PROVIDER_ID}/clients/${LINK_A}`]: () => undefined,
    });
    const outcome = await editClient(fakeContext(api), 'Contoso Ltd', { seats: 40 });
    expect(calls.find((c) => c.method === 'PUT')?.json).toEqual({ assignedSeats: 40, name: 'Contoso Ltd' });
    expect(outcome).toMatchObject({ result: 'updated', detail: 'seats 5 → 40' });
    expect(outcome.client.seats).toBe(40);
  });

  it('converges: unchanged values send nothing', async () => {
    const { api, calls } = fakeApi({ [LIST]: () => list([row(LINK_A, ORG_A, 'Contoso Ltd', 5, 1)]) });
    expect((await editClient(fakeContext(api), ORG_A, { seats: 5, name: 'Contoso Ltd' })).result).toBe('skipped');
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it("surfaces the service-user seat purchase refusal with the server's words", async () => {
    const { api } = fakeApi({
      [LIST]: () => list([row(LINK_A, ORG_A, 'Contoso Ltd', 5, 1)]),
      [`PUT /providers/${PROVIDER_ID}/clients/${LINK_A}`]: () => {
        throw apiAuthError(401, 'PUT', `/providers/${PROVIDER_ID}/clients/${LINK_A}`, 'Service users cannot purchase additional seats.');
      },
    });
    const error = await editClient(fakeContext(api, { membership: membership({ role: 'service-user' }) }), 'Contoso Ltd', { seats: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toBe('cannot assign 500 seats to Contoso Ltd: Service users cannot purchase additional seats.');
  });
});

describe('removeClient', () => {
  const client = clientView(row(LINK_A, ORG_A, 'Contoso Ltd', 5, 1), 'active');
  const route = `DELETE /providers/${PROVIDER_ID}/organizations/${LINK_A}`;

  it('unlinks by the link id', async () => {
    const { api, calls } = fakeApi({ [route]: () => undefined });
    await removeClient(fakeContext(api), client);
    expect(calls).toEqual([{ method: 'DELETE', path: `/providers/${PROVIDER_ID}/organizations/${LINK_A}`, json: undefined }]);
  });

  it('explains the no-confirmed-owner refusal and what to do', async () => {
    const { api } = fakeApi({
      [route]: () => {
        throw apiError(400, 'DELETE', `/providers/${PROVIDER_ID}/organizations/${LINK_A}`, 'Organization must have at least one confirmed owner.');
      },
    });
    const error = (await removeClient(fakeContext(api), client).catch((e: unknown) => e)) as BwmspError;
    expect(error.message).toBe('cannot unlink Contoso Ltd: it has no confirmed owner of its own (provider users do not count)');
    expect(error.hint).toContain(`bwmsp member confirm EMAIL --client "Contoso Ltd"`);
  });
});
