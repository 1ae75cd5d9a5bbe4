/**
 * Consolidated billing for providers, without a payment processor (admin-api.md §2, §2.7).
 *
 * The official server keeps per plan a seat minimum (set by Bitwarden staff), the seats purchased
 * above it and the seats assigned to clients (`ProviderPlan`), and asks Stripe for the rest. The
 * sandbox keeps the same numbers and applies the same rules (bitwarden/server
 * `ProviderBillingService.ScaleSeats` / `SeatAdjustmentResultsInPurchase`: a seat increase beyond the
 * minimum is a purchase), and stands in for Stripe with plain records: a customer and subscription
 * created at provider setup (14-day trial for an MSP with a payment method, else invoiced with 30 days
 * to pay), and one invoice per billing period, issued when a billing read finds the period started,
 * with one line per managed client (and per plan for unassigned minimum seats), as the official
 * billing webhook records them (`ProviderEventService.TryRecordInvoiceLineItems`).
 */
import { randomUUID } from 'node:crypto';
import {
  CollectionMethod,
  INVOICE_REPORT_COLUMNS,
  PaymentMethodType,
  type InvoicesResponse,
  type PaymentSource,
  type ProviderSubscriptionResponse,
  type TaxInformation,
} from '../../protocol/billing.js';
import { OrganizationStatusType, PlanType } from '../../protocol/organization.js';
import {
  ProviderStatusType,
  ProviderType,
  type BillingAddress,
  type TokenizedPaymentMethod,
} from '../../protocol/provider.js';
import { secureRandomString } from '../auth/random.js';
import type { SandboxContext } from '../context.js';
import { ApiError } from '../errors.js';
import type {
  ProviderInvoiceItemRecord,
  ProviderInvoiceRecord,
  ProviderPlanRecord,
  ProviderSubscriptionRecord,
} from '../repositories/billing.js';
import type { ProviderRecord } from '../repositories/providers.js';
import type { SandboxStore } from '../store.js';
import { findPlan } from './plans.js';

/** Seat minimums the sandbox's "staff" give a new MSP when none are named. */
export const DEFAULT_SEAT_MINIMUMS = { teams: 50, enterprise: 50 } as const;

/** Provider-portal seat prices in cents per seat and billing period (official static plan store). */
const PROVIDER_SEAT_PRICE_CENTS: Partial<Record<number, number>> = {
  [PlanType.TeamsMonthly]: 400,
  [PlanType.TeamsAnnually]: 4800,
  [PlanType.EnterpriseMonthly]: 600,
  [PlanType.EnterpriseAnnually]: 7200,
};

/** What the official server answers when billing data is missing or inconsistent. */
const BILLING_ERROR = 'Something went wrong with your request. Please contact support for assistance.';

const TRIAL_DAYS: Partial<Record<number, number>> = { [ProviderType.Msp]: 14, [ProviderType.BusinessUnit]: 4 };
const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_UNTIL_DUE = 30;

export function planName(planType: number): string {
  return findPlan(planType)?.name ?? `PlanType ${planType}`;
}

function planIsAnnual(planType: number): boolean {
  return findPlan(planType)?.isAnnual ?? false;
}

function seatPriceCents(planType: number): number {
  return PROVIDER_SEAT_PRICE_CENTS[planType] ?? 0;
}

/** The provider's plans as the staff configured them (`ProviderPlan` rows). */
export function createProviderPlans(
  store: SandboxStore,
  providerId: string,
  plans: readonly { planType: number; seatMinimum: number }[],
): void {
  for (const plan of plans) {
    store.billing.insertPlan({
      id: randomUUID(),
      providerId,
      planType: plan.planType,
      seatMinimum: plan.seatMinimum,
      purchasedSeats: 0,
      allocatedSeats: 0,
    });
  }
}

