/**
 * Who is calling an organization route, and with which rights (admin-api.md §0.2, §0.3).
 *
 * As on the official server, a member's role and custom permissions come from the access token:
 * claims are written at issuance for confirmed memberships, so new rights need a fresh token. The
 * sandbox additionally requires the membership to still be confirmed in the database, so a revoked
 * or removed member loses access at once (never more than the official server grants). Access to a
 * client organization through a provider is resolved by a database lookup at request time, provided
 * the token carries a provider claim.
 */
import type { Context } from 'hono';
import {
  OrganizationUserStatusType,
  OrganizationUserType,
  PERMISSION_NAMES,
  type Permissions,
  type PermissionName,
} from '../../protocol/organization.js';
import { ProviderUserStatusType } from '../../protocol/provider.js';
import type { AccessTokenClaims } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { bearer, currentUser } from '../middleware/auth.js';
import type { OrganizationRecord, OrganizationUserRecord } from '../repositories/organizations.js';
import type { UserRecord } from '../repositories/users.js';
import { clientIp } from './request.js';
import { verifyAccessToken } from './tokens.js';

/** Who an event names as having acted. */
export interface Actor {
  userId: string | null;
  /** Set when a provider user acts on a client organization. */
  providerId: string | null;
  systemUser: number | null;
  deviceType: number | null;
  ipAddress: string | null;
}

export interface OrgCaller {
  organization: OrganizationRecord;
  /** The calling account (null for an organization API key). */
  user: UserRecord | null;
  /** The caller's confirmed membership when the token grants a role in this organization. */
  membership: OrganizationUserRecord | null;
  /** The role the token grants (null: not a member). */
  role: OrganizationUserType | null;
  /** Custom permissions the token grants (all false unless the role is Custom). */
  permissions: Permissions;
  /** The provider through which the caller reaches this client organization. */
  providerId: string | null;
  /** The caller is the organization's own API key (Public API): an Owner of this one organization. */
  organizationApiKey: boolean;
  actor: Actor;
}

const ROLE_CLAIMS: readonly [string, OrganizationUserType][] = [
  ['orgowner', OrganizationUserType.Owner],
  ['orgadmin', OrganizationUserType.Admin],
  ['orgcustom', OrganizationUserType.Custom],
  ['orguser', OrganizationUserType.User],
];

/** The values of a claim that may be a string or an array of strings, lower-cased. */
export function claimValues(claims: AccessTokenClaims, name: string): string[] {
  const value = (claims as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value.toLowerCase()];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
  return [];
}

function noPermissions(): Permissions {
  return Object.fromEntries(PERMISSION_NAMES.map((name) => [name, false])) as Permissions;
}

function deviceTypeOf(c: Context<SandboxEnv>): number | null {
  const raw = c.req.header('Device-Type');
  if (raw === undefined) return null;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/** The organization named by a route parameter, or 404 (an invalid GUID is a 404 too). */
export function organizationParam(ctx: SandboxContext, id: string | undefined): OrganizationRecord {
  const org = id === undefined ? undefined : ctx.store.organizations.findById(id);
  if (org === undefined) throw new NotFoundError();
  return org;
}

/** Resolves the user calling an organization route (behind `requireUser`). */
export function userOrgCaller(ctx: SandboxContext, c: Context<SandboxEnv>, org: OrganizationRecord): OrgCaller {
  const user = currentUser(c);
  const claims = c.get('claims');
  let role: OrganizationUserType | null = null;
  let membership: OrganizationUserRecord | null = null;
  const permissions = noPermissions();
  const stored = ctx.store.organizations.findUserByAccount(org.id, user.id);
  if (org.enabled && stored !== undefined && stored.status === OrganizationUserStatusType.Confirmed) {
    for (const [claim, claimRole] of ROLE_CLAIMS) {
      if (claimValues(claims, claim).includes(org.id)) {
        role = claimRole;
        break;
      }
    }
    if (role !== null) membership = stored;
    if (role === OrganizationUserType.Custom) {
      for (const name of PERMISSION_NAMES) permissions[name] = claimValues(claims, name.toLowerCase()).includes(org.id);
    }
  }
  let providerId: string | null = null;
  const hasProviderClaim =
    claimValues(claims, 'providerprovideradmin').length > 0 || claimValues(claims, 'providerserviceuser').length > 0;
  if (hasProviderClaim) {
    const link = ctx.store.providers.findOrganizationLink(org.id);
    if (link !== undefined && link.provider.enabled) {
      const providerUser = ctx.store.providers.findUserByAccount(link.provider.id, user.id);
      if (providerUser?.status === ProviderUserStatusType.Confirmed) providerId = link.provider.id;
    }
  }
  return {
    organization: org,
    user,
    membership,
    role,
    permissions,
    providerId,
    organizationApiKey: false,
    actor: {
      userId: user.id,
      providerId,
      systemUser: null,
      deviceType: deviceTypeOf(c),
      ipAddress: clientIp(c),
    },
  };
}

/** OrgOwner: owner claim, provider user of the managing provider, or the org's API key. */
export function isOwner(caller: OrgCaller): boolean {
  return caller.role === OrganizationUserType.Owner || caller.providerId !== null || caller.organizationApiKey;
}

/**
 * `CurrentContext.OrganizationOwner` on an action without `[Authorize]`: no token or an invalid one
 * is anonymous (false); an organization API key is Owner of its own organization; a user token as
 * {@link isOwner}.
 */
export function optionalOwner(ctx: SandboxContext, c: Context<SandboxEnv>, org: OrganizationRecord): boolean {
  const token = bearer(c);
  const claims = token === null ? null : verifyAccessToken(ctx, token);
  if (claims === null) return false;
  if (claims.client_id.startsWith('organization.')) return (claims.client_sub ?? '').toLowerCase() === org.id;
  const user = claims.sub === undefined ? undefined : ctx.store.users.findById(claims.sub);
  if (user === undefined) return false;
  c.set('user', user);
  c.set('claims', claims);
  return isOwner(userOrgCaller(ctx, c, org));
}

/** OrgAdmin: OrgOwner or an admin claim. */
export function isAdmin(caller: OrgCaller): boolean {
  return isOwner(caller) || caller.role === OrganizationUserType.Admin;
}

/** Member or provider (any confirmed member claim, or provider access). */
export function isMemberOrProvider(caller: OrgCaller): boolean {
  return caller.role !== null || isOwner(caller);
}

/** Perm(X): Owner, Admin, Custom with permission X, or provider user for the org. */
export function hasPermission(caller: OrgCaller, name: PermissionName): boolean {
  return isAdmin(caller) || (caller.role === OrganizationUserType.Custom && caller.permissions[name]);
}

/** Custom with permission X (not Owner/Admin). */
export function hasCustomPermission(caller: OrgCaller, name: PermissionName): boolean {
  return caller.role === OrganizationUserType.Custom && caller.permissions[name];
}

/**
 * Throws when `allowed` is false: 403 with an empty body for the server's attribute-based checks,
 * 404 "Resource not found." for its older in-method checks.
 */
export function authorize(allowed: boolean, failure: 'forbidden' | 'notFound'): void {
  if (allowed) return;
  throw failure === 'forbidden' ? new ForbiddenError() : new NotFoundError();
}
