/**
 * Unit-test harness: the sandbox app over a fresh temp-dir database, called with `app.request()`
 * (no port), plus a movable clock and fake-but-well-formed client key material.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSandboxApp } from '../../../src/sandbox/app.js';
import type { Clock } from '../../../src/sandbox/clock.js';
import type { SandboxContext, SecuritySettings } from '../../../src/sandbox/context.js';
import { createMailer } from '../../../src/sandbox/mailer.js';
import { openStore, type SandboxStore } from '../../../src/sandbox/store.js';

export class FakeClock implements Clock {
  #ms: number;
  constructor(start = Date.UTC(2026, 7, 20, 12, 0, 0)) {
    this.#ms = start;
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

export const BASE_URL = 'https://127.0.0.1:8443';

export const CLIENT_HEADERS: Record<string, string> = {
  'Bitwarden-Client-Name': 'cli',
  'Bitwarden-Client-Version': '2026.9.0',
  'Device-Type': '25',
};

export interface Harness {
  store: SandboxStore;
  context: SandboxContext;
  clock: FakeClock;
  dataDir: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  postJson(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  postForm(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
  close(): void;
}

export function createHarness(options: { security?: Partial<SecuritySettings>; clock?: FakeClock } = {}): Harness {
  const dataDir = mkdtempSync(join(tmpdir(), 'bwmsp-unit-sandbox-'));
  const store = openStore({ dataDir });
  const clock = options.clock ?? new FakeClock();
  const mailer = createMailer({ store, clock });
  const { app, context } = buildSandboxApp({
    store,
    clock,
    baseUrl: BASE_URL,
    mailer,
    security: { serverHashIterations: 1000, ...options.security },
  });
  const doFetch = async (path: string, init?: RequestInit): Promise<Response> => app.request(BASE_URL + path, init);
  return {
    store,
    context,
    clock,
    dataDir,
    fetch: doFetch,
    postJson: (path, body, headers = {}) =>
      doFetch(path, {
        method: 'POST',
        headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(body),
      }),
    postForm: (path, form, headers = {}) =>
      doFetch(path, {
        method: 'POST',
        headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
        body: new URLSearchParams(form).toString(),
      }),
    get: (path, token) =>
      doFetch(path, { headers: { ...CLIENT_HEADERS, ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) } }),
    close() {
      try {
        store.close();
      } catch {
        // already closed by the test
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const b64 = (n: number): string => randomBytes(n).toString('base64');

/** A syntactically valid type-2 EncString (random bytes; nothing decrypts it). */
export function fakeEncString(): string {
  return `2.${b64(16)}|${b64(48)}|${b64(32)}`;
}

/** Fake client key material for one account (the server never looks inside). */
export function fakeAccountKeys() {
  return {
    masterPasswordHash: b64(32),
    protectedUserKey: fakeEncString(),
    publicKey: b64(294),
    encryptedPrivateKey: fakeEncString(),
  };
}

export interface UnitAccount extends ReturnType<typeof fakeAccountKeys> {
  email: string;
}

export const PBKDF2_DEFAULT = { kdfType: 0, iterations: 600000, memory: null, parallelism: null } as const;

/** send-verification-email + register/finish (nested shape); returns the account. */
export async function registerUnitAccount(
  h: Harness,
  email = `user${Math.floor(Math.random() * 1e9)}@example.com`,
  kdf: { kdfType: number; iterations: number; memory: number | null; parallelism: number | null } = PBKDF2_DEFAULT,
): Promise<UnitAccount> {
  const keys = fakeAccountKeys();
  const tokenResponse = await h.postJson('/identity/accounts/register/send-verification-email', { email, name: 'Unit' });
  if (tokenResponse.status !== 200) throw new Error(`send-verification-email: ${tokenResponse.status}`);
  const token = (await tokenResponse.json()) as string;
  const salt = email.trim().toLowerCase();
  const finish = await h.postJson('/identity/accounts/register/finish', {
    email,
    emailVerificationToken: token,
    masterPasswordAuthentication: { kdf, masterPasswordAuthenticationHash: keys.masterPasswordHash, salt },
    masterPasswordUnlock: { kdf, masterKeyWrappedUserKey: keys.protectedUserKey, salt },
    userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
  });
  if (finish.status !== 200) throw new Error(`register/finish: ${finish.status} ${await finish.text()}`);
  return { ...keys, email: salt };
}

export function passwordForm(
  account: { email: string; masterPasswordHash: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    scope: 'api offline_access',
    client_id: 'cli',
    deviceType: '25',
    deviceIdentifier: 'b8f3c3a0-1111-4222-8333-944445555666',
    deviceName: 'linux',
    grant_type: 'password',
    username: account.email,
    password: account.masterPasswordHash,
    ...extra,
  };
}

export async function login(
  h: Harness,
  account: { email: string; masterPasswordHash: string },
  extra: Record<string, string> = {},
): Promise<{ access_token: string; refresh_token: string } & Record<string, unknown>> {
  const response = await h.postForm('/identity/connect/token', passwordForm(account, extra));
  if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
  return (await response.json()) as { access_token: string; refresh_token: string } & Record<string, unknown>;
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
