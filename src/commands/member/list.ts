import type { Deps } from '../../deps.js';
import type { Role, StatusWord } from '../../domain/member-input.js';
import type { MemberView } from '../../domain/member.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { orgRef, roles, target, type OrgRefOptions } from './shared.js';

export interface MemberListOptions extends OrgRefOptions {
  status?: StatusWord;
  role?: Role;
}

export function memberListOptions(input: VerbInput): MemberListOptions {
  const o = input.opts;
  return {
    ...orgRef(input),
    ...(typeof o.status === 'string' ? { status: o.status as StatusWord } : {}),
    ...(typeof o.role === 'string' ? { role: o.role as Role } : {}),
  };
}

export function memberListView(m: MemberView) {
  return {
    id: m.id,
    userId: m.userId,
    email: m.email,
    name: m.name,
    status: m.status,
    role: m.role,
    permissions: m.permissions,
    twoFactorEnabled: m.twoFactorEnabled,
    groups: m.groups,
    externalId: m.externalId,
  };
}

export async function memberListRun(opts: MemberListOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { listMemberViews }, { capitalise }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/member.js'),
    import('../../domain/member-input.js'),
  ]);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const members = await listMemberViews(org, { status: opts.status, role: opts.role }, (m) => d.out.warn(m));
    const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'yes' : 'no');
    d.out.list(
      members,
      [
        { header: 'Email', value: (m) => m.email ?? '' },
        { header: 'Name', value: (m) => m.name ?? '', maxWidth: 30 },
        { header: 'Status', value: (m) => capitalise(m.status) },
        { header: 'Role', value: (m) => (m.permissions.length ? `${m.role} (${m.permissions.join(', ')})` : m.role), maxWidth: 40 },
        { header: '2FA', value: (m) => yesNo(m.twoFactorEnabled) },
        { header: 'Groups', value: (m) => (m.groups ?? []).join(', '), maxWidth: 40 },
        { header: 'Id', value: (m) => m.id },
      ],
      { view: memberListView, empty: `No members in ${org.name}${opts.status || opts.role ? ' match the filter' : ''}` },
    );
  });
}

export const memberListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List members with status, role, 2FA and groups',
  description:
    'Lists the members of an organization: e-mail, name, status (Invited, Accepted, Confirmed, Revoked), role, two-step login and groups. With an organization API key session (login --org-apikey) the Public API is used and groups are not shown.',
  options: [
    ...target,
    { flags: '--status <status>', description: 'filter by status', choices: ['invited', 'accepted', 'confirmed', 'revoked'] },
    { flags: '--role <role>', description: 'filter by role', choices: roles },
  ],
  examples: [
    { comment: "List a client's members", command: "bwmsp member list --client 'Contoso Ltd'" },
    { comment: 'Members awaiting confirmation, as JSON', command: "bwmsp member list --client 'Contoso Ltd' --status accepted --json" },
  ],
  run: (input, deps) => memberListRun(memberListOptions(input), deps),
};
