/**
 * Server-side storage of the client's master password hash. The received value is treated as a
 * password: PBKDF2-HMAC-SHA256 with a per-user random salt, compared in constant time. The client's
 * value itself is never stored.
 *
 * Format: `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
 */
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

export const SERVER_HASH_ITERATIONS = 100_000;
const PREFIX = 'pbkdf2-sha256';
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export async function hashServerPassword(value: string, iterations = SERVER_HASH_ITERATIONS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await pbkdf2Async(value, salt, iterations, HASH_BYTES, 'sha256');
  return `${PREFIX}$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A stored hash that matches nothing, to spend the same time on unknown users. */
let dummyHash: Promise<string> | undefined;

export async function verifyServerPassword(value: string, stored: string | null): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashServerPassword('bwmsp-sandbox-dummy-password');
    await verifyServerPassword(value, await dummyHash);
    return false;
  }
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== PREFIX) return false;
  const iterations = Number(parts[1]);
  if (!Number.isSafeInteger(iterations) || iterations < 1) return false;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const expected = Buffer.from(parts[3] ?? '', 'base64');
  const actual = await pbkdf2Async(value, salt, iterations, expected.length, 'sha256');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
