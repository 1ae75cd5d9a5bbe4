import * as nodeCrypto from 'node:crypto';
import { toUint8Array } from './encoding.js';
import { CryptoError } from './errors.js';

/** Argon2id inputs in the units the algorithm uses (memory in KiB). Version 0x13, no secret/AD. */
export type Argon2idParams = {
  password: Uint8Array;
  salt: Uint8Array;
  iterations: number;
  memoryKiB: number;
  parallelism: number;
  hashLength: number;
};

type NodeArgon2 = (
  algorithm: 'argon2id',
  parameters: {
    message: Uint8Array;
    nonce: Uint8Array;
    parallelism: number;
    tagLength: number;
    memory: number;
    passes: number;
  },
  callback: (err: Error | null, derivedKey: Buffer) => void,
) => void;

/** `crypto.argon2` on Node >= 24.7, else undefined (looked up at run time, not at link time). */
function nodeArgon2(): NodeArgon2 | undefined {
  const candidate: unknown = (nodeCrypto as Record<string, unknown>)['argon2'];
  return typeof candidate === 'function' ? (candidate as NodeArgon2) : undefined;
}

/** True when node:crypto has Argon2 (Node >= 24.7). */
export function hasNativeArgon2(): boolean {
  return nodeArgon2() !== undefined;
}

/** Argon2id through node:crypto. Throws CryptoError when the runtime lacks it. */
export function argon2idNative(params: Argon2idParams): Promise<Uint8Array> {
  const argon2 = nodeArgon2();
  if (argon2 === undefined) {
    return Promise.reject(new CryptoError('this Node.js version has no crypto.argon2'));
  }
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      {
        message: params.password,
        nonce: params.salt,
        parallelism: params.parallelism,
        tagLength: params.hashLength,
        memory: params.memoryKiB,
        passes: params.iterations,
      },
      (err, derivedKey) => {
        if (err) reject(new CryptoError('Argon2id key derivation failed'));
        else resolve(toUint8Array(derivedKey));
      },
    );
  });
}

/** Argon2id through hash-wasm (the fallback for Node < 24.7). Loaded lazily. */
export async function argon2idWasm(params: Argon2idParams): Promise<Uint8Array> {
  const { argon2id } = await import('hash-wasm');
  try {
    const out = await argon2id({
      password: params.password,
      salt: params.salt,
      iterations: params.iterations,
      parallelism: params.parallelism,
      memorySize: params.memoryKiB,
      hashLength: params.hashLength,
      outputType: 'binary',
    });
    return toUint8Array(out);
  } catch {
    throw new CryptoError('Argon2id key derivation failed');
  }
}

/**
 * Argon2id with the best available implementation. `forceFallback` (tests only) skips
 * node:crypto and uses hash-wasm.
 */
export function argon2id(params: Argon2idParams, options: { forceFallback?: boolean } = {}): Promise<Uint8Array> {
  if (!options.forceFallback && hasNativeArgon2()) return argon2idNative(params);
  return argon2idWasm(params);
}
