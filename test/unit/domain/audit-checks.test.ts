import { describe, expect, it } from 'vitest';
import {
  checkAutoEnroll,
  checkAwaitingConfirmation,
  checkEmptyGroups,
  checkOldInvitations,
  checkOwners,
  checkPolicies,
  checkSeats,
  checkSelfHosted,
  checkUnreachableCollections,
  countFindings,
  RECOMMENDED_POLICIES,
  runAuditChecks,
  type AuditMember,
  type AuditState,
} from '../../../src/domain/audit-checks.js';

const now = new Date('2026-11-22T12:00:00Z');
const options = { inviteAgeDays: 7, now };
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

function member(email: string, status: string, role = 'user', creationDate: string | null = daysAgo(1)): AuditMember {
  return { id: `id-${email}`, email, status, role, creationDate };
}

function state(over: Partial<AuditState> = {}): AuditState {
  return {
    client: { id: 'c1', name: 'Contoso Ltd', seats: 40, used: 4, remaining: 36 },
    policies: [
      { type: 0, enabled: true, data: null },
      { type: 1, enabled: true, data: { minLength: 14 } },
      { type: 3, enabled: true, data: null },
      { type: 8, enabled: true, data: { autoEnrollEnabled: true } },
    ],
    members: [member('owner@contoso.example', 'confirmed', 'owner'), member('admin@contoso.example', 'confirmed', 'admin')],
    collections: [{ id: 'k1', name: 'Finance', groups: 1, members: 0 }],
    groups: [{ id: 'g1', name: 'Finance Team', collections: 1 }],
    selfHosted: null,
    ...over,
  };
}

const level = (f: { level: string }) => f.level;

