/** The official `SelfHosted` action filter (licensing-and-selfhost.md §0): routes for one role only. */
import type { MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError } from '../errors.js';

export const NOT_SELF_HOSTED_ONLY = 'Only allowed when not self hosted.';
export const SELF_HOSTED_ONLY = 'Only allowed when self hosted.';

/** `[SelfHosted(NotSelfHostedOnly = true)]`: 400 on a selfhost sandbox. */
export function cloudOnly(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (_c, next) => {
    if (ctx.mode !== 'cloud') throw new BadRequestError(NOT_SELF_HOSTED_ONLY);
    await next();
  };
}

/** `[SelfHosted(SelfHostedOnly = true)]`: 400 on a cloud sandbox. */
export function selfHostedOnly(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (_c, next) => {
    if (ctx.mode !== 'selfhost') throw new BadRequestError(SELF_HOSTED_ONLY);
    await next();
  };
}
