/** Failed-login throttling per e-mail + client address. */
import type { SandboxContext } from '../context.js';
import { TooManyRequestsError } from '../errors.js';

export function throttleKey(email: string, ip: string): string {
  return `${email}|${ip}`;
}

/** Throws 429 while the key is locked out. */
export function assertNotThrottled(ctx: SandboxContext, key: string): void {
  const record = ctx.store.loginFailures.get(key);
  if (record === undefined || record.lockedUntil === null) return;
  const now = ctx.clock.now().getTime();
  const until = Date.parse(record.lockedUntil);
  if (until > now) throw new TooManyRequestsError(Math.max(1, Math.ceil((until - now) / 1000)));
  ctx.store.loginFailures.clear(key);
}

export function recordLoginFailure(ctx: SandboxContext, key: string): void {
  const { maxFailures, windowSeconds } = ctx.security.loginThrottle;
  const now = ctx.clock.now();
  const existing = ctx.store.loginFailures.get(key);
  const windowOpen =
    existing !== undefined && now.getTime() - Date.parse(existing.windowStart) < windowSeconds * 1000;
  const failures = windowOpen ? existing.failures + 1 : 1;
  const windowStart = windowOpen ? existing.windowStart : now.toISOString();
  const lockedUntil = failures >= maxFailures ? new Date(now.getTime() + windowSeconds * 1000).toISOString() : null;
  ctx.store.loginFailures.put({ throttleKey: key, failures, windowStart, lockedUntil });
}

export function clearLoginFailures(ctx: SandboxContext, key: string): void {
  ctx.store.loginFailures.clear(key);
}
