/**
 * Logging in, unlocking and locking (auth-and-crypto.md sections 2, 3 and 7). The session file gets
 * tokens and encrypted keys only; the unlocked user key is wrapped under a random session key that
 * is handed to the user once (BWMSP_SESSION) and never stored.
 */
import { prelogin, requestBareToken, requestUserToken, sendEmailLoginCode, type DeviceInfo } from '../api/endpoints/identity.js';
import { AuthError, UsageError } from '../errors.js';
import {
  b64decode,
  CryptoError,
  deriveMasterKey,
  hashMasterPassword,
  isV2EncString,
  normalizeEmailSalt,
  SymmetricKey,
  unlockUserKeyWithMasterKey,
  unwrapSymmetricKey,
  V2_UNSUPPORTED_MESSAGE,
  wrapSymmetricKey,
  type KdfConfig,
} from '../crypto/index.js';
import type { Session } from '../config/session-store.js';
import type { TokenSuccessResponse } from '../protocol/token.js';
import { serverId } from '../config/servers.js';
import type { Connection } from './connection.js';
import { z } from 'zod';

const profileEmailSchema = z.looseObject({ email: z.string() });

export interface SecondFactor {
  provider: number;
  code: string;
}

/**
 * Asked when the server wants a second factor; the command prompts or reads --code. It calls
 * `sendEmailCode` before prompting for an e-mailed code (not when the code came with the command).
 */
export type SecondFactorAsk = (providers: number[], email: string | undefined, sendEmailCode: () => Promise<void>) => Promise<SecondFactor>;
/** Asked when the server wants the e-mailed new-device code. */
export type NewDeviceAsk = () => Promise<string>;

export interface LoginResult {
  session: Session;
  /** Base64 session key to export as BWMSP_SESSION; absent when the login leaves the vault locked. */
  sessionKey?: string;
}

function deviceForm(device: DeviceInfo): Record<string, string> {
  return { deviceType: String(device.deviceType), deviceIdentifier: device.deviceIdentifier, deviceName: device.deviceName };
}

/** The `sub` claim of a JWT access token (no signature check: the server checks its own tokens). */
export function tokenSubject(accessToken: string): string {
  const payload = accessToken.split('.')[1];
  if (!payload) throw new AuthError('the server returned an access token that is not a JWT');
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    if (typeof claims.sub === 'string' && claims.sub) return claims.sub;
  } catch {
    // fall through
  }
  throw new AuthError('the server returned an access token without a subject');
}

function kdfFromToken(token: TokenSuccessResponse): { kdf: KdfConfig; salt: string | undefined } {
  const unlock = token.UserDecryptionOptions?.MasterPasswordUnlock;
  const kdf: KdfConfig = {
    kdfType: token.Kdf,
    iterations: token.KdfIterations,
    ...(token.KdfMemory != null ? { memory: token.KdfMemory } : {}),
    ...(token.KdfParallelism != null ? { parallelism: token.KdfParallelism } : {}),
  };
  return { kdf, salt: unlock?.Salt ?? undefined };
}

function checkV1(token: TokenSuccessResponse): void {
  for (const value of [token.Key, token.PrivateKey]) {
    if (value && isV2EncString(value)) throw new AuthError(V2_UNSUPPORTED_MESSAGE, { hint: 'Use the official clients for this account.' });
  }
  if (!token.Key) throw new AuthError('this account has no user key; log in to the web vault once to upgrade its encryption, then try again', { hint: '' });
}

function sessionFrom(conn: Connection, token: TokenSuccessResponse, base: Pick<Session, 'authMethod' | 'userId'> & Partial<Session>, now: Date): Session {
  const { kdf, salt } = kdfFromToken(token);
  return {
    version: 1,
    server: serverId(conn.settings.urls),
    accessToken: token.access_token,
    accessTokenExpiresAt: new Date(now.getTime() + token.expires_in * 1000).toISOString(),
    ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
    kdf,
    ...(salt ? { salt } : {}),
    ...(token.Key ? { protectedUserKey: token.Key } : {}),
    ...(token.PrivateKey ? { encryptedPrivateKey: token.PrivateKey } : {}),
    ...base,
  };
}

/** Wraps the user key under a fresh random session key; returns the key for the user and the blob to store. */
export function sealUserKey(userKey: SymmetricKey): { sessionKey: string; sessionProtectedUserKey: string } {
  const sessionKey = SymmetricKey.generate();
  return { sessionKey: sessionKey.toB64(), sessionProtectedUserKey: wrapSymmetricKey(userKey, sessionKey) };
}

/** The user key from BWMSP_SESSION and the session file, or an AuthError saying the vault is locked. */
export function openUserKey(session: Session, sessionKeyB64: string | undefined): SymmetricKey {
  if (!session.sessionProtectedUserKey || !sessionKeyB64) {
    throw new AuthError('the vault is locked', { hint: "Run 'export BWMSP_SESSION=$(bwmsp unlock --raw)' first." });
  }
  let sessionKey: SymmetricKey;
  try {
    sessionKey = SymmetricKey.fromBytes(b64decode(sessionKeyB64.trim()));
  } catch {
    throw new AuthError('BWMSP_SESSION is not a bwmsp session key', { hint: "Run 'export BWMSP_SESSION=$(bwmsp unlock --raw)' again." });
  }
  try {
    return unwrapSymmetricKey(session.sessionProtectedUserKey, sessionKey);
  } catch {
    throw new AuthError('BWMSP_SESSION does not match this session (it was locked, or the key belongs to another profile)', {
      hint: "Run 'export BWMSP_SESSION=$(bwmsp unlock --raw)' again.",
    });
  }
}

