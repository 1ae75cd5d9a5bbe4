import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { CryptoError, deriveMasterKey, type KdfConfig } from '../../../src/crypto/index.js';

/** A JSON object read from a vector file; fields are read through the checked accessors below. */
export type Json = Record<string, unknown>;

/** Reads `test/fixtures/vectors/<name>` (copies of the protocol vectors; never /work/shared). */
export function loadVectorFile(name: string): Json {
  const url = new URL(`../../fixtures/vectors/${name}`, import.meta.url);
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  return asObject(parsed, name);
}

export function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not an object`);
  }
  return value as Json;
}

export function has(obj: Json, key: string): boolean {
  return obj[key] !== undefined && obj[key] !== null;
}

export function str(obj: Json, key: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new Error(`field ${key} is not a string`);
  return value;
}

export function num(obj: Json, key: string): number {
  const value = obj[key];
  if (typeof value !== 'number') throw new Error(`field ${key} is not a number`);
  return value;
}

export function obj(parent: Json, key: string): Json {
  return asObject(parent[key], key);
}

export function list(parent: Json, key: string): unknown[] {
  const value = parent[key];
  if (!Array.isArray(value)) throw new Error(`field ${key} is not an array`);
  return value;
}

export function objects(parent: Json, key: string): Json[] {
  return list(parent, key).map((item, i) => asObject(item, `${key}[${i}]`));
}

/** Value of the first key that starts with `prefix` (some vector keys carry a note in the name). */
export function strByPrefix(parent: Json, prefix: string): string {
  const key = Object.keys(parent).find((k) => k.startsWith(prefix));
  if (key === undefined) throw new Error(`no field starting with ${prefix}`);
  return str(parent, key);
}

export function hex(text: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/i.test(text)) throw new Error('bad hex in vector');
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function b64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** `{type, iterations, memory_mib?, parallelism?}` from a vector -> KdfConfig. */
export function kdfFromVector(kdf: Json): KdfConfig {
  const type = num(kdf, 'type');
  if (type !== 0 && type !== 1) throw new Error(`unknown kdf type ${type}`);
  const config: KdfConfig = { kdfType: type, iterations: num(kdf, 'iterations') };
  if (has(kdf, 'memory_mib')) config.memory = num(kdf, 'memory_mib');
  if (has(kdf, 'parallelism')) config.parallelism = num(kdf, 'parallelism');
  return config;
}

const masterKeyCache = new Map<string, Promise<Uint8Array>>();

/** deriveMasterKey, memoised per (password, salt, kdf) so slow 600k-round vectors run once per file. */
export function cachedMasterKey(password: string, salt: string, kdf: KdfConfig): Promise<Uint8Array> {
  const cacheKey = JSON.stringify([password, salt, kdf]);
  let pending = masterKeyCache.get(cacheKey);
  if (pending === undefined) {
    pending = deriveMasterKey(password, salt, kdf);
    masterKeyCache.set(cacheKey, pending);
  }
  return pending;
}

/** Asserts that `fn` throws a CryptoError whose message matches `pattern`. */
export function expectCryptoError(fn: () => unknown, pattern?: RegExp): CryptoError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CryptoError);
  const error = caught as CryptoError;
  expect(error.name).toBe('CryptoError');
  if (pattern !== undefined) expect(error.message).toMatch(pattern);
  return error;
}

/** Async variant of expectCryptoError. */
export async function expectCryptoErrorAsync(promise: Promise<unknown>, pattern?: RegExp): Promise<CryptoError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CryptoError);
  const error = caught as CryptoError;
  if (pattern !== undefined) expect(error.message).toMatch(pattern);
  return error;
}

/** A RandomSource that returns the given bytes in order (fails the test if it runs out). */
export function scriptedRandom(...chunks: Uint8Array[]): (n: number) => Uint8Array {
  const queue = [...chunks];
  return (n: number) => {
    const next = queue.shift();
    if (next === undefined || next.length !== n) throw new Error(`scripted random: unexpected request for ${n} bytes`);
    return next;
  };
}