/** MSP / Business Unit providers in status Billable use consolidated billing (`IsBillable`). */
export function isBillable(provider: ProviderRecord): boolean {
  return (
    provider.status === ProviderStatusType.Billable &&
    (provider.type === ProviderType.Msp || provider.type === ProviderType.BusinessUnit)
  );
}

export function addMonths(date: Date, months: number): Date {
  const out = new Date(date.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, lastDay));
  return out;
}

function cardDescription(token: string, now: Date): string {
  const digits = token.replace(/\D/g, '');
  const last4 = digits.length >= 4 ? digits.slice(-4) : '4242';
  return `VISA, *${last4}, 12/${now.getUTCFullYear() + 3}`;
}

function paymentPlaceholder(
  method: TokenizedPaymentMethod | null | undefined,
  provider: ProviderRecord,
  now: Date,
): { type: number; description: string } | null {
  if (method === null || method === undefined) return null;
  switch (method.type) {
    case 'card':
      return { type: PaymentMethodType.Card, description: cardDescription(method.token, now) };
    case 'bankAccount':
      return { type: PaymentMethodType.BankAccount, description: 'Sandbox Bank, *6789' };
    case 'payPal':
      return { type: PaymentMethodType.PayPal, description: provider.billingEmail ?? 'paypal@sandbox.invalid' };
  }
}

/**
 * The billing customer and subscription of a provider completing setup, and its first invoice. With a
 * payment method an MSP starts a 14-day trial and is charged automatically; without one (the sandbox
 * allows that) it is invoiced with 30 days to pay.
 */
export function startSubscription(
  ctx: SandboxContext,
  provider: ProviderRecord,
  paymentMethod: TokenizedPaymentMethod | null | undefined,
  billingAddress: BillingAddress | null | undefined,
): void {
  const now = ctx.clock.now();
  if (ctx.store.billing.findSubscription(provider.id) !== undefined) return;
  if (ctx.store.billing.listPlans(provider.id).length === 0 && provider.type === ProviderType.Msp) {
    createProviderPlans(ctx.store, provider.id, [
      { planType: PlanType.TeamsMonthly, seatMinimum: DEFAULT_SEAT_MINIMUMS.teams },
      { planType: PlanType.EnterpriseMonthly, seatMinimum: DEFAULT_SEAT_MINIMUMS.enterprise },
    ]);
  }
  const payment = paymentPlaceholder(paymentMethod, provider, now);
  const trialDays = payment === null ? undefined : TRIAL_DAYS[provider.type];
  const iso = now.toISOString();
  const subscription: ProviderSubscriptionRecord = {
    providerId: provider.id,
    customerId: `cus_${secureRandomString(14)}`,
    subscriptionId: `sub_${secureRandomString(24)}`,
    status: trialDays === undefined ? 'active' : 'trialing',
    collectionMethod: payment === null ? CollectionMethod.SendInvoice : CollectionMethod.ChargeAutomatically,
    trialEnd: trialDays === undefined ? null : new Date(now.getTime() + trialDays * DAY_MS).toISOString(),
    periodStart: iso,
    paymentMethodType: payment?.type ?? null,
    paymentDescription: payment?.description ?? null,
    country: billingAddress?.country ?? null,
    postalCode: billingAddress?.postalCode ?? null,
    line1: billingAddress?.line1 ?? null,
    line2: billingAddress?.line2 ?? null,
    city: billingAddress?.city ?? null,
    state: billingAddress?.state ?? null,
    taxIdType: billingAddress?.taxId?.code ?? null,
    taxIdValue: billingAddress?.taxId?.value ?? null,
    creationDate: iso,
    revisionDate: iso,
  };
  ctx.store.billing.insertSubscription(subscription);
  issueDueInvoices(ctx, provider);
}

/**
 * For a Billable provider whose billing records are missing (e.g. one written straight into the
 * store by a test seed), creates them as setup would without a payment method, so consolidated
 * billing routes work; the official server answers such a provider with a 500.
 */
