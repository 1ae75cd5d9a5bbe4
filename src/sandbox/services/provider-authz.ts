/**
 * Who may call a provider route (admin-api.md §0.2, §0.3), and how a provider user reaches a client
 * organization.
 *
 * As on the official server, the provider role comes from the access token: `providerprovideradmin`
 * / `providerserviceuser` claims are written at issuance for confirmed provider users, so a user
 * confirmed (or promoted) after login needs a fresh token. The sandbox additionally requires the
 * provider-user row to still be confirmed with that role, so a removed or demoted user loses access at
 * once (never more than the official server grants). Failing the requirement is a 403 with an empty
 * body (the official `[Authorize<ProviderUserRequirement>]` / `<ProviderAdminRequirement>`).
 *
 * Access to a client organization through a provider is resolved by a database lookup at request time
 * (`isProviderUserForOrg`), provided the token carries a provider claim.
 */
import type { Context } from 'hono';
import { ProviderUserStatusType, ProviderUserType } from '../../protocol/provider.js';
import type { AccessTokenClaims } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { currentUser } from '../middleware/auth.js';
import type { ClientAccess } from '../repositories/provider-organizations.js';
import type { SandboxStore } from '../store.js';
import { claimValues } from './org-caller.js';

const ADMIN_CLAIM = 'providerprovideradmin';
const SERVICE_USER_CLAIM = 'providerserviceuser';

/** True when the token carries any provider claim (the precondition of provider → client access). */
export function hasProviderClaim(claims: AccessTokenClaims): boolean {
  return claimValues(claims, ADMIN_CLAIM).length > 0 || claimValues(claims, SERVICE_USER_CLAIM).length > 0;
}

/** The provider role the stored row gives this account now (null: not a confirmed user of an enabled provider). */
function storedRole(ctx: SandboxContext, providerId: string, userId: string): number | null {
  const provider = ctx.store.providers.findById(providerId);
  if (provider === undefined || !provider.enabled) return null;
  const row = ctx.store.providers.findUserByAccount(providerId, userId);
  return row?.status === ProviderUserStatusType.Confirmed ? row.type : null;
}

/** ProviderAdmin (`ManageProviderUsersRequirement` too): an admin claim for this provider. */
export function isProviderAdmin(ctx: SandboxContext, c: Context<SandboxEnv>, providerId: string): boolean {
  const id = providerId.toLowerCase();
  if (!claimValues(c.get('claims'), ADMIN_CLAIM).includes(id)) return false;
  return storedRole(ctx, id, currentUser(c).id) === ProviderUserType.ProviderAdmin;
}

/** ProviderUser: an admin or service-user claim for this provider. */
export function isProviderUser(ctx: SandboxContext, c: Context<SandboxEnv>, providerId: string): boolean {
  const id = providerId.toLowerCase();
  const claims = c.get('claims');
  if (!claimValues(claims, ADMIN_CLAIM).includes(id) && !claimValues(claims, SERVICE_USER_CLAIM).includes(id)) {
    return false;
  }
  return storedRole(ctx, id, currentUser(c).id) !== null;
}

/** 403 (empty body) unless the caller is a ProviderAdmin of the provider. */
export function requireProviderAdmin(ctx: SandboxContext, c: Context<SandboxEnv>, providerId: string): void {
  if (!isProviderAdmin(ctx, c, providerId)) throw new ForbiddenError();
}

/** 403 (empty body) unless the caller is a user (admin or service user) of the provider. */
export function requireProviderUser(ctx: SandboxContext, c: Context<SandboxEnv>, providerId: string): void {
  if (!isProviderUser(ctx, c, providerId)) throw new ForbiddenError();
}

/**
 * How `userId` reaches `organizationId` through a provider: set when the account is a confirmed
 * user (admin or service user) of the enabled provider that manages the organization. A pure
 * database lookup; callers check `hasProviderClaim` on the token first, as the official server does.
 */
export function providerAccessToOrganization(
  store: SandboxStore,
  userId: string,
  organizationId: string,
): ClientAccess | undefined {
  return store.providerOrganizations.findClientAccess(userId, organizationId);
}

/** True when `userId` is a confirmed user of the provider that manages `organizationId`. */
export function isProviderUserForOrg(store: SandboxStore, userId: string, organizationId: string): boolean {
  return providerAccessToOrganization(store, userId, organizationId) !== undefined;
}