export interface PasswordLoginInput {
  email: string;
  password: string;
  askSecondFactor: SecondFactorAsk;
  askNewDeviceCode: NewDeviceAsk;
  now: Date;
}

/** Password grant with the master password hash, two-step login and new-device codes; unlocks too. */
export async function loginWithPassword(conn: Connection, input: PasswordLoginInput): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const { kdf, salt } = await prelogin(conn.api, email);
  const masterKey = await deriveMasterKey(input.password, salt ?? normalizeEmailSalt(email), kdf);
  const masterPasswordHash = hashMasterPassword(masterKey, input.password);
  const form: Record<string, string> = {
    grant_type: 'password',
    username: email,
    password: masterPasswordHash,
    scope: 'api offline_access',
    client_id: 'cli',
    ...deviceForm(conn.device),
  };
  let outcome = await requestUserToken(conn.api, form);
  for (let attempt = 0; outcome.kind !== 'ok'; attempt++) {
    if (attempt >= 3) throw new AuthError('two-step login failed three times');
    if (outcome.kind === 'two-factor') {
      const factor = await input.askSecondFactor(outcome.providers, outcome.email, () => sendEmailLoginCode(conn.api, { email, masterPasswordHash }));
      Object.assign(form, { twoFactorToken: factor.code.trim(), twoFactorProvider: String(factor.provider), twoFactorRemember: '0' });
    } else {
      form.newDeviceOtp = (await input.askNewDeviceCode()).trim();
    }
    outcome = await requestUserToken(conn.api, form);
  }
  const token = outcome.token;
  checkV1(token);
  const userKey = unlockUserKeyWithMasterKey(masterKey, token.Key as string);
  const { sessionKey, sessionProtectedUserKey } = sealUserKey(userKey);
  const session = sessionFrom(conn, token, { authMethod: 'password', userId: tokenSubject(token.access_token), email, sessionProtectedUserKey }, input.now);
  if (!session.salt) session.salt = salt ?? normalizeEmailSalt(email);
  return { session, sessionKey };
}

/** Personal API key (client_credentials, scope api): logged in, vault locked until `unlock`. */
export async function loginWithUserApiKey(conn: Connection, input: { clientId: string; clientSecret: string; now: Date }): Promise<LoginResult> {
  if (!input.clientId.startsWith('user.')) throw new UsageError(`client id ${input.clientId} is not a personal API key (user.<id>)`, { hint: 'Organization API keys log in with --org-apikey.' });
  const outcome = await requestUserToken(conn.api, {
    grant_type: 'client_credentials',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    scope: 'api',
    ...deviceForm(conn.device),
  });
  if (outcome.kind !== 'ok') throw new AuthError('the server asked for more verification on an API key login, which Bitwarden does not do');
  checkV1(outcome.token);
  const userId = input.clientId.slice('user.'.length);
  // The token carries no e-mail; the profile does (shown by `status`, and the salt fallback of unlock).
  const profile = await conn.api.request({
    service: 'api',
    method: 'GET',
    path: '/accounts/profile',
    auth: false,
    headers: { Authorization: `Bearer ${outcome.token.access_token}` },
    schema: profileEmailSchema,
  });
  return { session: sessionFrom(conn, outcome.token, { authMethod: 'apikey', userId, clientId: input.clientId, email: profile.email.toLowerCase() }, input.now) };
}

/** Organization API key (client_credentials, scope api.organization): Public API only, no keys. */
export async function loginWithOrgApiKey(conn: Connection, input: { clientId: string; clientSecret: string; now: Date }): Promise<LoginResult> {
  if (!input.clientId.startsWith('organization.')) throw new UsageError(`client id ${input.clientId} is not an organization API key (organization.<id>)`);
  const token = await requestBareToken(conn.api, {
    grant_type: 'client_credentials',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    scope: 'api.organization',
    ...deviceForm(conn.device),
  });
  const orgId = input.clientId.slice('organization.'.length);
  return {
    session: {
      version: 1,
      server: serverId(conn.settings.urls),
      authMethod: 'org-apikey',
      userId: orgId,
      organizationId: orgId,
      clientId: input.clientId,
      accessToken: token.access_token,
      accessTokenExpiresAt: new Date(input.now.getTime() + token.expires_in * 1000).toISOString(),
    },
  };
}

/** Derives the master key again and opens the protected user key; returns a new session key. */
export async function unlock(session: Session, password: string): Promise<{ sessionKey: string; sessionProtectedUserKey: string }> {
  if (session.authMethod === 'org-apikey') throw new UsageError('an organization API key session has no vault to unlock');
  if (!session.protectedUserKey || !session.kdf) throw new AuthError('this session holds no encrypted user key; log in again');
  const salt = session.salt ?? normalizeEmailSalt(session.email ?? '');
  const masterKey = await deriveMasterKey(password, salt, session.kdf);
  try {
    return sealUserKey(unlockUserKeyWithMasterKey(masterKey, session.protectedUserKey));
  } catch (error) {
    if (error instanceof CryptoError) throw new AuthError('wrong master password', { hint: '' });
    throw error;
  }
}

