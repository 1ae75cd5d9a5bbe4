/**
 * Provider billing records (`provider_plans`, `provider_subscriptions`, `provider_invoices`,
 * `provider_invoice_items`): what the official server keeps in ProviderPlan / ProviderInvoiceItem
 * plus what it would read from Stripe. Amounts are integer cents.
 */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, int, intOrNull, str, strOrNull, type Row } from './rows.js';

export interface ProviderPlanRecord {
  id: string;
  providerId: string;
  planType: number;
  seatMinimum: number | null;
  purchasedSeats: number | null;
  allocatedSeats: number | null;
}

export interface ProviderSubscriptionRecord {
  providerId: string;
  customerId: string;
  subscriptionId: string;
  /** Stripe subscription status: `trialing`, `active`, ... */
  status: string;
  /** `charge_automatically` or `send_invoice`. */
  collectionMethod: string;
  trialEnd: string | null;
  /** Start of the first billing period (billing cycle anchor). */
  periodStart: string;
  paymentMethodType: number | null;
  paymentDescription: string | null;
  country: string | null;
  postalCode: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  taxIdType: string | null;
  taxIdValue: string | null;
  creationDate: string;
  revisionDate: string;
}

export interface ProviderInvoiceRecord {
  id: string;
  providerId: string;
  number: string;
  date: string;
  dueDate: string | null;
  totalCents: number;
  /** `open`, `paid`, `uncollectible`, `draft`, `void`. */
  status: string;
  periodStart: string;
  periodEnd: string;
}

export interface ProviderInvoiceItemRecord {
  id: string;
  providerId: string;
  invoiceId: string;
  invoiceNumber: string | null;
  /** Client organization id; null for the "Unassigned seats" line. */
  clientId: string | null;
  clientName: string;
  planName: string;
  assignedSeats: number;
  usedSeats: number;
  totalCents: number;
  position: number;
  created: string;
}

export type ProviderPlanPatch = Partial<Pick<ProviderPlanRecord, 'seatMinimum' | 'purchasedSeats' | 'allocatedSeats'>>;

export interface BillingRepository {
  insertPlan(plan: ProviderPlanRecord): void;
  listPlans(providerId: string): ProviderPlanRecord[];
  updatePlan(id: string, patch: ProviderPlanPatch): void;
  insertSubscription(subscription: ProviderSubscriptionRecord): void;
  findSubscription(providerId: string): ProviderSubscriptionRecord | undefined;
  /** Stores an invoice with its lines (one transaction is the caller's business). */
  insertInvoice(invoice: ProviderInvoiceRecord, items: readonly ProviderInvoiceItemRecord[]): void;
  /** Newest first. */
  listInvoices(providerId: string): ProviderInvoiceRecord[];
  listInvoiceItems(providerId: string, invoiceId: string): ProviderInvoiceItemRecord[];
}

function toPlan(row: Row): ProviderPlanRecord {
  return {
    id: str(row, 'id'),
    providerId: str(row, 'provider_id'),
    planType: int(row, 'plan_type'),
    seatMinimum: intOrNull(row, 'seat_minimum'),
    purchasedSeats: intOrNull(row, 'purchased_seats'),
    allocatedSeats: intOrNull(row, 'allocated_seats'),
  };
}