export function ensureBillingConfigured(ctx: SandboxContext, provider: ProviderRecord): void {
  if (!isBillable(provider) || ctx.store.billing.findSubscription(provider.id) !== undefined) return;
  ctx.store.transaction(() => startSubscription(ctx, provider, null, null));
}

/** Seats assigned to the provider's Managed clients on this plan (`GetAssignedSeatTotalAsync`). */
export function assignedSeatTotal(store: SandboxStore, providerId: string, planType: number): number {
  const name = planName(planType);
  return store.providerOrganizations
    .listDetails(providerId)
    .filter((client) => client.plan === name && client.organizationStatus === OrganizationStatusType.Managed)
    .reduce((sum, client) => sum + (client.seats ?? 0), 0);
}

function providerPlan(store: SandboxStore, providerId: string, planType: number): ProviderPlanRecord {
  const plan = store.billing.listPlans(providerId).find((p) => p.planType === planType);
  if (plan === undefined || plan.seatMinimum === null || plan.purchasedSeats === null || plan.allocatedSeats === null) {
    // the official BillingException ("Provider plan is missing or misconfigured")
    throw new ApiError(500, BILLING_ERROR);
  }
  return plan;
}

/** True when assigning `seatAdjustment` more seats on this plan buys seats beyond the minimum. */
export function seatAdjustmentResultsInPurchase(
  store: SandboxStore,
  providerId: string,
  planType: number,
  seatAdjustment: number,
): boolean {
  const plan = providerPlan(store, providerId, planType);
  const minimum = plan.seatMinimum ?? 0;
  const current = assignedSeatTotal(store, providerId, planType);
  const next = current + seatAdjustment;
  return (current <= minimum && next > minimum) || (current > minimum && next > minimum && next > current);
}

/**
 * Records a change of assigned seats on a plan: the allocated seats follow the clients, and seats
 * above the minimum are purchased (the subscription quantity never goes below the minimum).
 */
export function scaleSeats(store: SandboxStore, providerId: string, planType: number, seatAdjustment: number): void {
  const plan = providerPlan(store, providerId, planType);
  const minimum = plan.seatMinimum ?? 0;
  const next = assignedSeatTotal(store, providerId, planType) + seatAdjustment;
  store.billing.updatePlan(plan.id, { allocatedSeats: next, purchasedSeats: Math.max(0, next - minimum) });
}

export interface Period {
  start: Date;
  end: Date;
}

/** Billing periods started at or before `now`: the first runs to the trial end (or one cadence). */
function startedPeriods(
  subscription: Pick<ProviderSubscriptionRecord, 'periodStart' | 'trialEnd'>,
  annual: boolean,
  now: Date,
): Period[] {
  const months = annual ? 12 : 1;
  const setup = new Date(subscription.periodStart);
  const firstEnd = subscription.trialEnd === null ? addMonths(setup, months) : new Date(subscription.trialEnd);
  const periods: Period[] = [{ start: setup, end: firstEnd }];
  let k = 0;
  while (true) {
    const start = addMonths(firstEnd, k * months);
    if (start.getTime() > now.getTime() || periods.length > 600) break;
    periods.push({ start, end: addMonths(firstEnd, (k + 1) * months) });
    k += 1;
  }
  return periods;
}

/** The billing period running at `now` (the latest one started); licensing reads its end. */
export function currentBillingPeriod(
  subscription: Pick<ProviderSubscriptionRecord, 'periodStart' | 'trialEnd'>,
  annual: boolean,
  now: Date,
): Period {
  const periods = startedPeriods(subscription, annual, now);
  return periods[periods.length - 1] ?? { start: new Date(subscription.periodStart), end: new Date(subscription.periodStart) };
}

/** A provider's subscription is annual when all its plans are. */
export function providerBillsAnnually(store: SandboxStore, providerId: string): boolean {
  return subscriptionIsAnnual(store.billing.listPlans(providerId));
}

