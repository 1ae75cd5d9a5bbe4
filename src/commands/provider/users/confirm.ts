import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import type { CommandSpec, VerbInput } from '../../spec.js';
import { providerOption, reportUserResults, stringOpt } from '../provider-flags.js';

export interface ProviderUsersConfirmOptions {
  provider?: string | undefined;
  refs: string[];
  allAccepted: boolean;
  verify: boolean;
}

export async function providerUsersConfirmRun(o: ProviderUsersConfirmOptions, d: Deps): Promise<void> {
  if (o.refs.length === 0 && !o.allAccepted) throw new UsageError('name the users to confirm (e-mail or id), or pass --all-accepted', { commandPath: 'provider users confirm' });
  if (o.refs.length > 0 && o.allAccepted) throw new UsageError('pass users or --all-accepted, not both', { commandPath: 'provider users confirm' });
  if (o.verify && !d.io.canPrompt) {
    throw new UsageError(`--verify asks about each fingerprint phrase and needs a terminal (${d.io.noPromptReason ?? 'no terminal'})`, {
      hint: 'Without a terminal, compare the fingerprint phrases printed by a run without --verify with the ones the users see.',
    });
  }
  const [{ withProvider }, { confirmUsers, adminWarningAfterChange }] = await Promise.all([import('../../../domain/provider.js'), import('../../../domain/provider-user.js')]);
  const { results, warning } = await withProvider(d, { provider: o.provider }, { keys: true }, async (ctx) => {
    const results = await confirmUsers(ctx, {
      refs: o.refs,
      allAccepted: o.allAccepted,
      ...(o.verify
        ? {
            verify: async (user, fingerprint) => {
              d.out.info(`Fingerprint phrase of ${user.email ?? user.id}: ${fingerprint}`);
              return d.prompter.confirm({ message: `Does ${user.email ?? user.id} see the same phrase in their account settings?`, flag: 'a run without --verify', default: false });
            },
          }
        : {}),
    });
    return { results, warning: await adminWarningAfterChange(ctx) };
  });
  if (!o.verify) {
    for (const r of results) if (r.fingerprint) d.out.info(`Fingerprint phrase of ${r.email ?? r.item}: ${r.fingerprint}`);
  }
  if (results.length === 0) d.out.info('Nobody is waiting for confirmation.');
  if (warning) d.out.warn(warning);
  reportUserResults(d, results, 'provider users confirm', { fingerprint: true });
}

export const providerUsersConfirmSpec: CommandSpec = {
  name: 'confirm',
  summary: 'Confirm accepted provider users (shares the provider key)',
  description:
    "Gives accepted users the provider key, wrapped with each user's public key, and prints each fingerprint phrase. --verify shows the phrase and asks before each confirmation (terminal only). Needs BWMSP_SESSION (bwmsp unlock).",
  args: ['[email-or-id...]'],
  options: [
    providerOption,
    { flags: '--all-accepted', description: 'confirm every user awaiting confirmation' },
    { flags: '--verify', description: 'show each fingerprint phrase and ask before confirming' },
  ],
  examples: [
    { comment: 'Confirm one user after checking the fingerprint phrase', command: 'bwmsp provider users confirm ana@msp.example --verify' },
    { comment: 'Confirm everyone who accepted', command: 'bwmsp provider users confirm --all-accepted --yes' },
    { comment: 'Confirm and print fingerprints as JSON', command: 'bwmsp provider users confirm --all-accepted --json' },
  ],
  run: (input: VerbInput, deps) =>
    providerUsersConfirmRun({ provider: stringOpt(input.opts.provider), refs: input.args, allAccepted: input.opts.allAccepted === true, verify: input.opts.verify === true }, deps),
};
