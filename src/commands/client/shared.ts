import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { ClientTotals, ClientView } from '../../domain/client.js';
import type { FleetRow } from '../../domain/fleet.js';
import type { Column } from '../../ui/output.js';

export { providerOption, stringOpt } from '../provider/provider-flags.js';

/** `--seats`: a whole number, at least `min`. */
export function parseSeats(value: unknown, min = 1): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--seats ${String(value)}: use a whole number of ${min} or more`);
  return n;
}

const num = (n: number | null) => (n === null ? '' : n);

export const clientColumns: readonly Column<ClientView>[] = [
  { header: 'Client', value: (c) => c.name, maxWidth: 40 },
  { header: 'Plan', value: (c) => c.plan ?? '' },
  { header: 'Assigned', value: (c) => num(c.seats) },
  { header: 'Used', value: (c) => num(c.used) },
  { header: 'Remaining', value: (c) => num(c.remaining) },
  { header: 'Status', value: (c) => c.status },
  { header: 'Id', value: (c) => c.id },
];

/** The totals row of the table, shaped like a client. */
export function totalsRow(totals: ClientTotals): ClientView {
  return {
    id: '',
    providerOrganizationId: '',
    name: `Total (${totals.clients} client${totals.clients === 1 ? '' : 's'})`,
    plan: null,
    seats: totals.seats,
    used: totals.used,
    remaining: totals.remaining,
    confirmedMembers: null,
    status: '' as ClientView['status'],
    creationDate: null,
  };
}

/** One client as JSON (the view) or "Key: value" lines. */
export function printClient(d: Pick<Deps, 'out'>, c: ClientView): void {
  d.out.object(
    {
      name: c.name,
      id: c.id,
      providerOrganizationId: c.providerOrganizationId,
      plan: c.plan ?? undefined,
      seatsAssigned: c.seats ?? undefined,
      seatsUsed: c.used ?? undefined,
      seatsRemaining: c.remaining ?? undefined,
      confirmedMembers: c.confirmedMembers ?? undefined,
      status: c.status,
      created: c.creationDate ?? undefined,
    },
    { view: c },
  );
}

/** The per-client table of an --all-clients run. */
export function printFleetRows(d: Pick<Deps, 'out'>, rows: readonly FleetRow[]): void {
  d.out.list(
    rows,
    [
      { header: 'Client', value: (r: FleetRow) => r.client },
      { header: 'Result', value: (r) => r.result },
      { header: 'Detail', value: (r) => r.detail },
      { header: 'Id', value: (r) => r.clientId },
    ],
    { view: (r) => r, empty: 'The provider has no clients.' },
  );
}
