import type { Deps } from '../../deps.js';
import { CancelledError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { providerOption, stringOpt } from './shared.js';

export async function clientRemoveRun(o: { provider?: string | undefined; ref: string }, d: Deps): Promise<void> {
  const [{ withProvider }, { listClients, findClient, removeClient }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/client.js')]);
  const client = await withProvider(d, { provider: o.provider }, {}, async (ctx) => {
    const client = findClient(await listClients(ctx), o.ref);
    if (!d.globals.yes) {
      const ok = await d.prompter.confirm({ message: `Unlink ${client.name} from the provider? Provider users lose access; the organization and its data stay`, flag: '--yes' });
      if (!ok) throw new CancelledError('nothing removed');
    }
    await removeClient(ctx, client);
    return client;
  });
  if (d.out.format === 'json') d.out.object({ id: client.id, providerOrganizationId: client.providerOrganizationId, name: client.name, result: 'removed' });
  else if (!d.io.stdoutIsTTY) d.out.data(client.id);
  d.out.success(`Unlinked ${client.name} from the provider; it keeps its data and its own owners`);
}

export const clientRemoveSpec: CommandSpec = {
  name: 'remove',
  summary: 'Unlink a client from the provider',
  description:
    'Detaches a client: the organization is not deleted, but provider users lose access and its billing leaves the provider. The server refuses while the client has no confirmed owner of its own. Provider admins only; needs --yes without a terminal.',
  args: ['<name-or-id>'],
  options: [providerOption],
  examples: [
    { comment: 'Unlink a client (it keeps its data and owner)', command: "bwmsp client remove 'Contoso Ltd' --yes" },
    { comment: 'Unlink by id, result as JSON', command: 'bwmsp client remove 2b7e... --yes --json' },
  ],
  run: (input: VerbInput, deps) => clientRemoveRun({ provider: stringOpt(input.opts.provider), ref: input.args[0] ?? '' }, deps),
};
