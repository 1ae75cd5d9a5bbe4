/** `GET {api}/sync` (`?excludeDomains=true`). */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { syncModel } from '../services/models.js';

export function syncRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/sync', requireUser(ctx), (c) => {
    const excludeDomains = (c.req.query('excludeDomains') ?? '').toLowerCase() === 'true';
    return c.json(syncModel(ctx, currentUser(c), excludeDomains));
  });
  return app;
}
