import type { Deps } from '../../../deps.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { stringOpt } from '../provider-flags.js';

export interface ProviderUsersAcceptOptions {
  provider?: string | undefined;
  user?: string | undefined;
  token?: string | undefined;
}

export async function providerUsersAcceptRun(o: ProviderUsersAcceptOptions, d: Deps): Promise<void> {
  const providerId = o.provider ?? (await d.prompter.input({ message: 'Provider id (providerId in the invitation link)', flag: '--provider' }));
  const providerUserId = o.user ?? (await d.prompter.input({ message: 'Provider user id (providerUserId in the invitation link)', flag: '--user' }));
  const token = o.token ?? (await d.prompter.input({ message: 'Invitation token (token in the invitation link)', flag: '--token' }));
  const { acceptInvitation } = await import('../../../domain/provider-user.js');
  const outcome = await acceptInvitation(d, { providerId, providerUserId, token });
  const view = { providerId, providerUserId, result: outcome.result, detail: outcome.detail };
  if (d.out.format === 'json') return d.out.object(view);
  if (outcome.result === 'skipped') d.out.info(`The invitation to provider ${providerId} was already accepted; a provider admin must confirm you.`);
  else d.out.success(`Accepted the invitation to provider ${providerId}; a provider admin must now confirm you`);
}

export const providerUsersAcceptSpec: CommandSpec = {
  name: 'accept',
  summary: 'Accept a provider invitation as the invitee',
  description:
    'Run as the invited account (bwmsp login first). The values come from the invitation link: providerId, providerUserId and token. Accepting twice is harmless. A provider admin then confirms you.',
  options: [
    { flags: '--provider <provider-id>', description: 'provider id from the invitation link' },
    { flags: '--user <provider-user-id>', description: 'provider user id from the invitation link' },
    { flags: '--token <token>', description: 'invitation token from the mail' },
  ],
  examples: [
    { comment: 'Accept with the values from the invitation link', command: 'bwmsp provider users accept --provider 6f1c... --user 9a2b... --token abc...' },
    { comment: 'Accept and print the result as JSON', command: 'bwmsp provider users accept --provider 6f1c... --user 9a2b... --token abc... --json' },
  ],
  run: (input: VerbInput, deps) => providerUsersAcceptRun({ provider: stringOpt(input.opts.provider), user: stringOpt(input.opts.user), token: stringOpt(input.opts.token) }, deps),
};
