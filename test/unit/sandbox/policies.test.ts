import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { policyResponseSchema, policyStatusResponseSchema } from '../../../src/protocol/policy.js';
import { CLIENT_HEADERS, fakeEncString, registerUnitAccount } from './harness.js';
import {
  FAKE_RSA_KEY,
  buildOrgWorld,
  call,
  createOrganization,
  eventTypes,
  inviteFromOutbox,
  token,
  tokenOf,
  ROLES,
  type OrgWorld,
  type Role,
  type WorldMember,
} from './org-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const policies = (w: OrgWorld): string => `/api/organizations/${w.orgId}/policies`;
const put = (w: OrgWorld, type: number, body: unknown, by: WorldMember = w.owner) =>
  call(w.h, 'PUT', `${policies(w)}/${type}`, by.token, body);


describe('role matrix', () => {
  it('reading and saving need managePolicies', async () => {
    const expected: Record<Role, number> = { owner: 200, admin: 200, user: 403, custom: 200, revoked: 403, outsider: 403, none: 401 };
    for (const role of ROLES) {
      const list = await call(w.h, 'GET', policies(w), tokenOf(w, role));
      expect({ role, status: list.status }).toEqual({ role, status: expected[role] });
      const save = await call(w.h, 'PUT', `${policies(w)}/2`, tokenOf(w, role), { policy: { enabled: true, data: { minLength: 14 } } });
      expect({ role, status: save.status }).toEqual({ role, status: expected[role] });
    }
  });
});

describe('saving and reading', () => {
  it('accepts the wrapped body and the legacy flat body; saves answer the entity form, reads the status form', async () => {
    const wrapped = await put(w, 1, { policy: { enabled: true, data: { minLength: 14, requireUpper: true } }, metadata: {} });
    const entity = policyResponseSchema.parse(wrapped.body);
    expect(entity).toMatchObject({ organizationId: w.orgId, type: 1, enabled: true, data: { minLength: 14, requireUpper: true } });
    expect(entity.id).toEqual(expect.any(String));
    expect(entity.revisionDate).toEqual(expect.any(String));

    const flat = await put(w, 2, { type: 2, enabled: true, data: { overridePasswordType: 'passphrase', minNumberWords: 4 } });
    expect(flat.body).toMatchObject({ type: 2, enabled: true });
    const mismatch = await put(w, 2, { type: 3, enabled: true });
    expect(mismatch.body).toMatchObject({ message: 'Mismatched policy type' });

    const status = policyStatusResponseSchema.parse((await call(w.h, 'GET', `${policies(w)}/1`, w.owner.token)).body);
    expect(status).toEqual({
      object: 'policy',
      organizationId: w.orgId,
      type: 1,
      data: { minLength: 14, requireUpper: true },
      enabled: true,
      canToggleState: true,
    });
    const never = await call(w.h, 'GET', `${policies(w)}/10`, w.owner.token);
    expect(never.body).toEqual({ object: 'policy', organizationId: w.orgId, type: 10, data: null, enabled: false, canToggleState: true });
    const list = await call(w.h, 'GET', policies(w), w.owner.token);
    expect((list.body as { data: { type: number }[] }).data.map((p) => p.type)).toEqual([1, 2]);
    expect((await call(w.h, 'GET', `${policies(w)}/99`, w.owner.token)).status).toBe(404);
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1700)).toHaveLength(2);
    const event = w.h.store.events
      .page({ organizationId: w.orgId, start: '2000-01-01', end: '2100-01-01', limit: 100 })
      .find((e) => e.type === 1700 && e.policyId === entity.id);
    expect(event?.actingUserId).toBe(w.owner.userId);

    // Members receive the policy with sync; the master password policy also shapes the token response.
    const sync = await call(w.h, 'GET', '/api/sync', w.user.token);
    expect((sync.body as { policies: { type: number }[] }).policies.map((p) => p.type).sort()).toEqual([1, 2]);
  });

  it('validates the data of server-side policy models', async () => {
    const bad = await put(w, 1, { policy: { enabled: true, data: { minLength: 5 } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: 'Invalid data for MasterPassword policy: MinLength.' });
    const missing = await put(w, 1, { policy: {} });
    expect(missing.body).toMatchObject({ validationErrors: { 'Policy.Enabled': ['The Policy.Enabled field is required.'] } });
  });

  it('enforces the Single organization dependencies with the official messages', async () => {
    const early = await put(w, 8, { policy: { enabled: true, data: { autoEnrollEnabled: false } } });
    expect(early.body).toMatchObject({
      message: 'Turn on the Single organization policy because it is required for the Account recovery administration policy.',
    });
    for (const type of [4, 9, 16, 18, 20]) {
      const response = await put(w, type, { policy: { enabled: true, data: {} } });
      expect(response.status).toBe(400);
      expect((response.body as { message: string }).message).toMatch(/^Turn on the Single organization policy because/);
    }
    expect((await put(w, 3, { policy: { enabled: true } })).status).toBe(200);
    expect((await put(w, 8, { policy: { enabled: true, data: { autoEnrollEnabled: false } } })).status).toBe(200);
    const off = await put(w, 3, { policy: { enabled: false } });
    expect(off.body).toMatchObject({
      message: 'Turn off the Account recovery administration policy because it requires the Single organization policy.',
    });
  });

  it('refuses organizations without policies', async () => {
    const account = await registerUnitAccount(w.h);
    const teams = await createOrganization(w.h, account, { planType: 17, additionalSeats: 3 });
    const response = await call(w.h, 'PUT', `/api/organizations/${teams}/policies/1`, await token(w.h, account), {
      policy: { enabled: true, data: {} },
    });
    expect(response.body).toMatchObject({ message: 'This organization cannot use policies.' });
  });
});

