import type { Deps } from '../../../deps.js';
import { CancelledError } from '../../../errors.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { providerOption, reportUserResults, requireArgs, stringOpt } from '../provider-flags.js';

export async function providerUsersRemoveRun(o: { provider?: string | undefined; refs: string[] }, d: Deps): Promise<void> {
  if (!d.globals.yes) {
    const ok = await d.prompter.confirm({ message: `Remove ${o.refs.join(', ')} from the provider? They lose access to every client`, flag: '--yes' });
    if (!ok) throw new CancelledError('nothing removed');
  }
  const [{ withProvider }, { removeUsers, adminWarningAfterChange }] = await Promise.all([import('../../../domain/provider.js'), import('../../../domain/provider-user.js')]);
  const { results, warning } = await withProvider(d, { provider: o.provider }, {}, async (ctx) => {
    const results = await removeUsers(ctx, o.refs);
    return { results, warning: await adminWarningAfterChange(ctx) };
  });
  if (warning) d.out.warn(warning);
  reportUserResults(d, results, 'provider users remove');
}

export const providerUsersRemoveSpec: CommandSpec = {
  name: 'remove',
  summary: 'Remove users from the provider',
  description:
    'Removes provider users; they lose access to every client. The server refuses to remove yourself and to leave the provider without a confirmed Provider Admin. Users already gone are skipped. Needs --yes without a terminal.',
  args: ['<email-or-id...>'],
  options: [providerOption],
  examples: [
    { comment: 'Remove a user who left', command: 'bwmsp provider users remove bo@msp.example --yes' },
    { comment: 'Remove two users and print results as JSON', command: 'bwmsp provider users remove a@msp.example b@msp.example --yes --json' },
  ],
  run: (input: VerbInput, deps) => {
    requireArgs(input.args, 'user (e-mail or id)', input.commandPath);
    return providerUsersRemoveRun({ provider: stringOpt(input.opts.provider), refs: input.args }, deps);
  },
};
