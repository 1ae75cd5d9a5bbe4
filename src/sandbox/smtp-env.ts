/**
 * SMTP settings of the sandbox from the environment, so a foreground and a detached sandbox (which
 * inherits the environment) send real mail the same way. Without BWMSP_SANDBOX_SMTP_HOST the
 * sandbox only keeps mail in its outbox.
 */
import type { SmtpConfig } from './smtp-client.js';

export class SmtpEnvError extends Error {
  override readonly name = 'SmtpEnvError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function smtpFromEnv(env: Env): SmtpConfig | undefined {
  const host = env.BWMSP_SANDBOX_SMTP_HOST?.trim();
  if (!host) return undefined;
  const from = env.BWMSP_SANDBOX_SMTP_FROM?.trim();
  if (!from) throw new SmtpEnvError('BWMSP_SANDBOX_SMTP_FROM is required with BWMSP_SANDBOX_SMTP_HOST');
  const secure = env.BWMSP_SANDBOX_SMTP_SECURE === 'true' || env.BWMSP_SANDBOX_SMTP_SECURE === '1';
  const port = Number(env.BWMSP_SANDBOX_SMTP_PORT ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SmtpEnvError(`BWMSP_SANDBOX_SMTP_PORT ${env.BWMSP_SANDBOX_SMTP_PORT ?? ''} is not a port`);
  const user = env.BWMSP_SANDBOX_SMTP_USER?.trim();
  const pass = env.BWMSP_SANDBOX_SMTP_PASSWORD;
  if (Boolean(user) !== Boolean(pass)) throw new SmtpEnvError('set both BWMSP_SANDBOX_SMTP_USER and BWMSP_SANDBOX_SMTP_PASSWORD, or neither');
  return { host, port, from, secure, ...(user && pass ? { user, pass } : {}) };
}
