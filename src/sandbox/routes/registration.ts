/**
 * Registration: `POST {identity}/accounts/register/send-verification-email`,
 * `/accounts/register/finish` (nested and legacy flat shapes) and the legacy
 * `/accounts/register`. All key material comes from the client; the server stores it as sent,
 * except the master password hash, which it re-hashes.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { KdfSettings } from '../../protocol/kdf.js';
import {
  legacyRegisterRequestSchema,
  registerFinishRequestSchema,
  sendVerificationEmailRequestSchema,
  type RegisterFinishRequest,
} from '../../protocol/registration.js';
import { hashServerPassword } from '../auth/password-hash.js';
import { secureRandomString } from '../auth/random.js';
import { createSignedToken, readSignedToken } from '../auth/signed-token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, ModelStateError, type ValidationErrors } from '../errors.js';
import { validateKdfForSet } from '../services/kdf.js';
import { inviteTokenValid } from '../services/member-invites.js';
import { normaliseEmail, readBody } from '../services/request.js';

const VERIFY_EMAIL_PURPOSE = 'register-verify-email';
const VERIFY_EMAIL_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface NewAccount {
  email: string;
  name: string | null;
  hint: string | null;
  emailVerified: boolean;
  masterPasswordHash: string;
  key: string;
  kdf: KdfSettings;
  publicKey: string | null;
  encryptedPrivateKey: string | null;
}

function sameKdf(a: KdfSettings, b: KdfSettings): boolean {
  return (
    a.kdfType === b.kdfType &&
    a.iterations === b.iterations &&
    (a.memory ?? null) === (b.memory ?? null) &&
    (a.parallelism ?? null) === (b.parallelism ?? null)
  );
}

/** Key material of register/finish from the nested blocks, else from the flat legacy fields. */
function keyMaterial(body: RegisterFinishRequest, email: string): { hash: string; key: string; kdf: KdfSettings } {
  const auth = body.masterPasswordAuthentication;
  const unlock = body.masterPasswordUnlock;
  if (auth != null || unlock != null) {
    const errors: ValidationErrors = {};
    if (auth == null) errors.MasterPasswordAuthentication = ['The MasterPasswordAuthentication field is required.'];
    if (unlock == null) errors.MasterPasswordUnlock = ['The MasterPasswordUnlock field is required.'];
    if (auth == null || unlock == null) throw new ModelStateError(errors);
    if (!sameKdf(auth.kdf, unlock.kdf) || auth.salt !== unlock.salt) {
      throw new BadRequestError('KDF settings and salt must match between authentication and unlock data.');
    }
    if (auth.salt !== email) {
      throw new BadRequestError('The master password salt must be the normalised e-mail address.');
    }
    return { hash: auth.masterPasswordAuthenticationHash, key: unlock.masterKeyWrappedUserKey, kdf: auth.kdf };
  }
  const errors: ValidationErrors = {};
  if (body.masterPasswordHash == null) errors.MasterPasswordHash = ['The MasterPasswordHash field is required.'];
  if (body.userSymmetricKey == null) errors.UserSymmetricKey = ['The UserSymmetricKey field is required.'];
  if (body.kdf == null) errors.Kdf = ['The Kdf field is required.'];
  if (body.kdfIterations == null) errors.KdfIterations = ['The KdfIterations field is required.'];
  if (
    body.masterPasswordHash == null ||
    body.userSymmetricKey == null ||
    body.kdf == null ||
    body.kdfIterations == null
  ) {
    throw new ModelStateError(errors);
  }
  return {
    hash: body.masterPasswordHash,
    key: body.userSymmetricKey,
    kdf: {
      kdfType: body.kdf,
      iterations: body.kdfIterations,
      memory: body.kdfMemory ?? null,
      parallelism: body.kdfParallelism ?? null,
    },
  };
}

