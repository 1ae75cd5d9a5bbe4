import type { Deps } from '../../deps.js';
import { InputError, UsageError } from '../../errors.js';
import type { InviteEntry, Role } from '../../domain/member-input.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { identifiers, orgRef, reportOutcomes, roles, stringList, target, type OrgRefOptions } from './shared.js';

export interface MemberInviteOptions extends OrgRefOptions {
  emails: string[];
  csv?: string;
  role: Role;
  groups: string[];
  collections: string[];
  permissions: string[];
}

export function memberInviteOptions(input: VerbInput): MemberInviteOptions {
  const o = input.opts;
  const role = typeof o.role === 'string' ? o.role.toLowerCase() : 'user';
  if (!(roles as readonly string[]).includes(role)) throw new UsageError(`--role ${String(o.role)}: use one of ${roles.join(', ')}`);
  const opts: MemberInviteOptions = {
    ...orgRef(input),
    emails: identifiers(input),
    ...(typeof o.csv === 'string' ? { csv: o.csv } : {}),
    role: role as Role,
    groups: stringList(o.group),
    collections: stringList(o.collection),
    permissions: stringList(o.permission),
  };
  if (opts.csv !== undefined && opts.emails.length) throw new UsageError('pass e-mail addresses or --csv, not both');
  if (opts.csv === undefined && !opts.emails.length) throw new UsageError('name the members to invite: e-mail addresses, or --csv FILE (- for stdin)');
  return opts;
}

/** The CSV text: a file, or stdin for '-'. */
async function readCsv(d: Pick<Deps, 'io'>, source: string): Promise<{ text: string; label: string }> {
  if (source === '-') {
    if (d.io.stdinIsTTY) throw new UsageError("--csv -: expects the CSV on a pipe, but stdin is a terminal");
    const chunks: Buffer[] = [];
    for await (const chunk of d.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return { text: Buffer.concat(chunks).toString('utf8'), label: 'stdin' };
  }
  const { readFile } = await import('node:fs/promises');
  try {
    return { text: await readFile(source, 'utf8'), label: source };
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError(`--csv ${source}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
  }
}

export async function memberInviteRun(opts: MemberInviteOptions, d: Deps): Promise<void> {
  const [input, { withAdminOrg }, { inviteMemberEntries }, { withSpinner }] = await Promise.all([
    import('../../domain/member-input.js'),
    import('../../domain/admin-org.js'),
    import('../../domain/member.js'),
    import('../../ui/progress.js'),
  ]);
  const defaults = { role: opts.role, groups: input.groupRefs(opts.groups), collections: input.collectionRefs(opts.collections) };
  let entries: InviteEntry[];
  if (opts.csv !== undefined) {
    const { text, label } = await readCsv(d, opts.csv);
    entries = input.parseInviteCsv(text, label, defaults);
  } else {
    entries = opts.emails.map((raw, i) => {
      const email = raw.toLowerCase();
      if (!input.isEmail(email)) throw new UsageError(`'${raw}' (argument ${i + 1}) is not an e-mail address`);
      return { email, ...defaults, where: `argument ${i + 1}` };
    });
    entries = entries.filter((e, i) => entries.findIndex((x) => x.email === e.email) === i);
  }
  const custom = entries.some((e) => e.role === 'custom');
  if (opts.permissions.length && !custom) throw new UsageError('--permission applies only to members invited with the custom role');
  if (custom && !opts.permissions.length) throw new UsageError(`the custom role needs at least one --permission (${input.PERMISSION_WORDS.join(', ')})`);
  const permissions = custom ? input.permissionsObject(opts.permissions) : undefined;
  const namedCollections = entries.some((e) => e.collections.some((c) => !input.isGuid(c.name)));
  const need = namedCollections
    ? ({ key: 'required', why: 'collection names are encrypted, so finding them needs the organization key' } as const)
    : ({ key: 'optional' } as const);

  await withAdminOrg(d, opts, need, async (org) => {
    const outcomes = await withSpinner(d.io, `Inviting ${entries.length} members to ${org.name}`, (update) =>
      inviteMemberEntries(org, { entries, permissions }, (m) => d.out.warn(m), update),
    );
    reportOutcomes(d, outcomes, { done: 'invited', verb: 'Invited', orgName: org.name });
  });
}

export const memberInviteSpec: CommandSpec = {
  name: 'invite',
  summary: 'Invite members by e-mail, from arguments, CSV or stdin',
  description: [
    'Invites e-mail addresses given as arguments, or the rows of a CSV file (--csv FILE, or - for stdin) with a header row naming',
    'email, role, groups, collections. Several groups or collections in one cell are separated by ";"; a collection is NAME[:PERMISSION]',
    'with PERMISSION one of read-only, hide-passwords, edit, edit-hide-passwords, manage (default edit). Empty cells take the flags.',
    'Members already in the organization are skipped. Nothing is sent when a row, group or collection is wrong, or when the seats',
    'would not suffice. Invitations go out in requests of at most 20 e-mails. With an organization API key session',
    '(login --org-apikey) collections must be given by id, since their names are encrypted.',
  ].join(' '),
  args: ['[email...]'],
  options: [
    ...target,
    { flags: '--csv <file>', description: "CSV with columns email, role, groups, collections ('-' for stdin)", complete: 'files' },
    { flags: '--role <role>', description: 'role of the new members', choices: roles, defaultValue: 'user' },
    { flags: '--group <name>', description: 'add to this group (repeatable)', repeatable: true },
    { flags: '--collection <name[:permission]>', description: 'give access to a collection (repeatable)', repeatable: true },
    { flags: '--permission <name>', description: 'custom role permission (repeatable)', repeatable: true },
  ],
  examples: [
    { comment: 'Invite two users into a group', command: "bwmsp member invite ana@contoso.example bo@contoso.example --client 'Contoso Ltd' --group Finance" },
    { comment: 'Invite from a CSV file', command: "bwmsp member invite --csv staff.csv --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => memberInviteRun(memberInviteOptions(input), deps),
};
