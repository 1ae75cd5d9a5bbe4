/**
 * Builds organizations with members in every role through the public routes (create, invite,
 * accept with the mailed token, confirm, revoke), then logs each account in again so its token
 * carries the new membership claims, as a real client must.
 */
import { randomUUID } from 'node:crypto';
import { listMail } from '../../../src/sandbox/store.js';
import {
  CLIENT_HEADERS,
  createHarness,
  fakeEncString,
  login,
  registerUnitAccount,
  type Harness,
  type UnitAccount,
} from './harness.js';

export const FAKE_RSA_KEY = `4.${'A'.repeat(342)}==`;

export interface WorldMember {
  account: UnitAccount;
  userId: string;
  memberId: string;
  token: string;
}

export interface OrgWorld {
  h: Harness;
  orgId: string;
  owner: WorldMember;
  admin: WorldMember;
  user: WorldMember;
  /** Custom role with manageUsers, manageGroups, managePolicies, accessEventLogs. */
  custom: WorldMember;
  revoked: WorldMember;
  /** Owner of a different organization. */
  outsider: WorldMember & { orgId: string };
}

export interface Json {
  status: number;
  body: unknown;
  text: string;
}

/** Sends JSON with a bearer token; returns status, parsed body (or null) and raw text. */
export async function call(
  h: Harness,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Json> {
  const headers: Record<string, string> = { ...CLIENT_HEADERS };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  const response = await h.fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed, text };
}

export function createOrgBody(account: UnitAccount, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Contoso',
    billingEmail: account.email,
    planType: 20,
    additionalSeats: 10,
    key: FAKE_RSA_KEY,
    keys: { publicKey: account.publicKey, encryptedPrivateKey: fakeEncString() },
    collectionName: fakeEncString(),
    useSecretsManager: false,
    ...overrides,
  };
}

export async function token(h: Harness, account: UnitAccount): Promise<string> {
  return (await login(h, account)).access_token;
}

export function userIdOf(h: Harness, account: UnitAccount): string {
  const user = h.store.users.findByEmail(account.email);
  if (user === undefined) throw new Error(`no user ${account.email}`);
  return user.id;
}

/** Creates an organization as `account` and returns its id. */
export async function createOrganization(
  h: Harness,
  account: UnitAccount,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await call(h, 'POST', '/api/organizations', await token(h, account), createOrgBody(account, overrides));
  if (response.status !== 200) throw new Error(`create org: ${response.status} ${response.text}`);
  return (response.body as { id: string }).id;
}

/** The newest invitation token mailed to `email` and the membership it names. */
export function inviteFromOutbox(h: Harness, email: string): { token: string; organizationUserId: string } {
  const mail = listMail(h.store, { to: email }).filter((m) => m.template === 'organization-invite').at(-1);
  if (mail?.token == null) throw new Error(`no invitation mail for ${email}`);
  return { token: mail.token, organizationUserId: mail.data.organizationUserId ?? '' };
}

/** Invites, accepts and (unless `confirm` is false) confirms `account` as `type`. */
export async function addMember(
  h: Harness,
  ownerToken: string,
  orgId: string,
  account: UnitAccount,
  type: number,
  options: { permissions?: Record<string, boolean>; confirm?: boolean } = {},
): Promise<string> {
  const invite = await call(h, 'POST', `/api/organizations/${orgId}/users/invite`, ownerToken, {
    emails: [account.email],
    type,
    permissions: options.permissions ?? null,
    collections: [],
    groups: [],
  });
  if (invite.status !== 200) throw new Error(`invite: ${invite.status} ${invite.text}`);
  const mailed = inviteFromOutbox(h, account.email);
  const accept = await call(
    h,
    'POST',
    `/api/organizations/${orgId}/users/${mailed.organizationUserId}/accept`,
    await token(h, account),
    { token: mailed.token },
  );
  if (accept.status !== 200) throw new Error(`accept: ${accept.status} ${accept.text}`);
  if (options.confirm !== false) {
    const confirm = await call(
      h,
      'POST',
      `/api/organizations/${orgId}/users/${mailed.organizationUserId}/confirm`,
      ownerToken,
      { key: FAKE_RSA_KEY },
    );
    if (confirm.status !== 200) throw new Error(`confirm: ${confirm.status} ${confirm.text}`);
  }
  return mailed.organizationUserId;
}

export const CUSTOM_PERMISSIONS = {
  manageUsers: true,
  manageGroups: true,
  managePolicies: true,
  accessEventLogs: true,
};

export async function buildOrgWorld(h: Harness = createHarness()): Promise<OrgWorld> {
  const tag = randomUUID().slice(0, 6);
  const ownerAccount = await registerUnitAccount(h, `owner-${tag}@contoso.example`);
  const orgId = await createOrganization(h, ownerAccount);
  let ownerToken = await token(h, ownerAccount);
  const ownerMemberId = h.store.organizations.findUserByAccount(orgId, userIdOf(h, ownerAccount))?.id ?? '';

  const make = async (role: string, type: number, permissions?: Record<string, boolean>): Promise<WorldMember> => {
    const account = await registerUnitAccount(h, `${role}-${tag}@contoso.example`);
    const memberId = await addMember(h, ownerToken, orgId, account, type, permissions === undefined ? {} : { permissions });
    return { account, userId: userIdOf(h, account), memberId, token: '' };
  };
  const admin = await make('admin', 1);
  const user = await make('user', 2);
  const custom = await make('custom', 4, CUSTOM_PERMISSIONS);
  const revoked = await make('revoked', 2);
  const revoke = await call(h, 'PUT', `/api/organizations/${orgId}/users/${revoked.memberId}/revoke`, ownerToken);
  if (revoke.status !== 200) throw new Error(`revoke: ${revoke.status} ${revoke.text}`);

  const outsiderAccount = await registerUnitAccount(h, `outsider-${tag}@fabrikam.example`);
  const outsiderOrgId = await createOrganization(h, outsiderAccount, { name: 'Fabrikam' });

  ownerToken = await token(h, ownerAccount);
  for (const member of [admin, user, custom, revoked]) member.token = await token(h, member.account);
  return {
    h,
    orgId,
    owner: { account: ownerAccount, userId: userIdOf(h, ownerAccount), memberId: ownerMemberId, token: ownerToken },
    admin,
    user,
    custom,
    revoked,
    outsider: {
      account: outsiderAccount,
      userId: userIdOf(h, outsiderAccount),
      memberId: h.store.organizations.findUserByAccount(outsiderOrgId, userIdOf(h, outsiderAccount))?.id ?? '',
      token: await token(h, outsiderAccount),
      orgId: outsiderOrgId,
    },
  };
}

export type Role = 'owner' | 'admin' | 'user' | 'custom' | 'revoked' | 'outsider' | 'none';

/** Every caller of a role matrix: the org's roles, another org's owner, and no token. */
export const ROLES: readonly Role[] = ['owner', 'admin', 'user', 'custom', 'revoked', 'outsider', 'none'];

export function tokenOf(w: OrgWorld, role: Role): string | null {
  return role === 'none' ? null : w[role].token;
}

/** Event types recorded for the organization (in no particular order). */
export function eventTypes(h: Harness, orgId: string): number[] {
  return h.store.events
    .page({ organizationId: orgId, start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z', limit: 10_000 })
    .map((event) => event.type);
}
