import { describe, expect, it } from 'vitest';
import {
  b64encode,
  CryptoError,
  decryptBytes,
  deriveMasterKey,
  encryptBytes,
  hashMasterPassword,
  makeClientOrgKeys,
  makeOrgKeys,
  makeProviderKey,
  makeUserKeys,
  publicKeyFromPrivate,
  stretchMasterKey,
  SymmetricKey,
  unlockUserKey,
  unlockUserKeyWithMasterKey,
  unwrapPrivateKey,
  unwrapSymmetricKey,
  V2_UNSUPPORTED_MESSAGE,
  type KdfConfig,
} from '../../../src/crypto/index.js';
import { expectCryptoError, expectCryptoErrorAsync } from './vector-helpers.js';

const kdf: KdfConfig = { kdfType: 0, iterations: 5000 };
const argon: KdfConfig = { kdfType: 1, iterations: 2, memory: 16, parallelism: 1 };
const email = ' Owner@Example.COM ';
const password = 'correct horse battery staple';

describe('makeUserKeys -> unlockUserKey', () => {
  it('produces a consistent V1 account', async () => {
    const keys = await makeUserKeys({ email, password, kdf });
    const masterKey = await deriveMasterKey(password, 'owner@example.com', kdf);
    expect(keys.masterKey).toEqual(masterKey);
    expect(keys.masterPasswordHash).toBe(hashMasterPassword(masterKey, password, 1));
    expect(keys.protectedUserKey.startsWith('2.')).toBe(true);
    expect(keys.encryptedPrivateKey.startsWith('2.')).toBe(true);
    expect(unwrapSymmetricKey(keys.protectedUserKey, stretchMasterKey(masterKey)).equals(keys.userKey)).toBe(true);
    const privateKey = unwrapPrivateKey(keys.encryptedPrivateKey, keys.userKey);
    expect(publicKeyFromPrivate(privateKey)).toBe(keys.publicKey);

    const unlocked = await unlockUserKey({ password, email: 'owner@example.com', kdf, protectedUserKey: keys.protectedUserKey });
    expect(unlocked.equals(keys.userKey)).toBe(true);
    const viaSalt = await unlockUserKey({ password, salt: 'owner@example.com', kdf, protectedUserKey: keys.protectedUserKey });
    expect(viaSalt.equals(keys.userKey)).toBe(true);
  });

  it('works with Argon2id', async () => {
    const keys = await makeUserKeys({ email, password, kdf: argon });
    const unlocked = await unlockUserKey({ password, email, kdf: argon, protectedUserKey: keys.protectedUserKey });
    expect(unlocked.equals(keys.userKey)).toBe(true);
  });

  it('uses the injected random source for the user key and IVs', async () => {
    const userKeyBytes = new Uint8Array(64).fill(0x42);
    let calls = 0;
    const random = (n: number): Uint8Array => {
      calls += 1;
      return n === 64 ? userKeyBytes : new Uint8Array(n).fill(calls);
    };
    const keys = await makeUserKeys({ email, password, kdf, random });
    expect(keys.userKey.toBytes()).toEqual(userKeyBytes);
    expect(keys.protectedUserKey.startsWith(`2.${b64encode(new Uint8Array(16).fill(2))}|`)).toBe(true);
    expect(calls).toBe(3);
  });

  it('says "wrong master password" for a wrong password or a wrong email', async () => {
    const keys = await makeUserKeys({ email, password, kdf });
    await expectCryptoErrorAsync(
      unlockUserKey({ password: 'wrong', email, kdf, protectedUserKey: keys.protectedUserKey }),
      /wrong master password/,
    );
    await expectCryptoErrorAsync(
      unlockUserKey({ password, email: 'other@example.com', kdf, protectedUserKey: keys.protectedUserKey }),
      /wrong master password/,
    );
  });

  it('needs an email or a salt', async () => {
    await expectCryptoErrorAsync(unlockUserKey({ password, kdf, protectedUserKey: '2.AAAA' }), /email or a salt/);
  });

  it('refuses a V2 (type 7) user key with a clear message', async () => {
    await expect(unlockUserKey({ password, email, kdf, protectedUserKey: '7.AAAA' })).rejects.toThrow(V2_UNSUPPORTED_MESSAGE);
  });

  it('refuses a malformed protected key without blaming the password', () => {
    const error = expectCryptoError(() => unlockUserKeyWithMasterKey(new Uint8Array(32), '2.AAAA|AAAA'));
    expect(error.message).not.toMatch(/wrong master password/);
    expectCryptoError(() => unlockUserKeyWithMasterKey(new Uint8Array(32), '4.AAAA'), /unsupported EncString type 4/);
  });

  it('rejects a protected key that decrypts to the wrong length', () => {
    const masterKey = new Uint8Array(32).fill(1);
    const enc = encryptBytes(new Uint8Array(32), stretchMasterKey(masterKey));
    expectCryptoError(() => unlockUserKeyWithMasterKey(masterKey, enc), /length/);
  });
});

describe('makeOrgKeys / makeClientOrgKeys / makeProviderKey', () => {
  it('makes an org key and a key pair whose private key is wrapped under the org key', () => {
    const org = makeOrgKeys();
    expect(org.orgKey.length).toBe(64);
    const privateKey = unwrapPrivateKey(org.encryptedPrivateKey, org.orgKey);
    expect(publicKeyFromPrivate(privateKey)).toBe(org.publicKey);
    expect(() => decryptBytes(org.encryptedPrivateKey, SymmetricKey.generate())).toThrow(CryptoError);
  });
  it('uses the injected random source for the org key', () => {
    const orgKeyBytes = new Uint8Array(64).fill(9);
    const org = makeOrgKeys((n) => (n === 64 ? orgKeyBytes : new Uint8Array(n)));
    expect(org.orgKey.toBytes()).toEqual(orgKeyBytes);
  });
  it('wraps a new client org key under the provider key (type 2)', () => {
    const { providerKey } = makeProviderKey();
    const client = makeClientOrgKeys(providerKey);
    expect(client.providerWrappedOrgKey.startsWith('2.')).toBe(true);
    expect(unwrapSymmetricKey(client.providerWrappedOrgKey, providerKey).equals(client.orgKey)).toBe(true);
    expect(publicKeyFromPrivate(unwrapPrivateKey(client.encryptedPrivateKey, client.orgKey))).toBe(client.publicKey);
  });
  it('makes distinct random provider keys, or the injected one', () => {
    expect(makeProviderKey().providerKey.equals(makeProviderKey().providerKey)).toBe(false);
    const fixed = new Uint8Array(64).fill(5);
    expect(makeProviderKey(() => fixed).providerKey.toBytes()).toEqual(fixed);
  });
});
