import { isV2EncString, V2_UNSUPPORTED_MESSAGE } from './enc-string.js';
import { CryptoError } from './errors.js';
import { decapsulateSymmetricKey, unwrapPrivateKey, unwrapSymmetricKey } from './key-wrap.js';
import { publicKeyFromPrivate } from './rsa.js';
import type { SymmetricKey } from './symmetric-key.js';

/** Membership status "Confirmed": only confirmed members/provider users hold a key. */
const CONFIRMED = 2;

function isConfirmed(status: number | null | undefined): boolean {
  return status === undefined || status === null || status === CONFIRMED;
}

/** The key-relevant part of `sync.profile` (already validated by the caller; no zod here). */
export type SyncProfileKeys = {
  privateKey: string | null;
  organizations?: ReadonlyArray<{ id: string; key: string | null; status?: number | null }> | null;
  providers?: ReadonlyArray<{ id: string; key: string | null; status?: number | null }> | null;
  providerOrganizations?: ReadonlyArray<{ id: string; key: string | null; providerId: string | null }> | null;
};

/** A sync entry whose key could not be decrypted (kept so that lookups can say why). */
export type SkippedKey = { kind: 'organization' | 'provider'; id: string; reason: string };

/**
 * The unlocked keys of one user session: user key -> private key -> provider keys -> org keys
 * (from `organizations[]` via RSA, and from `providerOrganizations[]` via the provider key).
 */
export class KeyRing {
  readonly userKey: SymmetricKey;
  readonly #privateKey: Uint8Array | null;
  readonly #orgKeys = new Map<string, SymmetricKey>();
  readonly #providerKeys = new Map<string, SymmetricKey>();
  readonly #skipped: SkippedKey[] = [];

  /**
   * `encryptedPrivateKey` is the type-2 `PrivateKey` under the user key, or null for an account
   * without a key pair (then RSA-wrapped org/provider keys cannot be added).
   */
  constructor(userKey: SymmetricKey, encryptedPrivateKey: string | null) {
    this.userKey = userKey;
    if (encryptedPrivateKey === null) {
      this.#privateKey = null;
      return;
    }
    if (isV2EncString(encryptedPrivateKey)) throw new CryptoError(V2_UNSUPPORTED_MESSAGE);
    try {
      this.#privateKey = unwrapPrivateKey(encryptedPrivateKey, userKey);
    } catch {
      throw new CryptoError('could not decrypt the account private key with the user key');
    }
  }

  /**
   * Builds a KeyRing from the key fields of `sync.profile`, in the client's order: private key
   * (fatal if it does not decrypt) -> provider keys (confirmed providers only: status 2, or no
   * status given) -> org keys from `organizations[]` -> client-org keys from
   * `providerOrganizations[]` through their provider key. Entries with a null key are ignored;
   * entries whose key does not decrypt are skipped and listed in `skipped` (a later `orgKey(id)`
   * then says it could not decrypt). An org in both lists keeps its `organizations[]` key.
   */
  static fromSyncProfile(userKey: SymmetricKey, profile: SyncProfileKeys): KeyRing {
    const ring = new KeyRing(userKey, profile.privateKey);
    const attempt = (kind: SkippedKey['kind'], id: string, add: () => void): void => {
      try {
        add();
      } catch (error) {
        const reason = error instanceof CryptoError ? error.message : 'decryption failed';
        ring.#skipped.push({ kind, id, reason });
      }
    };
    for (const provider of profile.providers ?? []) {
      const key = provider.key;
      if (key === null || key === '' || !isConfirmed(provider.status)) continue;
      attempt('provider', provider.id, () => ring.addProviderKey(provider.id, key));
    }
    for (const org of profile.organizations ?? []) {
      const key = org.key;
      if (key === null || key === '' || !isConfirmed(org.status)) continue;
      attempt('organization', org.id, () => ring.addOrgKey(org.id, key));
    }
    for (const org of profile.providerOrganizations ?? []) {
      const key = org.key;
      const providerId = org.providerId;
      if (key === null || key === '' || providerId === null || ring.hasOrgKey(org.id)) continue;
      attempt('organization', org.id, () => ring.addProviderOrgKey(org.id, providerId, key));
    }
    return ring;
  }

