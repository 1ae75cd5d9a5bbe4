import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, parseErrorBody } from '../../../src/api/errors.js';
import { mayHaveHappened } from '../../../src/domain/onboard.js';

const apiError = (status: number) => new ApiError({ status, method: 'POST', service: 'api', route: '/organizations/o1/collections' }, parseErrorBody('', undefined));
const networkError = (kind: 'reset' | 'timeout' | 'refused' | 'tls') => new NetworkError('x', { kind, host: 'h', url: 'https://h/x' });

describe('mayHaveHappened (onboarding reconciles these instead of failing at once)', () => {
  it('a broken connection after sending, or a 5xx: the server may have done it', () => {
    expect(mayHaveHappened(networkError('reset'))).toBe(true);
    expect(mayHaveHappened(networkError('timeout'))).toBe(true);
    expect(mayHaveHappened(apiError(500))).toBe(true);
    expect(mayHaveHappened(apiError(503))).toBe(true);
  });

  it('a refusal, a connection never made, or any other error: it did not', () => {
    expect(mayHaveHappened(apiError(400))).toBe(false);
    expect(mayHaveHappened(apiError(429))).toBe(false);
    expect(mayHaveHappened(networkError('refused'))).toBe(false);
    expect(mayHaveHappened(networkError('tls'))).toBe(false);
    expect(mayHaveHappened(new Error('boom'))).toBe(false);
  });
});
