import { describe, expect, it } from 'vitest';
import { envValue, rateTimeScale } from '../../../src/config/env.js';

describe('env', () => {
  it('treats an empty variable as unset', () => {
    expect(envValue({ A: '' }, 'A')).toBeUndefined();
    expect(envValue({ A: 'x' }, 'A')).toBe('x');
  });

  it('BWMSP_RATE_TIME_SCALE: a factor in (0, 1], else the real windows (1)', () => {
    expect(rateTimeScale({})).toBe(1);
    expect(rateTimeScale({ BWMSP_RATE_TIME_SCALE: '0.01' })).toBe(0.01);
    expect(rateTimeScale({ BWMSP_RATE_TIME_SCALE: '1' })).toBe(1);
    for (const bad of ['0', '-1', '5', 'fast']) expect(rateTimeScale({ BWMSP_RATE_TIME_SCALE: bad })).toBe(1);
  });
});
