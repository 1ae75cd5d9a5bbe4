import type { Deps } from '../../../deps.js';
import type { ProviderRole } from '../../../domain/provider.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { providerOption, reportUserResults, requireArgs, stringOpt } from '../provider-flags.js';

export interface ProviderUsersInviteOptions {
  provider?: string | undefined;
  emails: string[];
  role: ProviderRole;
}

export async function providerUsersInviteRun(o: ProviderUsersInviteOptions, d: Deps): Promise<void> {
  const [{ withProvider }, { inviteUsers, normalizeEmails, adminWarningAfterChange }] = await Promise.all([import('../../../domain/provider.js'), import('../../../domain/provider-user.js')]);
  normalizeEmails(o.emails);
  const { results, warning } = await withProvider(d, { provider: o.provider }, {}, async (ctx) => {
    const results = await inviteUsers(ctx, o.emails, o.role);
    return { results, warning: await adminWarningAfterChange(ctx) };
  });
  if (warning) d.out.warn(warning);
  reportUserResults(d, results, 'provider users invite');
}

export const providerUsersInviteSpec: CommandSpec = {
  name: 'invite',
  summary: 'Invite people to the provider',
  description:
    'Sends provider invitations by e-mail, at most 20 per request. People already in the provider are skipped. Invitees accept with the token from the mail (bwmsp provider users accept), then a provider admin confirms them.',
  args: ['<email...>'],
  options: [providerOption, { flags: '--role <role>', description: 'role of the new users', choices: ['admin', 'service-user'], defaultValue: 'service-user' }],
  examples: [
    { comment: 'Invite two service users', command: 'bwmsp provider users invite ana@msp.example bo@msp.example' },
    { comment: 'Invite a second provider admin', command: 'bwmsp provider users invite chief@msp.example --role admin' },
    { comment: 'Invite and print the results as JSON', command: 'bwmsp provider users invite ana@msp.example --json' },
  ],
  run: (input: VerbInput, deps) => {
    requireArgs(input.args, 'e-mail address', input.commandPath);
    return providerUsersInviteRun({ provider: stringOpt(input.opts.provider), emails: input.args, role: input.opts.role === 'admin' ? 'admin' : 'service-user' }, deps);
  },
};
