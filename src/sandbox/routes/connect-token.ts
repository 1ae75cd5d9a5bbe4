/**
 * `POST {identity}/connect/token`: grants `password`, `client_credentials` (`user.<id>`,
 * `organization.<id>`) and `refresh_token` (rotating). Errors use the OAuth body with a
 * PascalCase `ErrorModel`, whose strings clients compare literally.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { EventType } from '../../protocol/event.js';
import { OrganizationApiKeyType } from '../../protocol/organization.js';
import {
  GrantType,
  IdentityMessage,
  STATIC_CLIENT_IDS,
  Scope,
  TOKEN_FORM_FIELDS,
  type BareTokenResponse,
  type TokenForm,
  type TokenSuccessResponse,
  type TwoFactorRequiredResponse,
} from '../../protocol/token.js';
import { TwoFactorProviderType } from '../../protocol/two-factor.js';
import { verifyServerPassword } from '../auth/password-hash.js';
import { createSignedToken } from '../auth/signed-token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { IdentityError } from '../errors.js';
import type { DeviceRecord } from '../repositories/devices.js';
import type { UserRecord } from '../repositories/users.js';
import { logUserEvent } from '../services/events.js';
import { masterPasswordPolicyFor, tokenKeyFields } from '../services/models.js';
import { clientIp, normaliseEmail } from '../services/request.js';
import { assertNotThrottled, clearLoginFailures, recordLoginFailure, throttleKey } from '../services/throttle.js';
import { verifyInstallationKey } from '../services/installations.js';
import {
  INSTALLATION_TOKEN_LIFETIME_SECONDS,
  issueInstallationAccessToken,
  issueOrganizationAccessToken,
  issueRefreshToken,
  issueUserAccessToken,
  refreshTokenHash,
} from '../services/tokens.js';
import {
  checkRememberToken,
  consumeEmailCode,
  enabledTwoFactorTypes,
  issueRememberToken,
  redactEmail,
  sendEmailCode,
  twoFactorEmailOf,
} from '../services/two-factor.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** .NET `Version.TryParse`: 2–4 dot-separated non-negative integers. */
const CLIENT_VERSION = /^\d+\.\d+(\.\d+){0,2}$/;
const SSO_EMAIL_2FA_PURPOSE = 'sso-email-2fa-session';

interface DeviceInfo {
  type: number;
  identifier: string;
  name: string;
  pushToken: string | null;
}

interface GrantResult {
  body: TokenSuccessResponse | BareTokenResponse;
}

async function readForm(c: Context<SandboxEnv>): Promise<TokenForm> {
  const raw = await c.req.parseBody();
  const lower = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') lower.set(key.toLowerCase(), value);
  }
  const form: TokenForm = {};
  for (const field of TOKEN_FORM_FIELDS) {
    const value = lower.get(field.toLowerCase());
    if (value !== undefined) form[field] = value;
  }
  return form;
}

function scopes(form: TokenForm): string[] {
  return (form.scope ?? '').split(/\s+/).filter((s) => s !== '');
}

/** Requested scopes must be allowed for the client; none requested means all allowed. */
function grantedScopes(form: TokenForm, allowed: readonly string[]): string[] {
  const requested = scopes(form);
  if (requested.length === 0) return [...allowed];
  if (!requested.every((s) => allowed.includes(s))) throw IdentityError.of('invalid_scope', null);
  return requested;
}

function deviceInfo(form: TokenForm): DeviceInfo {
  const type = Number(form.deviceType);
  const identifier = form.deviceIdentifier?.trim() ?? '';
  const name = form.deviceName?.trim() ?? '';
  if (form.deviceType === undefined || !Number.isInteger(type) || type < 0 || identifier === '' || name === '') {
    throw IdentityError.of('device_error', IdentityMessage.NoDeviceInformation, 'No device information provided');
  }
  return { type, identifier, name, pushToken: form.devicePushToken ?? null };
}

function requireClientVersion(c: Context<SandboxEnv>): void {
  const version = c.req.header('Bitwarden-Client-Version')?.trim() ?? '';
  if (!CLIENT_VERSION.test(version)) {
    const message =
      'The Bitwarden-Client-Version header is missing or invalid. Update your Bitwarden client and try again.';
    throw IdentityError.of('version_header_missing', message, message);
  }
}

