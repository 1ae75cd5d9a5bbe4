import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../../src/errors.js';
import { decapsulateSymmetricKey, decryptString, encryptString, fingerprintPhraseString, generateRsaKeyPair, SymmetricKey } from '../../../src/crypto/index.js';
import type { AdminOrg } from '../../../src/domain/admin-org.js';
import { confirm, inviteMemberEntries, listMemberViews, remove, revoke, SeatLimitError, setRole } from '../../../src/domain/member.js';
import type { InviteEntry } from '../../../src/domain/member-input.js';
import { fail, fakeApi, list, type FakeApi } from '../commands/member/fake-api.js';

const ORG = '0f0f0f0f-0000-4000-8000-000000000001';
const USERS = `/organizations/${ORG}/users`;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function member(n: number, email: string, status: number, extra: Record<string, unknown> = {}) {
  return { object: 'organizationUserUserDetails', id: id(n), userId: status === 0 ? null : id(100 + n), email, name: null, status, type: 2, twoFactorEnabled: false, ...extra };
}

function org(api: FakeApi, orgKey?: SymmetricKey, kind: AdminOrg['kind'] = 'user'): AdminOrg {
  return { kind, api, orgId: ORG, name: 'Lab', orgKey, close: async () => undefined };
}

function entry(email: string, extra: Partial<InviteEntry> = {}): InviteEntry {
  return { email, role: 'user', groups: [], collections: [], where: 'argument', ...extra };
}

function sync(seats: number | null) {
  return { object: 'sync', profile: { id: id(900), email: 'owner@x.example', organizations: [{ id: ORG, name: 'Lab', seats }], providers: [], providerOrganizations: [] }, collections: [] };
}

