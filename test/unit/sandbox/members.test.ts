import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  organizationBulkResultSchema,
  organizationUserDetailsResponseSchema,
  organizationUserUserDetailsResponseSchema,
} from '../../../src/protocol/member.js';
import { listMail } from '../../../src/sandbox/store.js';
import { decodeJwt, fakeEncString, login, registerUnitAccount, type UnitAccount } from './harness.js';
import {
  FAKE_RSA_KEY,
  addMember,
  buildOrgWorld,
  call,
  createOrganization,
  eventTypes,
  inviteFromOutbox,
  token,
  tokenOf,
  userIdOf,
  type OrgWorld,
  type Role,
} from './org-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const users = (w: OrgWorld): string => `/api/organizations/${w.orgId}/users`;


describe('role matrix', () => {
  const matrix: { route: string; method: string; path: (w: OrgWorld) => string; body?: unknown; expect: Record<Role, number> }[] = [
    {
      route: 'list members',
      method: 'GET',
      path: users,
      expect: { owner: 200, admin: 200, user: 404, custom: 200, revoked: 404, outsider: 404, none: 401 },
    },
    {
      route: 'mini-details',
      method: 'GET',
      path: (w) => `${users(w)}/mini-details`,
      expect: { owner: 200, admin: 200, user: 200, custom: 200, revoked: 403, outsider: 403, none: 401 },
    },
    {
      route: 'member details',
      method: 'GET',
      path: (w) => `${users(w)}/${w.user.memberId}`,
      expect: { owner: 200, admin: 200, user: 403, custom: 200, revoked: 403, outsider: 403, none: 401 },
    },
    {
      route: 'invite',
      method: 'POST',
      path: (w) => `${users(w)}/invite`,
      body: { emails: ['new@contoso.example'], type: 2, collections: [], groups: [] },
      expect: { owner: 200, admin: 200, user: 403, custom: 200, revoked: 403, outsider: 403, none: 401 },
    },
    {
      route: 'public keys',
      method: 'POST',
      path: (w) => `${users(w)}/public-keys`,
      body: { ids: [] as string[] },
      expect: { owner: 200, admin: 200, user: 403, custom: 200, revoked: 403, outsider: 403, none: 401 },
    },
  ];
  for (const row of matrix) {
    it(`${row.route}: owner/admin/custom(manageUsers) allowed, user/revoked/other org refused`, async () => {
      for (const role of Object.keys(row.expect) as Role[]) {
        const body = row.route === 'public keys' ? { ids: [w.user.memberId] } : row.body;
        const response = await call(w.h, row.method, row.path(w), tokenOf(w, role), body);
        expect({ role, status: response.status }).toEqual({ role, status: row.expect[role] });
        if (response.status === 403) expect(response.text).toBe('');
      }
    });
  }
});