/** True when `Bitwarden-Client-Version` is below `than` (or unparsable). */
function isOlderClient(c: Context<SandboxEnv>, than: readonly number[]): boolean {
  const version = c.req.header('Bitwarden-Client-Version')?.trim() ?? '';
  if (!CLIENT_VERSION.test(version)) return true;
  const parts = version.split('.').map(Number);
  for (let i = 0; i < than.length; i += 1) {
    const a = parts[i] ?? 0;
    const b = than[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function invalidCredentials(): IdentityError {
  return IdentityError.of('invalid_grant', IdentityMessage.InvalidCredentials);
}

export function connectTokenRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const nowSeconds = (): number => Math.floor(ctx.clock.now().getTime() / 1000);

  function saveDevice(user: UserRecord, device: DeviceInfo): DeviceRecord {
    return ctx.store.devices.upsert({
      id: randomUUID(),
      userId: user.id,
      identifier: device.identifier,
      type: device.type,
      name: device.name,
      pushToken: device.pushToken,
      creationDate: ctx.clock.now().toISOString(),
    });
  }

  function twoFactorRequired(user: UserRecord, providers: number[]): IdentityError {
    const providers2: TwoFactorRequiredResponse['TwoFactorProviders2'] = {};
    for (const type of providers) {
      providers2[String(type)] =
        type === TwoFactorProviderType.Email ? { Email: redactEmail(twoFactorEmailOf(user)) } : null;
    }
    const body: TwoFactorRequiredResponse = {
      error: 'invalid_grant',
      error_description: IdentityMessage.TwoFactorRequired,
      TwoFactorProviders: providers.map(String),
      TwoFactorProviders2: providers2,
      MasterPasswordPolicy: masterPasswordPolicyFor(ctx, user),
    };
    if (providers.includes(TwoFactorProviderType.Email)) {
      body.SsoEmail2faSessionToken = createSignedToken(
        ctx.secrets.tokenKey,
        SSO_EMAIL_2FA_PURPOSE,
        { email: user.email },
        new Date(ctx.clock.now().getTime() + 15 * 60 * 1000),
      );
      body.Email = user.email;
    }
    return new IdentityError(body);
  }

  /** Runs the 2FA step; returns a remember token to hand out when one was requested. */
  function checkTwoFactor(
    c: Context<SandboxEnv>,
    user: UserRecord,
    form: TokenForm,
    device: DeviceInfo,
    onFailure: () => void,
  ): { used: boolean; rememberToken: string | null } {
    const providers = enabledTwoFactorTypes(user);
    if (providers.length === 0) return { used: false, rememberToken: null };
    const token = form.twoFactorToken?.trim() ?? '';
    const provider = form.twoFactorProvider === undefined ? NaN : Number(form.twoFactorProvider);
    // Current clients ask for the code themselves (`POST {api}/two-factor/send-email-login`);
    // only clients older than 2025.5.0 get it mailed with the 2FA answer.
    const sendIfEmailOnly = (): void => {
      if (providers.length === 1 && providers[0] === TwoFactorProviderType.Email && isOlderClient(c, [2025, 5, 0])) {
        sendEmailCode(ctx, user, 'two-factor-email', twoFactorEmailOf(user));
      }
    };
    if (token === '' || Number.isNaN(provider)) {
      sendIfEmailOnly();
      throw twoFactorRequired(user, providers);
    }
    if (provider === TwoFactorProviderType.Remember) {
      if (checkRememberToken(ctx, user, device.identifier, token)) return { used: true, rememberToken: null };
      sendIfEmailOnly();
      throw twoFactorRequired(user, providers);
    }
    const ok =
      provider === TwoFactorProviderType.Email &&
      providers.includes(TwoFactorProviderType.Email) &&
      consumeEmailCode(ctx, user, 'two-factor-email', token);
    if (!ok) {
      onFailure();
      logUserEvent(ctx, user.id, EventType.User_FailedLogIn2fa, { deviceType: device.type });
      throw IdentityError.of('invalid_grant', IdentityMessage.InvalidTwoFactorToken);
    }
    const remember = form.twoFactorRemember === '1' || form.twoFactorRemember?.toLowerCase() === 'true';
    return { used: true, rememberToken: remember ? issueRememberToken(ctx, user, device.identifier) : null };
  }

  function checkNewDevice(user: UserRecord, form: TokenForm, device: DeviceInfo): void {
    if (!ctx.security.newDeviceVerification || !user.verifyDevices) return;
    if (ctx.store.devices.findByIdentifier(user.id, device.identifier) !== undefined) return;
    if (ctx.store.devices.countForUser(user.id) === 0) return;
    const ageMs = ctx.clock.now().getTime() - Date.parse(user.creationDate);
    if (ageMs < 24 * 60 * 60 * 1000) return;
    const otp = form.newDeviceOtp?.trim() ?? '';
    if (otp === '') {
      sendEmailCode(ctx, user, 'new-device-otp', user.email);
      throw IdentityError.of(
        'device_error',
        IdentityMessage.NewDeviceVerificationRequired,
        'New device verification required',
      );
    }
    if (!consumeEmailCode(ctx, user, 'new-device-otp', otp)) {
      throw IdentityError.of('device_error', IdentityMessage.InvalidNewDeviceOtp, 'Invalid New Device OTP');
    }
    if (!user.emailVerified) ctx.store.users.setEmailVerified(user.id, ctx.clock.now().toISOString());
  }

  async function passwordGrant(c: Context<SandboxEnv>, form: TokenForm): Promise<GrantResult> {
    const clientId = form.client_id ?? '';
    if (!(STATIC_CLIENT_IDS as readonly string[]).includes(clientId)) throw IdentityError.of('invalid_client', null);
    const scope = grantedScopes(form, [Scope.Api, Scope.OfflineAccess]);
    const device = deviceInfo(form);
    requireClientVersion(c);
    const email = normaliseEmail(form.username ?? '');
    const key = throttleKey(email, clientIp(c));
    assertNotThrottled(ctx, key);

    const user = email === '' ? undefined : ctx.store.users.findByEmail(email);
    const valid = await verifyServerPassword(form.password ?? '', user?.masterPassword ?? null);
    if (user === undefined || !valid) {
      recordLoginFailure(ctx, key);
      if (user !== undefined) {
        logUserEvent(ctx, user.id, EventType.User_FailedLogIn, { deviceType: device.type, ipAddress: clientIp(c) });
      }
      throw invalidCredentials();
    }

    const twoFactor = checkTwoFactor(c, user, form, device, () => recordLoginFailure(ctx, key));
    if (!twoFactor.used) checkNewDevice(user, form, device);
    if (user.key === null && user.privateKey !== null && clientId !== 'web') {
      throw IdentityError.of('invalid_grant', IdentityMessage.LegacyUser);
    }

    clearLoginFailures(ctx, key);
    const stored = saveDevice(user, device);
    const request = { user, clientId, scope, device: stored, authTime: nowSeconds() };
    const body: TokenSuccessResponse = {
      access_token: issueUserAccessToken(ctx, request),
      expires_in: ctx.security.accessTokenLifetimeSeconds,
      token_type: 'Bearer',
      ...(scope.includes(Scope.OfflineAccess) ? { refresh_token: issueRefreshToken(ctx, request) } : {}),
      scope: scope.join(' '),
      ...tokenKeyFields(ctx, user),
      ...(twoFactor.rememberToken !== null ? { TwoFactorToken: twoFactor.rememberToken } : {}),
    };
    logUserEvent(ctx, user.id, EventType.User_LoggedIn, { deviceType: device.type, ipAddress: clientIp(c) });
    return { body };
  }

  function userClientCredentials(c: Context<SandboxEnv>, form: TokenForm, userId: string): GrantResult {
    const user = ctx.store.users.findById(userId);
    if (user === undefined || !secretsEqual(form.client_secret ?? '', user.apiKey)) {
      throw IdentityError.of('invalid_client', null);
    }
    const scope = grantedScopes(form, [Scope.Api]);
    const device = deviceInfo(form);
    requireClientVersion(c);
    if (user.key === null && user.privateKey !== null) {
      throw IdentityError.of('invalid_grant', IdentityMessage.LegacyUser);
    }
    const stored = saveDevice(user, device);
    const clientId = `user.${user.id}`;
    const body: TokenSuccessResponse = {
      access_token: issueUserAccessToken(ctx, { user, clientId, scope, device: stored, authTime: nowSeconds() }),
      expires_in: ctx.security.accessTokenLifetimeSeconds,
      token_type: 'Bearer',
      scope: scope.join(' '),
      ...tokenKeyFields(ctx, user),
    };
    logUserEvent(ctx, user.id, EventType.User_LoggedIn, { deviceType: device.type, ipAddress: clientIp(c) });
    return { body };
  }

  function organizationClientCredentials(form: TokenForm, organizationId: string): GrantResult {
    const org = ctx.store.organizations.findById(organizationId);
    const apiKey = org === undefined ? undefined : ctx.store.organizations.findApiKey(org.id, OrganizationApiKeyType.Default);
    if (
      org === undefined ||
      apiKey === undefined ||
      !org.enabled ||
      !org.useApi ||
      !secretsEqual(form.client_secret ?? '', apiKey.apiKey)
    ) {
      throw IdentityError.of('invalid_client', null);
    }
    const scope = grantedScopes(form, [Scope.ApiOrganization]);
    return {
      body: {
        access_token: issueOrganizationAccessToken(ctx, org.id),
        expires_in: ctx.security.accessTokenLifetimeSeconds,
        token_type: 'Bearer',
        scope: scope.join(' '),
      },
    };
  }

  /** `installation.<id>` (licensing-and-selfhost.md §5): no device headers; each token bumps LastActivityDate. */
  function installationClientCredentials(form: TokenForm, installationId: string): GrantResult {
    const installation = verifyInstallationKey(ctx.store, installationId, form.client_secret ?? '');
    if (installation === undefined) throw IdentityError.of('invalid_client', null);
    const scope = grantedScopes(form, [Scope.ApiPush, Scope.ApiLicensing, Scope.ApiInstallation]);
    ctx.store.licensing.touchInstallation(installation.id, ctx.clock.now().toISOString());
    return {
      body: {
        access_token: issueInstallationAccessToken(ctx, installation.id, scope),
        expires_in: INSTALLATION_TOKEN_LIFETIME_SECONDS,
        token_type: 'Bearer',
        scope: scope.join(' '),
      },
    };
  }

  function clientCredentialsGrant(c: Context<SandboxEnv>, form: TokenForm): GrantResult {
    const clientId = form.client_id ?? '';
    const dot = clientId.indexOf('.');
    const kind = dot < 0 ? '' : clientId.slice(0, dot);
    const id = dot < 0 ? '' : clientId.slice(dot + 1);
    if (!GUID.test(id)) throw IdentityError.of('invalid_client', null);
    if (kind === 'user') return userClientCredentials(c, form, id.toLowerCase());
    if (kind === 'organization') return organizationClientCredentials(form, id.toLowerCase());
    if (kind === 'installation') return installationClientCredentials(form, id.toLowerCase());
    throw IdentityError.of('invalid_client', null);
  }

  function refreshTokenGrant(form: TokenForm): GrantResult {
    const token = form.refresh_token ?? '';
    if (token === '') throw IdentityError.of('invalid_request', null);
    const hash = refreshTokenHash(ctx, token);
    const record = ctx.store.refreshTokens.findByHash(hash);
    const now = ctx.clock.now();
    if (
      record === undefined ||
      record.consumedDate !== null ||
      Date.parse(record.expirationDate) <= now.getTime() ||
      (form.client_id !== undefined && form.client_id !== record.clientId)
    ) {
      throw IdentityError.of('invalid_grant', null);
    }
    const user = ctx.store.users.findById(record.userId);
    if (user === undefined || user.securityStamp !== record.securityStamp) throw IdentityError.of('invalid_grant', null);
    if (!ctx.store.refreshTokens.consume(hash, now.toISOString())) throw IdentityError.of('invalid_grant', null);
    const device = record.deviceId === null ? null : (ctx.store.devices.findById(record.deviceId) ?? null);
    const scope = record.scope.split(' ').filter((s) => s !== '');
    const request = { user, clientId: record.clientId, scope, device, authTime: record.authTime };
    return {
      body: {
        access_token: issueUserAccessToken(ctx, request),
        expires_in: ctx.security.accessTokenLifetimeSeconds,
        token_type: 'Bearer',
        refresh_token: issueRefreshToken(ctx, request),
        scope: record.scope,
      },
    };
  }

  app.post('/connect/token', async (c) => {
    const form = await readForm(c);
    let result: GrantResult;
    switch (form.grant_type) {
      case GrantType.Password:
        result = await passwordGrant(c, form);
        break;
      case GrantType.ClientCredentials:
        result = clientCredentialsGrant(c, form);
        break;
      case GrantType.RefreshToken:
        result = refreshTokenGrant(form);
        break;
      default:
        throw IdentityError.of('unsupported_grant_type', null);
    }
    c.header('Cache-Control', 'no-store, no-cache, max-age=0');
    c.header('Pragma', 'no-cache');
    return c.json(result.body);
  });

  return app;
}
