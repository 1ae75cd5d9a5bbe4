import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { ProviderEventView } from '../../domain/provider-events.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { providerOption, stringList, stringOpt } from './provider-flags.js';

export interface ProviderEventsOptions {
  provider?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  types: string[];
  limit?: number | undefined;
}

export function parseLimit(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit ${String(value)}: use a whole number of 1 or more`);
  return n;
}

export async function providerEventsRun(o: ProviderEventsOptions, d: Deps): Promise<void> {
  const [{ withProvider }, { providerEvents, eventWindow, parseEventTypes }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/provider-events.js')]);
  // Flag errors before any network call.
  eventWindow(o, d.clock.now());
  parseEventTypes(o.types);
  const events = await withProvider(d, { provider: o.provider }, {}, (ctx) => providerEvents(ctx, o, d.clock.now()));
  d.out.list(
    events,
    [
      { header: 'Date', value: (e: ProviderEventView) => e.date },
      { header: 'Event', value: (e) => e.description },
      { header: 'Actor', value: (e) => e.actor ?? '' },
      { header: 'Target', value: (e) => e.target ?? '' },
      { header: 'Type', value: (e) => e.type },
      { header: 'IP address', value: (e) => e.ipAddress ?? '' },
    ],
    { view: (e) => e, empty: 'No provider events in this period.' },
  );
}

export const providerEventsSpec: CommandSpec = {
  name: 'events',
  summary: 'Show the provider event log',
  description:
    'Timestamped provider actions: users invited, confirmed, changed and removed, clients created, added and removed, and client vaults accessed by provider users. Provider admins only. Without --since the last 30 days; pages are followed to the end.',
  options: [
    providerOption,
    { flags: '--since <date>', description: 'only events at or after this date (ISO 8601 or 7d, 24h)' },
    { flags: '--until <date>', description: 'only events before this date' },
    { flags: '--type <type...>', description: 'only these event types (number or name)' },
    { flags: '-L, --limit <n>', description: 'stop after this many events' },
  ],
  examples: [
    { comment: 'Events of the last 7 days', command: 'bwmsp provider events --since 7d' },
    { comment: 'Export a month as CSV', command: 'bwmsp provider events --since 2026-10-01 --until 2026-11-01 --format csv > events.csv' },
    { comment: 'Client vault accesses as JSON', command: 'bwmsp provider events --type ProviderOrganization_VaultAccessed --json' },
  ],
  run: (input: VerbInput, deps) =>
    providerEventsRun(
      {
        provider: stringOpt(input.opts.provider),
        since: stringOpt(input.opts.since),
        until: stringOpt(input.opts.until),
        types: stringList(input.opts.type),
        limit: parseLimit(input.opts.limit),
      },
      deps,
    ),
};
