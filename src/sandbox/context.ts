/** What every route gets: the store, time, mode, mail, logging, secrets and tunable security settings. */
import type { HttpBindings } from '@hono/node-server';
import type { AccessTokenClaims } from '../protocol/token.js';
import type { ServerSecrets } from './auth/secrets.js';
import type { Clock } from './clock.js';
import type { SandboxLogger } from './log.js';
import type { Mailer } from './mailer.js';
import type { UserRecord } from './repositories/users.js';
import type { SandboxStore } from './store.js';

/** `cloud` plays bitwarden.com, `selfhost` plays a customer's self-hosted server. */
export type SandboxMode = 'cloud' | 'selfhost';

export interface SecuritySettings {
  /** Failed logins per e-mail + client address before the pair is locked out (HTTP 429). */
  loginThrottle: { maxFailures: number; windowSeconds: number };
  /** Ask for an e-mailed OTP on a password login from an unknown device (official default: on; sandbox: off). */
  newDeviceVerification: boolean;
  /**
   * Registration e-mail verification: when true `send-verification-email` answers 204 and the
   * token goes to the outbox only; when false (default) the token is also returned in the body.
   */
  emailVerificationRequired: boolean;
  /** PBKDF2 iterations for the server-side hash of the master password hash. */
  serverHashIterations: number;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeDays: number;
}

export const DEFAULT_SECURITY: SecuritySettings = {
  loginThrottle: { maxFailures: 10, windowSeconds: 900 },
  newDeviceVerification: false,
  emailVerificationRequired: false,
  serverHashIterations: 100_000,
  accessTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeDays: 30,
};

export interface SandboxContext {
  store: SandboxStore;
  clock: Clock;
  mode: SandboxMode;
  /** Public base URL (`https://127.0.0.1:PORT`), without a trailing slash. */
  baseUrl(): string;
  mailer: Mailer;
  log: SandboxLogger;
  secrets: ServerSecrets;
  security: SecuritySettings;
}

export type SandboxEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: {
    user: UserRecord;
    claims: AccessTokenClaims;
    /** Set by the fault injector when it destroyed the connection (no answer reached the client). */
    faultDestroyed: boolean;
  };
};
