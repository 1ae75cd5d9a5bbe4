import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { printClient, providerOption, stringOpt } from './shared.js';

export async function clientViewRun(o: { provider?: string | undefined; ref: string }, d: Deps): Promise<void> {
  const [{ withProvider }, { listClients, findClient }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/client.js')]);
  const client = await withProvider(d, { provider: o.provider }, {}, async (ctx) => findClient(await listClients(ctx), o.ref));
  printClient(d, client);
}

export const clientViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show one client',
  description: 'Shows a client by name, organization id or provider-organization id: plan, seats, members and status.',
  args: ['<name-or-id>'],
  options: [providerOption],
  examples: [
    { comment: 'Show a client by name', command: "bwmsp client view 'Contoso Ltd'" },
    { comment: 'As JSON', command: 'bwmsp client view 2b7e... --json' },
  ],
  run: (input: VerbInput, deps) => clientViewRun({ provider: stringOpt(input.opts.provider), ref: input.args[0] ?? '' }, deps),
};
