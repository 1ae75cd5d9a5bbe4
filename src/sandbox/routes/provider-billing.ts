/**
 * Provider billing (admin-api.md §2.7): subscription (provider users), invoices and the client
 * invoice report as CSV (provider admins), and the billing warnings. Refusals follow the official
 * billing controllers: 404 "Resource not found." without a provider, 401 "Unauthorized." for a caller
 * without the role or a provider that is not billable. No payment processor: see services/billing.ts.
 */
import { Hono, type Context } from 'hono';
import type { ProviderWarningsResponse } from '../../protocol/billing.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ApiError, NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import type { ProviderRecord } from '../repositories/providers.js';
import {
  ensureBillingConfigured,
  invoiceReportCsv,
  invoicesModel,
  isBillable,
  subscriptionModel,
} from '../services/billing.js';
import { isProviderAdmin, isProviderUser } from '../services/provider-authz.js';
import { param, PROVIDER_PATH } from '../services/provider-lookup.js';

const BILLING = `${PROVIDER_PATH}/billing`;
const UNAUTHORIZED = 'Unauthorized.';

export function providerBillingRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  /** `TryGetBillableProviderForAdminOperation` / `...ForServiceUserOperation`. */
  function billable(c: Context<SandboxEnv>, role: 'admin' | 'user'): ProviderRecord {
    const providerId = param(c, 'providerId');
    const provider = ctx.store.providers.findById(providerId);
    if (provider === undefined) throw new NotFoundError();
    const allowed = role === 'admin' ? isProviderAdmin(ctx, c, providerId) : isProviderUser(ctx, c, providerId);
    if (!allowed || !isBillable(provider)) throw new ApiError(401, UNAUTHORIZED);
    ensureBillingConfigured(ctx, provider);
    return provider;
  }

  app.get(`${BILLING}/subscription`, auth, (c) => c.json(subscriptionModel(ctx, billable(c, 'user'))));

  app.get(`${BILLING}/invoices`, auth, (c) => c.json(invoicesModel(ctx, billable(c, 'admin'))));

  app.get(`${BILLING}/invoices/:invoiceId`, auth, (c) => {
    const provider = billable(c, 'admin');
    const csv = invoiceReportCsv(ctx, provider.id, c.req.param('invoiceId'));
    if (csv === undefined) throw new NotFoundError();
    return c.body(csv, 200, { 'Content-Type': 'text/csv' });
  });

  // [InjectProvider(ServiceUser)]: 404 "Provider not found.", 401 "Unauthorized."
  app.get(`${BILLING}/vnext/warnings`, auth, (c) => {
    const providerId = param(c, 'providerId');
    const provider = ctx.store.providers.findById(providerId);
    if (provider === undefined) throw new ApiError(404, 'Provider not found.');
    if (!isProviderUser(ctx, c, providerId)) throw new ApiError(401, UNAUTHORIZED);
    const warnings: ProviderWarningsResponse = {
      suspension: provider.enabled ? null : { resolution: 'contact_support', subscriptionCancelsAt: null },
      taxId: null,
    };
    return c.json(warnings);
  });

  return app;
}
