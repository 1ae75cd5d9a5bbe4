import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../../src/sandbox/mailer.js';
import { formatSmtpMessage } from '../../../src/sandbox/smtp-client.js';
import { listMail, openStore, type SandboxStore } from '../../../src/sandbox/store.js';

interface FakeSmtp {
  port: number;
  transcript: string[];
  messages: string[];
  close(): Promise<void>;
}

/** A tiny SMTP server: EHLO with AUTH PLAIN, then MAIL/RCPT/DATA/QUIT. `reject` refuses RCPT. */
async function fakeSmtp(options: { reject?: boolean } = {}): Promise<FakeSmtp> {
  const transcript: string[] = [];
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(data);
            data = '';
            socket.write('250 queued\r\n');
          } else data += line + '\r\n';
          continue;
        }
        transcript.push(line);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
        else if (verb === 'AUTH') socket.write('235 ok\r\n');
        else if (verb === 'MAIL') socket.write('250 ok\r\n');
        else if (verb === 'RCPT') socket.write(options.reject ? '550 no such user\r\n' : '250 ok\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go\r\n');
        } else if (verb === 'QUIT') {
          socket.write('221 bye\r\n');
          socket.end();
        } else socket.write('502 unknown\r\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    transcript,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let store: SandboxStore | undefined;
let dir: string | undefined;
let smtp: FakeSmtp | undefined;

function newStore(): SandboxStore {
  dir = mkdtempSync(join(tmpdir(), 'bwmsp-mail-'));
  store = openStore({ dataDir: dir });
  return store;
}

afterEach(async () => {
  store?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  await smtp?.close();
  store = undefined;
  dir = undefined;
  smtp = undefined;
});

describe('mailer', () => {
  it('stores every message in the outbox with its token, normalised recipient first', () => {
    const s = newStore();
    const mailer = createMailer({ store: s });
    mailer.send({ to: ' Bob@Example.com ', subject: 'Code', template: 'two-factor-email', text: 'Code: 123456', token: '123456' });
    mailer.send({ to: 'carol@example.com', subject: 'Hi', template: 'other', text: 'no token' });
    expect(listMail(s)).toHaveLength(2);
    expect(listMail(s, { to: 'BOB@example.com' })).toEqual([
      expect.objectContaining({ to: 'bob@example.com', token: '123456', template: 'two-factor-email', sentDate: null }),
    ]);
  });

  it('relays by SMTP when configured and marks the row sent', async () => {
    smtp = await fakeSmtp();
    const s = newStore();
    const mailer = createMailer({
      store: s,
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'sandbox@bwmsp.test', user: 'u', pass: 'p' },
    });
    const record = mailer.send({
      to: 'bob@example.com',
      subject: 'Vérification',
      template: 'two-factor-email',
      text: 'line one\n.dot line\nCode: 123456',
      token: '123456',
    });
    await mailer.flush();
    expect(smtp.transcript).toEqual([
      'EHLO bwmsp-sandbox.localhost',
      `AUTH PLAIN ${Buffer.from('\0u\0p').toString('base64')}`,
      'MAIL FROM:<sandbox@bwmsp.test>',
      'RCPT TO:<bob@example.com>',
      'DATA',
      'QUIT',
    ]);
    expect(smtp.messages[0]).toContain('Subject: =?UTF-8?B?');
    expect(smtp.messages[0]).toContain('\r\n..dot line\r\n');
    expect(s.mail.findById(record.id)?.sentDate).not.toBeNull();
  });

  it('records a refused delivery on the outbox row without failing the caller', async () => {
    smtp = await fakeSmtp({ reject: true });
    const s = newStore();
    const mailer = createMailer({ store: s, smtp: { host: '127.0.0.1', port: smtp.port, from: 'sandbox@bwmsp.test' } });
    const record = mailer.send({ to: 'nobody@example.com', subject: 'x', template: 't', text: 'x' });
    await mailer.flush();
    const stored = s.mail.findById(record.id);
    expect(stored?.sentDate).toBeNull();
    expect(stored?.sendError).toMatch(/550/);
  });

  it('formats a message with CRLF line ends and dot-stuffing', () => {
    const text = formatSmtpMessage('a@b.test', { to: 'c@d.test', subject: 'Hello', text: 'x\n.y', date: new Date(0) });
    expect(text).toMatch(/^From: a@b.test\r\nTo: c@d.test\r\nSubject: Hello\r\n/);
    expect(text.endsWith('\r\n\r\nx\r\n..y\r\n')).toBe(true);
  });
});
