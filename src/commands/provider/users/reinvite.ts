import type { Deps } from '../../../deps.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { providerOption, reportUserResults, requireArgs, stringOpt } from '../provider-flags.js';

export async function providerUsersReinviteRun(o: { provider?: string | undefined; refs: string[] }, d: Deps): Promise<void> {
  const [{ withProvider }, { reinviteUsers }] = await Promise.all([import('../../../domain/provider.js'), import('../../../domain/provider-user.js')]);
  const results = await withProvider(d, { provider: o.provider }, {}, (ctx) => reinviteUsers(ctx, o.refs));
  reportUserResults(d, results, 'provider users reinvite');
}

export const providerUsersReinviteSpec: CommandSpec = {
  name: 'reinvite',
  summary: 'Send the provider invitation again',
  description: 'Sends the invitation mail again to users who have not accepted yet; users who already accepted are skipped.',
  args: ['<email-or-id...>'],
  options: [providerOption],
  examples: [
    { comment: 'Re-send an invitation', command: 'bwmsp provider users reinvite ana@msp.example' },
    { comment: 'Re-send several, printing the result as JSON', command: 'bwmsp provider users reinvite ana@msp.example bo@msp.example --json' },
  ],
  run: (input: VerbInput, deps) => {
    requireArgs(input.args, 'user (e-mail or id)', input.commandPath);
    return providerUsersReinviteRun({ provider: stringOpt(input.opts.provider), refs: input.args }, deps);
  },
};
