/**
 * Provider billing, read-only (admin-api.md §2.7). These responses are plain records with no
 * `object` field; the inner objects of the subscription are UNVERIFIED in the doc, so everything
 * but the plan rows is optional here.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';

export const providerPlanSchema = z.looseObject({
  planName: z.string().nullish(),
  type: z.int().nullish(),
  productTier: z.int().nullish(),
  seatMinimum: z.number().nullish(),
  purchasedSeats: z.number().nullish(),
  assignedSeats: z.number().nullish(),
  cost: z.number().nullish(),
  cadence: z.string().nullish(),
});
export type ProviderPlan = z.infer<typeof providerPlanSchema>;

export const providerSubscriptionSchema = z.looseObject({
  status: z.string().nullish(),
  currentPeriodEndDate: z.string().nullish(),
  discountPercentage: z.number().nullish(),
  collectionMethod: z.string().nullish(),
  plans: z.array(providerPlanSchema).nullish(),
  accountCredit: z.number().nullish(),
  cancelAt: z.string().nullish(),
  providerType: z.int().nullish(),
});
export type ProviderSubscription = z.infer<typeof providerSubscriptionSchema>;

export const providerInvoiceSchema = z.looseObject({
  id: z.string(),
  date: z.string().nullish(),
  number: z.string().nullish(),
  total: z.number().nullish(),
  status: z.string().nullish(),
  dueDate: z.string().nullish(),
  url: z.string().nullish(),
});
export type ProviderInvoice = z.infer<typeof providerInvoiceSchema>;

function billingPath(providerId: string, rest: string): string {
  return `/providers/${encodeURIComponent(providerId)}/billing${rest}`;
}

/** ProviderUser, billable provider. */
export function getProviderSubscription(api: ApiClient, providerId: string): Promise<ProviderSubscription> {
  return api.request({ service: 'api', method: 'GET', path: billingPath(providerId, '/subscription'), schema: providerSubscriptionSchema });
}

/** ProviderAdmin: open, paid and uncollectible invoices. */
export async function listProviderInvoices(api: ApiClient, providerId: string): Promise<ProviderInvoice[]> {
  const body = await api.request({
    service: 'api',
    method: 'GET',
    path: billingPath(providerId, '/invoices'),
    schema: z.looseObject({ invoices: z.array(providerInvoiceSchema).nullish() }),
  });
  return body.invoices ?? [];
}

/** ProviderAdmin: the invoice's client breakdown as `text/csv` (Client, Id, Assigned, Used, Remaining, Plan, Estimated total). */
export function getProviderInvoiceCsv(api: ApiClient, providerId: string, invoiceId: string): Promise<string> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: billingPath(providerId, `/invoices/${encodeURIComponent(invoiceId)}`),
    headers: { Accept: 'text/csv' },
    schema: z.string(),
  });
}
