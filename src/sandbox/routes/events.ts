/** `POST {events}/collect`: client-side events (item viewed, copied, ...). */
import { Hono } from 'hono';
import { eventCollectRequestSchema } from '../../protocol/event.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { requireUser } from '../middleware/auth.js';
import { readBody } from '../services/request.js';

export function eventCollectRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('/collect', requireUser(ctx), async (c) => {
    // Validated and accepted; cipher events are recorded once the sandbox stores ciphers.
    await readBody(c, eventCollectRequestSchema);
    return c.body(null, 200);
  });
  return app;
}