  /** The decrypted PKCS#8 private key, or null when the account has none. */
  get privateKey(): Uint8Array | null {
    return this.#privateKey;
  }

  /** base64 SPKI public key derived from the private key, or null. */
  get publicKey(): string | null {
    return this.#privateKey === null ? null : publicKeyFromPrivate(this.#privateKey);
  }

  /** Sync entries that were skipped because their key did not decrypt. */
  get skipped(): readonly SkippedKey[] {
    return this.#skipped;
  }

  #requirePrivateKey(what: string): Uint8Array {
    if (this.#privateKey === null) throw new CryptoError(`cannot decrypt the key for ${what}: the account has no private key`);
    return this.#privateKey;
  }

  /** Adds a provider key from `providers[].key` (RSA type 4, also 3/5/6). */
  addProviderKey(providerId: string, encKey: string): SymmetricKey {
    const privateKey = this.#requirePrivateKey(`provider ${providerId}`);
    let key: SymmetricKey;
    try {
      key = decapsulateSymmetricKey(encKey, privateKey);
    } catch {
      throw new CryptoError(`could not decrypt the key for provider ${providerId}`);
    }
    this.#providerKeys.set(providerId, key);
    return key;
  }

  /** Adds an org key from `organizations[].key` (RSA type 4, also 3/5/6). */
  addOrgKey(orgId: string, encKey: string): SymmetricKey {
    const privateKey = this.#requirePrivateKey(`organization ${orgId}`);
    let key: SymmetricKey;
    try {
      key = decapsulateSymmetricKey(encKey, privateKey);
    } catch {
      throw new CryptoError(`could not decrypt the key for organization ${orgId}`);
    }
    this.#orgKeys.set(orgId, key);
    return key;
  }

  /** Adds a client-org key from `providerOrganizations[].key` (type 2 under the provider key). */
  addProviderOrgKey(orgId: string, providerId: string, encKey: string): SymmetricKey {
    const providerKey = this.providerKey(providerId);
    let key: SymmetricKey;
    try {
      key = unwrapSymmetricKey(encKey, providerKey);
    } catch {
      throw new CryptoError(`could not decrypt the key for organization ${orgId} with the key of provider ${providerId}`);
    }
    this.#orgKeys.set(orgId, key);
    return key;
  }

  /** Adds an already decrypted org key (e.g. one just created). */
  setOrgKey(orgId: string, key: SymmetricKey): void {
    this.#orgKeys.set(orgId, key);
  }

  /** Adds an already decrypted provider key (e.g. one just created). */
  setProviderKey(providerId: string, key: SymmetricKey): void {
    this.#providerKeys.set(providerId, key);
  }

  hasOrgKey(orgId: string): boolean {
    return this.#orgKeys.has(orgId);
  }

  hasProviderKey(providerId: string): boolean {
    return this.#providerKeys.has(providerId);
  }

  orgIds(): string[] {
    return [...this.#orgKeys.keys()];
  }

  providerIds(): string[] {
    return [...this.#providerKeys.keys()];
  }

  #missing(kind: SkippedKey['kind'], id: string): CryptoError {
    const skipped = this.#skipped.find((entry) => entry.kind === kind && entry.id === id);
    if (skipped !== undefined) return new CryptoError(`could not decrypt the key for ${kind} ${id}`);
    return new CryptoError(`no key for ${kind} ${id}`);
  }

  /** The org key; CryptoError("no key for organization <id>") when missing. */
  orgKey(orgId: string): SymmetricKey {
    const key = this.#orgKeys.get(orgId);
    if (key === undefined) throw this.#missing('organization', orgId);
    return key;
  }

  /** The provider key; CryptoError("no key for provider <id>") when missing. */
  providerKey(providerId: string): SymmetricKey {
    const key = this.#providerKeys.get(providerId);
    if (key === undefined) throw this.#missing('provider', providerId);
    return key;
  }
}

/** Same as `KeyRing.fromSyncProfile`. */
export function fromSyncProfile(userKey: SymmetricKey, profile: SyncProfileKeys): KeyRing {
  return KeyRing.fromSyncProfile(userKey, profile);
}
