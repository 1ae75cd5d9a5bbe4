/** `GET {api}/organizations`: the caller's confirmed memberships (`profileOrganization` list). */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { profileOrganizations } from '../services/models.js';

export function organizationRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/organizations', requireUser(ctx), (c) =>
    c.json({ object: 'list', data: profileOrganizations(ctx, currentUser(c).id), continuationToken: null }),
  );
  return app;
}
