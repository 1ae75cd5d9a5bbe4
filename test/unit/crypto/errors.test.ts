import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../../src/crypto/index.js';
import { exitCodeFor } from '../../../src/errors.js';

describe('CryptoError', () => {
  it('is an Error named CryptoError with exit code 1', () => {
    const error = new CryptoError('could not decrypt collection c-1');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CryptoError');
    expect(error.message).toBe('could not decrypt collection c-1');
    expect(error.exitCode).toBe(1);
    expect(error.code).toBe('crypto');
    expect(exitCodeFor(error)).toBe(1);
    expect(String(error)).toBe('CryptoError: could not decrypt collection c-1');
  });
});
