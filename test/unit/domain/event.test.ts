import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { allEventSlugs, EVENT_TYPES, eventSlug, eventWords, lookupEventType } from '../../../src/domain/event-types.js';
import { eventTarget, listEvents, parseEventTypes } from '../../../src/domain/event.js';
import { parseWhen, resolveWindow, windowQuery } from '../../../src/domain/time-range.js';
import { fakeApi, fakeOrg, guid, list } from '../commands/collection/fake-org.js';

const NOW = new Date('2026-11-22T10:00:00Z');

describe('dates for --since and --until', () => {
  it.each([
    ['7d', '2026-11-15T10:00:00.000Z'],
    ['24h', '2026-11-21T10:00:00.000Z'],
    ['30m', '2026-11-22T09:30:00.000Z'],
    ['2w', '2026-11-08T10:00:00.000Z'],
    ['now', '2026-11-22T10:00:00.000Z'],
    ['today', '2026-11-22T00:00:00.000Z'],
    ['yesterday', '2026-11-21T00:00:00.000Z'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T08:30', '2026-11-01T08:30:00.000Z'],
    ['2026-11-01T08:30:15Z', '2026-11-01T08:30:15.000Z'],
    ['2026-11-01T08:30:00+02:00', '2026-11-01T06:30:00.000Z'],
    ['2026-11-01 08:30:00.250', '2026-11-01T08:30:00.250Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseWhen(text, NOW, '--since').toISOString()).toBe(iso);
  });

  it.each(['last week', '7 days', '2026-13-01', '2026-02-30', '12/11/2026', ''])('refuses %j naming the flag', (text) => {
    expect(() => parseWhen(text, NOW, '--until')).toThrow(new RegExp(`^--until '${text}' is not a date`));
  });

  it('defaults to the last 30 days up to now and refuses inverted or too long windows', () => {
    const w = resolveWindow({}, NOW);
    expect([w.since.toISOString(), w.until.toISOString()]).toEqual(['2026-10-23T10:00:00.000Z', '2026-11-22T10:00:00.000Z']);
    expect(resolveWindow({ until: '2026-11-01' }, NOW).since.toISOString()).toBe('2026-10-02T00:00:00.000Z');
    expect(() => resolveWindow({ since: '1d', until: '7d' }, NOW)).toThrow(UsageError);
    expect(() => resolveWindow({ since: '1d', until: '7d' }, NOW)).toThrow('--until 2026-11-15T10:00:00.000Z is before --since 2026-11-21T10:00:00.000Z');
    expect(() => resolveWindow({ since: '2025-01-01' }, NOW)).toThrow(/longer than 367 days/);
  });

  it('sends an inclusive end just before --until', () => {
    expect(windowQuery({ since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-02T00:00:00Z') })).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-01T23:59:59.999Z',
    });
  });
});

describe('event types', () => {
  it('has names in words and kebab names for every type of the protocol table', () => {
    expect(EVENT_TYPES.size).toBe(153);
    for (const type of EVENT_TYPES.keys()) {
      const words = eventWords(type);
      expect(words, String(type)).toMatch(/^[A-Z][^_]+$/);
      expect(eventSlug(type), String(type)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(lookupEventType(eventSlug(type))).toBe(type);
      expect(lookupEventType(EVENT_TYPES.get(type) as string)).toBe(type);
    }
    expect(new Set(allEventSlugs()).size).toBe(153);
  });

  it.each([
    [1000, 'user-logged-in', 'Logged in'],
    [1005, 'user-failed-log-in', 'Login failed (wrong password)'],
    [1107, 'cipher-client-viewed', 'Item viewed'],
    [1111, 'cipher-client-copied-password', 'Item password copied'],
    [1118, 'cipher-client-toggled-totp-seed-visible', 'Item TOTP seed shown or hidden'],
    [1300, 'collection-created', 'Collection created'],
    [1401, 'group-updated', 'Group updated'],
    [1500, 'organization-user-invited', 'Member invited'],
    [1521, 'organization-user-revoked-single-organization-non-compliance', 'Member revoked: in another organization'],
    [1610, 'organization-collection-management-limit-collection-creation-enabled', 'Organization collection settings: limit collection creation enabled'],
    [1700, 'policy-updated', 'Policy updated'],
    [1901, 'provider-organization-added', 'Existing organization added as a client'],
    [2304, 'service-account-created', 'Machine account created'],
    [2501, 'send-created-text-with-email-verification', 'Send created, text with email verification'],
  ])('%i is %s: %s', (type, slug, words) => {
    expect(eventSlug(type)).toBe(slug);
    expect(eventWords(type)).toBe(words);
  });

  it('tolerates unknown numbers', () => {
    expect(eventWords(4242)).toBe('Event 4242');
    expect(eventSlug(4242)).toBe('event-4242');
    expect(parseEventTypes(['4242'])).toEqual([4242]);
  });

  it('reads --type as numbers, kebab or server names, comma lists, without duplicates', () => {
    expect(parseEventTypes(['user-logged-in', 'Collection_Created', '1300', 'group-created,group-deleted'])).toEqual([1000, 1300, 1400, 1402]);
  });

  it('refuses unknown names listing close matches', () => {
    expect(() => parseEventTypes(['colection-created'])).toThrow("--type: unknown event type 'colection-created'");
    try {
      parseEventTypes(['colection-created']);
    } catch (error) {
      expect((error as UsageError).hint).toContain('collection-created');
    }
    try {
      parseEventTypes(['xyzzy']);
    } catch (error) {
      expect((error as UsageError).hint).toMatch(/Use a number/);
    }
  });
});

describe('listEvents', () => {
  const ana = { id: guid(11), userId: guid(21), email: 'ana@contoso.example', status: 2, type: 0 };
  const bo = { id: guid(12), userId: guid(22), email: 'bo@contoso.example', status: 2, type: 2 };
  const invited = { id: guid(13), userId: null, email: 'new@contoso.example', status: 0, type: 2 };
  const group = { id: guid(31), name: 'Accounting', externalId: null, collections: [] };
  const window = resolveWindow({ since: '7d' }, NOW);
  const event = (type: number, extra: Record<string, unknown> = {}) => ({ object: 'event', type, date: '2026-11-20T10:00:00Z', actingUserId: ana.userId, deviceType: 25, ipAddress: '127.0.0.1', ...extra });

  function server(pages: unknown[][]) {
    return fakeApi({
      'GET /organizations/:org/users': () => list([ana, bo, invited]),
      'GET /organizations/:org/groups/details': () => list([group]),
      'GET /organizations/:org/events': (req) => {
        const index = req.query?.continuationToken === undefined ? 0 : Number(req.query.continuationToken);
        expect(req.query).toMatchObject({ start: '2026-11-15T10:00:00.000Z', end: '2026-11-22T09:59:59.999Z' });
        return list(pages[index] as unknown[], index + 1 < pages.length ? String(index + 1) : null);
      },
      'GET /organizations/:org/users/:id/events': (_req, [, id]) => list(id === bo.id ? [event(1000, { actingUserId: bo.userId })] : []),
      'GET /public/members': () => list([ana, bo]),
      'GET /public/events': (req) => list(req.query?.actingUserId === bo.userId ? [{ type: 1000, date: '2026-11-20T10:00:00Z', actingUserId: bo.userId, memberId: null, device: 9 }] : []),
    });
  }

  it('follows continuation tokens, names events and resolves e-mails and groups', async () => {
    const s = server([[event(1400, { groupId: group.id }), event(1500, { organizationUserId: bo.id })], [event(1000)], [event(1700, { actingUserId: null, systemUser: 3, policyId: 'p1' })]]);
    const events = await listEvents(fakeOrg(s.api, { key: false }), { window }, () => undefined);
    expect(s.log().filter((l) => l.endsWith('/events'))).toHaveLength(3);
    expect(events.map((e) => [e.event, e.description, e.actor, eventTarget(e)])).toEqual([
      ['group-created', 'Group created', 'ana@contoso.example', 'group Accounting'],
      ['organization-user-invited', 'Member invited', 'ana@contoso.example', 'member bo@contoso.example'],
      ['user-logged-in', 'Logged in', 'ana@contoso.example', ''],
      ['policy-updated', 'Policy updated', 'Public API', 'policy p1'],
    ]);
    expect(events[0]?.device).toBe('LinuxCLI');
  });

  it('filters by type on the client and stops at the limit', async () => {
    const s = server([[event(1000), event(1300), event(1000)], [event(1000)]]);
    const types = await listEvents(fakeOrg(s.api), { window, types: [1300] }, () => undefined);
    expect(types.map((e) => e.type)).toEqual([1300]);
    const limited = await listEvents(fakeOrg(s.api), { window, limit: 2 }, () => undefined);
    expect(limited).toHaveLength(2);
  });

  it('reads one member through the member route, and refuses members without an account', async () => {
    const s = server([[]]);
    const events = await listEvents(fakeOrg(s.api), { window, member: 'bo@contoso.example' }, () => undefined);
    expect(events.map((e) => e.actor)).toEqual(['bo@contoso.example']);
    expect(s.log()).toContain(`GET /organizations/0b0e7d6e-5a1f-4c6e-9d7a-0a0a0a0a0a01/users/${bo.id}/events`);
    await expect(listEvents(fakeOrg(s.api), { window, member: 'new@contoso.example' }, () => undefined)).rejects.toThrow(/has not joined yet/);
    await expect(listEvents(fakeOrg(s.api), { window, member: 'nobody@contoso.example' }, () => undefined)).rejects.toThrow("no member 'nobody@contoso.example' in Contoso Ltd");
  });

  it('uses /public/events with actingUserId for an organization API key', async () => {
    const s = server([[]]);
    const events = await listEvents(fakeOrg(s.api, { kind: 'organization' }), { window, member: bo.id }, () => undefined);
    expect(events).toMatchObject([{ type: 1000, actor: 'bo@contoso.example', device: 'ChromeBrowser' }]);
  });

  it('still lists events when the member list is not readable', async () => {
    const warnings: string[] = [];
    const fake = fakeApi({
      'GET /organizations/:org/users': () => {
        throw new Error('not allowed');
      },
      'GET /organizations/:org/events': () => list([event(1000)]),
    });
    const events = await listEvents(fakeOrg(fake.api), { window }, (m) => warnings.push(m));
    expect(events.map((e) => e.actor)).toEqual([null]);
    expect(warnings).toEqual(['member e-mails are not shown: not allowed']);
  });
});
