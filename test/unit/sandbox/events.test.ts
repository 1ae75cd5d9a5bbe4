import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventResponseSchema } from '../../../src/protocol/event.js';
import { eventModel } from '../../../src/sandbox/services/event-pages.js';
import { registerUnitAccount } from './harness.js';
import { ROLES, buildOrgWorld, call, createOrganization, token, tokenOf, type OrgWorld, type Role } from './org-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const events = (w: OrgWorld): string => `/api/organizations/${w.orgId}/events`;

interface Page {
  data: Record<string, unknown>[];
  continuationToken: string | null;
}

function seedEvents(w: OrgWorld, count: number, date: Date): void {
  for (let i = 0; i < count; i += 1) {
    w.h.store.events.insert({
      id: randomUUID(),
      type: 1301,
      organizationId: w.orgId,
      actingUserId: w.owner.userId,
      date: new Date(date.getTime() - i * 1000).toISOString(),
    });
  }
}

describe('organization events', () => {
  it('role matrix: accessEventLogs (owner, admin, custom) reads; others 404', async () => {
    const expected: Record<Role, number> = { owner: 200, admin: 200, user: 404, custom: 200, revoked: 404, outsider: 404, none: 401 };
    for (const role of ROLES) {
      const response = await call(w.h, 'GET', events(w), tokenOf(w, role));
      expect({ role, status: response.status }).toEqual({ role, status: expected[role] });
    }
  });

  it('returns the events of administrative actions with who, what and from where', async () => {
    const response = await call(w.h, 'GET', events(w), w.owner.token);
    const page = response.body as Page;
    expect(page.continuationToken).toBeNull();
    const parsed = page.data.map((e) => eventResponseSchema.parse(e));
    const confirmed = parsed.find((e) => e.type === 1501 && e.organizationUserId === w.user.memberId);
    expect(confirmed).toMatchObject({
      organizationId: w.orgId,
      actingUserId: w.owner.userId,
      userId: w.user.userId,
      deviceType: 25,
      ipAddress: 'local',
      systemUser: null,
    });
    expect(parsed.find((e) => e.type === 1511)).toMatchObject({ organizationUserId: w.revoked.memberId });
    expect(parsed.some((e) => e.type === 1000 && e.userId === w.owner.userId)).toBe(true);
  });

  it('pages by 50 with an opaque continuation token, newest first, without repeats or gaps', async () => {
    seedEvents(w, 120, new Date(w.h.clock.now().getTime() - 60_000));
    const all = w.h.store.events
      .page({ organizationId: w.orgId, start: '2000-01-01', end: '2100-01-01', limit: 10_000 })
      .map(eventModel);
    const collected: unknown[] = [];
    let tokenValue: string | null = null;
    let pages = 0;
    do {
      const query: string = tokenValue === null ? '' : `?continuationToken=${encodeURIComponent(tokenValue)}`;
      const page = (await call(w.h, 'GET', `${events(w)}${query}`, w.owner.token)).body as Page;
      pages += 1;
      expect(page.data.length).toBeLessThanOrEqual(50);
      collected.push(...page.data);
      tokenValue = page.continuationToken;
      if (page.data.length < 50) expect(tokenValue).toBeNull();
    } while (tokenValue !== null && pages < 10);
    expect(all.length).toBeGreaterThan(120);
    expect(collected).toEqual(all);
    expect(pages).toBe(Math.floor(all.length / 50) + 1);
  });

  it('applies the date window: the last 30 days by default, explicit bounds swapped when reversed, at most 367 days', async () => {
    const old = new Date(w.h.clock.now().getTime() - 40 * 86_400_000);
    seedEvents(w, 3, old);
    const recent = (await call(w.h, 'GET', events(w), w.owner.token)).body as Page;
    expect(recent.data.some((e) => String(e.date).startsWith(old.toISOString().slice(0, 10)))).toBe(false);
    const start = new Date(old.getTime() - 86_400_000).toISOString();
    const end = new Date(old.getTime() + 86_400_000).toISOString();
    const windowed = (await call(w.h, 'GET', `${events(w)}?start=${end}&end=${start}`, w.owner.token)).body as Page;
    expect(windowed.data).toHaveLength(3);
    const tooLong = await call(w.h, 'GET', `${events(w)}?start=2024-01-01T00:00:00Z&end=2025-06-01T00:00:00Z`, w.owner.token);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ message: 'Range too large.' });
  });

  it('filters one member’s actions, and lists the caller’s own events', async () => {
    const byAdmin = await call(w.h, 'POST', `/api/organizations/${w.orgId}/groups`, w.admin.token, { name: 'Ops' });
    expect(byAdmin.status).toBe(200);
    const adminEvents = (await call(w.h, 'GET', `/api/organizations/${w.orgId}/users/${w.admin.memberId}/events`, w.owner.token))
      .body as Page;
    expect(adminEvents.data.length).toBeGreaterThan(0);
    expect(adminEvents.data.every((e) => e.actingUserId === w.admin.userId)).toBe(true);
    expect(adminEvents.data.some((e) => e.type === 1400)).toBe(true);
    expect((await call(w.h, 'GET', `/api/organizations/${w.orgId}/users/${w.outsider.memberId}/events`, w.owner.token)).status).toBe(404);

    const own = (await call(w.h, 'GET', '/api/events', w.user.token)).body as Page;
    expect(own.data.length).toBeGreaterThan(0);
    expect(own.data.every((e) => e.type === 1000 && e.organizationId === null && e.userId === w.user.userId)).toBe(true);
  });

  it('records nothing for organizations without events (Free)', async () => {
    const account = await registerUnitAccount(w.h);
    const free = await createOrganization(w.h, account, { planType: 0, additionalSeats: 0 });
    await call(w.h, 'POST', `/api/organizations/${free}/users/invite`, await token(w.h, account), { emails: ['x@y.example'], type: 2 });
    expect(w.h.store.events.page({ organizationId: free, start: '2000-01-01', end: '2100-01-01', limit: 10 })).toEqual([]);
  });
});
