import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decapsulateSymmetricKey,
  decryptString,
  DEFAULT_KDF,
  encapsulateSymmetricKey,
  encryptString,
  fingerprintPhraseString,
  makeClientOrgKeys,
  makeProviderKey,
  makeUserKeys,
  unwrapPrivateKey,
  unwrapSymmetricKey,
  type SymmetricKey,
} from '../../../src/crypto/index.js';
import { profileProviderOrganizationSchema, profileProviderSchema, providerResponseSchema } from '../../../src/protocol/provider.js';
import { providerUserPublicKeyListResponseSchema } from '../../../src/protocol/provider-user.js';
import { inviteProviderOwner } from '../../../src/sandbox/server.js';
import { listMail } from '../../../src/sandbox/store.js';
import { BASE_URL, createHarness, decodeJwt, login, PBKDF2_DEFAULT, registerUnitAccount, type Harness } from './harness.js';
import { call, FAKE_RSA_KEY, token, userIdOf } from './org-world.js';
import { lastMail, providerEventTypes, setUpProvider } from './provider-world.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

interface RealAccount {
  email: string;
  masterPasswordHash: string;
  protectedUserKey: string;
  encryptedPrivateKey: string;
  userKey: SymmetricKey;
  publicKey: string;
  privateKey: Uint8Array;
}

/** Registers with keys made by the project's client crypto, as `bwmsp` / `bw` would. */
async function registerRealAccount(email: string): Promise<RealAccount> {
  const keys = await makeUserKeys({ email, password: `Sandbox password for ${email}`, kdf: { ...DEFAULT_KDF } });
  const sent = await h.postJson('/identity/accounts/register/send-verification-email', { email, name: email });
  const verification = (await sent.json()) as string;
  const finish = await h.postJson('/identity/accounts/register/finish', {
    email,
    emailVerificationToken: verification,
    masterPasswordAuthentication: {
      kdf: PBKDF2_DEFAULT,
      masterPasswordAuthenticationHash: keys.masterPasswordHash,
      salt: email,
    },
    masterPasswordUnlock: { kdf: PBKDF2_DEFAULT, masterKeyWrappedUserKey: keys.protectedUserKey, salt: email },
    userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
  });
  expect(finish.status).toBe(200);
  return {
    email,
    masterPasswordHash: keys.masterPasswordHash,
    protectedUserKey: keys.protectedUserKey,
    encryptedPrivateKey: keys.encryptedPrivateKey,
    userKey: keys.userKey,
    publicKey: keys.publicKey,
    privateKey: unwrapPrivateKey(keys.encryptedPrivateKey, keys.userKey),
  };
}

async function syncProfile(accessToken: string): Promise<Record<string, unknown>> {
  const response = await call(h, 'GET', '/api/sync?excludeDomains=true', accessToken);
  expect(response.status).toBe(200);
  return (response.body as { profile: Record<string, unknown> }).profile;
}

