/**
 * Builds providers through the public routes as a real MSP would: the staff invitation
 * (`inviteProviderOwner`), setup by the owner, provider users invited / accepted with the mailed token /
 * confirmed, clients created with `POST /providers/{pid}/clients`; each account logs in again after a
 * change so its token carries the new provider claims.
 */
import { randomUUID } from 'node:crypto';
import { inviteProviderOwner } from '../../../src/sandbox/server.js';
import { listMail } from '../../../src/sandbox/store.js';
import { BASE_URL, fakeEncString, registerUnitAccount, type Harness, type UnitAccount } from './harness.js';
import { call, FAKE_RSA_KEY, token, userIdOf } from './org-world.js';

export interface ProviderMember {
  account: UnitAccount;
  userId: string;
  providerUserId: string;
  token: string;
}

export interface ProviderWorld {
  providerId: string;
  admin: ProviderMember;
  serviceUser: ProviderMember;
}

export interface Client {
  organizationId: string;
  providerOrganizationId: string;
  ownerEmail: string;
}

/** The newest mail of a template to an address. */
export function lastMail(h: Harness, to: string, template: string) {
  const mail = listMail(h.store, { to }).filter((m) => m.template === template).at(-1);
  if (mail === undefined) throw new Error(`no ${template} mail to ${to}`);
  return mail;
}

/** Staff invitation + setup by `owner` (without a payment method unless given). */
export async function setUpProvider(
  h: Harness,
  owner: UnitAccount,
  extra: Record<string, unknown> = {},
): Promise<{ providerId: string; token: string }> {
  const invitation = inviteProviderOwner(h.store, { email: owner.email, baseUrl: BASE_URL, clock: h.clock });
  const ownerToken = await token(h, owner);
  const setup = await call(h, 'POST', `/api/providers/${invitation.providerId}/setup`, ownerToken, {
    name: 'Acme MSP',
    billingEmail: 'billing@acme-msp.example',
    token: invitation.token,
    key: FAKE_RSA_KEY,
    ...extra,
  });
  if (setup.status !== 200) throw new Error(`setup: ${setup.status} ${setup.text}`);
  return { providerId: invitation.providerId, token: await token(h, owner) };
}

/** Invites `account` as `type`, accepts with the mailed token and (unless told not to) confirms it. */
export async function addProviderUser(
  h: Harness,
  providerId: string,
  adminToken: string,
  account: UnitAccount,
  type: number,
  options: { confirm?: boolean; accept?: boolean } = {},
): Promise<string> {
  const invite = await call(h, 'POST', `/api/providers/${providerId}/users/invite`, adminToken, {
    emails: [account.email],
    type,
  });
  if (invite.status !== 200) throw new Error(`invite: ${invite.status} ${invite.text}`);
  const mail = lastMail(h, account.email, 'provider-user-invite');
  const providerUserId = mail.data.providerUserId ?? '';
  if (options.accept === false) return providerUserId;
  const accept = await call(h, 'POST', `/api/providers/${providerId}/users/${providerUserId}/accept`, await token(h, account), {
    token: mail.token,
  });
  if (accept.status !== 200) throw new Error(`accept: ${accept.status} ${accept.text}`);
  if (options.confirm === false) return providerUserId;
  const confirm = await call(h, 'POST', `/api/providers/${providerId}/users/confirm`, adminToken, {
    keys: [{ id: providerUserId, key: FAKE_RSA_KEY }],
  });
  const result = (confirm.body as { data: { error: string }[] } | null)?.data[0]?.error;
  if (confirm.status !== 200 || result !== '') throw new Error(`confirm: ${confirm.status} ${confirm.text}`);
  return providerUserId;
}

/** A provider with a confirmed admin and a confirmed service user. */
export async function buildProviderWorld(h: Harness, tag = randomUUID().slice(0, 6)): Promise<ProviderWorld> {
  const adminAccount = await registerUnitAccount(h, `admin-${tag}@msp.example`);
  const { providerId, token: adminToken } = await setUpProvider(h, adminAccount);
  const serviceAccount = await registerUnitAccount(h, `tech-${tag}@msp.example`);
  const serviceUserId = await addProviderUser(h, providerId, adminToken, serviceAccount, 1);
  const adminUserId = userIdOf(h, adminAccount);
  return {
    providerId,
    admin: {
      account: adminAccount,
      userId: adminUserId,
      providerUserId: h.store.providers.findUserByAccount(providerId, adminUserId)?.id ?? '',
      token: adminToken,
    },
    serviceUser: {
      account: serviceAccount,
      userId: userIdOf(h, serviceAccount),
      providerUserId: serviceUserId,
      token: await token(h, serviceAccount),
    },
  };
}

export function clientBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Contoso Ltd',
    ownerEmail: 'it@contoso.example',
    planType: 17,
    seats: 10,
    key: fakeEncString(),
    keyPair: { publicKey: Buffer.from(randomUUID()).toString('base64'), encryptedPrivateKey: fakeEncString() },
    collectionName: fakeEncString(),
    ...overrides,
  };
}

/** Creates a client as the provider admin and finds it again by name (the response has no id). */
export async function createClient(
  h: Harness,
  providerId: string,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Client> {
  const body = clientBody(overrides);
  const created = await call(h, 'POST', `/api/providers/${providerId}/clients`, adminToken, body);
  if (created.status !== 200) throw new Error(`create client: ${created.status} ${created.text}`);
  const list = await call(h, 'GET', `/api/providers/${providerId}/organizations`, adminToken);
  const items = (list.body as { data: { id: string; organizationId: string; organizationName: string }[] }).data;
  const item = items.find((entry) => entry.organizationName === body.name);
  if (item === undefined) throw new Error(`client ${String(body.name)} not listed`);
  return { organizationId: item.organizationId, providerOrganizationId: item.id, ownerEmail: String(body.ownerEmail) };
}

/** Event types in a provider's log (newest first). */
export function providerEventTypes(h: Harness, providerId: string): number[] {
  return h.store.events
    .page({ providerId, start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z', limit: 1000 })
    .map((event) => event.type);
}
