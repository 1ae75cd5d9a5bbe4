/** Bearer-token authentication for `{api}` routes. */
import type { Context, MiddlewareHandler } from 'hono';
import { Scope } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { UserRecord } from '../repositories/users.js';
import { verifyAccessToken } from '../services/tokens.js';

/** The bearer token of the request, if any. */
export function bearer(c: Context<SandboxEnv>): string | null {
  const header = c.req.header('Authorization');
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Requires a valid user access token with scope `api`; sets `user` and `claims`. A missing or
 * invalid token is a 401; a valid token of another kind (an organization API key token, scope
 * `api.organization`) is authenticated but fails the official `Application` policy (scope `api`,
 * `amr` Application), so it is a 403 with an empty body, as on the official server.
 */
export function requireUser(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = bearer(c);
    if (token === null) throw new UnauthorizedError();
    const claims = verifyAccessToken(ctx, token);
    if (claims === null) throw new UnauthorizedError('Bearer error="invalid_token"');
    if (claims.sub === undefined || !claims.scope.includes(Scope.Api)) throw new ForbiddenError();
    const user = ctx.store.users.findById(claims.sub);
    if (user === undefined) throw new UnauthorizedError('Bearer error="invalid_token"');
    c.set('user', user);
    c.set('claims', claims);
    await next();
  };
}

/** The authenticated user (only inside routes behind `requireUser`). */
export function currentUser(c: Context<SandboxEnv>): UserRecord {
  const user = c.get('user') as UserRecord | undefined;
  if (user === undefined) throw new UnauthorizedError();
  return user;
}
