import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventResponseSchema } from '../../../src/protocol/event.js';
import { listResponseSchema } from '../../../src/protocol/common.js';
import { createHarness, registerUnitAccount, type Harness } from './harness.js';
import { isProviderUserForOrg } from '../../../src/sandbox/services/provider-authz.js';
import { logProviderAccessToOrganization } from '../../../src/sandbox/services/provider-events.js';
import { call } from './org-world.js';
import { addProviderUser, buildProviderWorld, createClient, type ProviderWorld } from './provider-world.js';

const eventList = listResponseSchema(eventResponseSchema);

let h: Harness;
let w: ProviderWorld;

beforeEach(async () => {
  h = createHarness();
  w = await buildProviderWorld(h, 'e');
});
afterEach(() => h.close());

async function events(path: string, accessToken: string) {
  const response = await call(h, 'GET', path, accessToken);
  expect(response.status).toBe(200);
  return eventList.parse(response.body);
}

describe('provider events', () => {
  it('records each provider action with who did it, and lists them newest first', async () => {
    h.clock.advance(1000);
    const client = await createClient(h, w.providerId, w.admin.token);
    h.clock.advance(1000);
    await call(h, 'PUT', `/api/providers/${w.providerId}/users/${w.serviceUser.providerUserId}`, w.admin.token, { type: 1 });

    const page = await events(`/api/providers/${w.providerId}/events`, w.admin.token);
    const provider = page.data.filter((e) => e.organizationId === null && e.type !== 1000);
    // newest first; the invite and the confirm of the world's set-up share one (frozen) instant
    expect(provider.map((e) => e.type).slice(0, 2)).toEqual([1802, 1900]);
    expect(provider.map((e) => e.type).slice(2).sort()).toEqual([1800, 1801]);
    const [updated, created] = provider;
    const confirmed = provider.find((e) => e.type === 1801);
    const invited = provider.find((e) => e.type === 1800);
    expect(updated).toMatchObject({
      object: 'event',
      providerId: w.providerId,
      providerUserId: w.serviceUser.providerUserId,
      userId: w.serviceUser.userId,
      actingUserId: w.admin.userId,
      deviceType: 25,
    });
    expect(created).toMatchObject({ providerOrganizationId: client.providerOrganizationId, actingUserId: w.admin.userId });
    expect(confirmed).toMatchObject({ providerUserId: w.serviceUser.providerUserId, userId: w.serviceUser.userId });
    expect(invited).toMatchObject({ providerUserId: w.serviceUser.providerUserId, userId: null });
    // the client owner's invitation, made by the provider admin, is in the client's log with the provider's id
    expect(page.data.find((e) => e.type === 1500)).toMatchObject({
      organizationId: client.organizationId,
      providerId: w.providerId,
      actingUserId: w.admin.userId,
    });
    expect(page.continuationToken).toBeNull();
  });

  it('writes 1903 + 1603 when a provider user reads a client vault', async () => {
    const client = await createClient(h, w.providerId, w.admin.token);
    const read = await call(h, 'GET', `/api/organizations/${client.organizationId}/collections/details`, w.serviceUser.token);
    expect(read.status).toBe(200);
    const page = await events(`/api/providers/${w.providerId}/events`, w.admin.token);
    expect(page.data.find((e) => e.type === 1903)).toMatchObject({
      providerOrganizationId: client.providerOrganizationId,
      actingUserId: w.serviceUser.userId,
      organizationId: null,
    });
    expect(page.data.find((e) => e.type === 1603)).toMatchObject({
      organizationId: client.organizationId,
      providerId: w.providerId,
      actingUserId: w.serviceUser.userId,
    });
  });

  it('offers the vault-access pair and the provider lookup to other routes', async () => {
    const client = await createClient(h, w.providerId, w.admin.token);
    expect(isProviderUserForOrg(h.store, w.serviceUser.userId, client.organizationId)).toBe(true);
    const outsider = await registerUnitAccount(h, 'outsider@else.example');
    const outsiderId = h.store.users.findByEmail(outsider.email)?.id ?? '';
    expect(isProviderUserForOrg(h.store, outsiderId, client.organizationId)).toBe(false);

    const actor = { userId: w.serviceUser.userId, deviceType: 25, ipAddress: '127.0.0.1' };
    logProviderAccessToOrganization(h.context, client.organizationId, actor);
    logProviderAccessToOrganization(h.context, crypto.randomUUID(), actor);
    const all = h.store.events.page({ start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z', limit: 500 });
    const accessed = all.filter((e) => e.type === 1903 || e.type === 1603);
    expect(accessed.map((e) => [e.type, e.organizationId, e.providerId]).sort()).toEqual(
      [
        [1603, client.organizationId, w.providerId],
        [1903, null, w.providerId],
      ].sort(),
    );
  });

  it('lists one provider user\'s actions', async () => {
    await createClient(h, w.providerId, w.admin.token);
    const mine = await events(`/api/providers/${w.providerId}/users/${w.admin.providerUserId}/events`, w.admin.token);
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((e) => e.actingUserId === w.admin.userId)).toBe(true);
    expect(mine.data.map((e) => e.type)).toContain(1900);
    const invitedId = await addProviderUser(h, w.providerId, w.admin.token, await registerUnitAccount(h, 'z@msp.example'), 1, {
      accept: false,
    });
    const unlinked = await call(h, 'GET', `/api/providers/${w.providerId}/users/${invitedId}/events`, w.admin.token);
    expect(unlinked.status).toBe(404);
    expect(unlinked.body).toMatchObject({ message: 'Resource not found.' });
  });

  it('pages by 50 with a continuation token, within the date window', async () => {
    const emails = Array.from({ length: 55 }, (_, i) => `bulk${i}@msp.example`);
    for (let i = 0; i < emails.length; i += 20) {
      h.clock.advance(10);
      const invite = await call(h, 'POST', `/api/providers/${w.providerId}/users/invite`, w.admin.token, {
        emails: emails.slice(i, i + 20),
        type: 1,
      });
      expect(invite.status).toBe(200);
    }
    const path = `/api/providers/${w.providerId}/events`;
    const first = await events(path, w.admin.token);
    expect(first.data).toHaveLength(50);
    expect(first.continuationToken).not.toBeNull();
    const second = await events(`${path}?continuationToken=${encodeURIComponent(first.continuationToken ?? '')}`, w.admin.token);
    expect(second.continuationToken).toBeNull();
    const all = [...first.data, ...second.data];
    expect(all.filter((e) => e.type === 1800)).toHaveLength(56);
    const dates = all.map((e) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);

    const now = h.clock.now();
    const future = await events(
      `${path}?start=${new Date(now.getTime() + 86_400_000).toISOString()}&end=${new Date(now.getTime() + 2 * 86_400_000).toISOString()}`,
      w.admin.token,
    );
    expect(future.data).toEqual([]);
    const tooLong = await call(h, 'GET', `${path}?start=2024-01-01&end=2026-01-02`, w.admin.token);
    expect(tooLong.body).toMatchObject({ message: 'Range too large.' });
    const garbage = await call(h, 'GET', `${path}?start=yesterday&end=today`, w.admin.token);
    expect(garbage.status).toBe(400);
  });

  it('keeps no provider events for a provider without useEvents', async () => {
    h.store.providers.update(w.providerId, { useEvents: false }, h.clock.now().toISOString());
    const invite = await call(h, 'POST', `/api/providers/${w.providerId}/users/invite`, w.admin.token, {
      emails: ['quiet@msp.example'],
      type: 1,
    });
    expect(invite.status).toBe(200);
    const page = await events(`/api/providers/${w.providerId}/events`, w.admin.token);
    expect(page.data.filter((e) => e.type === 1800)).toHaveLength(1);
  });
});
