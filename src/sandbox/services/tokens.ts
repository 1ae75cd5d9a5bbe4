/** Access tokens (HS256 JWTs with the official claim set) and rotating refresh tokens. */
import { randomUUID } from 'node:crypto';
import { DEVICE_TYPE_NAMES } from '../../protocol/device.js';
import { OrganizationUserStatusType, OrganizationUserType, PERMISSION_NAMES } from '../../protocol/organization.js';
import { ProviderUserStatusType, ProviderUserType } from '../../protocol/provider.js';
import { accessTokenClaimsSchema, type AccessTokenClaims } from '../../protocol/token.js';
import { signJwt, verifyJwt } from '../auth/jwt.js';
import { opaqueHandle } from '../auth/random.js';
import { hashSecretValue } from '../auth/secrets.js';
import type { SandboxContext } from '../context.js';
import type { DeviceRecord } from '../repositories/devices.js';
import type { UserRecord } from '../repositories/users.js';
import { parsePermissions, premiumFromOrganization } from './models.js';

function issuer(ctx: SandboxContext): string {
  return new URL(ctx.baseUrl()).origin;
}

function addClaim(claims: Record<string, string[]>, name: string, value: string): void {
  const list = (claims[name] ??= []);
  if (!list.includes(value)) list.push(value);
}

/** Org and provider role claims for confirmed memberships (one claim value per org/provider id). */
export function roleClaims(ctx: SandboxContext, userId: string): Record<string, string | string[]> {
  const claims: Record<string, string[]> = {};
  for (const m of ctx.store.organizations.listMembershipsForUser(userId, OrganizationUserStatusType.Confirmed)) {
    if (!m.organization.enabled) continue;
    const orgId = m.organization.id;
    switch (m.membership.type) {
      case OrganizationUserType.Owner:
        addClaim(claims, 'orgowner', orgId);
        break;
      case OrganizationUserType.Admin:
        addClaim(claims, 'orgadmin', orgId);
        break;
      case OrganizationUserType.User:
        addClaim(claims, 'orguser', orgId);
        break;
      case OrganizationUserType.Custom: {
        addClaim(claims, 'orgcustom', orgId);
        const permissions = parsePermissions(m.membership.permissions);
        for (const name of PERMISSION_NAMES) if (permissions[name]) addClaim(claims, name.toLowerCase(), orgId);
        break;
      }
      default:
        break;
    }
    if (m.membership.accessSecretsManager && m.organization.useSecretsManager) {
      addClaim(claims, 'accesssecretsmanager', orgId);
    }
  }
  for (const m of ctx.store.providers.listMembershipsForUser(userId, ProviderUserStatusType.Confirmed)) {
    if (!m.provider.enabled) continue;
    if (m.providerUser.type === ProviderUserType.ProviderAdmin) addClaim(claims, 'providerprovideradmin', m.provider.id);
    if (m.providerUser.type === ProviderUserType.ServiceUser) addClaim(claims, 'providerserviceuser', m.provider.id);
  }
  const out: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(claims)) out[name] = values.length === 1 ? (values[0] ?? '') : values;
  return out;
}

export interface UserTokenRequest {
  user: UserRecord;
  clientId: string;
  scope: readonly string[];
  device: DeviceRecord | null;
  /** Seconds since the epoch of the original authentication. */
  authTime: number;
}

export function issueUserAccessToken(ctx: SandboxContext, request: UserTokenRequest): string {
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const { user } = request;
  const claims: Record<string, unknown> = {
    nbf: now,
    exp: now + ctx.security.accessTokenLifetimeSeconds,
    iss: issuer(ctx),
    client_id: request.clientId,
    sub: user.id,
    auth_time: request.authTime,
    idp: 'bitwarden',
    premium: user.premium || premiumFromOrganization(ctx, user.id),
    email: user.email,
    email_verified: user.emailVerified,
    sstamp: user.securityStamp,
    ...(user.name !== null && user.name !== '' ? { name: user.name } : {}),
    ...(request.device !== null
      ? { device: request.device.identifier, devicetype: DEVICE_TYPE_NAMES[request.device.type] ?? 'UnknownBrowser' }
      : {}),
    ...roleClaims(ctx, user.id),
    jti: randomUUID().replaceAll('-', '').toUpperCase(),
    iat: now,
    scope: [...request.scope],
    amr: ['Application'],
  };
  return signJwt(claims, ctx.secrets.jwtKey);
}

/** Token for `organization.<id>` client credentials (no user; the org acts through `client_sub`). */
export function issueOrganizationAccessToken(ctx: SandboxContext, organizationId: string): string {
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  return signJwt(
    {
      nbf: now,
      exp: now + ctx.security.accessTokenLifetimeSeconds,
      iss: issuer(ctx),
      client_id: `organization.${organizationId}`,
      client_sub: organizationId,
      client_type: 'Organization',
      jti: randomUUID().replaceAll('-', '').toUpperCase(),
      iat: now,
      scope: ['api.organization'],
    },
    ctx.secrets.jwtKey,
  );
}

/** Installation access tokens live 24 h (licensing-and-selfhost.md §5). */
export const INSTALLATION_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** Token for `installation.<id>` client credentials; `client_sub` names the installation. */
export function issueInstallationAccessToken(ctx: SandboxContext, installationId: string, scope: readonly string[]): string {
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  return signJwt(
    {
      nbf: now,
      exp: now + INSTALLATION_TOKEN_LIFETIME_SECONDS,
      iss: issuer(ctx),
      client_id: `installation.${installationId}`,
      client_sub: installationId,
      client_type: 'Installation',
      jti: randomUUID().replaceAll('-', '').toUpperCase(),
      iat: now,
      scope: [...scope],
    },
    ctx.secrets.jwtKey,
  );
}

/** Verified claims of an access token, or null (bad signature, expired, malformed). */
export function verifyAccessToken(ctx: SandboxContext, token: string): AccessTokenClaims | null {
  const payload = verifyJwt(token, ctx.secrets.jwtKey, Math.floor(ctx.clock.now().getTime() / 1000));
  if (payload === null) return null;
  const parsed = accessTokenClaimsSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

export function refreshTokenHash(ctx: SandboxContext, token: string): string {
  return hashSecretValue(ctx.secrets.codeKey, `refresh:${token}`);
}

/** Stores a new refresh grant and returns its opaque handle. */
export function issueRefreshToken(ctx: SandboxContext, request: UserTokenRequest): string {
  const token = opaqueHandle();
  const now = ctx.clock.now();
  ctx.store.refreshTokens.insert({
    tokenHash: refreshTokenHash(ctx, token),
    userId: request.user.id,
    deviceId: request.device?.id ?? null,
    clientId: request.clientId,
    scope: request.scope.join(' '),
    securityStamp: request.user.securityStamp,
    authTime: request.authTime,
    creationDate: now.toISOString(),
    expirationDate: new Date(now.getTime() + ctx.security.refreshTokenLifetimeDays * 86_400_000).toISOString(),
  });
  return token;
}