describe('staff invitation (inviteProviderOwner)', () => {
  it('creates a Pending provider with a confirmed owner row and plans, and mails the setup link', async () => {
    const owner = await registerUnitAccount(h, 'owner@msp.example');
    const invitation = inviteProviderOwner(h.store, {
      email: 'Owner@MSP.example',
      name: 'Acme',
      baseUrl: BASE_URL,
      clock: h.clock,
    });
    expect(invitation).toMatchObject({ email: 'owner@msp.example', resent: false });
    const provider = h.store.providers.findById(invitation.providerId);
    expect(provider).toMatchObject({ status: 0, type: 0, enabled: true, useEvents: true, name: 'Acme' });
    const ownerRow = h.store.providers.findUserByAccount(invitation.providerId, userIdOf(h, owner));
    expect(ownerRow).toMatchObject({ status: 2, type: 0, key: null });
    expect(h.store.billing.listPlans(invitation.providerId)).toMatchObject([
      { planType: 17, seatMinimum: 50, purchasedSeats: 0, allocatedSeats: 0 },
      { planType: 19, seatMinimum: 50, purchasedSeats: 0, allocatedSeats: 0 },
    ]);

    const mail = lastMail(h, 'owner@msp.example', 'provider-setup-invite');
    expect(mail.subject).toBe('Create a Provider');
    expect(mail.token).toBe(invitation.token);
    const url = new URL(invitation.setupUrl.replace('/#/', '/'));
    expect(invitation.setupUrl.startsWith(`${BASE_URL}/#/providers/setup-provider?`)).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      providerId: invitation.providerId,
      email: 'owner@msp.example',
      token: invitation.token,
    });
  });

  it('re-sends the link for a provider still waiting for the same owner instead of creating another', async () => {
    await registerUnitAccount(h, 'owner@msp.example');
    const first = inviteProviderOwner(h.store, { email: 'owner@msp.example', baseUrl: BASE_URL, clock: h.clock });
    const second = inviteProviderOwner(h.store, { email: 'owner@msp.example', baseUrl: BASE_URL, clock: h.clock });
    expect(second).toMatchObject({ providerId: first.providerId, resent: true });
    expect(listMail(h.store, { to: 'owner@msp.example' }).filter((m) => m.template === 'provider-setup-invite')).toHaveLength(2);
  });

  it('refuses a malformed address and negative seat minimums', () => {
    expect(() => inviteProviderOwner(h.store, { email: 'not-an-address' })).toThrow(/Invalid owner e-mail/);
    expect(() => inviteProviderOwner(h.store, { email: 'a@b.example', seatMinimums: { teams: -1 } })).toThrow(
      /can not be negative/,
    );
  });

  it('creates a Business Unit provider with a single Enterprise plan', () => {
    const invitation = inviteProviderOwner(h.store, {
      email: 'unit@corp.example',
      type: 2,
      seatMinimums: { enterprise: 200 },
      baseUrl: BASE_URL,
    });
    expect(h.store.providers.findById(invitation.providerId)?.type).toBe(2);
    expect(h.store.billing.listPlans(invitation.providerId)).toMatchObject([{ planType: 19, seatMinimum: 200 }]);
  });
});