describe('invite', () => {
  it('skips members already present, batches the rest by 20 and reads the new ids back', async () => {
    const api = fakeApi();
    let invited: string[] = [];
    api
      .on('GET', USERS, () => list([member(1, 'owner@x.example', 2, { type: 0 }), ...invited.map((e, i) => member(10 + i, e, 0))]))
      .on('GET', '/sync', () => sync(null))
      .on('GET', `/organizations/${ORG}`, () => fail(404, 'Resource not found.', 'GET'))
      .on('POST', `${USERS}/invite`, (req) => {
        invited = [...invited, ...(req.json as { emails: string[] }).emails];
      });
    const emails = Array.from({ length: 25 }, (_, i) => `u${i}@x.example`);
    const outcomes = await inviteMemberEntries(org(api), { entries: [entry('owner@x.example'), ...emails.map((e) => entry(e))] }, () => undefined);
    const batches = api.sent('POST', `${USERS}/invite`).map((c) => (c.json as { emails: string[] }).emails.length);
    expect(batches).toEqual([20, 5]);
    expect(api.sent('POST', `${USERS}/invite`)[0]?.json).toMatchObject({ type: 2, groups: [], collections: [], accessSecretsManager: false });
    expect(outcomes[0]).toEqual({ id: id(1), email: 'owner@x.example', result: 'skipped', reason: 'already a member (confirmed)' });
    expect(outcomes.slice(1).every((o) => o.result === 'invited' && o.id !== null)).toBe(true);
  });

  it('refuses before sending when the seats would be exceeded, naming the numbers', async () => {
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'owner@x.example', 2), member(2, 'gone@x.example', -1)]))
      .on('GET', '/sync', () => sync(2))
      .on('GET', `/organizations/${ORG}`, () => fail(404, 'Resource not found.', 'GET'));
    const error = await inviteMemberEntries(org(api), { entries: [entry('a@x.example'), entry('b@x.example')] }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeatLimitError);
    // revoked members do not occupy a seat
    expect((error as Error).message).toBe('inviting 2 members would exceed the seats of Lab: seats 2, occupied 1, requested 2');
    expect(api.sent('POST', `${USERS}/invite`)).toHaveLength(0);
  });

  it('lets an autoscaling plan grow up to maxAutoscaleSeats, and uses the seats an owner reads', async () => {
    const members = [member(1, 'owner@x.example', 2)];
    const api = fakeApi()
      .on('GET', USERS, () => list(members))
      .on('GET', '/sync', () => sync(1))
      .on('GET', `/organizations/${ORG}`, () => ({ id: ORG, seats: 1, maxAutoscaleSeats: null, plan: { allowSeatAutoscale: true } }))
      .on('POST', `${USERS}/invite`, () => undefined);
    const outcomes = await inviteMemberEntries(org(api), { entries: [entry('a@x.example'), entry('b@x.example')] }, () => undefined);
    expect(outcomes.map((o) => o.result)).toEqual(['invited', 'invited']);
    api.on('GET', `/organizations/${ORG}`, () => ({ id: ORG, seats: 1, maxAutoscaleSeats: 2, plan: { allowSeatAutoscale: true } }));
    await expect(inviteMemberEntries(org(api), { entries: [entry('a@x.example'), entry('b@x.example')] }, () => undefined)).rejects.toThrow('seats 2, occupied 1, requested 2');
    api.on('GET', `/organizations/${ORG}`, () => ({ id: ORG, seats: 5, plan: { allowSeatAutoscale: false } }));
    expect((await inviteMemberEntries(org(api), { entries: [entry('c@x.example')] }, () => undefined))[0]?.result).toBe('invited');
  });

  it('resolves group names and decrypts collection names into selections, sorted and de-duplicated', async () => {
    const orgKey = SymmetricKey.generate();
    const api = fakeApi()
      .on('GET', USERS, () => list([]))
      .on('GET', '/sync', () => sync(10))
      .on('GET', `/organizations/${ORG}`, () => ({ id: ORG, seats: 10, plan: { allowSeatAutoscale: false } }))
      .on('GET', `/organizations/${ORG}/groups/details`, () => list([{ id: id(50), name: 'Finance' }, { id: id(51), name: 'IT' }]))
      .on('GET', `/organizations/${ORG}/collections/details`, () =>
        list([
          { id: id(61), name: encryptString('Shared', orgKey) },
          { id: id(60), name: encryptString('Ops', orgKey) },
        ]),
      )
      .on('POST', `${USERS}/invite`, () => undefined);
    await inviteMemberEntries(
      org(api, orgKey),
      {
        entries: [
          entry('a@x.example', {
            role: 'custom',
            groups: [{ name: 'it', where: '--group' }, { name: 'Finance', where: '--group' }],
            collections: [
              { name: 'Shared', permission: 'read-only', where: '--collection' },
              { name: 'Ops', permission: 'manage', where: '--collection' },
            ],
          }),
        ],
        permissions: { manageUsers: true } as never,
      },
      () => undefined,
    );
    expect(api.sent('POST', `${USERS}/invite`)[0]?.json).toEqual({
      emails: ['a@x.example'],
      type: 4,
      permissions: { manageUsers: true },
      groups: [id(50), id(51)],
      collections: [
        { id: id(60), readOnly: false, hidePasswords: false, manage: true },
        { id: id(61), readOnly: true, hidePasswords: false, manage: false },
      ],
      accessSecretsManager: false,
    });
  });

  it('names where an unknown group came from and sends nothing', async () => {
    const api = fakeApi()
      .on('GET', USERS, () => list([]))
      .on('GET', `/organizations/${ORG}/groups/details`, () => list([{ id: id(50), name: 'Finance' }]));
    const error = await inviteMemberEntries(org(api), { entries: [entry('a@x.example', { groups: [{ name: 'Finanse', where: 'staff.csv:3:3' }] })] }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe("staff.csv:3:3: no group 'Finanse' in Lab");
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('fails every member of a refused batch and carries on with the next', async () => {
    const api = fakeApi()
      .on('GET', USERS, () => list([]))
      .on('GET', '/sync', () => sync(null))
      .on('GET', `/organizations/${ORG}`, () => fail(404, 'Resource not found.', 'GET'))
      .on('POST', `${USERS}/invite`, (req) => {
        if ((req.json as { type: number }).type === 0) fail(400, 'Only an Owner can configure another Owner\'s account.');
      });
    const outcomes = await inviteMemberEntries(org(api), { entries: [entry('a@x.example', { role: 'owner' }), entry('b@x.example')] }, () => undefined);
    expect(outcomes.map((o) => [o.email, o.result, o.reason])).toEqual([
      ['a@x.example', 'failed', "Only an Owner can configure another Owner's account."],
      ['b@x.example', 'invited', null],
    ]);
  });

  it('with an organization API key: one Public API request per member, collections by id only', async () => {
    const api = fakeApi()
      .on('GET', '/public/members', () => list([{ object: 'member', id: id(1), email: 'old@x.example', status: 2, type: 0 }]))
      .on('POST', '/public/members', (req) => ({ object: 'member', id: id(2), email: (req.json as { email: string }).email, status: 0, type: 2 }));
    const outcomes = await inviteMemberEntries(org(api, undefined, 'organization'), { entries: [entry('old@x.example'), entry('new@x.example')] }, () => undefined);
    expect(outcomes.map((o) => o.result)).toEqual(['skipped', 'invited']);
    expect(api.sent('POST', '/public/members')[0]?.json).toEqual({ email: 'new@x.example', type: 2, collections: [], groups: [] });
    await expect(
      inviteMemberEntries(org(api, undefined, 'organization'), { entries: [entry('c@x.example', { collections: [{ name: 'Shared', permission: 'edit', where: '--collection' }] })] }, () => undefined),
    ).rejects.toThrow(/collection 'Shared' must be given by id with an organization API key/);
  });
});

describe('confirm', () => {
  it('wraps the org key to each public key, reports fingerprints, and skips confirmed members', async () => {
    const orgKey = SymmetricKey.generate();
    const ana = generateRsaKeyPair();
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'ana@x.example', 1), member(2, 'done@x.example', 2), member(3, 'new@x.example', 0)]))
      .on('POST', `${USERS}/public-keys`, () => list([{ id: id(1), userId: id(101), key: ana.publicKey }]))
      .on('POST', `${USERS}/confirm`, (req) => list((req.json as { keys: { id: string }[] }).keys.map((k) => ({ id: k.id, error: '' }))));
    const seen: string[] = [];
    const outcomes = await confirm(org(api, orgKey), { identifiers: ['ana@x.example', 'done@x.example', 'new@x.example'], allAccepted: false, onFingerprint: (c) => seen.push(c.fingerprint) });
    const phrase = fingerprintPhraseString(id(101), ana.publicKey);
    expect(seen).toEqual([phrase]);
    expect(outcomes).toEqual([
      { id: id(1), email: 'ana@x.example', result: 'confirmed', reason: null, fingerprint: phrase },
      { id: id(2), email: 'done@x.example', result: 'skipped', reason: 'already confirmed', fingerprint: null },
      { id: id(3), email: 'new@x.example', result: 'failed', reason: 'has not accepted the invitation yet', fingerprint: null },
    ]);
    const body = api.sent('POST', `${USERS}/confirm`)[0]?.json as { keys: { id: string; key: string }[]; defaultUserCollectionName: string };
    expect(body.keys.map((k) => k.id)).toEqual([id(1)]);
    expect(body.keys[0]?.key).toMatch(/^4\./);
    expect(decapsulateSymmetricKey(body.keys[0]?.key as string, ana.privateKey).toB64()).toBe(orgKey.toB64());
    expect(decryptString(body.defaultUserCollectionName, orgKey)).toBe('My Items');
  });

  it('--all-accepted confirms only accepted members; a declined fingerprint is skipped; per-item errors fail', async () => {
    const orgKey = SymmetricKey.generate();
    const a = generateRsaKeyPair();
    const b = generateRsaKeyPair();
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'a@x.example', 1), member(2, 'b@x.example', 1), member(3, 'c@x.example', 1), member(4, 'd@x.example', 2)]))
      .on('POST', `${USERS}/public-keys`, () => list([{ id: id(1), userId: id(101), key: a.publicKey }, { id: id(2), userId: id(102), key: b.publicKey }]))
      .on('POST', `${USERS}/confirm`, () => list([{ id: id(2), error: 'User is a member of another organization which forbids it.' }]));
    const outcomes = await confirm(org(api, orgKey), { identifiers: [], allAccepted: true, approve: async (c) => c.email !== 'a@x.example' });
    expect(outcomes.map((o) => [o.email, o.result, o.reason])).toEqual([
      ['a@x.example', 'skipped', 'fingerprint not approved'],
      ['b@x.example', 'failed', 'User is a member of another organization which forbids it.'],
      ['c@x.example', 'failed', 'the server has no public key for this member'],
    ]);
  });

  it('refuses without the org key, and refuses both ids and --all-accepted', async () => {
    const api = fakeApi();
    await expect(confirm(org(api), { identifiers: ['a@x.example'], allAccepted: false })).rejects.toThrow(UsageError);
    await expect(confirm(org(api, SymmetricKey.generate()), { identifiers: ['a@x.example'], allAccepted: true })).rejects.toThrow(/not both/);
  });
});

