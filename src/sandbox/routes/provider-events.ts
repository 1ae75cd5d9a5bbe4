/**
 * Provider event log (admin-api.md §1.4, §8.1): `GET /providers/{pid}/events` and
 * `GET /providers/{pid}/users/{providerUserId}/events` (events that provider user's account caused).
 * ProviderAdmin only; anyone else gets 404 "Resource not found.", as on the official server. Query
 * `start`, `end`, `continuationToken`; pages of 50.
 */
import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import { isProviderAdmin } from '../services/provider-authz.js';
import type { EventQuery } from '../services/event-pages.js';
import { providerEventPage } from '../services/provider-events.js';
import { guidParam, param, PROVIDER_PATH } from '../services/provider-lookup.js';

function query(c: Context<SandboxEnv>): EventQuery {
  return { start: c.req.query('start'), end: c.req.query('end'), continuationToken: c.req.query('continuationToken') };
}

export function providerEventRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  app.get(`${PROVIDER_PATH}/events`, auth, (c) => {
    const providerId = param(c, 'providerId');
    if (!isProviderAdmin(ctx, c, providerId)) throw new NotFoundError();
    return c.json(providerEventPage(ctx, { providerId }, query(c)));
  });

  app.get(`${PROVIDER_PATH}/users/${guidParam('id')}/events`, auth, (c) => {
    const providerId = param(c, 'providerId');
    const row = ctx.store.providers.findUser(param(c, 'id'));
    if (row === undefined || row.userId === null || row.providerId !== providerId || !isProviderAdmin(ctx, c, providerId)) {
      throw new NotFoundError();
    }
    return c.json(providerEventPage(ctx, { providerId, actingUserId: row.userId }, query(c)));
  });

  return app;
}
