import type { Deps } from '../../deps.js';
import { BwmspError, UsageError } from '../../errors.js';
import type { MailRecord } from '../../sandbox/server.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, sandboxDir } from './shared.js';

export interface SandboxMailOptions {
  data?: string;
  to?: string;
}

export function sandboxMailOptions(input: VerbInput): SandboxMailOptions {
  const o = input.opts;
  const to = typeof o.to === 'string' ? o.to.trim().toLowerCase() : undefined;
  if (to !== undefined && !/^[^@\s]+@[^@\s]+$/.test(to)) throw new UsageError(`--to ${String(o.to)}: not an e-mail address`);
  return { ...(typeof o.data === 'string' ? { data: o.data } : {}), ...(to ? { to } : {}) };
}

export function mailView(m: MailRecord) {
  return { id: m.id, date: m.creationDate, to: m.to, subject: m.subject, template: m.template, token: m.token, data: m.data };
}

/** Reads the outbox of the sandbox data dir (the server may be running; SQLite allows a second reader). */
export async function sandboxMailRun(opts: SandboxMailOptions, d: Deps): Promise<void> {
  const dir = await sandboxDir(d, opts.data);
  const [{ existsSync }, { join }, { openStore, listMail, SANDBOX_DB_FILE }] = await Promise.all([import('node:fs'), import('node:path'), import('../../sandbox/server.js')]);
  if (!existsSync(join(dir, SANDBOX_DB_FILE))) {
    throw new BwmspError(`no sandbox data in ${dir}`, { hint: `Start one with 'bwmsp sandbox start --detach${opts.data ? ` --data ${opts.data}` : ''}'.` });
  }
  const store = openStore({ dataDir: dir });
  let mail: MailRecord[];
  try {
    mail = listMail(store, opts.to ? { to: opts.to } : {});
  } finally {
    store.close();
  }
  d.out.list(
    mail,
    [
      { header: 'Date', value: (m) => m.creationDate },
      { header: 'To', value: (m) => m.to },
      { header: 'Subject', value: (m) => m.subject, maxWidth: 50 },
      { header: 'Token', value: (m) => m.token ?? '', maxWidth: 40 },
    ],
    { view: mailView, empty: opts.to ? `No mail to ${opts.to}` : 'The outbox is empty' },
  );
}

export const sandboxMailSpec: CommandSpec = {
  name: 'mail',
  summary: 'List mail the sandbox would have sent',
  description:
    'Lists the outbox of the sandbox, oldest first: invitations, verification and login codes, with the token each carries. --json adds the template and its values (for an invitation: the organization and organization user ids of the link).',
  options: [dataOption, { flags: '--to <email>', description: 'only mail to this address' }],
  examples: [
    { comment: 'All mail, newest last', command: 'bwmsp sandbox mail' },
    { comment: 'Invitation tokens for one address', command: 'bwmsp sandbox mail --to ana@contoso.example --json' },
  ],
  run: (input, deps) => sandboxMailRun(sandboxMailOptions(input), deps),
};
