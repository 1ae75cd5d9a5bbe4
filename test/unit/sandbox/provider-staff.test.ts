/**
 * The staff side on a running sandbox, as `bwmsp sandbox provider-invite --data DIR` does it: a
 * second store opened on the same data directory while the server runs (SQLite WAL), the setup link
 * built from the server's runtime file, and the owner finishing setup over HTTPS with real crypto.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decapsulateSymmetricKey, encapsulateSymmetricKey, makeProviderKey, unwrapPrivateKey } from '../../../src/crypto/index.js';
import { inviteProviderOwner, listMail, openStore } from '../../../src/sandbox/server.js';
import { CLIENT_HEADERS, loginWithPassword, registerAccount, type TestAccount } from '../../helpers/accounts.js';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

let sandbox: TestSandbox;
let owner: TestAccount;

beforeAll(async () => {
  sandbox = await startTestSandbox({ runtimeFile: true });
  owner = await registerAccount(sandbox, { email: 'owner@msp.example' });
});
afterAll(async () => {
  await sandbox.close();
});

async function json(path: string, accessToken: string, method = 'GET', body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await sandbox.request(path, {
    method,
    headers: {
      ...CLIENT_HEADERS,
      Authorization: `Bearer ${accessToken}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

describe('inviteProviderOwner on a running sandbox', () => {
  it('invites through a second store on the data dir; the owner sets the provider up over HTTPS', async () => {
    const staffStore = openStore({ dataDir: sandbox.dataDir });
    let invitation;
    try {
      invitation = inviteProviderOwner(staffStore, { email: owner.email, name: 'Acme' });
    } finally {
      staffStore.close();
    }
    expect(invitation.setupUrl.startsWith(`${sandbox.url}/#/providers/setup-provider?providerId=`)).toBe(true);
    const mail = listMail(sandbox.store, { to: owner.email }).find((m) => m.template === 'provider-setup-invite');
    expect(mail?.token).toBe(invitation.token);

    const { accessToken } = await loginWithPassword(sandbox, owner);
    const { providerKey } = makeProviderKey();
    const setup = await json(`/api/providers/${invitation.providerId}/setup`, accessToken, 'POST', {
      name: 'Acme MSP',
      billingEmail: 'billing@acme.example',
      token: invitation.token,
      key: encapsulateSymmetricKey(providerKey, owner.publicKey),
      paymentMethod: { type: 'card', token: 'tok_visa' },
      billingAddress: { country: 'DE', postalCode: '10115' },
    });
    expect(setup.status).toBe(200);
    expect(setup.body).toMatchObject({ object: 'provider', id: invitation.providerId, name: 'Acme MSP' });

    const sync = await json('/api/sync?excludeDomains=true', accessToken);
    const providers = (sync.body as { profile: { providers: { key: string; providerStatus: number }[] } }).profile.providers;
    expect(providers).toHaveLength(1);
    expect(providers[0]?.providerStatus).toBe(2);
    const privateKey = unwrapPrivateKey(owner.encryptedPrivateKey, owner.userKey);
    expect(decapsulateSymmetricKey(providers[0]?.key ?? '', privateKey).equals(providerKey)).toBe(true);

    const subscription = await json(`/api/providers/${invitation.providerId}/billing/subscription`, accessToken);
    expect(subscription.body).toMatchObject({ status: 'trialing', collectionMethod: 'charge_automatically' });
  });
});
