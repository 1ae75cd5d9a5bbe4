/**
 * Stateless signed tokens (e-mail verification for registration, 2FA session tokens): a purpose,
 * a JSON payload and an expiry, HMAC-signed with the server's token key. The format is ours; to a
 * client these are opaque strings, as the official server's data-protected tokens are.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function createSignedToken(
  key: Buffer,
  purpose: string,
  payload: Record<string, string>,
  expiresAt: Date,
): string {
  const body = Buffer.from(JSON.stringify({ p: purpose, d: payload, e: Math.floor(expiresAt.getTime() / 1000) })).toString(
    'base64url',
  );
  const mac = createHmac('sha256', key).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The payload when the token is genuine, of this purpose and unexpired at `now`; else null. */
export function readSignedToken(
  key: Buffer,
  purpose: string,
  token: string,
  now: Date,
): Record<string, string> | null {
  const [body, mac, extra] = token.split('.');
  if (body === undefined || mac === undefined || extra !== undefined) return null;
  const expected = createHmac('sha256', key).update(body).digest();
  const actual = Buffer.from(mac, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
      p?: unknown;
      d?: unknown;
      e?: unknown;
    };
    if (parsed.p !== purpose || typeof parsed.e !== 'number' || parsed.e * 1000 <= now.getTime()) return null;
    if (typeof parsed.d !== 'object' || parsed.d === null) return null;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.d)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return null;
  }
}