function toSubscription(row: Row): ProviderSubscriptionRecord {
  return {
    providerId: str(row, 'provider_id'),
    customerId: str(row, 'customer_id'),
    subscriptionId: str(row, 'subscription_id'),
    status: str(row, 'status'),
    collectionMethod: str(row, 'collection_method'),
    trialEnd: strOrNull(row, 'trial_end'),
    periodStart: str(row, 'period_start'),
    paymentMethodType: intOrNull(row, 'payment_method_type'),
    paymentDescription: strOrNull(row, 'payment_description'),
    country: strOrNull(row, 'country'),
    postalCode: strOrNull(row, 'postal_code'),
    line1: strOrNull(row, 'line1'),
    line2: strOrNull(row, 'line2'),
    city: strOrNull(row, 'city'),
    state: strOrNull(row, 'state'),
    taxIdType: strOrNull(row, 'tax_id_type'),
    taxIdValue: strOrNull(row, 'tax_id_value'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
  };
}

function toInvoice(row: Row): ProviderInvoiceRecord {
  return {
    id: str(row, 'id'),
    providerId: str(row, 'provider_id'),
    number: str(row, 'number'),
    date: str(row, 'date'),
    dueDate: strOrNull(row, 'due_date'),
    totalCents: int(row, 'total_cents'),
    status: str(row, 'status'),
    periodStart: str(row, 'period_start'),
    periodEnd: str(row, 'period_end'),
  };
}

function toInvoiceItem(row: Row): ProviderInvoiceItemRecord {
  return {
    id: str(row, 'id'),
    providerId: str(row, 'provider_id'),
    invoiceId: str(row, 'invoice_id'),
    invoiceNumber: strOrNull(row, 'invoice_number'),
    clientId: strOrNull(row, 'client_id'),
    clientName: str(row, 'client_name'),
    planName: str(row, 'plan_name'),
    assignedSeats: int(row, 'assigned_seats'),
    usedSeats: int(row, 'used_seats'),
    totalCents: int(row, 'total_cents'),
    position: int(row, 'position'),
    created: str(row, 'created'),
  };
}

export function createBillingRepository(db: Database): BillingRepository {
  const insertPlanStmt = db.prepare(`
    INSERT INTO provider_plans (id, provider_id, plan_type, seat_minimum, purchased_seats, allocated_seats)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const plansStmt = db.prepare('SELECT * FROM provider_plans WHERE provider_id = ? ORDER BY plan_type');
  const insertSubscriptionStmt = db.prepare(`
    INSERT INTO provider_subscriptions (provider_id, customer_id, subscription_id, status, collection_method,
      trial_end, period_start, payment_method_type, payment_description, country, postal_code, line1, line2, city,
      state, tax_id_type, tax_id_value, creation_date, revision_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const subscriptionStmt = db.prepare('SELECT * FROM provider_subscriptions WHERE provider_id = ?');
  const insertInvoiceStmt = db.prepare(`
    INSERT INTO provider_invoices (id, provider_id, number, date, due_date, total_cents, status, period_start,
      period_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertItemStmt = db.prepare(`
    INSERT INTO provider_invoice_items (id, provider_id, invoice_id, invoice_number, client_id, client_name,
      plan_name, assigned_seats, used_seats, total_cents, position, created)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const invoicesStmt = db.prepare('SELECT * FROM provider_invoices WHERE provider_id = ? ORDER BY date DESC, number DESC');
  const itemsStmt = db.prepare(
    'SELECT * FROM provider_invoice_items WHERE provider_id = ? AND invoice_id = ? ORDER BY position',
  );

  return {
    insertPlan(plan) {
      insertPlanStmt.run(plan.id, plan.providerId, plan.planType, plan.seatMinimum, plan.purchasedSeats, plan.allocatedSeats);
    },
    listPlans(providerId) {
      return asRows(plansStmt.all(providerId.toLowerCase())).map(toPlan);
    },
    updatePlan(id, patch) {
      const columns: Record<keyof ProviderPlanPatch, string> = {
        seatMinimum: 'seat_minimum',
        purchasedSeats: 'purchased_seats',
        allocatedSeats: 'allocated_seats',
      };
      const sets: string[] = [];
      const values: (number | null)[] = [];
      for (const [field, column] of Object.entries(columns) as [keyof ProviderPlanPatch, string][]) {
        const value = patch[field];
        if (value === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(value);
      }
      if (sets.length === 0) return;
      db.prepare(`UPDATE provider_plans SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    },
    insertSubscription(s) {
      insertSubscriptionStmt.run(
        s.providerId,
        s.customerId,
        s.subscriptionId,
        s.status,
        s.collectionMethod,
        s.trialEnd,
        s.periodStart,
        s.paymentMethodType,
        s.paymentDescription,
        s.country,
        s.postalCode,
        s.line1,
        s.line2,
        s.city,
        s.state,
        s.taxIdType,
        s.taxIdValue,
        s.creationDate,
        s.revisionDate,
      );
    },
    findSubscription(providerId) {
      const row = asRow(subscriptionStmt.get(providerId.toLowerCase()));
      return row === undefined ? undefined : toSubscription(row);
    },
    insertInvoice(invoice, items) {
      insertInvoiceStmt.run(
        invoice.id,
        invoice.providerId,
        invoice.number,
        invoice.date,
        invoice.dueDate,
        invoice.totalCents,
        invoice.status,
        invoice.periodStart,
        invoice.periodEnd,
      );
      for (const item of items) {
        insertItemStmt.run(
          item.id,
          item.providerId,
          item.invoiceId,
          item.invoiceNumber,
          item.clientId,
          item.clientName,
          item.planName,
          item.assignedSeats,
          item.usedSeats,
          item.totalCents,
          item.position,
          item.created,
        );
      }
    },
    listInvoices(providerId) {
      return asRows(invoicesStmt.all(providerId.toLowerCase())).map(toInvoice);
    },
    listInvoiceItems(providerId, invoiceId) {
      return asRows(itemsStmt.all(providerId.toLowerCase(), invoiceId)).map(toInvoiceItem);
    },
  };
}