describe('listing and reading members', () => {
  it('lists every member with name, e-mail, status, type, collections and groups on request', async () => {
    const response = await call(w.h, 'GET', `${users(w)}?includeCollections=true&includeGroups=true`, w.owner.token);
    const data = (response.body as { data: unknown[] }).data.map((m) => organizationUserUserDetailsResponseSchema.parse(m));
    expect(data).toHaveLength(5);
    const owner = data.find((m) => m.id === w.owner.memberId);
    expect(owner).toMatchObject({ type: 0, status: 2, email: w.owner.account.email, twoFactorEnabled: false });
    expect(owner?.collections).toHaveLength(1);
    expect(data.find((m) => m.id === w.revoked.memberId)).toMatchObject({ status: -1, revocationReason: 1 });
    expect(data.find((m) => m.id === w.custom.memberId)?.permissions).toMatchObject({ manageUsers: true, manageSso: false });
    expect(data.find((m) => m.id === w.user.memberId)?.permissions).toBeUndefined();
  });

  it('returns member details without name or e-mail, groups only when asked', async () => {
    const plain = await call(w.h, 'GET', `${users(w)}/${w.user.memberId}`, w.owner.token);
    const details = organizationUserDetailsResponseSchema.parse(plain.body);
    expect(details).toMatchObject({ id: w.user.memberId, userId: w.user.userId, status: 2 });
    expect(details.groups).toBeUndefined();
    expect(plain.text).not.toContain(w.user.account.email);
    const withGroups = await call(w.h, 'GET', `${users(w)}/${w.user.memberId}?includeGroups=true`, w.owner.token);
    expect((withGroups.body as { groups: string[] }).groups).toEqual([]);
    expect((await call(w.h, 'GET', `${users(w)}/${w.outsider.memberId}`, w.owner.token)).status).toBe(404);
  });

  it('shows only recovery-enrolled members to a custom manageResetPassword user', async () => {
    const account = await registerUnitAccount(w.h);
    await addMember(w.h, w.owner.token, w.orgId, account, 4, { permissions: { manageResetPassword: true } });
    w.h.store.organizations.updateUser(w.user.memberId, { resetPasswordKey: FAKE_RSA_KEY }, w.h.clock.now().toISOString());
    const response = await call(w.h, 'GET', users(w), await token(w.h, account));
    expect(response.status).toBe(200);
    expect((response.body as { data: { id: string }[] }).data.map((m) => m.id)).toEqual([w.user.memberId]);
  });
});

