import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoicesResponseSchema, providerSubscriptionResponseSchema } from '../../../src/protocol/billing.js';
import { createHarness, registerUnitAccount, type Harness } from './harness.js';
import { call, token } from './org-world.js';
import { addProviderUser, createClient, setUpProvider } from './provider-world.js';

const DAY = 24 * 60 * 60 * 1000;

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function provider(extra: Record<string, unknown> = {}) {
  const admin = await registerUnitAccount(h, 'admin@msp.example');
  const setup = await setUpProvider(h, admin, extra);
  const tech = await registerUnitAccount(h, 'tech@msp.example');
  await addProviderUser(h, setup.providerId, setup.token, tech, 1);
  return {
    ...setup,
    techToken: await token(h, tech),
    billing: `/api/providers/${setup.providerId}/billing`,
    /** Moves the clock and logs the admin in again (access tokens last an hour). */
    later: async (ms: number): Promise<string> => {
      h.clock.advance(ms);
      return token(h, admin);
    },
  };
}

describe('provider billing', () => {
  it('reports plans with seat minimums, purchased and assigned seats, cost and the payment placeholder', async () => {
    const p = await provider({
      paymentMethod: { type: 'card', token: 'pm_1234' },
      billingAddress: { country: 'US', postalCode: '10001', line1: '1 Main St', state: 'NY' },
    });
    await createClient(h, p.providerId, p.token, { name: 'Contoso', planType: 17, seats: 30 });
    await createClient(h, p.providerId, p.token, { name: 'Fabrikam', planType: 19, seats: 60 });

    const response = await call(h, 'GET', `${p.billing}/subscription`, p.techToken);
    expect(response.status).toBe(200);
    const subscription = providerSubscriptionResponseSchema.parse(response.body);
    expect(subscription).toMatchObject({
      status: 'trialing',
      collectionMethod: 'charge_automatically',
      discountPercentage: null,
      accountCredit: 0,
      cancelAt: null,
      suspension: null,
      providerType: 0,
      paymentSource: { type: 0, needsVerification: false },
      taxInformation: { country: 'US', postalCode: '10001', line1: '1 Main St', state: 'NY', taxId: null },
    });
    expect(subscription.paymentSource?.description).toMatch(/^VISA, \*1234, /);
    expect(subscription.plans).toEqual([
      {
        planName: 'Teams (Monthly)',
        type: 17,
        productTier: 2,
        seatMinimum: 50,
        purchasedSeats: 0,
        assignedSeats: 30,
        cost: 200,
        cadence: 'Monthly',
      },
      {
        planName: 'Enterprise (Monthly)',
        type: 19,
        productTier: 3,
        seatMinimum: 50,
        purchasedSeats: 10,
        assignedSeats: 60,
        cost: 360,
        cadence: 'Monthly',
      },
    ]);
    const trialEnd = new Date(h.clock.now().getTime() + 14 * DAY).toISOString();
    expect(subscription.currentPeriodEndDate).toBe(trialEnd);
  });

  it('issues an invoice per billing period with one CSV line per client and the unassigned minimum', async () => {
    const p = await provider();
    await createClient(h, p.providerId, p.token, { name: 'Contoso, Inc.', planType: 17, seats: 20 });
    const first = invoicesResponseSchema.parse((await call(h, 'GET', `${p.billing}/invoices`, p.token)).body);
    expect(first.invoices).toHaveLength(1);
    expect(first.invoices[0]).toMatchObject({ status: 'open', total: 200 + 300, url: null });
    expect(first.invoices[0]?.dueDate).toBe(new Date(h.clock.now().getTime() + 30 * DAY).toISOString());

    const adminToken = await p.later(32 * DAY);
    const later = invoicesResponseSchema.parse((await call(h, 'GET', `${p.billing}/invoices`, adminToken)).body);
    expect(later.invoices).toHaveLength(2);
    const [newest, oldest] = later.invoices;
    expect(newest?.number).toMatch(/^[A-Z0-9]{8}-0002$/);
    expect(oldest?.number).toMatch(/-0001$/);

    const csv = await call(h, 'GET', `${p.billing}/invoices/${newest?.id ?? ''}`, adminToken);
    expect(csv.status).toBe(200);
    const clientId = h.store.providerOrganizations.listDetails(p.providerId)[0]?.organizationId ?? '';
    expect(csv.text).toBe(
      [
        'Client,Id,Assigned,Used,Remaining,Plan,Estimated total',
        `"Contoso, Inc.",${clientId},20,1,19,Teams (Monthly),$80.00`,
        'Unassigned seats,,30,0,30,Teams (Monthly),$120.00',
        'Unassigned seats,,50,0,50,Enterprise (Monthly),$300.00',
        '',
      ].join('\r\n'),
    );
    expect((await call(h, 'GET', `${p.billing}/invoices/in_unknown`, adminToken)).status).toBe(404);
  });

  it('charges nothing during a trial', async () => {
    const p = await provider({ paymentMethod: { type: 'payPal', token: 'nonce' } });
    const invoices = invoicesResponseSchema.parse((await call(h, 'GET', `${p.billing}/invoices`, p.token)).body);
    expect(invoices.invoices).toMatchObject([{ status: 'paid', total: 0, dueDate: null }]);
    const adminToken = await p.later(15 * DAY);
    const after = invoicesResponseSchema.parse((await call(h, 'GET', `${p.billing}/invoices`, adminToken)).body);
    expect(after.invoices[0]).toMatchObject({ status: 'paid', total: 500 });
    const subscription = await call(h, 'GET', `${p.billing}/subscription`, adminToken);
    expect(subscription.body).toMatchObject({ status: 'active', paymentSource: { type: 2, description: 'billing@acme-msp.example' } });
  });

  it('lets service users read the subscription only; others get 401 / 404 as the billing controllers answer', async () => {
    const p = await provider();
    const outsider = await token(h, await registerUnitAccount(h, 'outsider@else.example'));
    const invoices = await call(h, 'GET', `${p.billing}/invoices`, p.techToken);
    expect(invoices.status).toBe(401);
    expect(invoices.body).toMatchObject({ object: 'error', message: 'Unauthorized.' });
    expect((await call(h, 'GET', `${p.billing}/subscription`, outsider)).status).toBe(401);
    expect((await call(h, 'GET', `/api/providers/${crypto.randomUUID()}/billing/subscription`, p.token)).body).toMatchObject({
      message: 'Resource not found.',
    });
    const warnings = await call(h, 'GET', `${p.billing}/vnext/warnings`, p.techToken);
    expect(warnings.body).toEqual({ suspension: null, taxId: null });
    expect((await call(h, 'GET', `${p.billing}/vnext/warnings`, outsider)).status).toBe(401);
  });

  it('configures billing on demand for a Billable provider seeded without it', async () => {
    const admin = await registerUnitAccount(h, 'seeded@msp.example');
    const now = h.clock.now().toISOString();
    const seeded = h.store.providers.insert({ id: crypto.randomUUID(), name: 'Seeded', status: 2, type: 0, creationDate: now });
    const user = h.store.users.findByEmail(admin.email);
    h.store.providers.insertUser({
      id: crypto.randomUUID(),
      providerId: seeded.id,
      userId: user?.id ?? '',
      email: null,
      key: `4.${'A'.repeat(342)}==`,
      status: 2,
      type: 0,
      creationDate: now,
    });
    const adminToken = await token(h, admin);
    await createClient(h, seeded.id, adminToken, { seats: 3 });
    const subscription = await call(h, 'GET', `/api/providers/${seeded.id}/billing/subscription`, adminToken);
    expect(subscription.body).toMatchObject({ status: 'active', collectionMethod: 'send_invoice' });
    expect((subscription.body as { plans: { assignedSeats: number }[] }).plans[0]?.assignedSeats).toBe(3);
  });
});
