import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { eventWindow, parseEventTypes, providerEvents } from '../../../src/domain/provider-events.js';
import { apiAuthError, fakeApi, fakeContext, membership, PROVIDER_ID } from './provider-fake-api.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

describe('window and types', () => {
  it('sends both ends: the last 30 days by default, --until exclusive', () => {
    expect(eventWindow({}, NOW)).toEqual({ start: '2026-10-23T10:00:00.000Z', end: '2026-11-22T09:59:59.999Z' });
    expect(eventWindow({ since: '2026-10-01', until: '2026-11-01' }, NOW)).toEqual({ start: '2026-10-01T00:00:00.000Z', end: '2026-10-31T23:59:59.999Z' });
    expect(eventWindow({ since: '7d' }, NOW).start).toBe('2026-11-15T10:00:00.000Z');
  });

  it('refuses bad dates, --until before --since, and windows the server would refuse', () => {
    expect(() => eventWindow({ since: 'last tuesday' }, NOW)).toThrow("--since 'last tuesday' is not a date");
    expect(() => eventWindow({ since: '2026-11-01', until: '2026-10-01' }, NOW)).toThrow(UsageError);
    expect(() => eventWindow({ since: '2024-01-01' }, NOW)).toThrow('longer than 367 days');
  });

  it('takes type numbers and names in any spelling', () => {
    expect([...parseEventTypes(['1800', 'ProviderOrganization_Created', 'provider-user-confirmed,1903'])]).toEqual([1800, 1900, 1801, 1903]);
  });

  it('refuses unknown names, listing the provider event types', () => {
    try {
      parseEventTypes(['UserLoggedInTwice']);
      expect.unreachable();
    } catch (error) {
      expect((error as UsageError).message).toBe('--type UserLoggedInTwice: not an event type');
      expect((error as UsageError).hint).toContain('1800 ProviderUser_Invited');
    }
  });
});

describe('providerEvents', () => {
  const ev = (type: number, extra: Record<string, unknown>) => ({ object: 'event', type, date: '2026-11-20T10:00:00Z', actingUserId: 'U-ADMIN', ...extra });

  it('follows continuation tokens, filters types, and names actors and targets', async () => {
    const { api, calls } = fakeApi({
      [`GET /providers/${PROVIDER_ID}/events`]: (_json, n) =>
        n === 0
          ? { object: 'list', data: [ev(1800, { providerUserId: 'PU-2' }), ev(1603, { organizationId: 'org-x' })], continuationToken: 'next' }
          : { object: 'list', data: [ev(1900, { providerOrganizationId: 'link-1', organizationId: 'org-1' }), ev(1903, { organizationId: 'org-2' })], continuationToken: null },
      [`GET /providers/${PROVIDER_ID}/users`]: () => ({
        object: 'list',
        data: [
          { id: 'pu-1', userId: 'u-admin', email: 'ada@msp.example', type: 0, status: 2 },
          { id: 'pu-2', userId: null, email: 'tess@msp.example', type: 1, status: 0 },
        ],
      }),
      [`GET /providers/${PROVIDER_ID}/organizations`]: () => ({ object: 'list', data: [{ id: 'link-1', organizationId: 'org-1', organizationName: 'Contoso' }] }),
    });
    const events = await providerEvents(fakeContext(api), { types: ['1800', '1900', '1903'] }, NOW);
    expect(events.map((e) => [e.type, e.description, e.actor, e.target])).toEqual([
      [1800, 'Provider user invited', 'ada@msp.example', 'tess@msp.example'],
      [1900, 'Client organization created', 'ada@msp.example', 'Contoso'],
      [1903, 'Client vault opened by the provider', 'ada@msp.example', 'org-2'],
    ]);
    const pages = calls.filter((c) => c.path.endsWith('/events'));
    expect(pages).toHaveLength(2);
  });

  it('stops at --limit', async () => {
    const { api } = fakeApi({
      [`GET /providers/${PROVIDER_ID}/events`]: () => ({ object: 'list', data: [ev(1800, {}), ev(1801, {}), ev(1802, {})], continuationToken: 'more' }),
      [`GET /providers/${PROVIDER_ID}/users`]: () => ({ object: 'list', data: [] }),
      [`GET /providers/${PROVIDER_ID}/organizations`]: () => ({ object: 'list', data: [] }),
    });
    expect(await providerEvents(fakeContext(api), { limit: 2 }, NOW)).toHaveLength(2);
  });

  it('tells a service user the event log is for provider admins', async () => {
    const { api } = fakeApi({ [`GET /providers/${PROVIDER_ID}/events`]: () => { throw apiAuthError(403, 'GET', `/providers/${PROVIDER_ID}/events`); } });
    await expect(providerEvents(fakeContext(api, { membership: membership({ role: 'service-user' }) }), {}, NOW)).rejects.toThrow(
      'reading the provider event log needs the Provider Admin role; you are a Service User of Acme MSP',
    );
  });
});
