import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { printClient, providerOption, stringOpt } from './shared.js';

export async function clientAddExistingRun(o: { provider?: string | undefined; org?: string | undefined }, d: Deps): Promise<void> {
  const org = o.org ?? (await d.prompter.input({ message: 'Organization id to add', flag: '--org' }));
  const [{ withProvider }, { addExisting }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/client.js')]);
  const outcome = await withProvider(d, { provider: o.provider }, { keys: true }, (ctx) => addExisting(ctx, org));
  if (d.out.format === 'json') d.out.object({ ...outcome.client, result: outcome.result }, { view: { ...outcome.client, result: outcome.result } });
  else if (d.out.format === 'table') printClient(d, outcome.client);
  else d.out.data(outcome.client.id);
  if (outcome.result === 'skipped') d.out.info(`${outcome.client.name} is already a client of this provider; nothing changed.`);
  else d.out.success(`Added ${outcome.client.name} (${outcome.client.id}) as a client`);
}

export const clientAddExistingSpec: CommandSpec = {
  name: 'add-existing',
  summary: 'Add an organization you own to the provider',
  description:
    'Brings an organization you own under the provider: its key is wrapped with the provider key so every provider user can reach it, and its billing moves to the provider. Provider admins only; needs BWMSP_SESSION (bwmsp unlock).',
  options: [providerOption, { flags: '--org <org-id>', description: 'organization to add' }],
  examples: [
    { comment: 'Bring an existing organization under the provider', command: 'bwmsp client add-existing --org 1f0c...' },
    { comment: 'Same, as JSON', command: 'bwmsp client add-existing --org 1f0c... --json' },
  ],
  run: (input: VerbInput, deps) => clientAddExistingRun({ provider: stringOpt(input.opts.provider), org: stringOpt(input.opts.org) }, deps),
};
