/** Two-step login state (`users.two_factor_providers`) and e-mailed codes. */
import { randomUUID } from 'node:crypto';
import { TwoFactorProviderType } from '../../protocol/two-factor.js';
import { hashSecretValue } from '../auth/secrets.js';
import { opaqueHandle, randomDigits } from '../auth/random.js';
import type { SandboxContext } from '../context.js';
import type { AuthCodePurpose } from '../repositories/auth-codes.js';
import type { UserRecord } from '../repositories/users.js';

export interface TwoFactorProviderState {
  enabled: boolean;
  metaData: Record<string, string>;
}

export type TwoFactorProviders = Record<string, TwoFactorProviderState>;

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const REMEMBER_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Provider types the sandbox can actually verify. */
const SUPPORTED = new Set<number>([TwoFactorProviderType.Email]);

export function readTwoFactorProviders(user: UserRecord): TwoFactorProviders {
  if (user.twoFactorProviders === null) return {};
  try {
    const parsed = JSON.parse(user.twoFactorProviders) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: TwoFactorProviders = {};
    for (const [type, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null) continue;
      const state = value as { enabled?: unknown; metaData?: unknown };
      const metaData: Record<string, string> = {};
      if (typeof state.metaData === 'object' && state.metaData !== null) {
        for (const [k, v] of Object.entries(state.metaData)) if (typeof v === 'string') metaData[k] = v;
      }
      out[type] = { enabled: state.enabled === true, metaData };
    }
    return out;
  } catch {
    return {};
  }
}

export function writeTwoFactorProviders(providers: TwoFactorProviders): string | null {
  return Object.keys(providers).length === 0 ? null : JSON.stringify(providers);
}

/** Enabled provider types (numbers) that this server can verify, ascending. */
export function enabledTwoFactorTypes(user: UserRecord): number[] {
  return Object.entries(readTwoFactorProviders(user))
    .filter(([type, state]) => state.enabled && SUPPORTED.has(Number(type)))
    .map(([type]) => Number(type))
    .sort((a, b) => a - b);
}

/** `r***@example.com`. */
export function redactEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return email;
  return `${email.charAt(0)}***${email.slice(at)}`;
}

/** The address e-mail 2FA codes go to. */
export function twoFactorEmailOf(user: UserRecord): string {
  return readTwoFactorProviders(user)[String(TwoFactorProviderType.Email)]?.metaData.Email ?? user.email;
}

/** Creates a six-digit code for this purpose, stores its hash and mails it. */
export function sendEmailCode(
  ctx: SandboxContext,
  user: UserRecord,
  purpose: Extract<AuthCodePurpose, 'two-factor-email' | 'two-factor-email-setup' | 'new-device-otp'>,
  to: string,
): void {
  const code = randomDigits(6);
  const now = ctx.clock.now();
  ctx.store.authCodes.insert({
    id: randomUUID(),
    userId: user.id,
    purpose,
    codeHash: hashSecretValue(ctx.secrets.codeKey, `${purpose}:${code}`),
    deviceIdentifier: null,
    data: purpose === 'two-factor-email-setup' ? to : null,
    creationDate: now.toISOString(),
    expirationDate: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
  });
  const subjects = {
    'two-factor-email': 'Your Two-step Login Verification Code',
    'two-factor-email-setup': 'Your Two-step Login Verification Code',
    'new-device-otp': 'Your Bitwarden Verification Code',
  } as const;
  ctx.mailer.send({
    to,
    subject: subjects[purpose],
    template: purpose,
    text: `Your verification code is: ${code}\n\nUse this code to complete logging in with Bitwarden.\nIf you did not try to log in, change your master password.\n`,
    token: code,
  });
}

/** Consumes a matching unexpired code; `data` must equal the stored data when given. */
export function consumeEmailCode(
  ctx: SandboxContext,
  user: UserRecord,
  purpose: AuthCodePurpose,
  code: string,
  data?: string,
): boolean {
  const now = ctx.clock.now().toISOString();
  const record = ctx.store.authCodes.findActive(
    user.id,
    purpose,
    hashSecretValue(ctx.secrets.codeKey, `${purpose}:${code.trim()}`),
    now,
  );
  if (record === undefined) return false;
  if (data !== undefined && record.data !== data) return false;
  return ctx.store.authCodes.consume(record.id, now);
}

/** Issues a remember-me token bound to the device (replayed later with provider 5). */
export function issueRememberToken(ctx: SandboxContext, user: UserRecord, deviceIdentifier: string): string {
  const token = opaqueHandle();
  const now = ctx.clock.now();
  ctx.store.authCodes.insert({
    id: randomUUID(),
    userId: user.id,
    purpose: 'two-factor-remember',
    codeHash: hashSecretValue(ctx.secrets.codeKey, `two-factor-remember:${token}`),
    deviceIdentifier,
    data: null,
    creationDate: now.toISOString(),
    expirationDate: new Date(now.getTime() + REMEMBER_LIFETIME_MS).toISOString(),
  });
  return token;
}

export function checkRememberToken(
  ctx: SandboxContext,
  user: UserRecord,
  deviceIdentifier: string,
  token: string,
): boolean {
  const record = ctx.store.authCodes.findActive(
    user.id,
    'two-factor-remember',
    hashSecretValue(ctx.secrets.codeKey, `two-factor-remember:${token}`),
    ctx.clock.now().toISOString(),
  );
  return record !== undefined && record.deviceIdentifier === deviceIdentifier;
}
