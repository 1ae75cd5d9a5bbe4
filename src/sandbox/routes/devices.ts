/** `GET {api}/devices/knowndevice` (anonymous): has this e-mail logged in from this device before? */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { normaliseEmail } from '../services/request.js';

export function deviceRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/devices/knowndevice', (c) => {
    const encoded = c.req.header('X-Request-Email') ?? '';
    const identifier = c.req.header('X-Device-Identifier') ?? '';
    if (encoded === '' || identifier === '') return c.json(false);
    const email = normaliseEmail(Buffer.from(encoded, 'base64url').toString('utf8'));
    const user = ctx.store.users.findByEmail(email);
    const known = user !== undefined && ctx.store.devices.findByIdentifier(user.id, identifier) !== undefined;
    return c.json(known);
  });
  return app;
}
