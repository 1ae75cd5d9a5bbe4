/**
 * Public API of the crypto core. Pure: bytes and keys in, bytes and keys out; no I/O, no logging.
 * Key material is Uint8Array or SymmetricKey; randomness is injectable (`RandomSource`).
 */
export { CryptoError } from './errors.js';
export {
  b64decode,
  b64encode,
  concatBytes,
  randomBytes,
  utf8Decode,
  utf8Encode,
  type RandomSource,
} from './encoding.js';
export { DEFAULT_KDF, KDF_MAXIMUMS, KDF_MINIMUMS, KdfType, validateKdf, type KdfConfig } from './kdf.js';
export { deriveMasterKey, hashMasterPassword, normalizeEmailSalt, stretchMasterKey } from './master-key.js';
export { hasNativeArgon2 } from './argon2.js';
export { hkdfExpand, hmacSha256 } from './hkdf.js';
export { deriveShareableKey } from './shareable-key.js';
export { SymmetricKey } from './symmetric-key.js';
export {
  EncStringType,
  encStringFromBuffer,
  encStringToBuffer,
  formatEncString,
  isV2EncString,
  parseEncString,
  splitEncString,
  V2_UNSUPPORTED_MESSAGE,
  validateEncString,
  type EncString,
} from './enc-string.js';
export { decryptBytes, decryptEncString, decryptString, encryptBytes, encryptString } from './symmetric-encryption.js';
export {
  generateRsaKeyPair,
  publicKeyFromPrivate,
  rsaDecapsulate,
  rsaEncapsulate,
  type RsaKeyPair,
} from './rsa.js';
export {
  decapsulateSymmetricKey,
  encapsulateSymmetricKey,
  unwrapPrivateKey,
  unwrapSymmetricKey,
  wrapPrivateKey,
  wrapSymmetricKey,
} from './key-wrap.js';
export {
  makeClientOrgKeys,
  makeOrgKeys,
  makeProviderKey,
  makeUserKeys,
  unlockUserKey,
  unlockUserKeyWithMasterKey,
  type ClientOrgKeys,
  type OrgKeys,
  type ProviderKeys,
  type UserKeys,
} from './account-keys.js';
export { fromSyncProfile, KeyRing, type SkippedKey, type SyncProfileKeys } from './key-ring.js';
export { fingerprintPhrase, fingerprintPhraseString } from './fingerprint.js';
