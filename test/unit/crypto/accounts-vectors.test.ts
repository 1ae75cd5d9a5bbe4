import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  b64encode,
  fingerprintPhraseString,
  hashMasterPassword,
  KeyRing,
  normalizeEmailSalt,
  publicKeyFromPrivate,
  stretchMasterKey,
  SymmetricKey,
  unlockUserKey,
  unlockUserKeyWithMasterKey,
  unwrapPrivateKey,
} from '../../../src/crypto/index.js';
import {
  cachedMasterKey,
  has,
  kdfFromVector,
  loadVectorFile,
  num,
  obj,
  objects,
  str,
  strByPrefix,
  toHex,
  type Json,
} from './vector-helpers.js';

const file = loadVectorFile('accounts.json');
const accounts = objects(file, 'accounts');

type Chain = { masterKey: Uint8Array; userKey: SymmetricKey; privateKey: Uint8Array };

function registerAccount(account: Json): void {
  const password = str(account, 'password');
  const kdf = kdfFromVector(obj(account, 'kdf'));
  const salt = normalizeEmailSalt(str(account, 'email'));
  const server = obj(account, 'server_fields');
  const local = has(account, 'computed_locally') ? obj(account, 'computed_locally') : {};

  let chain: Promise<Chain> | undefined;
  const getChain = (): Promise<Chain> => {
    chain ??= (async () => {
      const masterKey = await cachedMasterKey(password, salt, kdf);
      const userKey = unlockUserKeyWithMasterKey(masterKey, str(server, 'Key'));
      const privateKey = unwrapPrivateKey(str(server, 'PrivateKey'), userKey);
      return { masterKey, userKey, privateKey };
    })();
    return chain;
  };

  if (has(local, 'master_key_b64')) {
    it('password -> master key', async () => {
      expect(b64encode((await getChain()).masterKey)).toBe(str(local, 'master_key_b64'));
    });
  }
  if (has(local, 'master_password_hash_b64')) {
    it('master key -> server authorization hash', async () => {
      expect(hashMasterPassword((await getChain()).masterKey, password, 1)).toBe(str(local, 'master_password_hash_b64'));
    });
  }
  if (has(local, 'local_password_hash_b64')) {
    it('master key -> local authorization hash', async () => {
      expect(hashMasterPassword((await getChain()).masterKey, password, 2)).toBe(str(local, 'local_password_hash_b64'));
    });
  }
  if (has(local, 'stretched_enc_key_b64')) {
    it('master key -> stretched master key', async () => {
      const stretched = stretchMasterKey((await getChain()).masterKey);
      expect(b64encode(stretched.encKey)).toBe(str(local, 'stretched_enc_key_b64'));
      expect(b64encode(stretched.macKey)).toBe(str(local, 'stretched_mac_key_b64'));
    });
  }
  it('stretched master key -> user key (Key)', async () => {
    const { userKey } = await getChain();
    expect(userKey.length).toBe(64);
    if (has(local, 'user_key64_b64')) expect(userKey.toB64()).toBe(str(local, 'user_key64_b64'));
  });
  it('unlockUserKey({ password, email, kdf }) gives the same user key', async () => {
    const userKey = await unlockUserKey({ password, email: str(account, 'email'), kdf, protectedUserKey: str(server, 'Key') });
    expect(userKey.equals((await getChain()).userKey)).toBe(true);
  });
  it('user key -> private key (PrivateKey) matching the public key', async () => {
    const { privateKey } = await getChain();
    if (has(local, 'private_key_pkcs8_len')) expect(privateKey.length).toBe(num(local, 'private_key_pkcs8_len'));
    if (has(local, 'private_key_pkcs8_sha256_hex')) {
      expect(toHex(createHash('sha256').update(privateKey).digest())).toBe(str(local, 'private_key_pkcs8_sha256_hex'));
    }
    const expectedPublic = has(server, 'PublicKey') ? str(server, 'PublicKey') : str(local, 'public_key_spki_b64');
    expect(publicKeyFromPrivate(privateKey)).toBe(expectedPublic);
  });
  if (has(account, 'organization')) {
    const org = obj(account, 'organization');
    const orgId = str(org, 'id');
    const encOrgKey = strByPrefix(org, 'OrganizationUser.Key');
    it('private key -> org key (type 4) through the KeyRing', async () => {
      const { userKey } = await getChain();
      const ring = new KeyRing(userKey, str(server, 'PrivateKey'));
      const orgKey = ring.addOrgKey(orgId, encOrgKey);
      expect(orgKey.toB64()).toBe(strByPrefix(local, 'org_key64_b64'));
      expect(ring.orgKey(orgId).equals(orgKey)).toBe(true);
    });
    it('KeyRing.fromSyncProfile finds the org key', async () => {
      const { userKey } = await getChain();
      const ring = KeyRing.fromSyncProfile(userKey, {
        privateKey: str(server, 'PrivateKey'),
        organizations: [{ id: orgId, key: encOrgKey }],
        providers: [],
        providerOrganizations: [],
      });
      expect(ring.skipped).toEqual([]);
      expect(ring.orgKey(orgId).toB64()).toBe(strByPrefix(local, 'org_key64_b64'));
    });
    it('org key -> org private key matching Organization.PublicKey', async () => {
      const { userKey } = await getChain();
      const ring = new KeyRing(userKey, str(server, 'PrivateKey'));
      const orgKey = ring.addOrgKey(orgId, encOrgKey);
      const orgPrivateKey = unwrapPrivateKey(str(org, 'Organization.PrivateKey'), orgKey);
      expect(publicKeyFromPrivate(orgPrivateKey)).toBe(str(org, 'Organization.PublicKey'));
    });
  }
  if (has(account, 'expected_phrase')) {
    it('public key -> fingerprint phrase', async () => {
      const publicKey = publicKeyFromPrivate((await getChain()).privateKey);
      expect(fingerprintPhraseString(str(account, 'fingerprint_material'), publicKey)).toBe(str(account, 'expected_phrase'));
    });
  }
}

describe('accounts.json key chains', () => {
  it('has accounts', () => {
    expect(accounts.length).toBeGreaterThan(0);
  });
  for (const account of accounts) {
    describe(str(account, 'id'), () => {
      registerAccount(account);
    });
  }
});