describe('set-role', () => {
  it('keeps collections, groups and Secrets Manager access, and skips members already in the role', async () => {
    const collections = [{ id: id(60), readOnly: true, hidePasswords: false, manage: false }];
    const api = fakeApi()
      .on('GET', USERS, () =>
        list([
          member(1, 'a@x.example', 2, { collections, groups: [id(50)], accessSecretsManager: true }),
          member(2, 'b@x.example', 2, { type: 1 }),
        ]),
      )
      .on('PUT', `${USERS}/${id(1)}`, () => undefined);
    const outcomes = await setRole(org(api), ['a@x.example', 'b@x.example'], { role: 'admin' });
    expect(outcomes.map((o) => o.result)).toEqual(['updated', 'skipped']);
    expect(api.sent('GET', USERS)[0]?.query).toMatchObject({ includeGroups: true, includeCollections: true });
    expect(api.sent('PUT', `${USERS}/${id(1)}`)[0]?.json).toEqual({ type: 1, collections, groups: [id(50)], accessSecretsManager: true });
  });

  it('sends custom permissions, and through the Public API keeps external id and collections', async () => {
    const api = fakeApi()
      .on('GET', '/public/members', () => list([{ object: 'member', id: id(1), email: 'a@x.example', status: 2, type: 2 }]))
      .on('GET', `/public/members/${id(1)}`, () => ({ object: 'member', id: id(1), email: 'a@x.example', status: 2, type: 2, externalId: 'ext-1', collections: [{ id: id(60), readOnly: false, hidePasswords: true, manage: false }] }))
      .on('PUT', `/public/members/${id(1)}`, (req) => ({ object: 'member', id: id(1), status: 2, type: (req.json as { type: number }).type }));
    const outcomes = await setRole(org(api, undefined, 'organization'), [id(1)], { role: 'custom', permissions: { manageGroups: true } as never });
    expect(outcomes[0]?.result).toBe('updated');
    expect(api.sent('PUT', `/public/members/${id(1)}`)[0]?.json).toEqual({
      type: 4,
      externalId: 'ext-1',
      permissions: { manageGroups: true },
      collections: [{ id: id(60), readOnly: false, hidePasswords: true, manage: false }],
    });
  });
});