function subscriptionIsAnnual(plans: readonly ProviderPlanRecord[]): boolean {
  return plans.length > 0 && plans.every((plan) => planIsAnnual(plan.planType));
}

/** Invoice lines as the official webhook records them: managed clients, then unassigned minimum seats. */
function invoiceLines(
  store: SandboxStore,
  provider: ProviderRecord,
  invoice: { id: string; number: string },
  created: string,
): ProviderInvoiceItemRecord[] {
  const lines: ProviderInvoiceItemRecord[] = [];
  const clients = store.providerOrganizations
    .listDetails(provider.id)
    .filter((client) => client.organizationStatus === OrganizationStatusType.Managed);
  for (const client of clients) {
    const seats = client.seats ?? 0;
    lines.push({
      id: randomUUID(),
      providerId: provider.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      clientId: client.organizationId,
      clientName: client.organizationName,
      planName: client.plan,
      assignedSeats: seats,
      usedSeats: client.occupiedSeats,
      totalCents: seats * seatPriceCents(client.planType),
      position: lines.length,
      created,
    });
  }
  for (const plan of store.billing.listPlans(provider.id)) {
    if (plan.purchasedSeats !== null && plan.purchasedSeats !== 0) continue;
    const name = planName(plan.planType);
    const clientSeats = lines.filter((line) => line.planName === name).reduce((sum, line) => sum + line.assignedSeats, 0);
    const unassigned = (plan.seatMinimum ?? 0) - clientSeats;
    lines.push({
      id: randomUUID(),
      providerId: provider.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      clientId: null,
      clientName: 'Unassigned seats',
      planName: name,
      assignedSeats: unassigned,
      usedSeats: 0,
      totalCents: unassigned * seatPriceCents(plan.planType),
      position: lines.length,
      created,
    });
  }
  return lines;
}

/** Issues the invoices of every billing period that has started and has none yet. */
export function issueDueInvoices(ctx: SandboxContext, provider: ProviderRecord): void {
  const subscription = ctx.store.billing.findSubscription(provider.id);
  if (subscription === undefined) return;
  const now = ctx.clock.now();
  const plans = ctx.store.billing.listPlans(provider.id);
  const periods = startedPeriods(subscription, subscriptionIsAnnual(plans), now);
  const existing = ctx.store.billing.listInvoices(provider.id);
  const issued = new Set(existing.map((invoice) => invoice.periodStart));
  const prefix = subscription.customerId.slice(4, 12).toUpperCase();
  let sequence = existing.length;
  ctx.store.transaction(() => {
    for (const period of periods) {
      const periodStart = period.start.toISOString();
      if (issued.has(periodStart)) continue;
      sequence += 1;
      const inTrial = subscription.trialEnd !== null && period.start.getTime() < new Date(subscription.trialEnd).getTime();
      const id = `in_${secureRandomString(24)}`;
      const number = `${prefix}-${String(sequence).padStart(4, '0')}`;
      const lines = invoiceLines(ctx.store, provider, { id, number }, now.toISOString());
      const sendInvoice = subscription.collectionMethod === CollectionMethod.SendInvoice;
      const invoice: ProviderInvoiceRecord = {
        id,
        providerId: provider.id,
        number,
        date: periodStart,
        dueDate: sendInvoice ? new Date(period.start.getTime() + DAYS_UNTIL_DUE * DAY_MS).toISOString() : null,
        totalCents: inTrial ? 0 : lines.reduce((sum, line) => sum + line.totalCents, 0),
        // charged automatically: paid at once; sent invoices stay open (nobody pays a sandbox)
        status: sendInvoice && !inTrial ? 'open' : 'paid',
        periodStart,
        periodEnd: period.end.toISOString(),
      };
      ctx.store.billing.insertInvoice(invoice, lines);
    }
  });
}

function dollars(cents: number): number {
  return Math.round(cents) / 100;
}

