/**
 * Registers an account through the public routes with all key material made here (bwmsp's own
 * crypto), then fetches its personal API key. Used by `sandbox seed` and the tests; the sandbox
 * learns nothing a real server would not.
 */
import { prelogin, requestUserToken } from '../api/endpoints/identity.js';
import { getPersonalApiKey, registerFinish, sendVerificationEmail } from '../api/endpoints/registration.js';
import { ApiError } from '../api/errors.js';
import { DEFAULT_KDF, deriveMasterKey, hashMasterPassword, makeUserKeys, normalizeEmailSalt, type KdfConfig } from '../crypto/index.js';
import { BwmspError } from '../errors.js';
import type { Connection } from './connection.js';
import { tokenSubject } from './auth.js';

export interface RegisteredAccount {
  email: string;
  userId: string;
  clientId: string;
  clientSecret: string;
  /** False when the account existed already and was only logged in to. */
  created: boolean;
}

function kdfWire(kdf: KdfConfig) {
  return { kdfType: kdf.kdfType, iterations: kdf.iterations, memory: kdf.memory ?? null, parallelism: kdf.parallelism ?? null };
}

/** Returns the new account's master password hash, or undefined when the e-mail is taken. */
async function register(conn: Connection, input: { email: string; password: string; name: string; kdf: KdfConfig }): Promise<string | undefined> {
  const token = await sendVerificationEmail(conn.api, { email: input.email, name: input.name }).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 400 && /taken|exists|already/i.test(error.message)) return null;
    throw error;
  });
  if (token === null) return undefined;
  if (token === undefined) throw new BwmspError(`the server mailed the verification token for ${input.email}; registration needs it returned (e-mail verification off)`);
  const keys = await makeUserKeys({ email: input.email, password: input.password, kdf: input.kdf });
  const salt = normalizeEmailSalt(input.email);
  try {
    await registerFinish(conn.api, {
      email: input.email,
      emailVerificationToken: token,
      name: input.name,
      masterPasswordAuthentication: { kdf: kdfWire(input.kdf), masterPasswordAuthenticationHash: keys.masterPasswordHash, salt },
      masterPasswordUnlock: { kdf: kdfWire(input.kdf), masterKeyWrappedUserKey: keys.protectedUserKey, salt },
      userAsymmetricKeys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && /taken|exists|already/i.test(error.message)) return undefined;
    throw error;
  }
  return keys.masterPasswordHash;
}

async function existingHash(conn: Connection, email: string, password: string): Promise<string> {
  const { kdf, salt } = await prelogin(conn.api, email);
  return hashMasterPassword(await deriveMasterKey(password, salt ?? normalizeEmailSalt(email), kdf), password);
}

/** Registers (or finds) the account and returns its API key. Re-running converges. */
export async function registerAccount(conn: Connection, input: { email: string; password: string; name: string; kdf?: KdfConfig }): Promise<RegisteredAccount> {
  const email = input.email.trim().toLowerCase();
  const kdf = input.kdf ?? DEFAULT_KDF;
  const newHash = await register(conn, { email, password: input.password, name: input.name, kdf });
  const created = newHash !== undefined;
  // Log in once to read the API key (the route needs a bearer token and the master password hash).
  const masterPasswordHash = newHash ?? (await existingHash(conn, email, input.password));
  const outcome = await requestUserToken(conn.api, {
    grant_type: 'password',
    username: email,
    password: masterPasswordHash,
    scope: 'api offline_access',
    client_id: 'cli',
    deviceType: String(conn.device.deviceType),
    deviceIdentifier: conn.device.deviceIdentifier,
    deviceName: conn.device.deviceName,
  });
  if (outcome.kind !== 'ok') throw new BwmspError(`${email} has two-step login on; seed accounts must not`);
  const userId = tokenSubject(outcome.token.access_token);
  const clientSecret = await getPersonalApiKey(conn.api, masterPasswordHash, outcome.token.access_token);
  return { email, userId, clientId: `user.${userId}`, clientSecret, created };
}
