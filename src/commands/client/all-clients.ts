/**
 * The `--all-clients` variants of organization verbs (policy enable|disable|set, member confirm
 * --all-accepted, event list): one run per client of the provider with bounded concurrency, a
 * result row per client, and exit 3 naming the clients that failed. The verbs' own files call these
 * when `--all-clients` is given.
 */
import type { Deps } from '../../deps.js';
import { CancelledError, UsageError } from '../../errors.js';
import type { FleetEvent } from '../../domain/fleet-actions.js';
import type { FleetClient, FleetRow } from '../../domain/fleet.js';
import type { PolicyDef } from '../../domain/policy-catalog.js';
import type { OptionSpec, VerbInput } from '../spec.js';
import { printFleetRows } from './shared.js';

export const concurrencyOption: OptionSpec = {
  flags: '--concurrency <n>',
  description: 'with --all-clients: clients worked on at once (1-16, default 4)',
};

export interface AllClientsOptions {
  provider?: string | undefined;
  concurrency: number;
}

/** --provider / --concurrency of an --all-clients run; --client and --org make no sense with it. */
export async function allClientsOptions(input: Pick<VerbInput, 'opts' | 'commandPath'>): Promise<AllClientsOptions> {
  const o = input.opts;
  for (const [flag, key] of [['--client', 'client'], ['--org', 'org']] as const) {
    if (typeof o[key] === 'string' && o[key] !== '') throw new UsageError(`pass ${flag} or --all-clients, not both`, { commandPath: input.commandPath });
  }
  const { parseConcurrency } = await import('../../domain/fleet.js');
  const provider = typeof o.provider === 'string' && o.provider.trim() !== '' ? o.provider.trim() : undefined;
  return { ...(provider ? { provider } : {}), concurrency: parseConcurrency(o.concurrency) };
}

function progress(d: Pick<Deps, 'out' | 'io'>) {
  return {
    onDone: (row: FleetRow) => {
      if (d.io.stderrIsTTY) d.out.info(`${row.result === 'failed' ? '✗' : row.result === 'skipped' ? '-' : '✓'} ${row.client}: ${row.detail}`);
    },
  };
}

async function finish(d: Pick<Deps, 'out'>, rows: readonly FleetRow[], what: string): Promise<void> {
  const { fleetFailure } = await import('../../domain/fleet.js');
  const failure = fleetFailure(rows, what);
  if (failure) throw failure;
  const ok = rows.filter((r) => r.result === 'ok').length;
  const skipped = rows.length - ok;
  if (rows.length) d.out.success(`${what}: ${ok} client${ok === 1 ? '' : 's'} changed${skipped ? `, ${skipped} skipped` : ''}`);
}

/**
 * `policy enable|disable|set --all-clients`. `data` is the verb's own option logic. Policies whose
 * enabling revokes members are confirmed once for the whole fleet (--yes without a terminal).
 */
export async function policyAllClientsRun(
  input: Pick<VerbInput, 'opts' | 'commandPath'>,
  d: Deps,
  request: {
    policy: string;
    enabled: boolean;
    defaultCollectionName?: string | undefined;
    data: (def: PolicyDef) => Promise<Record<string, unknown> | null | ((saved: Record<string, unknown> | null) => Record<string, unknown> | null) | undefined>;
  },
): Promise<void> {
  const options = await allClientsOptions(input);
  const [{ findPolicy }, { REVOKES_ON_ENABLE }, { fleetPolicyChange }] = await Promise.all([
    import('../../domain/policy-catalog.js'),
    import('../../domain/policy.js'),
    import('../../domain/fleet-actions.js'),
  ]);
  const def = findPolicy(request.policy);
  const data = await request.data(def);
  const consequence = REVOKES_ON_ENABLE[def.type];
  if (request.enabled && consequence && !d.globals.yes) {
    const ok = await d.prompter.confirm({ message: `Turn on ${def.name} for every client? Where it is off, ${consequence}.`, flag: '--yes' });
    if (!ok) throw new CancelledError('cancelled: nothing was changed');
  }
  const rows = await fleetPolicyChange(
    d,
    { def, enabled: request.enabled, ...(data !== undefined ? { data } : {}), defaultCollectionName: request.defaultCollectionName },
    { ...options, ...progress(d) },
  );
  printFleetRows(d, rows);
  await finish(d, rows, `${input.commandPath} ${def.name} --all-clients`);
}

