/** `GET /alive` on every service: the server's current time as a JSON string. */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';

export function aliveRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/alive', (c) => c.json(ctx.clock.now().toISOString()));
  return app;
}