describe('turning policies on', () => {
  it('two-step login revokes members without a second factor (1520), never owners or admins', async () => {
    expect((await put(w, 0, { policy: { enabled: true } })).status).toBe(200);
    expect(w.h.store.organizations.findUser(w.user.memberId)).toMatchObject({ status: -1, revocationReason: 2 });
    expect(w.h.store.organizations.findUser(w.custom.memberId)?.status).toBe(-1);
    expect(w.h.store.organizations.findUser(w.admin.memberId)?.status).toBe(2);
    expect(eventTypes(w.h, w.orgId).filter((t) => t === 1520)).toHaveLength(2);
  });

  it('Single organization revokes members who belong to another organization (1521)', async () => {
    w.h.store.organizations.insertUser({
      id: randomUUID(),
      organizationId: w.outsider.orgId,
      userId: w.user.userId,
      email: null,
      key: FAKE_RSA_KEY,
      status: 2,
      type: 2,
      creationDate: w.h.clock.now().toISOString(),
    });
    expect((await put(w, 3, { policy: { enabled: true } })).status).toBe(200);
    expect(w.h.store.organizations.findUser(w.user.memberId)).toMatchObject({ status: -1, revocationReason: 4 });
    expect(w.h.store.organizations.findUser(w.custom.memberId)?.status).toBe(2);
    expect(eventTypes(w.h, w.orgId)).toContain(1521);
  });

  it('organization data ownership creates "My Items" collections from the metadata name', async () => {
    const name = fakeEncString();
    const response = await put(w, 5, { policy: { enabled: true }, metadata: { defaultUserCollectionName: name } });
    expect(response.status).toBe(200);
    const defaults = w.h.store.collections.listByOrganization(w.orgId).filter((c) => c.type === 1);
    expect(defaults.map((c) => c.defaultUserCollectionEmail).sort()).toEqual(
      [w.user.account.email, w.custom.account.email].sort(),
    );
    expect(defaults.every((c) => c.name === name)).toBe(true);
  });
});

describe('invitation policies', () => {
  it('shows the enabled policies to the holder of an invitation token, anonymously', async () => {
    await put(w, 1, { policy: { enabled: true, data: { minLength: 16 } } });
    const account = await registerUnitAccount(w.h);
    await call(w.h, 'POST', `/api/organizations/${w.orgId}/users/invite`, w.owner.token, { emails: [account.email], type: 2 });
    const invite = inviteFromOutbox(w.h, account.email);
    const query = new URLSearchParams({ email: account.email, token: invite.token, organizationUserId: invite.organizationUserId });
    const response = await w.h.fetch(`${policies(w)}/token?${query.toString()}`, { headers: CLIENT_HEADERS });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: [{ type: 1, enabled: true, data: { minLength: 16 } }] });
    const forged = await w.h.fetch(`${policies(w)}/token?${query.toString().replace(/token=[^&]+/, 'token=x')}`);
    expect(forged.status).toBe(404);
  });

  it('serves the master password policy to a member', async () => {
    expect((await call(w.h, 'GET', `${policies(w)}/master-password`, w.user.token)).status).toBe(404);
    await put(w, 1, { policy: { enabled: true, data: { minLength: 20 } } });
    const response = await call(w.h, 'GET', `${policies(w)}/master-password`, w.user.token);
    expect(response.body).toMatchObject({ type: 1, data: { minLength: 20 } });
    expect((await call(w.h, 'GET', `${policies(w)}/master-password`, w.outsider.token)).status).toBe(404);
  });
});
