/** `POST {identity}/accounts/prelogin` and `/accounts/prelogin/password`: KDF discovery. */
import { Hono, type Context } from 'hono';
import { preloginRequestSchema, type PreloginResponse } from '../../protocol/prelogin.js';
import { fakePrelogin } from '../auth/prelogin-fake.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { kdfSettingsOf, masterPasswordSaltOf } from '../services/kdf.js';
import { normaliseEmail, readBody } from '../services/request.js';

export function preloginRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const handler = async (c: Context<SandboxEnv>): Promise<Response> => {
    const body = await readBody(c, preloginRequestSchema);
    const email = normaliseEmail(body.email);
    const user = ctx.store.users.findByEmail(email);
    const { kdf, salt } =
      user === undefined
        ? fakePrelogin(ctx.secrets.preloginKey, email)
        : { kdf: kdfSettingsOf(user), salt: masterPasswordSaltOf(user) };
    const response: PreloginResponse = {
      kdf: kdf.kdfType,
      kdfIterations: kdf.iterations,
      kdfMemory: kdf.memory ?? null,
      kdfParallelism: kdf.parallelism ?? null,
      kdfSettings: {
        kdfType: kdf.kdfType,
        iterations: kdf.iterations,
        memory: kdf.memory ?? null,
        parallelism: kdf.parallelism ?? null,
      },
      salt,
    };
    return c.json(response);
  };
  app.post('/accounts/prelogin', handler);
  app.post('/accounts/prelogin/password', handler);
  return app;
}