describe('inviting', () => {
  it('invites new e-mails (status Invited, event 1500, mail with a token) and skips e-mails already present', async () => {
    const response = await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, {
      emails: ['Dana@Contoso.example', w.user.account.email, 'dana@contoso.example'],
      type: 2,
      collections: [],
      groups: [],
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const invited = w.h.store.organizations.listUsers(w.orgId).filter((m) => m.email === 'dana@contoso.example');
    expect(invited).toHaveLength(1);
    expect(invited[0]).toMatchObject({ status: 0, userId: null, type: 2 });
    const mail = inviteFromOutbox(w.h, 'dana@contoso.example');
    expect(mail.organizationUserId).toBe(invited[0]?.id);
    expect(mail.token.length).toBeGreaterThan(20);
    expect(listMail(w.h.store, { to: w.user.account.email }).filter((m) => m.template === 'organization-invite')).toHaveLength(1);
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1500)).toHaveLength(5);
  });

  it('refuses more than 20 e-mails, bad addresses and bad types with validation errors', async () => {
    const emails = Array.from({ length: 21 }, (_, i) => `u${i}@contoso.example`);
    const tooMany = await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails, type: 2 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ validationErrors: { Emails: ['You can only submit up to 20 emails at a time.'] } });
    const bad = await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails: ['nope'], type: 3 });
    expect(Object.keys((bad.body as { validationErrors: object }).validationErrors).sort()).toEqual(['Emails[0]', 'Type']);
  });

  it('enforces who may grant which role', async () => {
    const asAdmin = await call(w.h, 'POST', `${users(w)}/invite`, w.admin.token, { emails: ['o@x.example'], type: 0 });
    expect(asAdmin.body).toMatchObject({ message: "Only an Owner can configure another Owner's account." });
    const customAdmin = await call(w.h, 'POST', `${users(w)}/invite`, w.custom.token, { emails: ['a@x.example'], type: 1 });
    expect(customAdmin.body).toMatchObject({ message: 'Custom users can not manage Admins or Owners.' });
    const customGrant = await call(w.h, 'POST', `${users(w)}/invite`, w.custom.token, {
      emails: ['c@x.example'],
      type: 4,
      permissions: { manageSso: true },
    });
    expect(customGrant.body).toMatchObject({
      message: 'Custom users can only grant the same custom permissions that they have.',
    });
  });

  it('refuses custom roles outside Enterprise', async () => {
    const account = await registerUnitAccount(w.h);
    const teams = await createOrganization(w.h, account, { planType: 17, additionalSeats: 5 });
    const response = await call(w.h, 'POST', `/api/organizations/${teams}/users/invite`, await token(w.h, account), {
      emails: ['c@x.example'],
      type: 4,
      permissions: { manageUsers: true },
    });
    expect(response.body).toMatchObject({
      message: 'To enable custom permissions the organization must be on an Enterprise plan.',
    });
  });

  it('refuses invites beyond the seats with the plan’s message', async () => {
    // 10 seats; owner, admin, user and custom occupy 4 (the revoked member takes none).
    const emails = Array.from({ length: 7 }, (_, i) => `s${i}@contoso.example`);
    const over = await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails, type: 2 });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ message: 'Seat limit has been reached.' });
    const fits = await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails: emails.slice(0, 6), type: 2 });
    expect(fits.status).toBe(200);

    const account = await registerUnitAccount(w.h);
    const free = await createOrganization(w.h, account, { planType: 0, additionalSeats: 0 });
    const freeToken = await token(w.h, account);
    const path = `/api/organizations/${free}/users/invite`;
    expect((await call(w.h, 'POST', path, freeToken, { emails: ['one@x.example'], type: 2 })).status).toBe(200);
    const second = await call(w.h, 'POST', path, freeToken, { emails: ['two@x.example'], type: 2 });
    expect(second.body).toMatchObject({ message: 'Plan does not allow additional seats.' });
  });

  it('tells provider-managed clients to ask their provider for seats', async () => {
    const now = w.h.clock.now().toISOString();
    const provider = w.h.store.providers.insert({ id: randomUUID(), name: 'MSP', status: 2, type: 0, creationDate: now });
    w.h.store.providers.insertOrganization({
      id: randomUUID(),
      providerId: provider.id,
      organizationId: w.orgId,
      key: fakeEncString(),
      settings: null,
      creationDate: now,
    });
    const emails = Array.from({ length: 7 }, (_, i) => `p${i}@contoso.example`);
    const response = await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails, type: 2 });
    expect(response.body).toMatchObject({
      message: 'Seat limit has been reached. Please contact your provider to add more seats.',
    });
  });

  it('re-sends invitations; bulk results name members that are not invited', async () => {
    await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails: ['r@contoso.example'], type: 2 });
    const invited = inviteFromOutbox(w.h, 'r@contoso.example').organizationUserId;
    const bulk = await call(w.h, 'POST', `${users(w)}/reinvite`, w.owner.token, { ids: [invited, w.user.memberId] });
    const data = (bulk.body as { data: unknown[] }).data.map((item) => organizationBulkResultSchema.parse(item));
    expect(data).toEqual(
      expect.arrayContaining([
        { object: 'OrganizationBulkConfirmResponseModel', id: invited, error: '' },
        { object: 'OrganizationBulkConfirmResponseModel', id: w.user.memberId, error: 'User invalid.' },
      ]),
    );
    expect(listMail(w.h.store, { to: 'r@contoso.example' })).toHaveLength(2);
    const single = await call(w.h, 'POST', `${users(w)}/${w.user.memberId}/reinvite`, w.owner.token);
    expect(single.body).toMatchObject({ message: 'User invalid.' });
  });
});

