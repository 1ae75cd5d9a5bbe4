/**
 * `{api}/two-factor/*` for the e-mail provider: list providers, send a setup code, enable, disable,
 * and the anonymous `send-email-login` that mails a login code.
 */
import { Hono, type Context } from 'hono';
import { secretVerificationRequestSchema } from '../../protocol/common.js';
import { EventType } from '../../protocol/event.js';
import {
  TwoFactorProviderType,
  twoFactorDisableRequestSchema,
  twoFactorEmailLoginRequestSchema,
  twoFactorEmailSetupRequestSchema,
  updateTwoFactorEmailRequestSchema,
} from '../../protocol/two-factor.js';
import { verifyServerPassword } from '../auth/password-hash.js';
import { readSignedToken } from '../auth/signed-token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, ModelStateError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { logUserEvent } from '../services/events.js';
import { normaliseEmail, readBody } from '../services/request.js';
import { requireSecret } from '../services/secret-verification.js';
import {
  consumeEmailCode,
  enabledTwoFactorTypes,
  readTwoFactorProviders,
  sendEmailCode,
  twoFactorEmailOf,
  writeTwoFactorProviders,
} from '../services/two-factor.js';

const EMAIL = String(TwoFactorProviderType.Email);

export function twoFactorRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  app.get('/two-factor', auth, (c) => {
    const providers = readTwoFactorProviders(currentUser(c));
    const data = Object.entries(providers)
      .filter(([, state]) => state.enabled)
      .map(([type]) => ({ object: 'twoFactorProvider', enabled: true, type: Number(type) }));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.post('/two-factor/get-email', auth, async (c) => {
    const user = currentUser(c);
    await requireSecret(user, await readBody(c, secretVerificationRequestSchema));
    const state = readTwoFactorProviders(user)[EMAIL];
    return c.json({ object: 'twoFactorEmail', enabled: state?.enabled ?? false, email: state?.metaData.Email ?? user.email });
  });

  app.post('/two-factor/send-email', auth, async (c) => {
    const user = currentUser(c);
    const body = await readBody(c, twoFactorEmailSetupRequestSchema);
    await requireSecret(user, body);
    sendEmailCode(ctx, user, 'two-factor-email-setup', normaliseEmail(body.email));
    return c.body(null, 200);
  });

  const enableHandler = async (c: Context<SandboxEnv>): Promise<Response> => {
    const user = currentUser(c);
    const body = await readBody(c, updateTwoFactorEmailRequestSchema);
    await requireSecret(user, body);
    const email = normaliseEmail(body.email);
    if (!consumeEmailCode(ctx, user, 'two-factor-email-setup', body.token, email)) {
      throw new ModelStateError({ Token: ['Invalid token.'] });
    }
    const providers = readTwoFactorProviders(user);
    providers[EMAIL] = { enabled: true, metaData: { Email: email } };
    ctx.store.users.setTwoFactorProviders(user.id, writeTwoFactorProviders(providers), ctx.clock.now().toISOString());
    logUserEvent(ctx, user.id, EventType.User_Updated2fa);
    return c.json({ object: 'twoFactorEmail', enabled: true, email });
  };
  app.put('/two-factor/email', auth, enableHandler);
  app.post('/two-factor/email', auth, enableHandler);

  const disableHandler = async (c: Context<SandboxEnv>): Promise<Response> => {
    const user = currentUser(c);
    const body = await readBody(c, twoFactorDisableRequestSchema);
    await requireSecret(user, body);
    const providers = readTwoFactorProviders(user);
    const key = String(body.type);
    if (providers[key] !== undefined) {
      delete providers[key];
      ctx.store.users.setTwoFactorProviders(user.id, writeTwoFactorProviders(providers), ctx.clock.now().toISOString());
      logUserEvent(ctx, user.id, EventType.User_Disabled2fa);
    }
    return c.json({ object: 'twoFactorProvider', enabled: false, type: body.type });
  };
  app.put('/two-factor/disable', auth, disableHandler);
  app.post('/two-factor/disable', auth, disableHandler);

  // Anonymous: a client on the 2FA prompt asks for (another) e-mailed code.
  app.post('/two-factor/send-email-login', async (c) => {
    const body = await readBody(c, twoFactorEmailLoginRequestSchema);
    const email = normaliseEmail(body.email);
    const user = ctx.store.users.findByEmail(email);
    let verified = false;
    if (user !== undefined) {
      if (body.masterPasswordHash != null && body.masterPasswordHash !== '') {
        verified = await verifyServerPassword(body.masterPasswordHash, user.masterPassword);
      } else if (body.ssoEmail2FaSessionToken != null) {
        const payload = readSignedToken(
          ctx.secrets.tokenKey,
          'sso-email-2fa-session',
          body.ssoEmail2FaSessionToken,
          ctx.clock.now(),
        );
        verified = payload?.email === user.email;
      }
    }
    if (user === undefined || !verified || !enabledTwoFactorTypes(user).includes(TwoFactorProviderType.Email)) {
      throw new BadRequestError('Cannot send two-factor email.');
    }
    sendEmailCode(ctx, user, 'two-factor-email', twoFactorEmailOf(user));
    return c.body(null, 200);
  });

  return app;
}
