/**
 * Test accounts created through the sandbox's public registration routes, with all key material
 * made by the project's client crypto (`src/crypto`), as a real client would.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_KDF,
  encapsulateSymmetricKey,
  encryptString,
  makeClientOrgKeys,
  makeOrgKeys,
  makeProviderKey,
  makeUserKeys,
  type KdfConfig,
  type SymmetricKey,
} from '../../src/crypto/index.js';
import type { SandboxStore } from '../../src/sandbox/store.js';
import { auditRecord } from './audit.js';
import { sandboxFetch, type SandboxEndpoint } from './sandbox.js';

export interface TestAccount {
  email: string;
  password: string;
  name: string;
  kdf: KdfConfig;
  userId: string;
  masterKey: Uint8Array;
  masterPasswordHash: string;
  userKey: SymmetricKey;
  protectedUserKey: string;
  publicKey: string;
  encryptedPrivateKey: string;
}

/** Headers an official client sends (bw 2026.9.0 on Linux). */
export const CLIENT_HEADERS = {
  'Bitwarden-Client-Name': 'cli',
  'Bitwarden-Client-Version': '2026.9.0',
  'Device-Type': '25',
} as const;

async function expectOk(response: Awaited<ReturnType<typeof sandboxFetch>>, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} failed: ${response.status} ${text}`);
  return text === '' ? null : (JSON.parse(text) as unknown);
}

function jwtSub(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
  if (payload.sub === undefined) throw new Error('access token has no sub');
  return payload.sub;
}

export interface PasswordLogin {
  accessToken: string;
  refreshToken: string;
  userId: string;
  body: Record<string, unknown>;
}

/** Password grant as `bw` sends it. */
export async function loginWithPassword(
  server: SandboxEndpoint,
  account: { email: string; masterPasswordHash: string },
  deviceIdentifier = randomUUID(),
): Promise<PasswordLogin> {
  const form = new URLSearchParams({
    scope: 'api offline_access',
    client_id: 'cli',
    deviceType: '25',
    deviceIdentifier,
    deviceName: 'linux',
    grant_type: 'password',
    username: account.email,
    password: account.masterPasswordHash,
  });
  const response = await sandboxFetch(server, '/identity/connect/token', {
    method: 'POST',
    headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: form.toString(),
  });
  const body = (await expectOk(response, 'password login')) as Record<string, unknown>;
  const accessToken = String(body.access_token);
  auditRecord('secret', 'access token', accessToken);
  auditRecord('secret', 'refresh token', String(body.refresh_token));
  return { accessToken, refreshToken: String(body.refresh_token), userId: jwtSub(accessToken), body };
}

/**
 * Registers through `send-verification-email` + `register/finish` (the current official flow)
 * and logs in once to learn the user id.
 */
export async function registerAccount(
  server: SandboxEndpoint,
  options: { email?: string; password?: string; name?: string; kdf?: KdfConfig } = {},
): Promise<TestAccount> {
  const email = options.email ?? `user-${randomUUID().slice(0, 8)}@example.com`;
  const password = options.password ?? `Correct horse ${randomUUID()}`;
  const name = options.name ?? 'Test User';
  const kdf = options.kdf ?? { ...DEFAULT_KDF };
  const keys = await makeUserKeys({ email, password, kdf });
  auditRecord('secret', `password of ${email}`, password);
  auditRecord('mph', `master password hash of ${email}`, keys.masterPasswordHash);
  auditRecord('key', `user key of ${email}`, keys.userKey.toB64());
  auditRecord('key', `master key of ${email}`, Buffer.from(keys.masterKey).toString('base64'));

  const verification = await sandboxFetch(server, '/identity/accounts/register/send-verification-email', {
    method: 'POST',
    headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ email, name, receiveMarketingEmails: false }),
  });
  const token = await expectOk(verification, 'send-verification-email');
  if (typeof token !== 'string') throw new Error('send-verification-email returned no token (verification required?)');

  const salt = email.trim().toLowerCase();
  const kdfSettings = {
    kdfType: kdf.kdfType,
    iterations: kdf.iterations,
    memory: kdf.memory ?? null,
    parallelism: kdf.parallelism ?? null,
  };
  const finish = await sandboxFetch(server, '/identity/accounts/register/finish', {
    method: 'POST',
    headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      email,
      emailVerificationToken: token,
      masterPasswordAuthentication: { kdf: kdfSettings, masterPasswordAuthenticationHash: keys.masterPasswordHash, salt },
      masterPasswordUnlock: { kdf: kdfSettings, masterKeyWrappedUserKey: keys.protectedUserKey, salt },
      userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
      name,
    }),
  });
  await expectOk(finish, 'register/finish');

  const login = await loginWithPassword(server, { email, masterPasswordHash: keys.masterPasswordHash });
  return {
    email,
    password,
    name,
    kdf,
    userId: login.userId,
    masterKey: keys.masterKey,
    masterPasswordHash: keys.masterPasswordHash,
    userKey: keys.userKey,
    protectedUserKey: keys.protectedUserKey,
    publicKey: keys.publicKey,
    encryptedPrivateKey: keys.encryptedPrivateKey,
  };
}

/** The account's personal API key (`POST /api/accounts/api-key` with the master password hash). */
export async function getPersonalApiKey(
  server: SandboxEndpoint,
  account: TestAccount,
): Promise<{ clientId: string; clientSecret: string }> {
  const { accessToken } = await loginWithPassword(server, account);
  const response = await sandboxFetch(server, '/api/accounts/api-key', {
    method: 'POST',
    headers: {
      ...CLIENT_HEADERS,
      Authorization: `Bearer ${accessToken}`,
      'Content-Type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify({ masterPasswordHash: account.masterPasswordHash }),
  });
  const body = (await expectOk(response, 'api-key')) as { apiKey: string };
  auditRecord('secret', `personal API key of ${account.email}`, body.apiKey);
  return { clientId: `user.${account.userId}`, clientSecret: body.apiKey };
}

/** What `seedProviderWorld` created, with the plaintext keys a client would unwrap. */
export interface SeededWorld {
  organization: { id: string; name: string; orgKey: SymmetricKey; organizationUserId: string; collectionId: string };
  provider: { id: string; name: string; providerKey: SymmetricKey; providerUserId: string };
  clientOrganization: { id: string; name: string; orgKey: SymmetricKey; providerOrganizationId: string };
}

/**
 * Seeds, directly in the store (the admin routes come later), what an MSP user sees after sync:
 * an organization the account owns (org key RSA-wrapped to the account), a provider the account
 * administers (provider key RSA-wrapped) and a client organization of that provider (org key
 * wrapped with the provider key), plus one collection the account manages.
 */
export function seedProviderWorld(
  store: SandboxStore,
  account: TestAccount,
  names: { organization?: string; provider?: string; clientOrganization?: string } = {},
): SeededWorld {
  const now = new Date().toISOString();
  const orgKeys = makeOrgKeys();
  auditRecord('key', 'seeded organization key', orgKeys.orgKey.toB64());
  auditRecord('plaintext', 'seeded collection name', 'Engineering');
  const orgName = names.organization ?? 'Own Org';
  const org = store.organizations.insert({
    id: randomUUID(),
    name: orgName,
    billingEmail: account.email,
    plan: 'Enterprise (Annually)',
    planType: 20,
    productTierType: 3,
    seats: 10,
    usePolicies: true,
    useGroups: true,
    useEvents: true,
    useApi: true,
    use2fa: true,
    useTotp: true,
    useDirectory: true,
    useResetPassword: true,
    useCustomPermissions: true,
    usersGetPremium: true,
    publicKey: orgKeys.publicKey,
    privateKey: orgKeys.encryptedPrivateKey,
    creationDate: now,
  });
  const member = store.organizations.insertUser({
    id: randomUUID(),
    organizationId: org.id,
    userId: account.userId,
    email: null,
    key: encapsulateSymmetricKey(orgKeys.orgKey, account.publicKey),
    status: 2,
    type: 0,
    creationDate: now,
  });
  const collection = store.collections.insert({
    id: randomUUID(),
    organizationId: org.id,
    name: encryptString('Engineering', orgKeys.orgKey),
    externalId: null,
    type: 0,
    defaultUserCollectionEmail: null,
    creationDate: now,
  });
  store.collections.setUserAccess(collection.id, member.id, { readOnly: false, hidePasswords: false, manage: true });
  store.policies.upsert({
    id: randomUUID(),
    organizationId: org.id,
    type: 2,
    enabled: true,
    data: JSON.stringify({ minLength: 14, useUpper: true }),
    revisionDate: now,
  });

  const { providerKey } = makeProviderKey();
  auditRecord('key', 'seeded provider key', providerKey.toB64());
  const providerName = names.provider ?? 'Acme MSP';
  const provider = store.providers.insert({ id: randomUUID(), name: providerName, status: 2, type: 0, creationDate: now });
  const providerUser = store.providers.insertUser({
    id: randomUUID(),
    providerId: provider.id,
    userId: account.userId,
    email: null,
    key: encapsulateSymmetricKey(providerKey, account.publicKey),
    status: 2,
    type: 0,
    creationDate: now,
  });
  const clientKeys = makeClientOrgKeys(providerKey);
  auditRecord('key', 'seeded client organization key', clientKeys.orgKey.toB64());
  const clientName = names.clientOrganization ?? 'Client Org';
  const clientOrg = store.organizations.insert({
    id: randomUUID(),
    name: clientName,
    billingEmail: 'billing@acme-msp.example',
    plan: 'Teams (Monthly)',
    planType: 17,
    productTierType: 2,
    seats: 5,
    status: 2,
    usePolicies: true,
    useGroups: true,
    useEvents: true,
    useApi: true,
    publicKey: clientKeys.publicKey,
    privateKey: clientKeys.encryptedPrivateKey,
    creationDate: now,
  });
  const link = store.providers.insertOrganization({
    id: randomUUID(),
    providerId: provider.id,
    organizationId: clientOrg.id,
    key: clientKeys.providerWrappedOrgKey,
    settings: null,
    creationDate: now,
  });
  store.users.touchAccountRevision([account.userId], now);
  return {
    organization: {
      id: org.id,
      name: orgName,
      orgKey: orgKeys.orgKey,
      organizationUserId: member.id,
      collectionId: collection.id,
    },
    provider: { id: provider.id, name: providerName, providerKey, providerUserId: providerUser.id },
    clientOrganization: {
      id: clientOrg.id,
      name: clientName,
      orgKey: clientKeys.orgKey,
      providerOrganizationId: link.id,
    },
  };
}