/** `member confirm --all-accepted --all-clients`: fingerprints on stderr (with --verify, asked per member). */
export async function memberConfirmAllClientsRun(input: Pick<VerbInput, 'opts' | 'commandPath'>, d: Deps, o: { members: readonly string[]; verify: boolean }): Promise<void> {
  if (o.members.length) throw new UsageError('--all-clients confirms every accepted member: pass --all-accepted, not member names', { commandPath: input.commandPath });
  if (o.verify && !d.io.canPrompt) {
    throw new UsageError(`--verify asks about each fingerprint phrase and needs a terminal (${d.io.noPromptReason ?? 'no terminal'})`, { commandPath: input.commandPath });
  }
  const options = await allClientsOptions(input);
  const { fleetConfirmAccepted } = await import('../../domain/fleet-actions.js');
  const rows = await fleetConfirmAccepted(
    d,
    {
      ...(o.verify
        ? {
            approve: (client: FleetClient, c: { email: string | null; id: string; fingerprint: string }) =>
              d.prompter.confirm({ message: `${client.name}: confirm ${c.email ?? c.id}? Only if their account settings show: ${c.fingerprint}`, flag: '--verify', default: false }),
          }
        : { onFingerprint: (client: FleetClient, c: { email: string | null; id: string; fingerprint: string }) => d.out.info(`${client.name}: fingerprint phrase of ${c.email ?? c.id}: ${c.fingerprint}`) }),
    },
    // --verify asks one question at a time.
    { ...options, ...(o.verify ? { concurrency: 1 } : {}), ...progress(d) },
  );
  printFleetRows(d, rows);
  await finish(d, rows, 'member confirm --all-clients');
}

/** `event list --all-clients`: one table of every client's events, with a Client column. */
export async function eventListAllClientsRun(
  input: Pick<VerbInput, 'opts' | 'commandPath'>,
  d: Deps,
  o: { since?: string | undefined; until?: string | undefined; member?: string | undefined; types: readonly string[]; limit?: number | undefined },
): Promise<void> {
  const options = await allClientsOptions(input);
  const [{ fleetEvents }, { parseEventTypes }, { resolveWindow }] = await Promise.all([
    import('../../domain/fleet-actions.js'),
    import('../../domain/event.js'),
    import('../../domain/time-range.js'),
  ]);
  const window = resolveWindow({ since: o.since, until: o.until }, d.clock.now());
  const types = parseEventTypes(o.types);
  const unlocked = d.env.BWMSP_SESSION !== undefined && d.env.BWMSP_SESSION !== '';
  const { rows, events } = await fleetEvents(d, { window, member: o.member, types, limit: o.limit }, { ...options, keys: unlocked });
  d.out.list(
    events,
    [
      { header: 'Date', value: (e: FleetEvent) => e.date },
      { header: 'Client', value: (e) => e.client, maxWidth: 30 },
      { header: 'Event', value: (e) => e.description, maxWidth: 50 },
      { header: 'Actor', value: (e) => e.actor ?? e.actingUserId ?? '' },
      { header: 'Type', value: (e) => e.type },
      { header: 'IP', value: (e) => e.ipAddress ?? '' },
    ],
    { view: (e) => e, empty: 'No client events in this period.' },
  );
  const { fleetFailure } = await import('../../domain/fleet.js');
  const failure = fleetFailure(rows, 'event list --all-clients');
  if (failure) throw failure;
}