describe('revoke and remove', () => {
  it('revoke skips revoked members and maps per-item errors of the bulk answer', async () => {
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'a@x.example', 2), member(2, 'b@x.example', -1), member(3, 'me@x.example', 2)]))
      .on('PUT', `${USERS}/revoke`, () => list([{ id: id(1), error: '' }, { id: id(3), error: 'You cannot revoke yourself.' }]));
    const outcomes = await revoke(org(api), ['a@x.example', 'b@x.example', 'me@x.example']);
    expect(outcomes.map((o) => [o.email, o.result, o.reason])).toEqual([
      ['a@x.example', 'revoked', null],
      ['b@x.example', 'skipped', 'already revoked'],
      ['me@x.example', 'failed', 'You cannot revoke yourself.'],
    ]);
    expect(api.sent('PUT', `${USERS}/revoke`)[0]?.json).toEqual({ ids: [id(1), id(3)] });
  });

  it('revoke of an unknown member is refused before anything is sent', async () => {
    const api = fakeApi().on('GET', USERS, () => list([member(1, 'a@x.example', 2)]));
    await expect(revoke(org(api), ['zed@x.example'])).rejects.toThrow(NotFoundError);
    expect(api.calls).toHaveLength(1);
  });

  it('remove reports addresses that are not members as skipped, so a re-run converges', async () => {
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'a@x.example', 2)]))
      .on('DELETE', USERS, () => list([{ id: id(1), error: '' }]));
    const outcomes = await remove(org(api), ['a@x.example', 'gone@x.example']);
    expect(outcomes.map((o) => [o.email, o.result, o.reason])).toEqual([
      ['a@x.example', 'removed', null],
      ['gone@x.example', 'skipped', 'not a member'],
    ]);
    const again = await remove(org(fakeApi().on('GET', USERS, () => list([]))), ['a@x.example']);
    expect(again[0]?.result).toBe('skipped');
  });

  it('a refused bulk request fails every member in it', async () => {
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'a@x.example', 2), member(2, 'b@x.example', 2)]))
      .on('DELETE', USERS, () => fail(404, 'Resource not found.', 'DELETE', USERS));
    const outcomes = await remove(org(api), ['a@x.example', 'b@x.example']);
    expect(outcomes.map((o) => o.result)).toEqual(['failed', 'failed']);
    expect(outcomes[0]?.reason).toBe('Resource not found.');
  });
});

