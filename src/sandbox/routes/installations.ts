/** `POST installations`, `GET installations/{id}` (licensing-and-selfhost.md §5): anonymous, cloud only. */
import { Hono } from 'hono';
import { installationRequestSchema, type InstallationResponse } from '../../protocol/license.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import { cloudOnly } from '../middleware/self-hosted.js';
import { registerInstallation } from '../services/installations.js';
import { readBody } from '../services/request.js';

export function installationRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const cloud = cloudOnly(ctx);
  app.post('/installations', cloud, async (c) => {
    const body = await readBody(c, installationRequestSchema);
    const { id, key } = registerInstallation(ctx.store, body.email, ctx.clock.now());
    const response: InstallationResponse = { id, key, enabled: true, object: 'installation' };
    return c.json(response);
  });
  app.get('/installations/:id', cloud, (c) => {
    const installation = ctx.store.licensing.findInstallation(c.req.param('id'));
    if (installation === undefined) throw new NotFoundError();
    const response: InstallationResponse = { id: installation.id, key: null, enabled: installation.enabled, object: 'installation' };
    return c.json(response);
  });
  return app;
}