describe('POST /providers/{id}/setup', () => {
  it('needs a fresh token with the provider admin claim, then makes the provider Billable', async () => {
    const owner = await registerUnitAccount(h, 'owner@msp.example');
    const staleToken = await token(h, owner);
    const invitation = inviteProviderOwner(h.store, { email: owner.email, baseUrl: BASE_URL, clock: h.clock });
    const body = { name: 'Acme MSP', billingEmail: 'billing@acme.example', token: invitation.token, key: FAKE_RSA_KEY };

    const refused = await call(h, 'POST', `/api/providers/${invitation.providerId}/setup`, staleToken, body);
    expect(refused.status).toBe(403);
    expect(refused.text).toBe('');

    const fresh = await token(h, owner);
    expect(decodeJwt(fresh).providerprovideradmin).toBe(invitation.providerId);
    const setup = await call(h, 'POST', `/api/providers/${invitation.providerId}/setup`, fresh, body);
    expect(setup.status).toBe(200);
    const provider = providerResponseSchema.parse(setup.body);
    expect(provider).toMatchObject({ id: invitation.providerId, name: 'Acme MSP', billingEmail: 'billing@acme.example', type: 0 });
    expect(h.store.providers.findById(invitation.providerId)?.status).toBe(2);
    expect(h.store.providers.findUserByAccount(invitation.providerId, userIdOf(h, owner))?.key).toBe(FAKE_RSA_KEY);
    expect(h.store.billing.findSubscription(invitation.providerId)).toMatchObject({
      status: 'active',
      collectionMethod: 'send_invoice',
      paymentMethodType: null,
    });

    const again = await call(h, 'POST', `/api/providers/${invitation.providerId}/setup`, fresh, body);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ object: 'error', message: 'Provider is already setup.', validationErrors: null });
  });

  it('refuses a wrong token, a token for another e-mail and an invalid body with the server messages', async () => {
    const owner = await registerUnitAccount(h, 'owner@msp.example');
    const invitation = inviteProviderOwner(h.store, { email: owner.email, baseUrl: BASE_URL, clock: h.clock });
    const other = inviteProviderOwner(h.store, { email: 'someone@else.example', baseUrl: BASE_URL, clock: h.clock });
    const ownerToken = await token(h, owner);
    const path = `/api/providers/${invitation.providerId}/setup`;
    const base = { name: 'Acme', billingEmail: 'billing@acme.example', key: FAKE_RSA_KEY };

    const wrong = await call(h, 'POST', path, ownerToken, { ...base, token: 'garbage' });
    expect(wrong.body).toMatchObject({ message: 'Invalid token.' });
    const foreign = await call(h, 'POST', path, ownerToken, { ...base, token: other.token });
    expect(foreign.body).toMatchObject({ message: 'Invalid token.' });

    const invalid = await call(h, 'POST', path, ownerToken, {
      ...base,
      name: 'x'.repeat(51),
      token: invitation.token,
      paymentMethod: { type: 'cash', token: 'tok' },
      billingAddress: { country: 'USA', postalCode: '12345' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      message: 'The model state is invalid.',
      validationErrors: {
        Name: ['The field Name exceeds the maximum length.'],
        'PaymentMethod.Type': ['Payment method type must be one of: bankAccount, card, payPal'],
        'BillingAddress.Country': ['Country code must be 2 characters long.'],
      },
    });
    const expired = inviteProviderOwner(h.store, { email: owner.email, baseUrl: BASE_URL, clock: h.clock });
    h.clock.advance(121 * 60 * 60 * 1000);
    const late = await call(h, 'POST', path, await token(h, owner), { ...base, token: expired.token });
    expect(late.body).toMatchObject({ message: 'Invalid token.' });
  });

  it('keeps placeholder payment details: a card starts a trial and is charged automatically', async () => {
    const owner = await registerUnitAccount(h, 'owner@msp.example');
    const { providerId } = await setUpProvider(h, owner, {
      paymentMethod: { type: 'card', token: 'pm_card_visa_4242' },
      billingAddress: { country: 'FR', postalCode: '75001', city: 'Paris', taxId: { code: 'eu_vat', value: 'FR123' } },
    });
    expect(h.store.billing.findSubscription(providerId)).toMatchObject({
      status: 'trialing',
      collectionMethod: 'charge_automatically',
      paymentMethodType: 0,
      paymentDescription: expect.stringMatching(/^VISA, \*4242, 12\/\d{4}$/) as unknown,
      country: 'FR',
      taxIdValue: 'FR123',
    });
  });

  it('links a staff row created for an e-mail with no account yet when that account sets the provider up', async () => {
    const invitation = inviteProviderOwner(h.store, { email: 'future@msp.example', baseUrl: BASE_URL, clock: h.clock });
    expect(h.store.providerUsers.findUnlinkedByEmail(invitation.providerId, 'future@msp.example')).toMatchObject({
      userId: null,
      status: 2,
      type: 0,
    });
    const owner = await registerUnitAccount(h, 'future@msp.example');
    const setup = await call(h, 'POST', `/api/providers/${invitation.providerId}/setup`, await token(h, owner), {
      name: 'Future MSP',
      billingEmail: 'billing@future.example',
      token: invitation.token,
      key: FAKE_RSA_KEY,
    });
    expect(setup.status).toBe(200);
    const row = h.store.providers.findUserByAccount(invitation.providerId, userIdOf(h, owner));
    expect(row).toMatchObject({ status: 2, type: 0, email: null, key: FAKE_RSA_KEY });
    expect(decodeJwt(await token(h, owner)).providerprovideradmin).toBe(invitation.providerId);
  });
});

