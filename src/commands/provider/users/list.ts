import type { Deps } from '../../../deps.js';
import type { ProviderUserView } from '../../../domain/provider-user.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { providerOption, stringOpt } from '../provider-flags.js';

export interface ProviderUsersListOptions {
  provider?: string | undefined;
  status?: string | undefined;
  role?: string | undefined;
}

export async function providerUsersListRun(o: ProviderUsersListOptions, d: Deps): Promise<void> {
  const [{ withProvider, roleWords }, { listUsers, userStatusWords }] = await Promise.all([import('../../../domain/provider.js'), import('../../../domain/provider-user.js')]);
  const { users, name } = await withProvider(d, { provider: o.provider }, {}, async (ctx) => ({ users: await listUsers(ctx), name: ctx.name }));
  const rows = users.filter((u) => (!o.status || u.status === o.status) && (!o.role || u.role === o.role));
  d.out.list(
    rows,
    [
      { header: 'Email', value: (u: ProviderUserView) => u.email ?? '' },
      { header: 'Name', value: (u) => u.name ?? '' },
      { header: 'Role', value: (u) => roleWords(u.role) },
      { header: 'Status', value: (u) => userStatusWords(u.status) },
      { header: 'Id', value: (u) => u.id },
    ],
    { view: (u) => u, empty: `No provider users in ${name}${o.status || o.role ? ' match the filters' : ''}.` },
  );
}

export const providerUsersListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List provider users with status and role',
  description: 'Provider users with their role (Provider Admin, Service User) and status (Invited, Accepted and needing confirmation, Confirmed). Provider admins only.',
  options: [
    providerOption,
    { flags: '--status <status>', description: 'filter by status', choices: ['invited', 'accepted', 'confirmed'] },
    { flags: '--role <role>', description: 'filter by role', choices: ['admin', 'service-user'] },
  ],
  examples: [
    { comment: 'List all provider users', command: 'bwmsp provider users list' },
    { comment: 'Users who accepted and wait for confirmation, as JSON', command: 'bwmsp provider users list --status accepted --json' },
  ],
  run: (input: VerbInput, deps) => providerUsersListRun({ provider: stringOpt(input.opts.provider), status: stringOpt(input.opts.status), role: stringOpt(input.opts.role) }, deps),
};
