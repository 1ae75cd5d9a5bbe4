/** `GET {api}/users/{id}/public-key`. */
import { Hono } from 'hono';
import type { UserPublicKeyResponse } from '../../protocol/account-keys.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';

export function userRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/users/:id/public-key', requireUser(ctx), (c) => {
    const user = ctx.store.users.findById(c.req.param('id'));
    if (user === undefined) throw new NotFoundError();
    const response: UserPublicKeyResponse = { object: 'userKey', userId: user.id, publicKey: user.publicKey };
    return c.json(response);
  });
  return app;
}
