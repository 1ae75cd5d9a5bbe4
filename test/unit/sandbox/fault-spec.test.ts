import { describe, expect, it } from 'vitest';
import { FaultSpecError, hasFaults, parseFaultSeed, parseFaultSpec, parseTimeScale, seededRandom } from '../../../src/sandbox/fault-spec.js';

describe('parseFaultSpec', () => {
  it('reads every key of a full spec', () => {
    expect(parseFaultSpec('error=0.1,429=0.05,drop=0.01,lost=2%,latency=50-400ms,retry-after=0.2,scope=api')).toEqual({
      error: 0.1,
      tooMany: 0.05,
      drop: 0.01,
      lost: 0.02,
      latency: { minMs: 50, maxMs: 400 },
      retryAfterSeconds: 0.2,
      scope: 'api',
    });
  });

  it('defaults to no fault, and knows when there is none', () => {
    const none = parseFaultSpec('');
    expect(none).toMatchObject({ error: 0, tooMany: 0, drop: 0, lost: 0, latency: { minMs: 0, maxMs: 0 }, retryAfterSeconds: 1, scope: 'all' });
    expect(hasFaults(none)).toBe(false);
    expect(hasFaults(parseFaultSpec('latency=5ms'))).toBe(true);
    expect(hasFaults(parseFaultSpec(' error = 0.5 '))).toBe(true);
  });

  it.each([
    ['latency=100ms', { minMs: 100, maxMs: 100 }],
    ['latency=0.05-0.4s', { minMs: 50, maxMs: 400 }],
    ['latency=1s-1500ms', { minMs: 1000, maxMs: 1500 }],
    ['latency=20-30', { minMs: 20, maxMs: 30 }],
  ])('latency %s', (text, latency) => {
    expect(parseFaultSpec(text).latency).toEqual(latency);
  });

  it.each([
    ['error', /'error' is not KEY=VALUE/],
    ['error=lots', /error=lots: a probability is a number from 0 to 1/],
    ['429=1.5', /429=1.5: a probability is at most 1/],
    ['drop=0.1,drop=0.2', /drop is given twice/],
    ['error=0.6,429=0.5', /add up to 1.1, more than 1/],
    ['latency=400-50ms', /upper bound is below the lower one/],
    ['latency=fast', /latency=fast: use A-Bms/],
    ['timeout=0.1', /unknown key 'timeout' \(keys: error, 429, drop, lost, latency, retry-after, scope\)/],
    ['scope=events', /scope=events: use api, identity or all/],
    ['retry-after=soon', /retry-after=soon: seconds/],
  ])('refuses %s', (text, message) => {
    expect(() => parseFaultSpec(text)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(text)).toThrow(message);
  });
});

describe('seed and time scale flags', () => {
  it('parses a seed and refuses anything but a whole number', () => {
    expect(parseFaultSeed('42')).toBe(42);
    expect(() => parseFaultSeed('-1')).toThrow(/--fault-seed -1: use a whole number/);
  });

  it('parses a time scale in (0, 1]', () => {
    expect(parseTimeScale('0.01')).toBe(0.01);
    expect(parseTimeScale('1')).toBe(1);
    for (const bad of ['0', '2', 'fast']) expect(() => parseTimeScale(bad)).toThrow(/--time-scale .*: use a number greater than 0 and at most 1/);
  });

  it('the seeded generator repeats itself for a seed and differs between seeds', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    for (const x of draws(1)) expect(x >= 0 && x < 1).toBe(true);
  });
});