describe('accepting', () => {
  let invitee: UnitAccount;
  let invite: { token: string; organizationUserId: string };
  beforeEach(async () => {
    invitee = await registerUnitAccount(w.h, 'erin@contoso.example');
    await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails: [invitee.email], type: 2 });
    invite = inviteFromOutbox(w.h, invitee.email);
  });
  const accept = async (account: UnitAccount, body: unknown) =>
    call(w.h, 'POST', `${users(w)}/${invite.organizationUserId}/accept`, await token(w.h, account), body);

  it('accepts with the mailed token (Accepted, linked to the account, e-mail to the admins)', async () => {
    expect((await accept(invitee, { token: invite.token })).status).toBe(200);
    expect(w.h.store.organizations.findUser(invite.organizationUserId)).toMatchObject({
      status: 1,
      userId: userIdOf(w.h, invitee),
      email: null,
    });
    expect(listMail(w.h.store, { to: w.owner.account.email }).map((m) => m.template)).toContain('organization-user-accepted');
    const again = await accept(invitee, { token: invite.token });
    expect(again.body).toMatchObject({
      message: 'Invitation already accepted. You will receive an email when your organization membership is confirmed.',
    });
  });

  it('refuses a forged token and another account', async () => {
    expect((await accept(invitee, { token: 'forged' })).body).toMatchObject({ message: 'Invalid token.' });
    const other = await registerUnitAccount(w.h);
    expect((await accept(other, { token: invite.token })).body).toMatchObject({ message: 'User email does not match invite.' });
  });

  it('requires a reset-password key when account recovery auto-enrolment is on', async () => {
    for (const [type, data] of [
      [3, null],
      [8, { autoEnrollEnabled: true }],
    ] as const) {
      const saved = await call(w.h, 'PUT', `/api/organizations/${w.orgId}/policies/${type}`, w.owner.token, {
        policy: { enabled: true, data },
      });
      expect(saved.status).toBe(200);
    }
    expect((await accept(invitee, { token: invite.token })).body).toMatchObject({
      message: 'Master Password reset is required, but not provided.',
    });
    expect((await accept(invitee, { token: invite.token, resetPasswordKey: FAKE_RSA_KEY })).status).toBe(200);
    expect(w.h.store.organizations.findUser(invite.organizationUserId)?.resetPasswordKey).toBe(FAKE_RSA_KEY);
    expect(eventTypes(w.h, w.orgId)).toContain(1506);
  });

  it('lets a new user register from the invitation (register/finish with orgInviteToken)', async () => {
    await call(w.h, 'POST', `${users(w)}/invite`, w.owner.token, { emails: ['fresh@contoso.example'], type: 2 });
    const mailed = inviteFromOutbox(w.h, 'fresh@contoso.example');
    const kdf = { kdfType: 0, iterations: 600000, memory: null, parallelism: null };
    const finish = (orgInviteToken: string) =>
      w.h.postJson('/identity/accounts/register/finish', {
        email: 'fresh@contoso.example',
        orgInviteToken,
        organizationUserId: mailed.organizationUserId,
        masterPasswordAuthentication: { kdf, masterPasswordAuthenticationHash: 'aGFzaA==', salt: 'fresh@contoso.example' },
        masterPasswordUnlock: { kdf, masterKeyWrappedUserKey: fakeEncString(), salt: 'fresh@contoso.example' },
        userAsymmetricKeys: { publicKey: 'QUJD', encryptedPrivateKey: fakeEncString() },
      });
    const bad = await finish(invite.token);
    expect(await bad.json()).toMatchObject({ message: 'Organization invite token is invalid.' });
    expect((await finish(mailed.token)).status).toBe(200);
    expect(w.h.store.users.findByEmail('fresh@contoso.example')?.emailVerified).toBe(true);
  });
});

