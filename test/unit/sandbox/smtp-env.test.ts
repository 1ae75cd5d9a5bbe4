import { describe, expect, it } from 'vitest';
import { smtpFromEnv } from '../../../src/sandbox/smtp-env.js';

describe('sandbox SMTP settings from the environment', () => {
  it('is off without a host', () => {
    expect(smtpFromEnv({})).toBeUndefined();
  });

  it('reads host, port, sender and credentials', () => {
    expect(
      smtpFromEnv({ BWMSP_SANDBOX_SMTP_HOST: 'mail.example', BWMSP_SANDBOX_SMTP_FROM: 'sandbox@example', BWMSP_SANDBOX_SMTP_USER: 'u', BWMSP_SANDBOX_SMTP_PASSWORD: 'p' }),
    ).toEqual({ host: 'mail.example', port: 587, from: 'sandbox@example', secure: false, user: 'u', pass: 'p' });
    expect(smtpFromEnv({ BWMSP_SANDBOX_SMTP_HOST: 'h', BWMSP_SANDBOX_SMTP_FROM: 'f', BWMSP_SANDBOX_SMTP_SECURE: 'true' })?.port).toBe(465);
  });

  it.each([
    [{ BWMSP_SANDBOX_SMTP_HOST: 'h' }, 'BWMSP_SANDBOX_SMTP_FROM is required'],
    [{ BWMSP_SANDBOX_SMTP_HOST: 'h', BWMSP_SANDBOX_SMTP_FROM: 'f', BWMSP_SANDBOX_SMTP_PORT: '99999' }, 'is not a port'],
    [{ BWMSP_SANDBOX_SMTP_HOST: 'h', BWMSP_SANDBOX_SMTP_FROM: 'f', BWMSP_SANDBOX_SMTP_USER: 'u' }, 'or neither'],
  ])('refuses %j', (env, message) => {
    expect(() => smtpFromEnv(env)).toThrow(message);
  });
});
