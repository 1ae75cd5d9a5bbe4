import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { parseSeats, printClient, providerOption, stringOpt } from './shared.js';

export interface ClientEditOptions {
  provider?: string | undefined;
  ref: string;
  name?: string | undefined;
  seats?: number | undefined;
}

export async function clientEditRun(o: ClientEditOptions, d: Deps): Promise<void> {
  if (o.name === undefined && o.seats === undefined) throw new UsageError('nothing to change: pass --name or --seats', { commandPath: 'client edit' });
  const [{ withProvider }, { editClient }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/client.js')]);
  const outcome = await withProvider(d, { provider: o.provider }, {}, (ctx) => editClient(ctx, o.ref, { ...(o.name !== undefined ? { name: o.name } : {}), ...(o.seats !== undefined ? { seats: o.seats } : {}) }));
  printClient(d, outcome.client);
  if (outcome.result === 'skipped') d.out.info(`${outcome.client.name} already has these values; nothing changed.`);
  else d.out.success(`Updated ${outcome.client.name}: ${outcome.detail}`);
}

export const clientEditSpec: CommandSpec = {
  name: 'edit',
  summary: 'Change the name or seats of a client',
  description:
    "Renames a client or changes its assigned seats. Service users may do it too, unless the change would buy seats beyond the provider's purchased seats.",
  args: ['<name-or-id>'],
  options: [providerOption, { flags: '--name <name>', description: 'new name' }, { flags: '--seats <n>', description: 'new number of assigned seats' }],
  examples: [
    { comment: 'Give a client 40 seats', command: "bwmsp client edit 'Contoso Ltd' --seats 40" },
    { comment: 'Rename a client', command: "bwmsp client edit Fabrikam --name 'Fabrikam Inc' --json" },
  ],
  run: (input: VerbInput, deps) =>
    clientEditRun({ provider: stringOpt(input.opts.provider), ref: input.args[0] ?? '', name: stringOpt(input.opts.name), seats: parseSeats(input.opts.seats, 0) }, deps),
};
