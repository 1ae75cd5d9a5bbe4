/**
 * The cast of the authorization matrix (test/e2e/authz-matrix.test.ts): one sandbox, provider A
 * (admin + service user) managing client organization X, provider B (admin), X's owner, admin, user,
 * one Custom member per permission flag and a revoked member, organization Y with its API key, plus
 * callers without a token and with an expired one. Accounts register and log in through the real
 * routes; the objects a cell acts on are made directly in the store (`fresh*`) so every allowed
 * mutation hits its own target and the order of cells does not matter.
 */
import { randomUUID } from 'node:crypto';
import {
  encapsulateSymmetricKey,
  encryptString,
  makeClientOrgKeys,
  makeOrgKeys,
  makeProviderKey,
  type SymmetricKey,
} from '../../src/crypto/index.js';
import { PERMISSION_NAMES, type PermissionName } from '../../src/protocol/organization.js';
import { inviteProviderOwner } from '../../src/sandbox/server.js';
import { auditRecord } from './audit.js';
import { CLIENT_HEADERS, loginWithPassword, registerAccount, type TestAccount } from './accounts.js';
import { sandboxFetch, startTestSandbox, type TestSandbox } from './sandbox.js';

export type RoleName =
  | 'providerAdmin'
  | 'serviceUser'
  | 'otherProviderAdmin'
  | 'owner'
  | 'admin'
  | 'user'
  | `custom:${PermissionName}`
  | 'revokedMember'
  | 'noToken'
  | 'expiredToken'
  | 'otherOrgApiKey'
  | 'ownOrgApiKey';

/** What a role is, relative to client organization X and provider A. */
export interface Role {
  name: RoleName;
  token: 'none' | 'expired' | 'user' | 'organization';
  /** A user (admin or service user) of provider A, which manages X. */
  providerUser: boolean;
  providerAdmin: boolean;
  /** Confirmed membership type in X (0 Owner, 1 Admin, 2 User, 4 Custom), null if none. */
  memberType: number | null;
  customPermission: PermissionName | null;
  /** Organization API key: of X ('own') or of Y ('other'). */
  orgKey: 'own' | 'other' | null;
  /** The account behind a user token. */
  account: TestAccount | null;
  accessToken: string | null;
}

/** A clock the test can move (to mint an expired token). */
export interface MovableClock {
  now(): Date;
  offsetMs: number;
}

export interface AuthzWorld {
  sandbox: TestSandbox;
  roles: Role[];
  orgX: { id: string; orgKey: SymmetricKey; userMemberId: string; ownerMemberId: string; collectionId: string; groupId: string };
  orgY: { id: string };
  providerA: { id: string; providerKey: SymmetricKey; serviceUserId: string; adminUserId: string; clientLinkId: string; addable: string[]; invoiceId: string | null };
  providerB: { id: string };
  /** Plaintext values the world stored encrypted (for the zero-knowledge audit). */
  request(role: Role, method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; text: string }>;
  freshInvitedMember(orgId?: string): string;
  freshMember(status: number, type?: number): string;
  freshAcceptedMember(): string;
  freshCollection(): string;
  freshGroup(withMember?: boolean): string;
  freshConnection(): string;
  clearScimConnection(): void;
  freshProviderUser(status: number): string;
  /** An installation registered on the (cloud) sandbox, for the license download. */
  installationId: string;
  /**
   * An unredeemed Families sponsorship of the role's confirmed membership in X (none for others);
   * with a friendly name: an admin-initiated one by X's owner under that name.
   */
  freshSponsorship(role: Role | null, friendlyName?: string): void;
  freshClientOrganization(): { linkId: string; orgId: string };
  encName(text: string): string;
  close(): Promise<void>;
}

const now = (): string => new Date().toISOString();

