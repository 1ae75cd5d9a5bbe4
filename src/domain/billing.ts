/**
 * Provider billing, read-only (admin-api.md §2.7): the subscription with its plans (seat minimum,
 * purchased and assigned seats) and the invoice list. bwmsp never changes billing.
 */
import {
  getProviderInvoiceCsv,
  getProviderSubscription,
  listProviderInvoices,
  type ProviderInvoice,
  type ProviderPlan,
  type ProviderSubscription,
} from '../api/endpoints/provider-billing.js';
import { adminRefusal, type ProviderContext } from './provider.js';

export interface PlanView {
  plan: string;
  planType: number | null;
  cadence: string | null;
  seatMinimum: number | null;
  purchasedSeats: number | null;
  assignedSeats: number | null;
  /** Seats bought beyond the minimum (purchased − minimum), when both are known. */
  additionalSeats: number | null;
  cost: number | null;
}

export interface SubscriptionView {
  status: string | null;
  currentPeriodEnd: string | null;
  discountPercentage: number | null;
  collectionMethod: string | null;
  accountCredit: number | null;
  cancelAt: string | null;
  plans: PlanView[];
}

export interface InvoiceView {
  id: string;
  number: string | null;
  date: string | null;
  dueDate: string | null;
  total: number | null;
  status: string | null;
  url: string | null;
}

export function planView(p: ProviderPlan): PlanView {
  const minimum = p.seatMinimum ?? null;
  const purchased = p.purchasedSeats ?? null;
  return {
    plan: p.planName ?? (p.type != null ? `Plan ${p.type}` : 'Unknown plan'),
    planType: p.type ?? null,
    cadence: p.cadence ?? null,
    seatMinimum: minimum,
    purchasedSeats: purchased,
    assignedSeats: p.assignedSeats ?? null,
    additionalSeats: minimum !== null && purchased !== null ? Math.max(0, purchased - minimum) : null,
    cost: p.cost ?? null,
  };
}

export function subscriptionView(s: ProviderSubscription): SubscriptionView {
  return {
    status: s.status ?? null,
    currentPeriodEnd: s.currentPeriodEndDate ?? null,
    discountPercentage: s.discountPercentage ?? null,
    collectionMethod: s.collectionMethod ?? null,
    accountCredit: s.accountCredit ?? null,
    cancelAt: s.cancelAt ?? null,
    plans: (s.plans ?? []).map(planView),
  };
}

export function invoiceView(i: ProviderInvoice): InvoiceView {
  return { id: i.id, number: i.number ?? null, date: i.date ?? null, dueDate: i.dueDate ?? null, total: i.total ?? null, status: i.status ?? null, url: i.url ?? null };
}

export async function subscription(ctx: ProviderContext): Promise<SubscriptionView> {
  try {
    return subscriptionView(await getProviderSubscription(ctx.api, ctx.providerId));
  } catch (error) {
    throw adminRefusal(error, ctx, 'reading the provider subscription');
  }
}

export async function invoices(ctx: ProviderContext): Promise<InvoiceView[]> {
  try {
    return (await listProviderInvoices(ctx.api, ctx.providerId)).map(invoiceView);
  } catch (error) {
    throw adminRefusal(error, ctx, 'reading provider invoices');
  }
}

/** One invoice's client breakdown, as the server's CSV. */
export async function invoiceCsv(ctx: ProviderContext, invoiceId: string): Promise<string> {
  try {
    return await getProviderInvoiceCsv(ctx.api, ctx.providerId, invoiceId);
  } catch (error) {
    throw adminRefusal(error, ctx, 'reading provider invoices');
  }
}
