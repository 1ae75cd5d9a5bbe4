/**
 * `{api}/accounts/*`: profile, keys, personal API key, revision date, password verification and
 * the SDK's user-key-id backfill.
 */
import { Hono, type Context } from 'hono';
import { keysRequestSchema, userKeyIdRequestSchema } from '../../protocol/account-keys.js';
import { resendNewDeviceOtpRequestSchema, type ApiKeyResponse } from '../../protocol/account.js';
import { secretVerificationRequestSchema } from '../../protocol/common.js';
import { verifyServerPassword } from '../auth/password-hash.js';
import { secureRandomString } from '../auth/random.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, ModelStateError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { keysModel, masterPasswordPolicyFor, profileModel } from '../services/models.js';
import { normaliseEmail, readBody } from '../services/request.js';
import { requireSecret } from '../services/secret-verification.js';
import { sendEmailCode } from '../services/two-factor.js';

export function accountRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const now = (): string => ctx.clock.now().toISOString();

  app.get('/accounts/profile', auth, (c) => c.json(profileModel(ctx, currentUser(c))));

  app.get('/accounts/keys', auth, (c) => c.json(keysModel(currentUser(c))));

  app.post('/accounts/keys', auth, async (c) => {
    const user = currentUser(c);
    const body = await readBody(c, keysRequestSchema);
    if (user.publicKey !== null || user.privateKey !== null) {
      throw new BadRequestError('Cannot replace existing key(s) with new key(s).');
    }
    ctx.store.users.setKeyPair(user.id, body.publicKey, body.encryptedPrivateKey, now());
    const updated = ctx.store.users.findById(user.id) ?? user;
    return c.json(keysModel(updated));
  });

  app.get('/accounts/revision-date', auth, (c) => c.json(Date.parse(currentUser(c).accountRevisionDate)));

  const apiKeyHandler = (rotate: boolean) => async (c: Context<SandboxEnv>): Promise<Response> => {
    const user = currentUser(c);
    const body = await readBody(c, secretVerificationRequestSchema);
    await requireSecret(user, body);
    let apiKey = user.apiKey;
    let revisionDate = user.lastApiKeyDate ?? user.creationDate;
    if (rotate) {
      apiKey = secureRandomString(30);
      revisionDate = now();
      ctx.store.users.setApiKey(user.id, apiKey, revisionDate);
    }
    const response: ApiKeyResponse = { object: 'apiKey', apiKey, revisionDate };
    return c.json(response);
  };
  app.post('/accounts/api-key', auth, apiKeyHandler(false));
  app.post('/accounts/rotate-api-key', auth, apiKeyHandler(true));

  app.post('/accounts/verify-password', auth, async (c) => {
    const user = currentUser(c);
    const body = await readBody(c, secretVerificationRequestSchema);
    if (body.masterPasswordHash == null || !(await verifyServerPassword(body.masterPasswordHash, user.masterPassword))) {
      throw new ModelStateError({ MasterPasswordHash: ['Invalid password.'] });
    }
    const policy = masterPasswordPolicyFor(ctx, user);
    return c.json({
      object: 'masterPasswordPolicy',
      minComplexity: policy.MinComplexity ?? null,
      minLength: policy.MinLength ?? null,
      requireLower: policy.RequireLower ?? false,
      requireUpper: policy.RequireUpper ?? false,
      requireNumbers: policy.RequireNumbers ?? false,
      requireSpecial: policy.RequireSpecial ?? false,
      enforceOnLogin: policy.EnforceOnLogin ?? false,
    });
  });

  app.post('/accounts/key-management/user-key-id', auth, async (c) => {
    const user = currentUser(c);
    const body = await readBody(c, userKeyIdRequestSchema);
    ctx.store.users.setUserKeyId(user.id, body.userKeyId, now());
    return c.body(null, 200);
  });

  // Anonymous: always 200, so it never reveals whether the account exists.
  app.post('/accounts/resend-new-device-otp', async (c) => {
    const body = await readBody(c, resendNewDeviceOtpRequestSchema);
    const user = ctx.store.users.findByEmail(normaliseEmail(body.email));
    if (user !== undefined && (await verifyServerPassword(body.masterPasswordHash, user.masterPassword))) {
      sendEmailCode(ctx, user, 'new-device-otp', user.email);
    }
    return c.body(null, 200);
  });

  return app;
}