describe('the provider key chain with real client crypto', () => {
  it('setup → invite → accept → confirm → create a client: every key unwraps, sync shows §2.6 shapes', async () => {
    const owner = await registerRealAccount('owner@msp.example');
    const tech = await registerRealAccount('tech@msp.example');
    const invitation = inviteProviderOwner(h.store, { email: owner.email, baseUrl: BASE_URL, clock: h.clock });
    const { providerKey } = makeProviderKey();

    let ownerToken = (await login(h, owner)).access_token;
    const setup = await call(h, 'POST', `/api/providers/${invitation.providerId}/setup`, ownerToken, {
      name: 'Acme MSP',
      billingEmail: 'billing@acme.example',
      token: invitation.token,
      key: encapsulateSymmetricKey(providerKey, owner.publicKey),
    });
    expect(setup.status).toBe(200);
    ownerToken = (await login(h, owner)).access_token;

    const ownerProfile = await syncProfile(ownerToken);
    const [ownerProvider] = profileProviderSchema.array().parse(ownerProfile.providers);
    expect(ownerProvider).toMatchObject({
      object: 'profileProvider',
      id: invitation.providerId,
      name: 'Acme MSP',
      status: 2,
      type: 0,
      enabled: true,
      useEvents: true,
      providerStatus: 2,
      providerType: 0,
      userId: userIdOf(h, owner),
    });
    expect(decapsulateSymmetricKey(ownerProvider?.key ?? '', owner.privateKey).equals(providerKey)).toBe(true);

    // invite the technician, who accepts with the mailed token
    const invite = await call(h, 'POST', `/api/providers/${invitation.providerId}/users/invite`, ownerToken, {
      emails: [tech.email],
      type: 1,
    });
    expect(invite.status).toBe(200);
    const mail = lastMail(h, tech.email, 'provider-user-invite');
    const providerUserId = mail.data.providerUserId ?? '';
    let techToken = (await login(h, tech)).access_token;
    const accept = await call(h, 'POST', `/api/providers/${invitation.providerId}/users/${providerUserId}/accept`, techToken, {
      token: mail.token,
    });
    expect(accept.status).toBe(200);
    expect((await syncProfile(techToken)).providers).toEqual([]);

    // the admin fetches the public key, checks the fingerprint, wraps the provider key for it
    const keys = await call(h, 'POST', `/api/providers/${invitation.providerId}/users/public-keys`, ownerToken, {
      ids: [providerUserId],
    });
    const [publicKey] = providerUserPublicKeyListResponseSchema.parse(keys.body).data;
    expect(publicKey).toEqual({
      object: 'providerUserPublicKeyResponseModel',
      id: providerUserId,
      userId: userIdOf(h, tech),
      key: tech.publicKey,
    });
    expect(fingerprintPhraseString(publicKey?.userId ?? '', publicKey?.key ?? '')).toBe(
      fingerprintPhraseString(userIdOf(h, tech), tech.publicKey),
    );
    const confirm = await call(h, 'POST', `/api/providers/${invitation.providerId}/users/confirm`, ownerToken, {
      keys: [{ id: providerUserId, key: encapsulateSymmetricKey(providerKey, publicKey?.key ?? '') }],
    });
    expect(confirm.body).toEqual({
      object: 'list',
      data: [{ object: 'providerBulkConfirmResponseModel', id: providerUserId, error: '' }],
      continuationToken: null,
    });

    // the owner creates a client with a fresh org key wrapped by the provider key
    const clientKeys = makeClientOrgKeys(providerKey);
    const create = await call(h, 'POST', `/api/providers/${invitation.providerId}/clients`, ownerToken, {
      name: 'Contoso Ltd',
      ownerEmail: 'it@contoso.example',
      planType: 19,
      seats: 25,
      key: clientKeys.providerWrappedOrgKey,
      keyPair: { publicKey: clientKeys.publicKey, encryptedPrivateKey: clientKeys.encryptedPrivateKey },
      collectionName: encryptString('Default collection', clientKeys.orgKey),
    });
    expect(create.status).toBe(200);
    expect(create.text).toBe('');

    // the technician (fresh token) unwraps provider key → client org key from sync
    techToken = (await login(h, tech)).access_token;
    expect(decodeJwt(techToken).providerserviceuser).toBe(invitation.providerId);
    const techProfile = await syncProfile(techToken);
    const [techProvider] = profileProviderSchema.array().parse(techProfile.providers);
    expect(techProvider).toMatchObject({ status: 2, type: 1, providerStatus: 2 });
    const techProviderKey = decapsulateSymmetricKey(techProvider?.key ?? '', tech.privateKey);
    expect(techProviderKey.equals(providerKey)).toBe(true);
    const [client] = profileProviderOrganizationSchema.array().parse(techProfile.providerOrganizations);
    expect(client).toMatchObject({
      object: 'profileProviderOrganization',
      name: 'Contoso Ltd',
      type: 0,
      status: 2,
      providerId: invitation.providerId,
      providerName: 'Acme MSP',
      providerType: 0,
      accessSecretsManager: false,
      useSecretsManager: false,
      usePolicies: true,
      seats: 25,
      hasPublicAndPrivateKeys: true,
      organizationUserId: null,
      userId: userIdOf(h, tech),
    });
    expect(client?.key?.startsWith('2.')).toBe(true);
    const orgKey = unwrapSymmetricKey(client?.key ?? '', techProviderKey);
    expect(orgKey.equals(clientKeys.orgKey)).toBe(true);
    expect(techProfile.organizations).toEqual([]);

    // as a provider user the technician reads the client's collections (OrgOwner through the provider)
    const collections = await call(h, 'GET', `/api/organizations/${client?.id ?? ''}/collections/details`, techToken);
    expect(collections.status).toBe(200);
    const [collection] = (collections.body as { data: { name: string }[] }).data;
    expect(decryptString(collection?.name ?? '', orgKey)).toBe('Default collection');
    expect(providerEventTypes(h, invitation.providerId)).toEqual(expect.arrayContaining([1800, 1801, 1900, 1903]));
    const owners = h.store.organizations.listUsers(client?.id ?? '');
    expect(owners).toMatchObject([{ email: 'it@contoso.example', status: 0, type: 0, userId: null }]);
  });
});

