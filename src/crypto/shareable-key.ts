import { utf8Encode } from './encoding.js';
import { CryptoError } from './errors.js';
import { hkdfExpand, hmacSha256 } from './hkdf.js';
import { SymmetricKey } from './symmetric-key.js';

/**
 * Bitwarden "shareable key" derivation (SDK `derive_shareable_key`), used for Send content keys
 * (name "send", info "send"): PRK = HMAC-SHA256(key = "bitwarden-" + name, msg = secret),
 * key64 = HKDF-Expand-SHA256(PRK, info ?? "", 64).
 */
export function deriveShareableKey(secret: Uint8Array, name: string, info?: string | null): SymmetricKey {
  if (secret.length === 0) throw new CryptoError('shareable key secret is empty');
  const prk = hmacSha256(utf8Encode(`bitwarden-${name}`), secret);
  return SymmetricKey.fromBytes(hkdfExpand(prk, info ?? '', 64));
}
