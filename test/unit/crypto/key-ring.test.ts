import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  decryptString,
  encapsulateSymmetricKey,
  encryptString,
  fromSyncProfile,
  generateRsaKeyPair,
  KeyRing,
  makeClientOrgKeys,
  makeOrgKeys,
  makeProviderKey,
  SymmetricKey,
  V2_UNSUPPORTED_MESSAGE,
  wrapPrivateKey,
  wrapSymmetricKey,
  type SyncProfileKeys,
} from '../../../src/crypto/index.js';
import { expectCryptoError } from './vector-helpers.js';

// One synthetic MSP admin: a user key pair, a confirmed provider, an unconfirmed provider,
// a direct org membership and two client orgs reachable only through the provider key.
const userKey = SymmetricKey.generate();
const userPair = generateRsaKeyPair();
const encryptedPrivateKey = wrapPrivateKey(userPair.privateKey, userKey);

const { providerKey } = makeProviderKey();
const { providerKey: pendingProviderKey } = makeProviderKey();
const ownOrg = makeOrgKeys();
const clientA = makeClientOrgKeys(providerKey);
const clientB = makeClientOrgKeys(providerKey);

const ids = {
  provider: 'p-1111',
  pendingProvider: 'p-2222',
  ownOrg: 'o-aaaa',
  clientA: 'o-bbbb',
  clientB: 'o-cccc',
  orphan: 'o-dddd',
};

function profile(): SyncProfileKeys {
  return {
    privateKey: encryptedPrivateKey,
    organizations: [
      { id: ids.ownOrg, key: encapsulateSymmetricKey(ownOrg.orgKey, userPair.publicKey) },
      { id: 'o-invited', key: null },
    ],
    providers: [
      { id: ids.provider, key: encapsulateSymmetricKey(providerKey, userPair.publicKey), status: 2 },
      { id: ids.pendingProvider, key: encapsulateSymmetricKey(pendingProviderKey, userPair.publicKey), status: 1 },
      { id: 'p-nokey', key: null, status: 2 },
    ],
    providerOrganizations: [
      { id: ids.clientA, key: clientA.providerWrappedOrgKey, providerId: ids.provider },
      { id: ids.clientB, key: clientB.providerWrappedOrgKey, providerId: ids.provider },
      { id: ids.orphan, key: wrapSymmetricKey(SymmetricKey.generate(), pendingProviderKey), providerId: ids.pendingProvider },
      { id: 'o-null', key: null, providerId: ids.provider },
    ],
  };
}

