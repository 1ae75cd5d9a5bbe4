/** Server-side random values. */
import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Like the official server's `SecureRandomString(n)`: uniform alphanumerics. */
export function secureRandomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** A numeric one-time code, e.g. six digits for e-mailed 2FA codes. */
export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += String(randomInt(10));
  return out;
}

/** An opaque handle (refresh tokens, remember-me tokens): 32 random bytes, upper-case hex like Duende's handles. */
export function opaqueHandle(): string {
  return randomBytes(32).toString('hex').toUpperCase();
}
