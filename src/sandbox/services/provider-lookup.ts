/** Route parameters of the provider routes and the lookups behind them. */
import type { Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { ProviderRecord } from '../repositories/providers.js';

/**
 * A route parameter constrained to a GUID (the official `{providerId:guid}`): a request whose segment
 * is not a GUID matches no route and gets the bare 404.
 */
export function guidParam(name: string): string {
  return `:${name}{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}`;
}

/** `/providers/:providerId` with the GUID constraint. */
export const PROVIDER_PATH = `/providers/${guidParam('providerId')}`;

/** A required route parameter, lower-cased. */
export function param(c: Context<SandboxEnv>, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new NotFoundError();
  return value.toLowerCase();
}

/** The provider of the route, or 404 "Resource not found.". */
export function providerOr404(ctx: SandboxContext, providerId: string): ProviderRecord {
  const provider = ctx.store.providers.findById(providerId);
  if (provider === undefined) throw new NotFoundError();
  return provider;
}