describe('client audit checks', () => {
  it('passes every check of a well-deployed cloud client, and skips the self-hosted ones', () => {
    const findings = runAuditChecks(state(), options);
    expect(findings.filter((f) => f.level !== 'pass').map((f) => [f.id, f.level])).toEqual([
      ['license.expiry', 'skip'],
      ['billing-sync.last-sync', 'skip'],
    ]);
    expect(findings.every((f) => (f.level === 'pass' ? f.hint === '' : true))).toBe(true);
    expect(countFindings(findings)).toEqual({ pass: findings.length - 2, warn: 0, fail: 0, skip: 2 });
  });

  it('reports each recommended policy that is off at its table level, with the command that turns it on', () => {
    const findings = checkPolicies(state({ policies: [] }));
    expect(findings.map((f) => [f.id, f.level])).toEqual(RECOMMENDED_POLICIES.map((p) => [`policy.${p.name}`, p.missing]));
    expect(findings.find((f) => f.id === 'policy.two-factor-authentication')).toMatchObject({
      level: 'warn',
      hint: "bwmsp policy enable two-factor-authentication --client 'Contoso Ltd'",
    });
    expect(findings.find((f) => f.id === 'policy.master-password')?.level).toBe('fail');
    // A saved but disabled policy counts as off.
    expect(checkPolicies(state({ policies: [{ type: 3, enabled: false, data: null }] })).find((f) => f.id === 'policy.single-org')?.level).toBe('warn');
  });

  it.each([
    { data: { autoEnrollEnabled: true }, enabled: true, expected: 'pass' },
    { data: { autoEnrollEnabled: false }, enabled: true, expected: 'warn' },
    { data: null, enabled: true, expected: 'warn' },
    { data: { autoEnrollEnabled: true }, enabled: false, expected: 'skip' },
  ])('auto-enrolment in account recovery: $expected when enabled=$enabled data=$data', ({ data, enabled, expected }) => {
    expect(checkAutoEnroll(state({ policies: [{ type: 8, enabled, data }] })).level).toBe(expected);
  });

  it.each([
    { name: 'no confirmed member', members: [member('a@x.example', 'invited', 'owner')], expected: 'fail' },
    { name: 'one confirmed owner', members: [member('a@x.example', 'confirmed', 'owner'), member('b@x.example', 'accepted', 'admin')], expected: 'fail' },
    { name: 'an owner and a plain user', members: [member('a@x.example', 'confirmed', 'owner'), member('b@x.example', 'confirmed', 'user')], expected: 'fail' },
    { name: 'two admins, no owner', members: [member('a@x.example', 'confirmed', 'admin'), member('b@x.example', 'confirmed', 'admin')], expected: 'warn' },
    { name: 'an owner and an admin', members: [member('a@x.example', 'confirmed', 'owner'), member('b@x.example', 'confirmed', 'admin')], expected: 'pass' },
    { name: 'a revoked second owner', members: [member('a@x.example', 'confirmed', 'owner'), member('b@x.example', 'revoked', 'owner')], expected: 'fail' },
  ])('owners and admins: $name → $expected', ({ members, expected }) => {
    expect(checkOwners(state({ members })).level).toBe(expected);
  });

  it('names the lone owner when there are too few', () => {
    const f = checkOwners(state({ members: [member('boss@x.example', 'confirmed', 'owner')] }));
    expect(f.message).toBe('1 confirmed owner or admin (boss@x.example); at least two are needed');
    expect(f.hint).toContain('bwmsp member invite EMAIL --role admin');
  });

  it('flags collections no group and no member can reach, and skips when member access is unreadable', () => {
    const collections = [
      { id: 'k1', name: 'Finance', groups: 1, members: 0 },
      { id: 'k2', name: 'Orphan', groups: 0, members: 0 },
      { id: 'k3', name: null, groups: 0, members: 0 },
      { id: 'k4', name: 'Personal', groups: 0, members: 1 },
    ];
    const f = checkUnreachableCollections(state({ collections }));
    expect(f.level).toBe('warn');
    expect(f.message).toBe('2 collections nobody can reach: k3, Orphan');
    expect(checkUnreachableCollections(state({ collections: collections.slice(0, 1) })).level).toBe('pass');
    expect(checkUnreachableCollections(state({ collections: [{ id: 'k1', name: 'A', groups: 0, members: null }] })).level).toBe('skip');
  });

  it('flags groups with no collections', () => {
    const f = checkEmptyGroups(state({ groups: [{ id: 'g1', name: 'Staff', collections: 0 }, { id: 'g2', name: 'IT', collections: 2 }] }));
    expect(f).toMatchObject({ level: 'warn', message: '1 group with no collections: Staff' });
    expect(checkEmptyGroups(state({ groups: [] })).level).toBe('pass');
  });

  it('warns about members who accepted but are not confirmed, with the confirm command', () => {
    const f = checkAwaitingConfirmation(state({ members: [...state().members, member('new@x.example', 'accepted')] }));
    expect(f).toMatchObject({ level: 'warn', hint: "bwmsp member confirm --all-accepted --client 'Contoso Ltd'" });
    expect(f.message).toContain('new@x.example');
    expect(checkAwaitingConfirmation(state()).level).toBe('pass');
  });

  it.each([
    { name: 'no invitation', members: [member('a@x.example', 'confirmed')], age: 7, expected: 'pass' },
    { name: 'a fresh invitation', members: [member('a@x.example', 'invited', 'user', daysAgo(2))], age: 7, expected: 'pass' },
    { name: 'an invitation of 8 days', members: [member('a@x.example', 'invited', 'user', daysAgo(8))], age: 7, expected: 'warn' },
    { name: 'a 2-day invitation with --invite-age 1', members: [member('a@x.example', 'invited', 'user', daysAgo(2))], age: 1, expected: 'warn' },
    { name: 'an undated invitation', members: [member('a@x.example', 'invited', 'user', null)], age: 7, expected: 'skip' },
  ])('invitations: $name → $expected', ({ members, age, expected }) => {
    expect(checkOldInvitations(state({ members }), { inviteAgeDays: age, now }).level).toBe(expected);
  });

  it.each([
    { seats: 40, used: 4, remaining: 36, pending: 0, expected: 'pass' },
    { seats: 40, used: 37, remaining: 3, pending: 0, expected: 'warn' },
    { seats: 10, used: 10, remaining: 0, pending: 0, expected: 'warn' },
    { seats: 10, used: 10, remaining: 0, pending: 2, expected: 'fail' },
    { seats: null, used: null, remaining: null, pending: 0, expected: 'skip' },
  ])('seats $used/$seats with $pending pending → $expected', ({ seats, used, remaining, pending, expected }) => {
    const members = Array.from({ length: pending }, (_, i) => member(`p${i}@x.example`, i % 2 ? 'accepted' : 'invited'));
    const f = checkSeats(state({ client: { id: 'c1', name: 'Fabrikam', seats, used, remaining }, members }));
    expect(f.level).toBe(expected);
    if (expected === 'fail') expect(f.hint).toBe('bwmsp client edit Fabrikam --seats 11');
  });

  it('skips license and billing sync for cloud clients, saying why', () => {
    const findings = checkSelfHosted(state(), options);
    expect(findings.map(level)).toEqual(['skip', 'skip']);
    expect(findings[0]?.message).toMatch(/self-hosted organizations only/);
  });

  it.each([
    { licenseExpires: daysAgo(-90), lastBillingSync: daysAgo(1), expected: ['pass', 'pass'] },
    { licenseExpires: daysAgo(-10), lastBillingSync: daysAgo(5), expected: ['warn', 'warn'] },
    { licenseExpires: daysAgo(3), lastBillingSync: null, expected: ['fail', 'warn'] },
    { licenseExpires: null, lastBillingSync: daysAgo(0), expected: ['skip', 'pass'] },
  ])('self-hosted license $licenseExpires and sync $lastBillingSync → $expected', ({ licenseExpires, lastBillingSync, expected }) => {
    expect(checkSelfHosted(state({ selfHosted: { licenseExpires, lastBillingSync } }), options).map(level)).toEqual(expected);
  });
});