describe('confirming', () => {
  it('returns public keys and confirms in bulk; only accepted members take part; new claims need a fresh token', async () => {
    const account = await registerUnitAccount(w.h);
    const memberId = await addMember(w.h, w.owner.token, w.orgId, account, 2, { confirm: false });
    const oldToken = await token(w.h, account);

    const keys = await call(w.h, 'POST', `${users(w)}/public-keys`, w.owner.token, { ids: [memberId, randomUUID()] });
    expect(keys.body).toMatchObject({
      data: [{ object: 'organizationUserPublicKeyResponseModel', id: memberId, userId: userIdOf(w.h, account), key: account.publicKey }],
    });

    const confirm = await call(w.h, 'POST', `${users(w)}/confirm`, w.owner.token, {
      keys: [
        { id: memberId, key: FAKE_RSA_KEY },
        { id: w.user.memberId, key: FAKE_RSA_KEY },
      ],
    });
    expect((confirm.body as { data: unknown[] }).data).toEqual([
      { object: 'OrganizationBulkConfirmResponseModel', id: memberId, error: '' },
    ]);
    expect(w.h.store.organizations.findUser(memberId)).toMatchObject({ status: 2, key: FAKE_RSA_KEY });
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1501)).toHaveLength(5);
    expect(listMail(w.h.store, { to: account.email }).map((m) => m.template)).toContain('organization-confirmed');

    // The old token was issued before the confirmation: it carries no claim for the organization.
    expect((await call(w.h, 'GET', `${users(w)}/mini-details`, oldToken)).status).toBe(403);
    const fresh = await login(w.h, account);
    expect(decodeJwt(fresh.access_token).orguser).toBe(w.orgId);
    expect((await call(w.h, 'GET', `${users(w)}/mini-details`, fresh.access_token)).status).toBe(200);
    const sync = await call(w.h, 'GET', '/api/sync?excludeDomains=true', fresh.access_token);
    expect((sync.body as { profile: { organizations: unknown[] } }).profile.organizations).toEqual([
      expect.objectContaining({ id: w.orgId, key: FAKE_RSA_KEY, status: 2, type: 2, organizationUserId: memberId }),
    ]);
  });

  it('refuses single confirms of members that are not accepted', async () => {
    const response = await call(w.h, 'POST', `${users(w)}/${w.user.memberId}/confirm`, w.owner.token, { key: FAKE_RSA_KEY });
    expect(response.body).toMatchObject({ message: 'User not valid.' });
    const badKey = await call(w.h, 'POST', `${users(w)}/${w.user.memberId}/confirm`, w.owner.token, { key: 'plain' });
    expect(badKey.body).toMatchObject({ validationErrors: { Key: ['Invalid EncString'] } });
  });

  it('re-checks the Single organization policy at confirmation', async () => {
    const account = await registerUnitAccount(w.h);
    const memberId = await addMember(w.h, w.owner.token, w.orgId, account, 2, { confirm: false });
    const policy = await call(w.h, 'PUT', `/api/organizations/${w.orgId}/policies/3`, w.owner.token, { policy: { enabled: true } });
    expect(policy.status).toBe(200);
    // Joined another organization meanwhile (written directly: the routes would refuse it).
    w.h.store.organizations.insertUser({
      id: randomUUID(),
      organizationId: w.outsider.orgId,
      userId: userIdOf(w.h, account),
      email: null,
      key: FAKE_RSA_KEY,
      status: 2,
      type: 2,
      creationDate: w.h.clock.now().toISOString(),
    });
    const response = await call(w.h, 'POST', `${users(w)}/${memberId}/confirm`, w.owner.token, { key: FAKE_RSA_KEY });
    expect(response.body).toMatchObject({
      message: `${account.email} cannot be confirmed until they leave or remove all other organizations.`,
    });
  });
});