describe('GET/PUT /providers/{id}', () => {
  it('shows the provider to its users and lets only admins change it', async () => {
    const owner = await registerUnitAccount(h, 'owner@msp.example');
    const { providerId, token: ownerToken } = await setUpProvider(h, owner);
    const outsider = await registerUnitAccount(h, 'outsider@other.example');

    const view = await call(h, 'GET', `/api/providers/${providerId}`, ownerToken);
    expect(view.status).toBe(200);
    expect(providerResponseSchema.parse(view.body)).toMatchObject({ id: providerId, name: 'Acme MSP', businessName: null });
    expect(Object.keys(view.body as object)).not.toContain('status');

    expect((await call(h, 'GET', `/api/providers/${providerId}`, await token(h, outsider))).status).toBe(403);
    expect((await call(h, 'GET', `/api/providers/${providerId}`, null)).status).toBe(401);
    expect((await call(h, 'GET', '/api/providers/not-a-guid', ownerToken)).status).toBe(404);

    const put = await call(h, 'PUT', `/api/providers/${providerId}`, ownerToken, {
      name: 'Acme Managed Services',
      businessName: 'Acme SAS',
      billingEmail: ' AP@Acme.example ',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'Acme Managed Services', businessName: 'Acme SAS', billingEmail: 'ap@acme.example' });
    const alias = await call(h, 'POST', `/api/providers/${providerId}`, ownerToken, {
      name: 'Acme',
      billingEmail: 'ap@acme.example',
    });
    expect(alias.body).toMatchObject({ name: 'Acme', businessName: null });
    const missing = await call(h, 'PUT', `/api/providers/${providerId}`, ownerToken, { name: 'Acme' });
    expect(missing.body).toMatchObject({ validationErrors: { BillingEmail: ['The BillingEmail field is required.'] } });
  });
});
