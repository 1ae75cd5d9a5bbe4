/**
 * Server secrets: one random master secret kept in `server_settings`, from which each purpose gets
 * its own HMAC key. Created on first start, stable afterwards (tokens survive restarts).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SandboxStore } from '../store.js';

export interface ServerSecrets {
  /** HS256 key for access tokens. */
  readonly jwtKey: Buffer;
  /** Chooses the fake prelogin answer for unknown e-mails. */
  readonly preloginKey: Buffer;
  /** Signs stateless tokens (e-mail verification, 2FA session tokens). */
  readonly tokenKey: Buffer;
  /** Hashes one-time codes and refresh handles before they are stored. */
  readonly codeKey: Buffer;
}

const MASTER_SECRET_KEY = 'server_secret';

export function loadServerSecrets(store: SandboxStore): ServerSecrets {
  const master = Buffer.from(
    store.settings.getOrCreate(MASTER_SECRET_KEY, () => randomBytes(32).toString('base64')),
    'base64',
  );
  const derive = (purpose: string): Buffer => createHmac('sha256', master).update(`bwmsp-sandbox:${purpose}`).digest();
  return {
    jwtKey: derive('jwt'),
    preloginKey: derive('prelogin'),
    tokenKey: derive('token'),
    codeKey: derive('code'),
  };
}

/** Keyed hash for values stored only to be compared later (codes, refresh handles). */
export function hashSecretValue(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64');
}
