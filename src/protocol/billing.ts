/**
 * Provider billing (`/providers/{pid}/billing/*`, consolidated billing). These responses are plain
 * records: no `object` field, camelCase, amounts in dollars (decimals).
 */
import { z } from 'zod';

/** `PaymentMethodType` (Bit.Core.Enums). */
export const PaymentMethodType = {
  Card: 0,
  BankAccount: 1,
  PayPal: 2,
  BitPay: 3,
  Credit: 4,
  WireTransfer: 5,
  Check: 8,
  None: 255,
} as const;
export type PaymentMethodType = (typeof PaymentMethodType)[keyof typeof PaymentMethodType];

/** Subscription `collectionMethod` values (Stripe's). */
export const CollectionMethod = {
  ChargeAutomatically: 'charge_automatically',
  SendInvoice: 'send_invoice',
} as const;

/** One configured plan of the provider: seat minimum, seats bought above it, seats assigned to clients. */
export const providerPlanResponseSchema = z.object({
  planName: z.string(),
  type: z.int(),
  productTier: z.int(),
  seatMinimum: z.int(),
  purchasedSeats: z.int(),
  assignedSeats: z.int(),
  /** (seatMinimum + purchasedSeats) × the provider seat price, per cadence. */
  cost: z.number(),
  cadence: z.enum(['Monthly', 'Annual']),
});
export type ProviderPlanResponse = z.infer<typeof providerPlanResponseSchema>;

export const taxInformationSchema = z.object({
  country: z.string().nullable(),
  postalCode: z.string().nullable(),
  taxId: z.string().nullable(),
  taxIdType: z.string().nullable(),
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
});
export type TaxInformation = z.infer<typeof taxInformationSchema>;

export const subscriptionSuspensionSchema = z.object({
  suspensionDate: z.string(),
  unpaidPeriodEndDate: z.string(),
  gracePeriod: z.int(),
});

export const paymentSourceSchema = z.object({
  type: z.int(),
  description: z.string(),
  needsVerification: z.boolean(),
});
export type PaymentSource = z.infer<typeof paymentSourceSchema>;

/** `ProviderSubscriptionResponse` (`GET /providers/{pid}/billing/subscription`). */
export const providerSubscriptionResponseSchema = z.object({
  status: z.string(),
  currentPeriodEndDate: z.string().nullable(),
  discountPercentage: z.number().nullable(),
  collectionMethod: z.string(),
  plans: z.array(providerPlanResponseSchema),
  accountCredit: z.number(),
  taxInformation: taxInformationSchema.nullable(),
  cancelAt: z.string().nullable(),
  suspension: subscriptionSuspensionSchema.nullable(),
  providerType: z.int(),
  paymentSource: paymentSourceSchema.nullable(),
});
export type ProviderSubscriptionResponse = z.infer<typeof providerSubscriptionResponseSchema>;

/** `InvoiceResponse`: only open, paid and uncollectible invoices are listed, newest first. */
export const invoiceResponseSchema = z.object({
  id: z.string(),
  date: z.string(),
  number: z.string(),
  /** Dollars. */
  total: z.number(),
  status: z.string(),
  dueDate: z.string().nullable(),
  url: z.string().nullable(),
});
export type InvoiceResponse = z.infer<typeof invoiceResponseSchema>;

/** `InvoicesResponse` (`GET /providers/{pid}/billing/invoices`). */
export const invoicesResponseSchema = z.object({ invoices: z.array(invoiceResponseSchema) });
export type InvoicesResponse = z.infer<typeof invoicesResponseSchema>;

/** Columns of the client invoice report (`GET /providers/{pid}/billing/invoices/{invoiceId}`, `text/csv`). */
export const INVOICE_REPORT_COLUMNS = ['Client', 'Id', 'Assigned', 'Used', 'Remaining', 'Plan', 'Estimated total'] as const;

/** `ProviderWarnings` (`GET /providers/{pid}/billing/vnext/warnings`). */
export const providerWarningsResponseSchema = z.object({
  suspension: z.object({ resolution: z.string(), subscriptionCancelsAt: z.string().nullable() }).nullish(),
  taxId: z.object({ type: z.string() }).nullish(),
});
export type ProviderWarningsResponse = z.infer<typeof providerWarningsResponseSchema>;
