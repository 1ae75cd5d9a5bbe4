import { describe, expect, it } from 'vitest';
import { argon2id, argon2idNative, argon2idWasm, hasNativeArgon2, type Argon2idParams } from '../../../src/crypto/argon2.js';
import { CryptoError, deriveMasterKey, type KdfConfig } from '../../../src/crypto/index.js';
import { toHex } from './vector-helpers.js';

const params: Argon2idParams = {
  password: new TextEncoder().encode('correct horse battery staple'),
  salt: new Uint8Array(32).fill(7),
  iterations: 2,
  memoryKiB: 16 * 1024,
  parallelism: 2,
  hashLength: 32,
};

describe('Argon2id implementations', () => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const runtimeHasArgon2 = major > 24 || (major === 24 && minor >= 7);

  it('detects crypto.argon2 exactly on Node >= 24.7', () => {
    expect(hasNativeArgon2()).toBe(runtimeHasArgon2);
  });

  it('node:crypto and hash-wasm agree (or node:crypto refuses cleanly where it is missing)', async () => {
    const wasm = await argon2idWasm(params);
    expect(wasm).toHaveLength(32);
    if (runtimeHasArgon2) {
      expect(toHex(await argon2idNative(params))).toBe(toHex(wasm));
    } else {
      await expect(argon2idNative(params)).rejects.toBeInstanceOf(CryptoError);
    }
  });

  it('argon2id() uses node:crypto by default and hash-wasm when forced, with equal output', async () => {
    const auto = await argon2id(params);
    const forced = await argon2id(params, { forceFallback: true });
    expect(toHex(auto)).toBe(toHex(forced));
  });

  it('deriveMasterKey agrees on both paths for other parameters', async () => {
    const kdf: KdfConfig = { kdfType: 1, iterations: 3, memory: 16, parallelism: 4 };
    const a = await deriveMasterKey('pässwörd', 'user@example.com', kdf);
    const b = await deriveMasterKey('pässwörd', 'user@example.com', kdf, { forceArgon2Fallback: true });
    expect(toHex(a)).toBe(toHex(b));
  });

  it('differs when any parameter changes', async () => {
    const base = toHex(await argon2id(params));
    expect(toHex(await argon2id({ ...params, iterations: 3 }))).not.toBe(base);
    expect(toHex(await argon2id({ ...params, parallelism: 1 }))).not.toBe(base);
    expect(toHex(await argon2idWasm({ ...params, memoryKiB: 17 * 1024 }))).not.toBe(base);
    expect(toHex(await argon2idWasm({ ...params, salt: new Uint8Array(32).fill(8) }))).not.toBe(base);
  });
});
