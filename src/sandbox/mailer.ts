/**
 * Every mail the server would send lands in the outbox table (with its token parsed out), and is
 * also relayed by SMTP when configured. Relaying runs in the background: a failure is recorded on
 * the outbox row and logged, never turned into an HTTP error.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { SandboxLogger } from './log.js';
import { silentLogger } from './log.js';
import type { MailRecord } from './repositories/mail.js';
import { sendSmtpMail, type SmtpConfig } from './smtp-client.js';
import type { SandboxStore } from './store.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  template: string;
  text: string;
  token?: string | null;
  data?: Record<string, string>;
}

export interface Mailer {
  /** Stores the message in the outbox (and queues SMTP delivery); returns the stored row. */
  send(mail: OutgoingMail): MailRecord;
  /** Resolves when queued SMTP deliveries have finished. */
  flush(): Promise<void>;
}

export interface MailerOptions {
  store: SandboxStore;
  smtp?: SmtpConfig;
  log?: SandboxLogger;
  clock?: Clock;
}

export function createMailer(options: MailerOptions): Mailer {
  const { store, smtp } = options;
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const pending = new Set<Promise<void>>();

  function deliver(record: MailRecord, config: SmtpConfig): void {
    const task = sendSmtpMail(config, { to: record.to, subject: record.subject, text: record.text })
      .then(() => {
        store.mail.markSent(record.id, clock.now().toISOString());
        log.info(`mail ${record.template} sent to ${record.to}`);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        try {
          store.mail.markFailed(record.id, message);
        } catch {
          // the store may already be closed during shutdown
        }
        log.warn(`mail ${record.template} to ${record.to} not sent: ${message}`);
      })
      .finally(() => pending.delete(task));
    pending.add(task);
  }

  return {
    send(mail) {
      const record = store.mail.insert({
        id: randomUUID(),
        to: mail.to.trim().toLowerCase(),
        subject: mail.subject,
        template: mail.template,
        text: mail.text,
        token: mail.token ?? null,
        data: mail.data ?? {},
        creationDate: clock.now().toISOString(),
      });
      log.info(`mail ${record.template} to ${record.to} stored in the outbox`);
      if (smtp !== undefined) deliver(record, smtp);
      return record;
    },
    async flush() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
