/**
 * A minimal SMTP client (RFC 5321) over node:net / node:tls: EHLO, STARTTLS when offered,
 * AUTH PLAIN or LOGIN, one message to one recipient. Enough for a sandbox relaying to a real or
 * test mail server; not a general mailer.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

export interface SmtpConfig {
  host: string;
  port: number;
  /** Envelope and header sender. */
  from: string;
  user?: string;
  pass?: string;
  /** Implicit TLS from the first byte (port 465). Default: plain, upgraded by STARTTLS when offered. */
  secure?: boolean;
  /** Never upgrade with STARTTLS even when offered. */
  ignoreTls?: boolean;
  /** Verify the server certificate on TLS (default true). */
  rejectUnauthorized?: boolean;
  /** Per-command timeout in milliseconds (default 15 000). */
  timeoutMs?: number;
}

export interface SmtpMessage {
  to: string;
  subject: string;
  text: string;
  date?: Date;
}

interface Reply {
  code: number;
  lines: string[];
}

class SmtpSession {
  #socket: net.Socket;
  #buffer = '';
  #pending: Reply | null = null;
  #replies: Reply[] = [];
  #waiters: { resolve(reply: Reply): void; reject(error: Error): void }[] = [];
  #failure: Error | null = null;
  readonly #timeoutMs: number;

  constructor(socket: net.Socket, timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#socket = socket;
    this.#attach(socket);
  }

  #attach(socket: net.Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('SMTP connection closed')));
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let index: number;
    while ((index = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, index).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(index + 1);
      const match = /^(\d{3})([ -])(.*)$/.exec(line);
      if (match === null) continue;
      const code = Number(match[1]);
      this.#pending ??= { code, lines: [] };
      this.#pending.lines.push(match[3] ?? '');
      if (match[2] === ' ') {
        const reply = this.#pending;
        this.#pending = null;
        const waiter = this.#waiters.shift();
        if (waiter !== undefined) waiter.resolve(reply);
        else this.#replies.push(reply);
      }
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  read(): Promise<Reply> {
    const queued = this.#replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#failure !== null) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('SMTP timeout')), this.#timeoutMs);
      this.#waiters.push({
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  async expect(codes: number[], what: string): Promise<Reply> {
    const reply = await this.read();
    if (!codes.includes(reply.code)) {
      throw new Error(`SMTP ${what} refused: ${reply.code} ${reply.lines.join(' ')}`);
    }
    return reply;
  }

  async command(line: string, codes: number[], what = line.split(' ')[0] ?? line): Promise<Reply> {
    this.#socket.write(line + '\r\n');
    return this.expect(codes, what);
  }

  write(data: string): void {
    this.#socket.write(data);
  }

  async upgrade(options: tls.ConnectionOptions): Promise<void> {
    const plain = this.#socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ ...options, socket: plain }, () => resolve(socket));
      socket.once('error', reject);
    });
    this.#socket = secure;
    this.#buffer = '';
    this.#attach(secure);
  }

  end(): void {
    this.#socket.end();
    this.#socket.destroy();
  }
}

function connect(config: SmtpConfig): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    const socket: net.Socket = config.secure
      ? tls.connect(
          { host: config.host, port: config.port, servername: config.host, rejectUnauthorized: config.rejectUnauthorized ?? true },
          () => {
            socket.off('error', onError);
            resolve(socket);
          },
        )
      : net.connect({ host: config.host, port: config.port }, () => {
          socket.off('error', onError);
          resolve(socket);
        });
    socket.once('error', onError);
  });
}

function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function extensions(reply: Reply): Set<string> {
  return new Set(reply.lines.slice(1).map((line) => line.toUpperCase()));
}

/** Builds the RFC 5322 message with CRLF line ends and dot-stuffing applied. */
export function formatSmtpMessage(from: string, message: SmtpMessage): string {
  const date = message.date ?? new Date();
  const domain = from.includes('@') ? from.slice(from.indexOf('@') + 1) : 'localhost';
  const headers = [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = message.text
    .replace(/\r?\n/g, '\r\n')
    .split('\r\n')
    .map((line) => (line.startsWith('.') ? '.' + line : line))
    .join('\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}

/** Sends one message; rejects with the server's reply on refusal. */
export async function sendSmtpMail(config: SmtpConfig, message: SmtpMessage): Promise<void> {
  const timeoutMs = config.timeoutMs ?? 15_000;
  const socket = await connect(config);
  const session = new SmtpSession(socket, timeoutMs);
  try {
    await session.expect([220], 'greeting');
    let ehlo = await session.command('EHLO bwmsp-sandbox.localhost', [250], 'EHLO');
    let ext = extensions(ehlo);
    if (!config.secure && !config.ignoreTls && ext.has('STARTTLS')) {
      await session.command('STARTTLS', [220]);
      await session.upgrade({
        servername: config.host,
        rejectUnauthorized: config.rejectUnauthorized ?? true,
      });
      ehlo = await session.command('EHLO bwmsp-sandbox.localhost', [250], 'EHLO');
      ext = extensions(ehlo);
    }
    if (config.user !== undefined && config.user !== '') {
      const auth = [...ext].find((line) => line.startsWith('AUTH')) ?? '';
      const pass = config.pass ?? '';
      if (/\bPLAIN\b/.test(auth) || !/\bLOGIN\b/.test(auth)) {
        const token = Buffer.from(`\0${config.user}\0${pass}`, 'utf8').toString('base64');
        await session.command(`AUTH PLAIN ${token}`, [235], 'AUTH');
      } else {
        await session.command('AUTH LOGIN', [334], 'AUTH');
        await session.command(Buffer.from(config.user, 'utf8').toString('base64'), [334], 'AUTH');
        await session.command(Buffer.from(pass, 'utf8').toString('base64'), [235], 'AUTH');
      }
    }
    await session.command(`MAIL FROM:<${config.from}>`, [250], 'MAIL FROM');
    await session.command(`RCPT TO:<${message.to}>`, [250, 251], 'RCPT TO');
    await session.command('DATA', [354]);
    session.write(formatSmtpMessage(config.from, message) + '.\r\n');
    await session.expect([250], 'message');
    await session.command('QUIT', [221]).catch(() => undefined);
  } finally {
    session.end();
  }
}