describe('updating', () => {
  it('changes role, collections and groups, logging 1502 and 1504', async () => {
    const collectionId = w.h.store.collections.listByOrganization(w.orgId)[0]?.id ?? '';
    const group = await call(w.h, 'POST', `/api/organizations/${w.orgId}/groups`, w.owner.token, { name: 'Ops' });
    const groupId = (group.body as { id: string }).id;
    const response = await call(w.h, 'PUT', `${users(w)}/${w.user.memberId}`, w.owner.token, {
      type: 1,
      collections: [{ id: collectionId, readOnly: true, hidePasswords: false, manage: false }],
      groups: [groupId],
    });
    expect(response.status).toBe(200);
    const details = await call(w.h, 'GET', `${users(w)}/${w.user.memberId}?includeGroups=true`, w.owner.token);
    expect(details.body).toMatchObject({
      type: 1,
      collections: [{ id: collectionId, readOnly: true, hidePasswords: false, manage: false }],
      groups: [groupId],
    });
    const types = eventTypes(w.h, w.orgId);
    expect(types).toContain(1502);
    expect(types).toContain(1504);
  });

  it('keeps the last owner and the role rules', async () => {
    const demote = await call(w.h, 'PUT', `${users(w)}/${w.owner.memberId}`, w.owner.token, { type: 1, collections: [] });
    expect(demote.body).toMatchObject({ message: 'Organization must have at least one confirmed owner.' });
    const promote = await call(w.h, 'PUT', `${users(w)}/${w.user.memberId}`, w.admin.token, { type: 0, collections: [] });
    expect(promote.body).toMatchObject({ message: "Only an Owner can configure another Owner's account." });
    const customOnAdmin = await call(w.h, 'PUT', `${users(w)}/${w.admin.memberId}`, w.custom.token, { type: 2, collections: [] });
    expect(customOnAdmin.body).toMatchObject({ message: 'Custom users can not manage Admins or Owners.' });
    const missing = await call(w.h, 'PUT', `${users(w)}/${w.user.memberId}`, w.owner.token, { type: 2 });
    expect(missing.body).toMatchObject({ validationErrors: { Collections: ['The Collections field is required.'] } });
  });
});

describe('revoking, restoring and removing', () => {
  it('revokes (1511): access ends at once, even with a token issued before', async () => {
    const path = `${users(w)}/${w.user.memberId}/revoke`;
    expect((await call(w.h, 'PUT', path, w.owner.token)).status).toBe(200);
    expect(w.h.store.organizations.findUser(w.user.memberId)).toMatchObject({ status: -1, revocationReason: 1 });
    expect((await call(w.h, 'GET', `${users(w)}/mini-details`, w.user.token)).status).toBe(403);
    expect((await call(w.h, 'PATCH', path, w.owner.token)).body).toMatchObject({ message: 'Already revoked.' });
    expect((await call(w.h, 'PUT', `${users(w)}/${w.owner.memberId}/revoke`, w.owner.token)).body).toMatchObject({
      message: 'You cannot revoke yourself.',
    });
    expect((await call(w.h, 'PUT', `${users(w)}/${w.owner.memberId}/revoke`, w.admin.token)).body).toMatchObject({
      message: 'Only owners can revoke other owners.',
    });
    expect((await call(w.h, 'PUT', `${users(w)}/${w.admin.memberId}/revoke`, w.custom.token)).body).toMatchObject({
      message: 'Custom users can not revoke admins.',
    });
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1511)).toHaveLength(2);
  });

  it('restores to the prior status (1512) and reports bulk outcomes per member', async () => {
    const single = await call(w.h, 'PUT', `${users(w)}/${w.revoked.memberId}/restore`, w.owner.token);
    expect(single.status).toBe(200);
    expect(w.h.store.organizations.findUser(w.revoked.memberId)?.status).toBe(2);
    expect(eventTypes(w.h, w.orgId)).toContain(1512);
    await call(w.h, 'PUT', `${users(w)}/revoke`, w.owner.token, { ids: [w.user.memberId] });
    const bulk = await call(w.h, 'PUT', `${users(w)}/restore`, w.owner.token, { ids: [w.user.memberId, w.admin.memberId] });
    expect((bulk.body as { data: unknown[] }).data).toEqual(
      expect.arrayContaining([
        { object: 'OrganizationBulkConfirmResponseModel', id: w.user.memberId, error: '' },
        { object: 'OrganizationBulkConfirmResponseModel', id: w.admin.memberId, error: 'Already active.' },
      ]),
    );
    const vnext = await call(w.h, 'PUT', `${users(w)}/${w.user.memberId}/restore/vnext`, w.owner.token, {});
    expect(vnext.body).toMatchObject({ message: 'Already active.' });
  });

  it('revokes in bulk with per-member errors, refusing the whole request for unknown members or the last owner', async () => {
    const bulk = await call(w.h, 'PATCH', `${users(w)}/revoke`, w.admin.token, {
      ids: [w.user.memberId, w.admin.memberId, w.revoked.memberId, randomUUID()],
    });
    expect((bulk.body as { data: unknown[] }).data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: w.user.memberId, error: '' }),
        expect.objectContaining({ id: w.admin.memberId, error: 'You cannot revoke yourself.' }),
        expect.objectContaining({ id: w.revoked.memberId, error: 'Already revoked.' }),
      ]),
    );
    expect((bulk.body as { data: unknown[] }).data).toHaveLength(3);
    const none = await call(w.h, 'PUT', `${users(w)}/revoke`, w.owner.token, { ids: [randomUUID()] });
    expect(none.body).toMatchObject({ message: 'Users invalid.' });
    const lastOwner = await call(w.h, 'PUT', `${users(w)}/revoke`, w.owner.token, { ids: [w.owner.memberId] });
    expect(lastOwner.body).toMatchObject({ message: 'Organization must have at least one confirmed owner.' });
  });

  it('removes (1503) single and bulk, with the owner and self rules', async () => {
    expect((await call(w.h, 'DELETE', `${users(w)}/${w.user.memberId}`, w.owner.token)).status).toBe(200);
    expect(w.h.store.organizations.findUser(w.user.memberId)).toBeUndefined();
    expect((await call(w.h, 'DELETE', `${users(w)}/${w.user.memberId}`, w.owner.token)).status).toBe(404);
    expect((await call(w.h, 'POST', `${users(w)}/${w.owner.memberId}/remove`, w.admin.token)).body).toMatchObject({
      message: 'Only owners can remove other owners.',
    });
    const bulk = await call(w.h, 'DELETE', users(w), w.admin.token, { ids: [w.revoked.memberId, w.admin.memberId] });
    expect((bulk.body as { data: unknown[] }).data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: w.revoked.memberId, error: '' }),
        expect.objectContaining({ id: w.admin.memberId, error: 'You cannot remove yourself.' }),
      ]),
    );
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1503)).toHaveLength(2);
  });
});