describe('KeyRing.fromSyncProfile', () => {
  const ring = KeyRing.fromSyncProfile(userKey, profile());

  it('unwraps the private key with the user key', () => {
    expect(ring.privateKey).toEqual(userPair.privateKey);
    expect(ring.publicKey).toBe(userPair.publicKey);
    expect(ring.userKey).toBe(userKey);
  });
  it('unwraps confirmed provider keys only', () => {
    expect(ring.providerKey(ids.provider).equals(providerKey)).toBe(true);
    expect(ring.providerIds()).toEqual([ids.provider]);
    expectCryptoError(() => ring.providerKey(ids.pendingProvider), new RegExp(`^no key for provider ${ids.pendingProvider}$`));
  });
  it('unwraps direct org keys (RSA) and client org keys through the provider key', () => {
    expect(ring.orgKey(ids.ownOrg).equals(ownOrg.orgKey)).toBe(true);
    expect(ring.orgKey(ids.clientA).equals(clientA.orgKey)).toBe(true);
    expect(ring.orgKey(ids.clientB).equals(clientB.orgKey)).toBe(true);
    expect(ring.orgIds().sort()).toEqual([ids.ownOrg, ids.clientA, ids.clientB].sort());
  });
  it('reports a missing org clearly, including one whose provider is unconfirmed', () => {
    expectCryptoError(() => ring.orgKey('o-unknown'), /^no key for organization o-unknown$/);
    expect(ring.hasOrgKey(ids.orphan)).toBe(false);
    expect(ring.skipped).toEqual([
      { kind: 'organization', id: ids.orphan, reason: `no key for provider ${ids.pendingProvider}` },
    ]);
    expectCryptoError(() => ring.orgKey(ids.orphan), /could not decrypt the key for organization/);
  });
  it('decrypts data encrypted under a client org key', () => {
    const name = encryptString('Default collection', clientA.orgKey);
    expect(decryptString(name, ring.orgKey(ids.clientA))).toBe('Default collection');
    expect(() => decryptString(name, ring.orgKey(ids.clientB))).toThrow(CryptoError);
  });
  it('is also available as the fromSyncProfile function', () => {
    const viaFunction = fromSyncProfile(userKey, profile());
    expect(viaFunction.orgKey(ids.clientB).equals(clientB.orgKey)).toBe(true);
  });
  it('keeps going when one key is corrupt, and records it', () => {
    const p = profile();
    const bad: SyncProfileKeys = {
      ...p,
      organizations: [{ id: 'o-bad', key: encapsulateSymmetricKey(ownOrg.orgKey, generateRsaKeyPair().publicKey) }],
    };
    const r = KeyRing.fromSyncProfile(userKey, bad);
    expect(r.orgKey(ids.clientA).equals(clientA.orgKey)).toBe(true);
    expect(r.skipped.map((s) => s.id)).toContain('o-bad');
    expectCryptoError(() => r.orgKey('o-bad'), /^could not decrypt the key for organization o-bad$/);
  });
  it('prefers the organizations[] key when an org is in both lists', () => {
    const p = profile();
    const r = KeyRing.fromSyncProfile(userKey, {
      ...p,
      providerOrganizations: [
        { id: ids.ownOrg, key: wrapSymmetricKey(SymmetricKey.generate(), providerKey), providerId: ids.provider },
      ],
    });
    expect(r.orgKey(ids.ownOrg).equals(ownOrg.orgKey)).toBe(true);
  });
  it('accepts a profile with missing lists', () => {
    const r = KeyRing.fromSyncProfile(userKey, { privateKey: encryptedPrivateKey });
    expect(r.orgIds()).toEqual([]);
  });
});

describe('KeyRing', () => {
  it('fails loudly when the private key does not decrypt under the user key', () => {
    expectCryptoError(() => new KeyRing(SymmetricKey.generate(), encryptedPrivateKey), /private key/);
  });
  it('refuses a V2 private key', () => {
    expect(() => new KeyRing(userKey, '7.AAAA')).toThrow(V2_UNSUPPORTED_MESSAGE);
  });
  it('works without a private key but cannot add RSA-wrapped keys', () => {
    const ring = new KeyRing(userKey, null);
    expect(ring.privateKey).toBeNull();
    expect(ring.publicKey).toBeNull();
    expectCryptoError(() => ring.addOrgKey('o-1', '4.AAAA'), /no private key/);
  });
  it('adds keys one by one: provider -> provider org', () => {
    const ring = new KeyRing(userKey, encryptedPrivateKey);
    expectCryptoError(() => ring.addProviderOrgKey(ids.clientA, ids.provider, clientA.providerWrappedOrgKey), /no key for provider/);
    ring.addProviderKey(ids.provider, encapsulateSymmetricKey(providerKey, userPair.publicKey));
    expect(ring.addProviderOrgKey(ids.clientA, ids.provider, clientA.providerWrappedOrgKey).equals(clientA.orgKey)).toBe(true);
    expect(ring.orgKey(ids.clientA).equals(clientA.orgKey)).toBe(true);
  });
  it('wraps decrypt failures in CryptoErrors that name the id', () => {
    const ring = new KeyRing(userKey, encryptedPrivateKey);
    ring.setProviderKey(ids.provider, providerKey);
    expectCryptoError(
      () => ring.addProviderOrgKey(ids.clientA, ids.provider, clientA.providerWrappedOrgKey.replace(/.{4}$/, 'AAA=')),
      new RegExp(`organization ${ids.clientA}`),
    );
    expectCryptoError(() => ring.addProviderKey('p-x', '4.AAAA'), /could not decrypt the key for provider p-x/);
    expect(() => ring.addOrgKey('o-x', clientA.providerWrappedOrgKey)).toThrow(CryptoError);
  });
  it('accepts keys set directly', () => {
    const ring = new KeyRing(userKey, null);
    const key = SymmetricKey.generate();
    ring.setOrgKey('o-new', key);
    expect(ring.orgKey('o-new')).toBe(key);
    expect(ring.hasProviderKey('p-none')).toBe(false);
  });
});