function taxInformation(subscription: ProviderSubscriptionRecord): TaxInformation | null {
  if (subscription.country === null) return null;
  return {
    country: subscription.country,
    postalCode: subscription.postalCode,
    taxId: subscription.taxIdValue,
    taxIdType: subscription.taxIdType,
    line1: subscription.line1,
    line2: subscription.line2,
    city: subscription.city,
    state: subscription.state,
  };
}

function paymentSource(subscription: ProviderSubscriptionRecord): PaymentSource | null {
  if (subscription.paymentMethodType === null || subscription.paymentDescription === null) return null;
  return { type: subscription.paymentMethodType, description: subscription.paymentDescription, needsVerification: false };
}

/** `ProviderSubscriptionResponse`. */
export function subscriptionModel(ctx: SandboxContext, provider: ProviderRecord): ProviderSubscriptionResponse {
  const subscription = ctx.store.billing.findSubscription(provider.id);
  if (subscription === undefined) throw new ApiError(500, BILLING_ERROR);
  issueDueInvoices(ctx, provider);
  const now = ctx.clock.now();
  const plans = ctx.store.billing.listPlans(provider.id);
  const periods = startedPeriods(subscription, subscriptionIsAnnual(plans), now);
  const current = periods.at(-1);
  const trialing = subscription.trialEnd !== null && now.getTime() < new Date(subscription.trialEnd).getTime();
  return {
    status: trialing ? 'trialing' : 'active',
    currentPeriodEndDate: current?.end.toISOString() ?? null,
    discountPercentage: null,
    collectionMethod: subscription.collectionMethod,
    plans: plans
      .filter((plan) => plan.seatMinimum !== null && plan.purchasedSeats !== null && plan.allocatedSeats !== null)
      .map((plan) => {
        const info = findPlan(plan.planType);
        const minimum = plan.seatMinimum ?? 0;
        const purchased = plan.purchasedSeats ?? 0;
        return {
          planName: planName(plan.planType),
          type: plan.planType,
          productTier: info?.productTier ?? 0,
          seatMinimum: minimum,
          purchasedSeats: purchased,
          assignedSeats: plan.allocatedSeats ?? 0,
          cost: dollars((minimum + purchased) * seatPriceCents(plan.planType)),
          cadence: info?.isAnnual === true ? ('Annual' as const) : ('Monthly' as const),
        };
      }),
    accountCredit: 0,
    taxInformation: taxInformation(subscription),
    cancelAt: null,
    suspension: null,
    providerType: provider.type,
    paymentSource: paymentSource(subscription),
  };
}

/** `InvoicesResponse`: open, paid and uncollectible invoices, newest first. */
export function invoicesModel(ctx: SandboxContext, provider: ProviderRecord): InvoicesResponse {
  issueDueInvoices(ctx, provider);
  return {
    invoices: ctx.store.billing
      .listInvoices(provider.id)
      .filter((invoice) => invoice.status === 'open' || invoice.status === 'paid' || invoice.status === 'uncollectible')
      .map((invoice) => ({
        id: invoice.id,
        date: invoice.date,
        number: invoice.number,
        total: dollars(invoice.totalCents),
        status: invoice.status,
        dueDate: invoice.dueDate,
        url: null,
      })),
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** "$1,234.50" (en-US currency, as the official report formats the estimated total). */
function usd(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** The client invoice report (CSV, CRLF line ends), or undefined when the invoice has no lines. */
export function invoiceReportCsv(ctx: SandboxContext, providerId: string, invoiceId: string): string | undefined {
  const items = ctx.store.billing.listInvoiceItems(providerId, invoiceId);
  if (items.length === 0) return undefined;
  const rows = [
    INVOICE_REPORT_COLUMNS.join(','),
    ...items.map((item) =>
      [
        item.clientName,
        item.clientId ?? '',
        String(item.assignedSeats),
        String(item.usedSeats),
        String(item.assignedSeats - item.usedSeats),
        item.planName,
        usd(item.totalCents),
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return rows.join('\r\n') + '\r\n';
}
