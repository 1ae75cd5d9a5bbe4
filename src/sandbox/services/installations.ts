/**
 * Installations (licensing-and-selfhost.md §5): registered by e-mail, identified by a GUID and a
 * 20-character key shown once; the server keeps the key's SHA-256.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { secureRandomString } from '../auth/random.js';
import type { InstallationRecord } from '../repositories/licensing.js';
import type { SandboxStore } from '../store.js';

function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function registerInstallation(store: SandboxStore, email: string, now: Date): { id: string; key: string } {
  const id = randomUUID();
  const key = secureRandomString(20);
  store.licensing.insertInstallation({
    id,
    keyHash: keyHash(key),
    email: email.trim().toLowerCase(),
    enabled: true,
    creationDate: now.toISOString(),
    lastActivityDate: null,
  });
  return { id, key };
}

/** The installation when `key` is its key and it is enabled; otherwise undefined. */
export function verifyInstallationKey(store: SandboxStore, id: string, key: string): InstallationRecord | undefined {
  const installation = store.licensing.findInstallation(id);
  if (installation === undefined || !installation.enabled) return undefined;
  const expected = Buffer.from(installation.keyHash, 'hex');
  const actual = createHash('sha256').update(key, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? installation : undefined;
}