export async function buildAuthzWorld(): Promise<AuthzWorld> {
  const clock: MovableClock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  const sandbox = await startTestSandbox({ clock });
  const { store } = sandbox;

  const names = [
    'pa', 'su', 'pb', 'owner', 'admin', 'user', 'revoked', 'yowner',
    ...PERMISSION_NAMES.map((p) => `c-${p.toLowerCase()}`),
  ];
  const accounts = new Map<string, TestAccount>();
  for (const name of names) {
    accounts.set(name, await registerAccount(sandbox, { email: `${name}-${randomUUID().slice(0, 6)}@authz.example` }));
  }
  const acct = (name: string): TestAccount => {
    const found = accounts.get(name);
    if (found === undefined) throw new Error(`no account ${name}`);
    return found;
  };

  const call = async (token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> => {
    const headers: Record<string, string> = { ...CLIENT_HEADERS };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    const response = await sandboxFetch(sandbox, path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, text: await response.text() };
  };

  // Providers A and B: the staff invitation, then setup by their owner (billable, with a subscription).
  const setUpProvider = async (owner: TestAccount, name: string): Promise<{ id: string; providerKey: SymmetricKey }> => {
    const invitation = inviteProviderOwner(store, { email: owner.email, name });
    const { accessToken } = await loginWithPassword(sandbox, owner);
    const { providerKey } = makeProviderKey();
    auditRecord('key', `provider key of ${name}`, providerKey.toB64());
    const setup = await call(accessToken, 'POST', `/api/providers/${invitation.providerId}/setup`, {
      name,
      billingEmail: owner.email,
      token: invitation.token,
      key: encapsulateSymmetricKey(providerKey, owner.publicKey),
    });
    if (setup.status !== 200) throw new Error(`provider setup: ${setup.status} ${setup.text}`);
    return { id: invitation.providerId, providerKey };
  };
  const providerA = await setUpProvider(acct('pa'), 'Authz MSP A');
  const providerB = await setUpProvider(acct('pb'), 'Authz MSP B');
  const serviceUser = store.providers.insertUser({
    id: randomUUID(),
    providerId: providerA.id,
    userId: acct('su').userId,
    email: null,
    key: encapsulateSymmetricKey(providerA.providerKey, acct('su').publicKey),
    status: 2,
    type: 1,
    creationDate: now(),
  });
  const adminRow = store.providers.findUserByAccount(providerA.id, acct('pa').userId);
  if (adminRow === undefined) throw new Error('provider A has no admin row');

  // Client organization X (Enterprise, custom permissions) managed by provider A.
  const insertOrg = (name: string, orgKeys: { publicKey: string; encryptedPrivateKey: string }, status = 1): string =>
    store.organizations.insert({
      id: randomUUID(),
      name,
      billingEmail: 'billing@authz.example',
      plan: 'Enterprise (Monthly)',
      planType: 19,
      productTierType: 3,
      seats: 1000,
      status,
      usePolicies: true,
      useGroups: true,
      useEvents: true,
      useApi: true,
      useSso: true,
      useScim: true,
      useDirectory: true,
      useResetPassword: true,
      useCustomPermissions: true,
      limitCollectionCreation: true,
      limitCollectionDeletion: true,
      allowAdminAccessToAllCollectionItems: true,
      publicKey: orgKeys.publicKey,
      privateKey: orgKeys.encryptedPrivateKey,
      creationDate: now(),
    }).id;
  const clientKeys = makeClientOrgKeys(providerA.providerKey);
  auditRecord('key', 'organization key of X', clientKeys.orgKey.toB64());
  auditRecord('plaintext', 'collection name in X', 'Authz shared');
  const orgXId = insertOrg('Authz Client X', clientKeys, 2);
  const link = store.providers.insertOrganization({
    id: randomUUID(),
    providerId: providerA.id,
    organizationId: orgXId,
    key: clientKeys.providerWrappedOrgKey,
    settings: null,
    creationDate: now(),
  });
  const addMember = (orgId: string, orgKey: SymmetricKey, account: TestAccount | null, type: number, status: number, permissions: string | null = null): string =>
    store.organizations.insertUser({
      id: randomUUID(),
      organizationId: orgId,
      userId: account?.userId ?? null,
      email: account === null ? `invitee-${randomUUID().slice(0, 8)}@authz.example` : null,
      key: account === null || status !== 2 ? null : encapsulateSymmetricKey(orgKey, account.publicKey),
      status,
      type,
      permissions,
      creationDate: now(),
    }).id;
  const xKey = clientKeys.orgKey;
  const ownerMemberId = addMember(orgXId, xKey, acct('owner'), 0, 2);
  addMember(orgXId, xKey, acct('admin'), 1, 2);
  const userMemberId = addMember(orgXId, xKey, acct('user'), 2, 2);
  addMember(orgXId, xKey, acct('revoked'), 1, -1);
  for (const permission of PERMISSION_NAMES) {
    const flags = Object.fromEntries(PERMISSION_NAMES.map((p) => [p, p === permission]));
    addMember(orgXId, xKey, acct(`c-${permission.toLowerCase()}`), 4, 2, JSON.stringify(flags));
  }
  const collectionId = store.collections.insert({
    id: randomUUID(),
    organizationId: orgXId,
    name: encryptString('Authz shared', xKey),
    externalId: 'authz-shared',
    type: 0,
    defaultUserCollectionEmail: null,
    creationDate: now(),
  }).id;
  const groupId = store.groups.insert({ id: randomUUID(), organizationId: orgXId, name: 'Authz group', externalId: 'authz-group', creationDate: now() }).id;
  store.groups.addUser(groupId, userMemberId);
  store.policies.upsert({ id: randomUUID(), organizationId: orgXId, type: 2, enabled: true, data: JSON.stringify({ minLength: 14 }), revisionDate: now() });

  // Organization Y, owned by its own account, with an API key.
  const yKeys = makeOrgKeys();
  const orgYId = insertOrg('Authz Org Y', yKeys);
  addMember(orgYId, yKeys.orgKey, acct('yowner'), 0, 2);

  // Two organizations provider A's admin owns and could attach (one per add-existing route).
  const addable: string[] = [];
  for (const name of ['Authz addable 1', 'Authz addable 2']) {
    const keys = makeOrgKeys();
    const id = insertOrg(name, keys);
    addMember(id, keys.orgKey, acct('pa'), 0, 2);
    addable.push(id);
  }

  const userToken = async (name: string): Promise<string> => (await loginWithPassword(sandbox, acct(name))).accessToken;
  const orgApiToken = async (orgId: string, owner: TestAccount): Promise<string> => {
    const ownerToken = (await loginWithPassword(sandbox, owner)).accessToken;
    const key = await call(ownerToken, 'POST', `/api/organizations/${orgId}/api-key`, { type: 0, masterPasswordHash: owner.masterPasswordHash });
    if (key.status !== 200) throw new Error(`api-key: ${key.status} ${key.text}`);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'api.organization',
      client_id: `organization.${orgId}`,
      client_secret: (JSON.parse(key.text) as { apiKey: string }).apiKey,
    });
    const response = await sandboxFetch(sandbox, '/identity/connect/token', {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`org token: ${response.status} ${text}`);
    const { access_token: token } = JSON.parse(text) as { access_token: string };
    auditRecord('secret', `organization API key of ${orgId}`, (JSON.parse(key.text) as { apiKey: string }).apiKey);
    auditRecord('secret', `organization access token of ${orgId}`, token);
    return token;
  };

  // An owner's token issued two hours ago: expired (lifetime 1 h) by the sandbox's own clock.
  clock.offsetMs = -2 * 3600 * 1000;
  const expired = await userToken('owner');
  clock.offsetMs = 0;

  const base = { providerUser: false, providerAdmin: false, memberType: null, customPermission: null, orgKey: null } as const;
  const userRole = async (name: RoleName, account: string, facts: Partial<Role>): Promise<Role> => ({
    ...base,
    name,
    token: 'user',
    account: acct(account),
    accessToken: await userToken(account),
    ...facts,
  });
  const roles: Role[] = [
    await userRole('providerAdmin', 'pa', { providerUser: true, providerAdmin: true }),
    await userRole('serviceUser', 'su', { providerUser: true }),
    await userRole('otherProviderAdmin', 'pb', {}),
    await userRole('owner', 'owner', { memberType: 0 }),
    await userRole('admin', 'admin', { memberType: 1 }),
    await userRole('user', 'user', { memberType: 2 }),
    ...(await Promise.all(
      PERMISSION_NAMES.map((p) => userRole(`custom:${p}`, `c-${p.toLowerCase()}`, { memberType: 4, customPermission: p })),
    )),
    await userRole('revokedMember', 'revoked', {}),
    { ...base, name: 'noToken', token: 'none', account: null, accessToken: null },
    { ...base, name: 'expiredToken', token: 'expired', account: acct('owner'), accessToken: expired },
    { ...base, name: 'otherOrgApiKey', token: 'organization', orgKey: 'other', account: null, accessToken: await orgApiToken(orgYId, acct('yowner')) },
    { ...base, name: 'ownOrgApiKey', token: 'organization', orgKey: 'own', account: null, accessToken: await orgApiToken(orgXId, acct('owner')) },
  ];

  const installation = await call(null, 'POST', '/api/installations', { email: 'installation@authz.example' });
  if (installation.status !== 200) throw new Error(`installation: ${installation.status} ${installation.text}`);
  const installationId = (JSON.parse(installation.text) as { id: string }).id;

  const invoices = await call(roles[0]?.accessToken ?? null, 'GET', `/api/providers/${providerA.id}/billing/invoices`);
  const invoiceId = (JSON.parse(invoices.text) as { invoices?: { id: string }[] }).invoices?.[0]?.id ?? null;

  // Accounts that fresh Accepted rows link to (one per row: a user is in an org or provider once).
  const spareUser = (): string =>
    store.users.insert({
      id: randomUUID(),
      email: `spare-${randomUUID().slice(0, 8)}@authz.example`,
      name: 'Spare',
      emailVerified: true,
      masterPassword: null,
      masterPasswordHint: null,
      masterPasswordSalt: null,
      kdf: 0,
      kdfIterations: 600000,
      kdfMemory: null,
      kdfParallelism: null,
      key: acct('user').protectedUserKey,
      publicKey: acct('user').publicKey,
      privateKey: acct('user').encryptedPrivateKey,
      securityStamp: randomUUID(),
      apiKey: randomUUID().replace(/-/g, '').slice(0, 30),
      creationDate: now(),
    }).id;

  return {
    sandbox,
    roles,
    orgX: { id: orgXId, orgKey: xKey, userMemberId, ownerMemberId, collectionId, groupId },
    orgY: { id: orgYId },
    providerA: {
      id: providerA.id,
      providerKey: providerA.providerKey,
      serviceUserId: serviceUser.id,
      adminUserId: adminRow.id,
      clientLinkId: link.id,
      addable,
      invoiceId,
    },
    providerB: { id: providerB.id },
    request: (role, method, path, body, token) => call(token === undefined ? role.accessToken : token, method, path, body),
    freshInvitedMember: (orgId = orgXId) => addMember(orgId, xKey, null, 2, 0),
    freshMember: (status, type = 2) =>
      store.organizations.insertUser({
        id: randomUUID(),
        organizationId: orgXId,
        userId: spareUser(),
        email: null,
        key: status === 2 || status === -1 ? encapsulateSymmetricKey(xKey, acct('user').publicKey) : null,
        status,
        type,
        creationDate: now(),
      }).id,
    freshAcceptedMember: () =>
      store.organizations.insertUser({
        id: randomUUID(),
        organizationId: orgXId,
        userId: spareUser(),
        email: null,
        key: null,
        status: 1,
        type: 2,
        creationDate: now(),
      }).id,
    freshCollection: () =>
      store.collections.insert({
        id: randomUUID(),
        organizationId: orgXId,
        name: encryptString('Authz fresh', xKey),
        externalId: null,
        type: 0,
        defaultUserCollectionEmail: null,
        creationDate: now(),
      }).id,
    freshGroup: (withMember = false) => {
      const id = store.groups.insert({ id: randomUUID(), organizationId: orgXId, name: 'Authz fresh group', externalId: null, creationDate: now() }).id;
      if (withMember) store.groups.addUser(id, userMemberId);
      return id;
    },
    freshConnection: () => {
      const existing = store.organizationConnections.findByType(orgXId, 2);
      if (existing !== undefined) return existing.id;
      return store.organizationConnections.insert({
        id: randomUUID(),
        organizationId: orgXId,
        type: 2,
        enabled: true,
        config: JSON.stringify({ Enabled: true }),
      }).id;
    },
    clearScimConnection: () => {
      const existing = store.organizationConnections.findByType(orgXId, 2);
      if (existing !== undefined) store.organizationConnections.delete(existing.id);
    },
    freshProviderUser: (status) =>
      store.providers.insertUser({
        id: randomUUID(),
        providerId: providerA.id,
        userId: status === 0 ? null : spareUser(),
        email: status === 0 ? `pinvitee-${randomUUID().slice(0, 8)}@authz.example` : null,
        key: null,
        status,
        type: 1,
        creationDate: now(),
      }).id,
    installationId,
    freshSponsorship: (role, friendlyName) => {
      const account = friendlyName === undefined ? role?.account : acct('owner');
      const member = account == null ? undefined : store.organizations.findUserByAccount(orgXId, account.userId);
      if (member === undefined || member.status !== 2) return;
      const own = friendlyName === undefined ? store.sponsorships.findBySponsoringMember(member.id) : undefined;
      store.sponsorships.upsert({
        id: own?.id ?? randomUUID(),
        sponsoringOrganizationId: orgXId,
        sponsoringOrganizationUserId: member.id,
        sponsoredOrganizationId: null,
        friendlyName: friendlyName ?? null,
        offeredToEmail: `sponsored-${randomUUID().slice(0, 8)}@authz.example`,
        planSponsorshipType: 0,
        lastSyncDate: null,
        validUntil: null,
        toDelete: false,
        isAdminInitiated: friendlyName !== undefined,
        notes: null,
      });
    },
    freshClientOrganization: () => {
      const keys = makeClientOrgKeys(providerA.providerKey);
      const orgId = insertOrg('Authz fresh client', keys, 2);
      store.organizations.insertUser({
        id: randomUUID(),
        organizationId: orgId,
        userId: spareUser(),
        email: null,
        key: encapsulateSymmetricKey(keys.orgKey, acct('user').publicKey),
        status: 2,
        type: 0,
        creationDate: now(),
      });
      const linkId = store.providers.insertOrganization({
        id: randomUUID(),
        providerId: providerA.id,
        organizationId: orgId,
        key: keys.providerWrappedOrgKey,
        settings: null,
        creationDate: now(),
      }).id;
      return { linkId, orgId };
    },
    encName: (text) => encryptString(text, xKey),
    close: () => sandbox.close(),
  };
}
