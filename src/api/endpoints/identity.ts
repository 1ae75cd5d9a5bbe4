/**
 * Identity endpoints: prelogin and the token grants (auth-and-crypto.md sections 2 and 7).
 * Responses are read case-tolerantly (section 1.3): the official server, Vaultwarden and our
 * sandbox differ in the casing of some keys.
 */
import { z } from 'zod';
import { kdfTypeSchema } from '../../protocol/kdf.js';
import { bareTokenResponseSchema, tokenSuccessResponseSchema, type BareTokenResponse, type TokenSuccessResponse } from '../../protocol/token.js';
import type { ApiClient } from '../client.js';
import { AuthError } from '../../errors.js';
import { ApiError } from '../errors.js';

export interface KdfParams {
  kdfType: 0 | 1;
  iterations: number;
  memory?: number;
  parallelism?: number;
}

const preloginSchema = z.object({
  kdf: kdfTypeSchema,
  kdfIterations: z.int().positive(),
  kdfMemory: z.int().nullish(),
  kdfParallelism: z.int().nullish(),
  salt: z.string().nullish(),
});

/** Lower-cases the first letter of every top-level key (SRV camelCase vs. PascalCase variants). */
export function camelKeys(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

/** `POST {identity}/accounts/prelogin`: the account's KDF and salt (null salt = the normalised e-mail). */
export async function prelogin(api: ApiClient, email: string): Promise<{ kdf: KdfParams; salt: string | undefined }> {
  const raw = await api.request({ service: 'identity', method: 'POST', path: '/accounts/prelogin', json: { email }, auth: false, idempotent: true });
  const body = preloginSchema.parse(camelKeys(raw));
  return {
    kdf: {
      kdfType: body.kdf,
      iterations: body.kdfIterations,
      ...(body.kdfMemory != null ? { memory: body.kdfMemory } : {}),
      ...(body.kdfParallelism != null ? { parallelism: body.kdfParallelism } : {}),
    },
    salt: body.salt ?? undefined,
  };
}

export interface DeviceInfo {
  deviceType: number;
  deviceIdentifier: string;
  deviceName: string;
}

export type TokenOutcome =
  | { kind: 'ok'; token: TokenSuccessResponse }
  | { kind: 'two-factor'; providers: number[]; email?: string }
  | { kind: 'new-device' };

/** Two-factor provider numbers (SRV TwoFactorProviderType). */
export const TwoFactorProvider = { Authenticator: 0, Email: 1, Remember: 5, RecoveryCode: 8 } as const;

function twoFactorProviders(body: unknown): number[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const providers = (body as Record<string, unknown>).TwoFactorProviders2;
  if (typeof providers !== 'object' || providers === null) return undefined;
  const keys = Object.keys(providers).map(Number).filter(Number.isInteger);
  return keys.length ? keys : undefined;
}

function isNewDevice(body: unknown): boolean {
  const model = (body as { ErrorModel?: { Message?: unknown } } | null)?.ErrorModel;
  return model?.Message === 'new device verification required';
}

/**
 * A password or user API-key grant. 400 answers that ask for a second factor or a new-device code
 * come back as outcomes (exact PascalCase keys, section 7.9); other refusals throw.
 */
export async function requestUserToken(api: ApiClient, form: Record<string, string>): Promise<TokenOutcome> {
  try {
    const raw = await api.request({ service: 'identity', method: 'POST', path: '/connect/token', form, auth: false });
    return { kind: 'ok', token: tokenSuccessResponseSchema.parse(normaliseTokenKeys(raw)) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      const providers = twoFactorProviders(error.body);
      if (providers) {
        const email = ((error.body as Record<string, unknown>).TwoFactorProviders2 as Record<string, { Email?: string } | null>)['1']?.Email;
        return { kind: 'two-factor', providers, ...(email ? { email } : {}) };
      }
      if (isNewDevice(error.body)) return { kind: 'new-device' };
    }
    throw refused(error);
  }
}

/** The identity server refused the credentials (400 invalid_grant / invalid_client): exit 4, not 1. */
function refused(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 400 && (error.errorCode === 'invalid_grant' || error.errorCode === 'invalid_client' || error.errorCode === 'unauthorized_client')) {
    return new AuthError(error.serverMessage ?? 'the server refused the credentials', { hint: '', cause: error });
  }
  return error;
}

/** Refresh-token grant and organization client credentials: bare tokens, no keys. */
export async function requestBareToken(api: ApiClient, form: Record<string, string>): Promise<BareTokenResponse> {
  try {
    return await api.request({ service: 'identity', method: 'POST', path: '/connect/token', form, auth: false, schema: bareTokenResponseSchema });
  } catch (error) {
    throw refused(error);
  }
}

const pascalTokenKeys = ['Key', 'PrivateKey', 'AccountKeys', 'Kdf', 'KdfIterations', 'KdfMemory', 'KdfParallelism', 'ForcePasswordReset', 'ResetMasterPassword', 'MasterPasswordPolicy', 'UserDecryptionOptions', 'TwoFactorToken', 'ApiUseKeyConnector'];

/** Accepts `key`/`Key` etc. for Bitwarden's own fields; OAuth fields stay exact. */
function normaliseTokenKeys(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const key of pascalTokenKeys) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (out[key] === undefined && out[camel] !== undefined) out[key] = out[camel];
  }
  return out;
}

/** `POST {api}/two-factor/send-email-login`: asks the server to mail a login code. */
export async function sendEmailLoginCode(api: ApiClient, body: { email: string; masterPasswordHash: string }): Promise<void> {
  await api.request({ service: 'api', method: 'POST', path: '/two-factor/send-email-login', json: body, auth: false });
}
