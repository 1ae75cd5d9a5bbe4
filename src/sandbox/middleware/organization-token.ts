/**
 * Organization API key authentication for the Public API (`/public/*`, admin-api.md §10): a token
 * from `client_credentials` with `client_id=organization.<orgId>`, scope `api.organization`. The
 * organization comes from the token's `client_sub`, never from the route.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { EventSystemUser } from '../../protocol/event.js';
import { PERMISSION_NAMES, type Permissions } from '../../protocol/organization.js';
import { Scope } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { OrgCaller } from '../services/org-caller.js';
import { clientIp } from '../services/request.js';
import { verifyAccessToken } from '../services/tokens.js';
import { bearer } from './auth.js';

/** Requires an organization access token; a valid token of another kind is refused with 403. */
export function requireOrganizationToken(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = bearer(c);
    if (token === null) throw new UnauthorizedError();
    const claims = verifyAccessToken(ctx, token);
    if (claims === null) throw new UnauthorizedError('Bearer error="invalid_token"');
    if (!claims.scope.includes(Scope.ApiOrganization) || claims.client_sub === undefined) throw new ForbiddenError();
    c.set('claims', claims);
    await next();
  };
}

/** The organization acting through its API key: an Owner of exactly this organization. */
export function organizationKeyCaller(ctx: SandboxContext, c: Context<SandboxEnv>): OrgCaller {
  const organizationId = c.get('claims').client_sub ?? '';
  const org = ctx.store.organizations.findById(organizationId);
  if (org === undefined || !org.enabled || !org.useApi) throw new UnauthorizedError('Bearer error="invalid_token"');
  const permissions = Object.fromEntries(PERMISSION_NAMES.map((name) => [name, false])) as Permissions;
  const rawDevice = Number(c.req.header('Device-Type'));
  return {
    organization: org,
    user: null,
    membership: null,
    role: null,
    permissions,
    providerId: null,
    organizationApiKey: true,
    actor: {
      userId: null,
      providerId: null,
      systemUser: EventSystemUser.PublicApi,
      deviceType: Number.isInteger(rawDevice) && rawDevice >= 0 ? rawDevice : null,
      ipAddress: clientIp(c),
    },
  };
}
