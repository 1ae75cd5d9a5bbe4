/**
 * The provider object (admin-api.md §1.2): `GET/PUT /providers/{id}` (POST alias of PUT) and
 * `POST /providers/{id}/setup`, which the owner calls once with the setup token from the staff
 * invitation. Setup stores the owner's RSA-wrapped provider key, starts the billing subscription and
 * makes the provider Billable. The sandbox has no payment processor: `paymentMethod` and
 * `billingAddress` (required by the official server) are optional here, and any values are kept as
 * placeholders (a card token shows as a card ending in its last four digits).
 */
import { Hono, type Context } from 'hono';
import {
  providerSetupRequestSchema,
  providerUpdateRequestSchema,
  ProviderStatusType,
  ProviderUserType,
} from '../../protocol/provider.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, ForbiddenError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { ProviderUserRecord } from '../repositories/providers.js';
import type { UserRecord } from '../repositories/users.js';
import { startSubscription } from '../services/billing.js';
import { isProviderAdmin, requireProviderAdmin, requireProviderUser } from '../services/provider-authz.js';
import { providerSetupTokenValid } from '../services/provider-invites.js';
import { param, PROVIDER_PATH, providerOr404 } from '../services/provider-lookup.js';
import { providerModel } from '../services/provider-models.js';
import { readBody } from '../services/request.js';

/**
 * The caller's owner row for setup: their linked row, or (sandbox only) the staff-created row for
 * their e-mail that no account was linked to yet.
 */
function ownerRow(ctx: SandboxContext, providerId: string, user: UserRecord): ProviderUserRecord | undefined {
  return (
    ctx.store.providers.findUserByAccount(providerId, user.id) ??
    ctx.store.providerUsers.findUnlinkedByEmail(providerId, user.email)
  );
}

export function providerRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  app.get(PROVIDER_PATH, auth, (c) => {
    const providerId = param(c, 'providerId');
    requireProviderUser(ctx, c, providerId);
    return c.json(providerModel(providerOr404(ctx, providerId)));
  });

  const update = async (c: Context<SandboxEnv>): Promise<Response> => {
    const providerId = param(c, 'providerId');
    requireProviderAdmin(ctx, c, providerId);
    const body = await readBody(c, providerUpdateRequestSchema);
    const provider = providerOr404(ctx, providerId);
    // self-hosted servers take these values from the license and ignore the update
    if (ctx.mode === 'selfhost') return c.json(providerModel(provider));
    const updated = ctx.store.providers.update(
      provider.id,
      {
        name: body.name,
        businessName: body.businessName ?? null,
        billingEmail: body.billingEmail.trim().toLowerCase(),
      },
      ctx.clock.now().toISOString(),
    );
    return c.json(providerModel(updated));
  };
  app.put(PROVIDER_PATH, auth, update);
  app.post(PROVIDER_PATH, auth, update);

  app.post(`${PROVIDER_PATH}/setup`, auth, async (c) => {
    const providerId = param(c, 'providerId');
    const user = currentUser(c);
    const row = ownerRow(ctx, providerId, user);
    // [Authorize<ProviderAdminRequirement>]; the sandbox also lets in the owner of an unlinked staff row
    if (!isProviderAdmin(ctx, c, providerId) && !(row !== undefined && row.userId === null)) throw new ForbiddenError();
    const body = await readBody(c, providerSetupRequestSchema);
    const provider = providerOr404(ctx, providerId);
    if (provider.status !== ProviderStatusType.Pending) throw new BadRequestError('Provider is already setup.');
    const now = ctx.clock.now();
    if (!providerSetupTokenValid(ctx.secrets.tokenKey, body.token, provider.id, user.email, now)) {
      throw new BadRequestError('Invalid token.');
    }
    if (row?.type !== ProviderUserType.ProviderAdmin) throw new BadRequestError('Invalid owner.');
    const iso = now.toISOString();
    const updated = ctx.store.transaction(() => {
      const named = ctx.store.providers.update(
        provider.id,
        { name: body.name, businessName: body.businessName ?? null, billingEmail: body.billingEmail },
        iso,
      );
      startSubscription(ctx, named, body.paymentMethod, body.billingAddress);
      ctx.store.providerUsers.update(row.id, { key: body.key, userId: user.id, email: null }, iso);
      const billable = ctx.store.providers.update(provider.id, { status: ProviderStatusType.Billable }, iso);
      ctx.store.users.touchAccountRevision([user.id], iso);
      return billable;
    });
    return c.json(providerModel(updated));
  });

  return app;
}
