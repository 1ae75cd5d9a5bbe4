/**
 * The Public API (`{api}/public/*`, admin-api.md §10), with its own error bodies: `errors` instead
 * of `validationErrors`, and an empty 404 for "not found".
 */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { publicApiErrorResponse } from '../error-handlers.js';
import { publicCollectionRoutes } from './public-collections.js';
import { publicEventRoutes } from './public-events.js';
import { publicGroupRoutes } from './public-groups.js';
import { publicMemberRoutes } from './public-members.js';
import { publicPolicyRoutes } from './public-policies.js';

export function publicApiRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.route('/', publicMemberRoutes(ctx));
  app.route('/', publicGroupRoutes(ctx));
  app.route('/', publicCollectionRoutes(ctx));
  app.route('/', publicPolicyRoutes(ctx));
  app.route('/', publicEventRoutes(ctx));
  app.notFound((c) => c.body(null, 404));
  app.onError((error, c) => publicApiErrorResponse(error, c, ctx.log));
  return app;
}
