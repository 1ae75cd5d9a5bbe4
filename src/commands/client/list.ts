import type { Deps } from '../../deps.js';
import type { ClientTotals, ClientView } from '../../domain/client.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { clientColumns, providerOption, stringOpt, totalsRow } from './shared.js';

/** The client table; on a terminal it ends with a totals line (pipes, CSV and JSON carry clients only). */
export function renderClientList(d: Pick<Deps, 'out'>, clients: readonly ClientView[], totals: ClientTotals): void {
  const rows = d.out.format === 'table' && clients.length > 0 ? [...clients, totalsRow(totals)] : clients;
  d.out.list(rows, clientColumns, { view: (c) => c, empty: "No clients yet. Create one with 'bwmsp client create'." });
}

export async function clientListRun(o: { provider?: string | undefined }, d: Deps): Promise<void> {
  const [{ withProvider }, { listClients, clientTotals }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/client.js')]);
  const clients = await withProvider(d, { provider: o.provider }, {}, listClients);
  renderClientList(d, clients, clientTotals(clients));
}

export const clientListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List clients with plan and seats',
  description:
    "The Provider Portal's client table: name, plan, seats assigned / used / remaining and status, with a totals line on a terminal. Used seats count invited, accepted and confirmed members.",
  options: [providerOption],
  examples: [
    { comment: 'The portal table: name, plan, assigned / used / remaining seats', command: 'bwmsp client list' },
    { comment: 'As CSV for a spreadsheet', command: 'bwmsp client list --format csv > clients.csv' },
    { comment: 'As JSON', command: 'bwmsp client list --json' },
  ],
  run: (input: VerbInput, deps) => clientListRun({ provider: stringOpt(input.opts.provider) }, deps),
};
