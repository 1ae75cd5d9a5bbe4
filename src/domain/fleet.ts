/**
 * `--all-clients` runs: one operation across every client of the provider with bounded concurrency,
 * a result row per client, and a PartialFailureError naming the clients that failed (exit 3).
 * Clients run in name order; results come back in that order whatever finishes first.
 */
import { PartialFailureError, UsageError } from '../errors.js';
import type { ConnectionDeps } from './connection.js';
import { withProvider, type ProviderChoice } from './provider.js';
import { listClients } from './client.js';

export const DEFAULT_FLEET_CONCURRENCY = 4;
export const MAX_FLEET_CONCURRENCY = 16;

export interface FleetClient {
  /** Organization id. */
  id: string;
  name: string;
}

export type FleetResult = 'ok' | 'skipped' | 'failed';

export interface FleetRow {
  client: string;
  clientId: string;
  result: FleetResult;
  detail: string;
}

/** What one client's operation reports; throwing marks the client failed with the error's message. */
export interface FleetOutcome {
  result?: Exclude<FleetResult, 'failed'>;
  detail: string;
}

export interface FleetOptions {
  concurrency?: number;
  /** Called when a client starts and when it ends (progress lines). */
  onStart?: (client: FleetClient) => void;
  onDone?: (row: FleetRow) => void;
}

/** `--concurrency`: a whole number from 1 to 16. */
export function parseConcurrency(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_FLEET_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_FLEET_CONCURRENCY) {
    throw new UsageError(`--concurrency ${String(value)}: use a whole number from 1 to ${MAX_FLEET_CONCURRENCY}`);
  }
  return n;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.message;
  return String(error);
}

/** Runs `op` for every client, at most `concurrency` at a time. Never throws for a client's failure. */
export async function runFleet<C extends FleetClient>(clients: readonly C[], op: (client: C) => Promise<FleetOutcome>, options: FleetOptions = {}): Promise<FleetRow[]> {
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_FLEET_CONCURRENCY, MAX_FLEET_CONCURRENCY));
  const rows: FleetRow[] = new Array<FleetRow>(clients.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const index = next;
      next += 1;
      const client = clients[index];
      if (client === undefined) return;
      options.onStart?.(client);
      let row: FleetRow;
      try {
        const outcome = await op(client);
        row = { client: client.name, clientId: client.id, result: outcome.result ?? 'ok', detail: outcome.detail };
      } catch (error) {
        row = { client: client.name, clientId: client.id, result: 'failed', detail: messageOf(error) };
      }
      rows[index] = row;
      options.onDone?.(row);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, () => worker()));
  return rows;
}

/** The exit-3 error naming the failed clients, or undefined when none failed. */
export function fleetFailure(rows: readonly FleetRow[], what: string): PartialFailureError | undefined {
  const failed = rows.filter((r) => r.result === 'failed');
  if (failed.length === 0) return undefined;
  return new PartialFailureError(
    `${what} failed for ${failed.length} of ${rows.length} clients: ${failed.map((r) => r.client).join(', ')}`,
    failed.map((r) => ({ item: r.client, error: r.detail })),
    { hint: 'Re-run the same command: clients already done are skipped or converge.' },
  );
}

/** The provider's clients (organization id and name), in name order. */
export async function fleetClients(d: ConnectionDeps, choice: ProviderChoice): Promise<FleetClient[]> {
  return withProvider(d, choice, {}, async (ctx) => (await listClients(ctx)).map((c) => ({ id: c.id, name: c.name })));
}