export function registrationRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  async function createAccount(account: NewAccount): Promise<void> {
    const kdfErrors = validateKdfForSet(account.kdf);
    if (kdfErrors !== null) throw new ModelStateError(kdfErrors);
    if (ctx.store.users.findByEmail(account.email) !== undefined) {
      throw new ModelStateError({ Email: [`Email '${account.email}' is already taken.`] });
    }
    const masterPassword = await hashServerPassword(account.masterPasswordHash, ctx.security.serverHashIterations);
    const argon = account.kdf.kdfType === 1;
    ctx.store.transaction(() => {
      if (ctx.store.users.findByEmail(account.email) !== undefined) {
        throw new ModelStateError({ Email: [`Email '${account.email}' is already taken.`] });
      }
      ctx.store.users.insert({
        id: randomUUID(),
        email: account.email,
        name: account.name,
        emailVerified: account.emailVerified,
        masterPassword,
        masterPasswordHint: account.hint,
        masterPasswordSalt: null,
        kdf: account.kdf.kdfType,
        kdfIterations: account.kdf.iterations,
        kdfMemory: argon ? (account.kdf.memory ?? null) : null,
        kdfParallelism: argon ? (account.kdf.parallelism ?? null) : null,
        key: account.key,
        publicKey: account.publicKey,
        privateKey: account.encryptedPrivateKey,
        securityStamp: randomUUID(),
        apiKey: secureRandomString(30),
        creationDate: ctx.clock.now().toISOString(),
      });
    });
  }

  app.post('/accounts/register/send-verification-email', async (c) => {
    const body = await readBody(c, sendVerificationEmailRequestSchema);
    const email = normaliseEmail(body.email);
    const exists = ctx.store.users.findByEmail(email) !== undefined;
    const name = body.name ?? '';
    const token = createSignedToken(
      ctx.secrets.tokenKey,
      VERIFY_EMAIL_PURPOSE,
      { email, name },
      new Date(ctx.clock.now().getTime() + VERIFY_EMAIL_LIFETIME_MS),
    );
    if (ctx.security.emailVerificationRequired) {
      // Never reveal whether the address has an account: 204 either way, mail only for new ones.
      if (!exists) {
        const link = `${ctx.baseUrl()}/#/finish-signup?token=${encodeURIComponent(token)}&email=${encodeURIComponent(email)}&fromEmail=true`;
        ctx.mailer.send({
          to: email,
          subject: 'Verify Your Email',
          template: VERIFY_EMAIL_PURPOSE,
          text: `Verify your e-mail address to finish creating your account.\n\n${link}\n\nThis link expires in 24 hours.\n`,
          token,
          data: { link },
        });
      }
      return c.body(null, 204);
    }
    if (exists) throw new BadRequestError(`Email ${email} is already taken`);
    return c.json(token);
  });

  app.post('/accounts/register/finish', async (c) => {
    const body = await readBody(c, registerFinishRequestSchema);
    const email = normaliseEmail(body.email);
    let payloadName: string | null = null;
    if (body.emailVerificationToken == null) {
      if (body.orgInviteToken == null || body.organizationUserId == null) {
        // Sponsorship and emergency-access tokens arrive with their own routes.
        throw new BadRequestError('Invalid registration finish request');
      }
      // Registering from an organization invitation: the mailed token proves the e-mail address.
      const member = ctx.store.organizations.findUser(body.organizationUserId);
      if (member === undefined || member.email !== email || !inviteTokenValid(ctx, body.orgInviteToken, member)) {
        throw new BadRequestError('Organization invite token is invalid.');
      }
    } else {
      const payload = readSignedToken(
        ctx.secrets.tokenKey,
        VERIFY_EMAIL_PURPOSE,
        body.emailVerificationToken,
        ctx.clock.now(),
      );
      if (payload === null || payload.email !== email) {
        throw new BadRequestError('Invalid email verification token.');
      }
      payloadName = payload.name === '' ? null : (payload.name ?? null);
    }
    const material = keyMaterial(body, email);
    await createAccount({
      email,
      name: body.name ?? payloadName,
      hint: body.masterPasswordHint ?? null,
      emailVerified: true,
      masterPasswordHash: material.hash,
      key: material.key,
      kdf: material.kdf,
      publicKey: body.userAsymmetricKeys.publicKey,
      encryptedPrivateKey: body.userAsymmetricKeys.encryptedPrivateKey,
    });
    return c.json({ object: 'registerFinish' });
  });

  app.post('/accounts/register', async (c) => {
    const body = await readBody(c, legacyRegisterRequestSchema);
    if (body.kdf == null || body.kdfIterations == null) {
      const errors: ValidationErrors = {};
      if (body.kdf == null) errors.Kdf = ['The Kdf field is required.'];
      if (body.kdfIterations == null) errors.KdfIterations = ['The KdfIterations field is required.'];
      throw new ModelStateError(errors);
    }
    await createAccount({
      email: normaliseEmail(body.email),
      name: body.name ?? null,
      hint: body.masterPasswordHint ?? null,
      emailVerified: false,
      masterPasswordHash: body.masterPasswordHash,
      key: body.key,
      kdf: {
        kdfType: body.kdf,
        iterations: body.kdfIterations,
        memory: body.kdfMemory ?? null,
        parallelism: body.kdfParallelism ?? null,
      },
      publicKey: body.keys?.publicKey ?? null,
      encryptedPrivateKey: body.keys?.encryptedPrivateKey ?? null,
    });
    return c.json({ object: 'register', captchaBypassToken: '' });
  });

  return app;
}
