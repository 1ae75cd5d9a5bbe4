import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import type { ProviderRole } from '../../../domain/provider.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { providerOption, reportUserResults, requireArgs, stringOpt } from '../provider-flags.js';

export async function providerUsersSetRoleRun(o: { provider?: string | undefined; refs: string[]; role: ProviderRole }, d: Deps): Promise<void> {
  const [{ withProvider }, { setUsersRole, adminWarningAfterChange }] = await Promise.all([import('../../../domain/provider.js'), import('../../../domain/provider-user.js')]);
  const { results, warning } = await withProvider(d, { provider: o.provider }, {}, async (ctx) => {
    const results = await setUsersRole(ctx, o.refs, o.role);
    return { results, warning: await adminWarningAfterChange(ctx) };
  });
  if (warning) d.out.warn(warning);
  if (results.some((r) => r.result === 'updated')) d.out.info('Changed users get their new rights at their next login or token refresh.');
  reportUserResults(d, results, 'provider users set-role');
}

export const providerUsersSetRoleSpec: CommandSpec = {
  name: 'set-role',
  summary: 'Change the role of provider users',
  description:
    'Makes users Provider Admins or Service Users. The server refuses to leave the provider without a confirmed Provider Admin. Users who already have the role are skipped.',
  args: ['<email-or-id...>'],
  options: [providerOption, { flags: '--role <role>', description: 'new role', choices: ['admin', 'service-user'] }],
  examples: [
    { comment: 'Promote a service user to provider admin', command: 'bwmsp provider users set-role ana@msp.example --role admin' },
    { comment: 'Demote an admin', command: 'bwmsp provider users set-role chief@msp.example --role service-user --json' },
  ],
  run: (input: VerbInput, deps) => {
    requireArgs(input.args, 'user (e-mail or id)', input.commandPath);
    const role = stringOpt(input.opts.role);
    if (role !== 'admin' && role !== 'service-user') throw new UsageError('--role is required: admin or service-user', { commandPath: input.commandPath });
    return providerUsersSetRoleRun({ provider: stringOpt(input.opts.provider), refs: input.args, role }, deps);
  },
};