describe('list', () => {
  it('shows words, group names and custom permissions, filtered and sorted by e-mail', async () => {
    const api = fakeApi()
      .on('GET', USERS, () =>
        list([
          member(2, 'zed@x.example', 1, { groups: [id(50), id(99)] }),
          member(1, 'ana@x.example', 2, { type: 4, permissions: { manageUsers: true, manageGroups: false }, twoFactorEnabled: true }),
        ]),
      )
      .on('GET', `/organizations/${ORG}/groups/details`, () => list([{ id: id(50), name: 'Finance' }]));
    const all = await listMemberViews(org(api), {}, () => undefined);
    expect(all.map((m) => [m.email, m.status, m.role, m.permissions, m.groups, m.twoFactorEnabled])).toEqual([
      ['ana@x.example', 'confirmed', 'custom', ['manage-users'], [], true],
      ['zed@x.example', 'accepted', 'user', [], [id(99), 'Finance'], false],
    ]);
    expect((await listMemberViews(org(api), { status: 'accepted' }, () => undefined)).map((m) => m.email)).toEqual(['zed@x.example']);
    expect((await listMemberViews(org(api), { role: 'owner' }, () => undefined))).toEqual([]);
  });

  it('shows group ids with a warning when group names cannot be read', async () => {
    const warnings: string[] = [];
    const api = fakeApi()
      .on('GET', USERS, () => list([member(1, 'a@x.example', 2, { groups: [id(50)] })]))
      .on('GET', `/organizations/${ORG}/groups/details`, () => fail(403, '', 'GET'));
    const views = await listMemberViews(org(api), {}, (m) => warnings.push(m));
    expect(views[0]?.groups).toEqual([id(50)]);
    expect(warnings[0]).toMatch(/group names are not readable/);
  });
});
