import { randomBytes, type RandomSource } from './encoding.js';
import { parseEncString, V2_UNSUPPORTED_MESSAGE, isV2EncString } from './enc-string.js';
import { CryptoError } from './errors.js';
import type { KdfConfig } from './kdf.js';
import { wrapPrivateKey, wrapSymmetricKey } from './key-wrap.js';
import { deriveMasterKey, hashMasterPassword, normalizeEmailSalt, stretchMasterKey } from './master-key.js';
import { generateRsaKeyPair } from './rsa.js';
import { decryptEncString } from './symmetric-encryption.js';
import { SymmetricKey } from './symmetric-key.js';

/** Everything registration (`register/finish`) needs for a new V1 account. */
export type UserKeys = {
  /** 32-byte master key (keep in memory only). */
  masterKey: Uint8Array;
  /** base64 server authorization hash (PBKDF2(masterKey, password, 1)). */
  masterPasswordHash: string;
  userKey: SymmetricKey;
  /** Type-2 EncString of the user key under the stretched master key (`Key`). */
  protectedUserKey: string;
  /** base64 SPKI DER. */
  publicKey: string;
  /** Type-2 EncString of the PKCS#8 private key under the user key. */
  encryptedPrivateKey: string;
};

/**
 * Registration order from the SDK: derive master key -> hash -> random user key wrapped by the
 * stretched master key -> RSA-2048 pair with the private key wrapped by the user key.
 * The salt is `normalizeEmailSalt(email)`.
 */
export async function makeUserKeys(options: {
  email: string;
  password: string;
  kdf: KdfConfig;
  random?: RandomSource;
}): Promise<UserKeys> {
  const random = options.random ?? randomBytes;
  const masterKey = await deriveMasterKey(options.password, normalizeEmailSalt(options.email), options.kdf);
  const masterPasswordHash = hashMasterPassword(masterKey, options.password, 1);
  const userKey = SymmetricKey.generate(random);
  const protectedUserKey = wrapSymmetricKey(userKey, stretchMasterKey(masterKey), random);
  const keyPair = generateRsaKeyPair();
  const encryptedPrivateKey = wrapPrivateKey(keyPair.privateKey, userKey, random);
  return { masterKey, masterPasswordHash, userKey, protectedUserKey, publicKey: keyPair.publicKey, encryptedPrivateKey };
}

const WRONG_PASSWORD = 'wrong master password: could not decrypt the user key';

/**
 * Unwraps the protected user key with an already derived master key. Type 2 uses the stretched
 * master key; a legacy type-0 key uses the raw 32-byte master key. Throws CryptoError
 * ("wrong master password ...") when the key does not decrypt, and the V2 message for type 7.
 */
export function unlockUserKeyWithMasterKey(masterKey: Uint8Array, protectedUserKey: string): SymmetricKey {
  if (isV2EncString(protectedUserKey)) throw new CryptoError(V2_UNSUPPORTED_MESSAGE);
  const enc = parseEncString(protectedUserKey);
  let wrappingKey: SymmetricKey;
  if (enc.type === 2) wrappingKey = stretchMasterKey(masterKey);
  else if (enc.type === 0) wrappingKey = SymmetricKey.fromBytes(masterKey);
  else throw new CryptoError(`protected user key has unsupported EncString type ${enc.type}`);
  let bytes: Uint8Array;
  try {
    bytes = decryptEncString(enc, wrappingKey);
  } catch {
    throw new CryptoError(WRONG_PASSWORD);
  }
  if (bytes.length !== 64) {
    // A type-0 key has no MAC, so a wrong password can still yield valid padding by chance.
    throw new CryptoError(enc.type === 0 ? WRONG_PASSWORD : 'user key has an unexpected length');
  }
  return SymmetricKey.fromBytes(bytes);
}

/**
 * Derives the master key from the password and unwraps the protected user key (`Key`).
 * The salt is `salt` when given (the server's `MasterPasswordUnlock.Salt`), else
 * `normalizeEmailSalt(email)`.
 */
export async function unlockUserKey(options: {
  password: string;
  email?: string;
  salt?: string;
  kdf: KdfConfig;
  protectedUserKey: string;
}): Promise<SymmetricKey> {
  if (isV2EncString(options.protectedUserKey)) throw new CryptoError(V2_UNSUPPORTED_MESSAGE);
  const salt = options.salt ?? (options.email === undefined ? undefined : normalizeEmailSalt(options.email));
  if (salt === undefined) throw new CryptoError('unlockUserKey needs an email or a salt');
  const masterKey = await deriveMasterKey(options.password, salt, options.kdf);
  return unlockUserKeyWithMasterKey(masterKey, options.protectedUserKey);
}

/** A new organization's keys: org key plus the org RSA key pair (private key under the org key). */
export type OrgKeys = {
  orgKey: SymmetricKey;
  /** base64 SPKI DER (`keyPair.publicKey`). */
  publicKey: string;
  /** Type-2 EncString of the org PKCS#8 private key under the org key (`keyPair.encryptedPrivateKey`). */
  encryptedPrivateKey: string;
};

/** 64 random bytes of org key and an RSA-2048 org key pair wrapped under it. */
export function makeOrgKeys(random: RandomSource = randomBytes): OrgKeys {
  const orgKey = SymmetricKey.generate(random);
  const keyPair = generateRsaKeyPair();
  return {
    orgKey,
    publicKey: keyPair.publicKey,
    encryptedPrivateKey: wrapPrivateKey(keyPair.privateKey, orgKey, random),
  };
}

/** Keys for `POST /providers/{pid}/clients`: new org keys plus the org key wrapped (type 2) under the provider key. */
export type ClientOrgKeys = OrgKeys & {
  /** The request's `key`: type-2 EncString of the org key under the provider key. */
  providerWrappedOrgKey: string;
};

export function makeClientOrgKeys(providerKey: SymmetricKey, random: RandomSource = randomBytes): ClientOrgKeys {
  const orgKeys = makeOrgKeys(random);
  return { ...orgKeys, providerWrappedOrgKey: wrapSymmetricKey(orgKeys.orgKey, providerKey, random) };
}

/**
 * A new provider key (64 random bytes). Providers have no key pair; for `POST /providers/{id}/setup`
 * wrap it to your own public key with `encapsulateSymmetricKey(providerKey, publicKey)` (type 4).
 */
export type ProviderKeys = { providerKey: SymmetricKey };

export function makeProviderKey(random: RandomSource = randomBytes): ProviderKeys {
  return { providerKey: SymmetricKey.generate(random) };
}
