/**
 * Installation tokens (licensing-and-selfhost.md §5): `client_credentials` for `installation.<id>`;
 * policies `Licensing` (scope `api.licensing`), `Installation` (`api.installation`), `Push` (`api.push`).
 * The installation is the token's `client_sub`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { verifyAccessToken } from '../services/tokens.js';
import { bearer } from './auth.js';

/** Requires a valid token carrying `scope`; another valid token is refused with 403. */
export function requireScope(ctx: SandboxContext, scope: string): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = bearer(c);
    if (token === null) throw new UnauthorizedError();
    const claims = verifyAccessToken(ctx, token);
    if (claims === null) throw new UnauthorizedError('Bearer error="invalid_token"');
    if (!claims.scope.includes(scope)) throw new ForbiddenError();
    c.set('claims', claims);
    await next();
  };
}

/** The installation id of the token (behind `requireScope`). */
export function tokenInstallationId(c: Context<SandboxEnv>): string {
  const sub = c.get('claims').client_sub;
  if (sub === undefined || !c.get('claims').client_id.startsWith('installation.')) throw new ForbiddenError();
  return sub;
}
