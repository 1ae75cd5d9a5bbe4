/**
 * 003: provider billing records (consolidated billing). The sandbox has no payment processor: what
 * Stripe would hold for a provider (customer, subscription, payment method, invoices) is kept here as
 * plain rows, with the same numbers the official server keeps in `ProviderPlan` and
 * `ProviderInvoiceItem`. Amounts are integer cents.
 */
export const sql = `
-- ProviderPlan: one row per plan the provider may sell (MSP: Teams Monthly and Enterprise Monthly)
CREATE TABLE provider_plans (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  plan_type INTEGER NOT NULL,
  seat_minimum INTEGER,
  purchased_seats INTEGER,
  allocated_seats INTEGER,
  UNIQUE (provider_id, plan_type)
);

-- the provider's billing customer and subscription (what Stripe would hold)
CREATE TABLE provider_subscriptions (
  provider_id TEXT PRIMARY KEY REFERENCES providers(id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  status TEXT NOT NULL,
  collection_method TEXT NOT NULL,
  trial_end TEXT,
  period_start TEXT NOT NULL,
  -- payment method placeholder: PaymentMethodType number and a display description, or nulls
  payment_method_type INTEGER,
  payment_description TEXT,
  country TEXT,
  postal_code TEXT,
  line1 TEXT,
  line2 TEXT,
  city TEXT,
  state TEXT,
  tax_id_type TEXT,
  tax_id_value TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);

CREATE TABLE provider_invoices (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  number TEXT NOT NULL,
  date TEXT NOT NULL,
  due_date TEXT,
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL
);
CREATE INDEX provider_invoices_provider ON provider_invoices(provider_id, date);

-- ProviderInvoiceItem: one line per client (and per plan for unassigned minimum seats)
CREATE TABLE provider_invoice_items (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  invoice_id TEXT NOT NULL REFERENCES provider_invoices(id) ON DELETE CASCADE,
  invoice_number TEXT,
  client_id TEXT,
  client_name TEXT NOT NULL,
  plan_name TEXT NOT NULL,
  assigned_seats INTEGER NOT NULL,
  used_seats INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created TEXT NOT NULL
);
CREATE INDEX provider_invoice_items_invoice ON provider_invoice_items(invoice_id, position);

CREATE INDEX provider_users_provider ON provider_users(provider_id, status);
CREATE INDEX events_provider_acting ON events(provider_id, acting_user_id, date);
`;
