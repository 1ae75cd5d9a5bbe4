import { describe, expect, it } from 'vitest';
import { parseInviteAge } from '../../../src/commands/client/audit.js';
import type { AdminOrg } from '../../../src/domain/admin-org.js';
import { auditFailure, readAuditState, type ClientAudit } from '../../../src/domain/audit.js';
import type { ClientView } from '../../../src/domain/client.js';
import { UsageError } from '../../../src/errors.js';
import { fakeApi } from './provider-fake-api.js';

const ORG = '0a000000-0000-4000-8000-000000000001';

const client: ClientView = {
  id: ORG,
  providerOrganizationId: '0b000000-0000-4000-8000-000000000001',
  name: 'Contoso Ltd',
  plan: 'Enterprise (Monthly)',
  seats: 10,
  used: 3,
  remaining: 7,
  confirmedMembers: 1,
  status: 'active',
  creationDate: null,
};

function org(routes: Parameters<typeof fakeApi>[0]): { org: AdminOrg; calls: ReturnType<typeof fakeApi>['calls'] } {
  const { api, calls } = fakeApi(routes);
  return { org: { kind: 'user', api, orgId: ORG, name: 'Contoso Ltd', orgKey: undefined, close: async () => undefined }, calls };
}

const sel = (id: string) => ({ id, readOnly: false, hidePasswords: false, manage: false });

describe('readAuditState', () => {
  it('reads members with their invitation date, shared collections, groups and policies, leaving provider users out', async () => {
    const { org: o, calls } = org({
      [`GET /organizations/${ORG}/users`]: () => ({
        data: [
          { id: 'm1', userId: 'u1', type: 0, status: 2, email: 'Owner@Contoso.example', creationDate: '2026-11-01T00:00:00Z' },
          { id: 'm2', userId: null, type: 2, status: 0, email: 'new@contoso.example', creationDate: '2026-11-20T00:00:00Z' },
          { id: 'm3', userId: 'u3', type: 1, status: 2, email: 'admin@msp.example' },
        ],
      }),
      [`GET /organizations/${ORG}/collections/details`]: () => ({
        data: [
          { id: 'k1', name: '2.x', type: 0, groups: [sel('g1')], users: [] },
          { id: 'k2', name: '2.y', type: 1, groups: [], users: [sel('m1')] },
        ],
      }),
      [`GET /organizations/${ORG}/groups/details`]: () => ({ data: [{ id: 'g1', name: 'Staff', collections: [sel('k1')] }] }),
      [`GET /organizations/${ORG}/policies`]: () => ({ data: [{ type: 8, enabled: true, data: { autoEnrollEnabled: true } }] }),
    });
    const state = await readAuditState(o, client, new Set(['admin@msp.example']), () => undefined);
    expect(state.members).toEqual([
      { id: 'm1', email: 'owner@contoso.example', status: 'confirmed', role: 'owner', creationDate: '2026-11-01T00:00:00Z' },
      { id: 'm2', email: 'new@contoso.example', status: 'invited', role: 'user', creationDate: '2026-11-20T00:00:00Z' },
    ]);
    // The personal (default user) collection is not audited.
    expect(state.collections).toEqual([{ id: 'k1', name: null, groups: 1, members: 0 }]);
    expect(state.groups).toEqual([{ id: 'g1', name: 'Staff', collections: 1 }]);
    expect(state.policies.find((p) => p.type === 8)).toEqual({ type: 8, enabled: true, data: { autoEnrollEnabled: true } });
    expect(state.policies.find((p) => p.type === 0)?.enabled).toBe(false);
    expect(state.client).toEqual({ id: ORG, name: 'Contoso Ltd', seats: 10, used: 3, remaining: 7 });
    expect(state.selfHosted).toBeNull();
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
  });
});

describe('auditFailure', () => {
  const audit = (name: string, levels: ('pass' | 'warn' | 'fail')[]): ClientAudit => ({
    client: name,
    clientId: name,
    findings: levels.map((level, i) => ({ id: `check-${i}`, level, message: `m${i}`, hint: '' })),
  });

  it('is undefined when nothing failed (warnings do not fail)', () => {
    expect(auditFailure([audit('A', ['pass', 'warn'])])).toBeUndefined();
  });

  it('names the failed checks and clients, and the clients that could not be read', () => {
    const error = auditFailure([audit('A', ['fail', 'pass']), audit('B', ['pass', 'fail'])], [{ client: 'C', clientId: 'c', result: 'failed', detail: 'HTTP 500' }]);
    expect(error?.exitCode).toBe(3);
    expect(error?.message).toBe('audit failed for 3 clients (A, B, C): check-0, check-1, audit');
    expect(error?.failures).toEqual([
      { item: 'A: check-0', error: 'm0' },
      { item: 'B: check-1', error: 'm1' },
      { item: 'C', error: 'not audited: HTTP 500' },
    ]);
  });
});

describe('parseInviteAge', () => {
  it.each([
    [undefined, 7],
    ['3', 3],
    ['30', 30],
  ])('%j → %i days', (value, days) => {
    expect(parseInviteAge(value)).toBe(days);
  });

  it.each(['0', '-1', '2.5', 'soon'])('refuses %j naming the flag', (value) => {
    expect(() => parseInviteAge(value)).toThrow(UsageError);
    expect(() => parseInviteAge(value)).toThrow(`--invite-age ${value}`);
  });
});
