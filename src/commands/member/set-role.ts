import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { Role } from '../../domain/member-input.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { identifiers, orgRef, reportOutcomes, roles, stringList, target, type OrgRefOptions } from './shared.js';

export interface MemberSetRoleOptions extends OrgRefOptions {
  members: string[];
  role: Role;
  permissions: string[];
}

export function memberSetRoleOptions(input: VerbInput): MemberSetRoleOptions {
  const role = input.opts.role;
  if (typeof role !== 'string') throw new UsageError(`--role is required (${roles.join(', ')})`);
  return { ...orgRef(input), members: identifiers(input), role: role as Role, permissions: stringList(input.opts.permission) };
}

export async function memberSetRoleRun(opts: MemberSetRoleOptions, d: Deps): Promise<void> {
  const [{ withAdminOrg }, { setRole }, { roleWithPermissions }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/member.js'),
    import('../../domain/member-input.js'),
  ]);
  const { permissions } = roleWithPermissions(opts.role, opts.permissions);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const outcomes = await setRole(org, opts.members, { role: opts.role, permissions });
    reportOutcomes(d, outcomes, { done: 'updated', verb: 'Changed the role of', orgName: org.name });
  });
}

export const memberSetRoleSpec: CommandSpec = {
  name: 'set-role',
  summary: 'Change the role of members',
  description: `Sets the role (owner, admin, user, custom) of members, keeping their collections and groups. The custom role takes --permission words: access-event-logs, access-import-export, access-reports, create-new-collections, edit-any-collection, delete-any-collection, manage-groups, manage-policies, manage-sso, manage-users, manage-reset-password, manage-scim, manage-access-rules. Members already in the role are skipped. Works with an organization API key session too (Public API).`,
  args: ['<email-or-id...>'],
  options: [
    ...target,
    { flags: '--role <role>', description: 'new role', choices: roles },
    { flags: '--permission <name>', description: 'custom role permission (repeatable)', repeatable: true },
  ],
  examples: [
    { comment: 'Make a member an admin', command: "bwmsp member set-role ana@contoso.example --client 'Contoso Ltd' --role admin" },
    { comment: 'Custom role that manages groups and users', command: "bwmsp member set-role bo@contoso.example --client 'Contoso Ltd' --role custom --permission manage-groups --permission manage-users" },
    { comment: 'As JSON', command: "bwmsp member set-role ana@contoso.example --client 'Contoso Ltd' --role user --json" },
  ],
  run: (input, deps) => memberSetRoleRun(memberSetRoleOptions(input), deps),
};