describe('provider users', () => {
  it('reach the members of a client organization of their own provider only', async () => {
    const now = w.h.clock.now().toISOString();
    const msp = await registerUnitAccount(w.h, 'tech@msp.example');
    const provider = w.h.store.providers.insert({ id: randomUUID(), name: 'MSP', status: 2, type: 0, creationDate: now });
    w.h.store.providers.insertUser({
      id: randomUUID(),
      providerId: provider.id,
      userId: userIdOf(w.h, msp),
      email: null,
      key: FAKE_RSA_KEY,
      status: 2,
      type: 1,
      creationDate: now,
    });
    const mspToken = await token(w.h, msp);
    expect((await call(w.h, 'GET', users(w), mspToken)).status).toBe(404);
    w.h.store.providers.insertOrganization({
      id: randomUUID(),
      providerId: provider.id,
      organizationId: w.orgId,
      key: fakeEncString(),
      settings: null,
      creationDate: now,
    });
    expect((await call(w.h, 'GET', users(w), mspToken)).status).toBe(200);
    expect((await call(w.h, 'GET', `/api/organizations/${w.orgId}`, mspToken)).status).toBe(200);
    const invite = await call(w.h, 'POST', `${users(w)}/invite`, mspToken, { emails: ['via-msp@contoso.example'], type: 0 });
    expect(invite.status).toBe(200);
    const event = w.h.store.events
      .page({ organizationId: w.orgId, start: '2000-01-01', end: '2100-01-01', limit: 100 })
      .find((e) => e.type === 1500 && e.actingUserId === userIdOf(w.h, msp));
    expect(event?.providerId).toBe(provider.id);
    expect((await call(w.h, 'GET', `/api/organizations/${w.outsider.orgId}/users`, mspToken)).status).toBe(404);
  });
});
