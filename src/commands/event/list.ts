import type { Deps } from '../../deps.js';
import type { EventView } from '../../domain/event.js';
import { concurrencyOption } from '../client/all-clients.js';
import { allClientsOption, clientOption, orgOption, type CommandSpec, type VerbInput } from '../spec.js';

export interface EventListOptions {
  client?: string;
  org?: string;
  since?: string;
  until?: string;
  member?: string;
  types: string[];
  limit?: string;
}

export function eventListOptions(input: VerbInput): EventListOptions {
  const o = input.opts;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const out: EventListOptions = { types: Array.isArray(o.type) ? o.type.filter((t): t is string => typeof t === 'string') : typeof o.type === 'string' ? [o.type] : [] };
  for (const key of ['client', 'org', 'since', 'until', 'member', 'limit'] as const) {
    const value = str(o[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function eventView(e: EventView) {
  return {
    date: e.date,
    type: e.type,
    event: e.event,
    description: e.description,
    actingUserId: e.actingUserId,
    actor: e.actor,
    memberId: e.memberId,
    member: e.member,
    collectionId: e.collectionId,
    collection: e.collection,
    groupId: e.groupId,
    group: e.group,
    policyId: e.policyId,
    itemId: e.itemId,
    device: e.device,
    ipAddress: e.ipAddress,
  };
}

export async function eventListRun(opts: EventListOptions, d: Deps, input: Pick<VerbInput, 'opts' | 'commandPath'> = { opts: {}, commandPath: 'event list' }): Promise<void> {
  const { UsageError } = await import('../../errors.js');
  if (input.opts.provider === true && input.opts.allClients === true) throw new UsageError('pass --provider or --all-clients, not both', { commandPath: input.commandPath });
  const [{ withAdminOrg }, { listEvents, parseEventTypes, eventTarget }, { resolveWindow }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/event.js'),
    import('../../domain/time-range.js'),
  ]);
  const window = resolveWindow({ since: opts.since, until: opts.until }, d.clock.now());
  const types = parseEventTypes(opts.types);
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    if (!/^\d+$/.test(opts.limit.trim()) || Number(opts.limit) < 1) throw new UsageError(`--limit expects a positive whole number, got '${opts.limit}'`);
    limit = Number(opts.limit);
  }
  if (input.opts.provider === true) {
    if (opts.client !== undefined || opts.org !== undefined || opts.member !== undefined) {
      throw new UsageError('--provider lists the provider event log: --client, --org and --member do not apply', { commandPath: input.commandPath });
    }
    const { providerEventsRun } = await import('../provider/events.js');
    return providerEventsRun({ since: opts.since, until: opts.until, types: opts.types, limit }, d);
  }
  if (input.opts.allClients === true) {
    const { eventListAllClientsRun } = await import('../client/all-clients.js');
    return eventListAllClientsRun(input, d, { since: opts.since, until: opts.until, member: opts.member, types: opts.types, limit });
  }
  await withAdminOrg(d, opts, { key: 'optional' }, async (org) => {
    const events = await listEvents(org, { window, member: opts.member, types, limit }, (m) => d.out.warn(m));
    d.out.list(
      events,
      [
        { header: 'Date', value: (e) => e.date },
        { header: 'Event', value: (e) => e.description, maxWidth: 50 },
        { header: 'Actor', value: (e) => e.actor ?? e.actingUserId ?? '' },
        { header: 'Target', value: (e) => eventTarget(e), maxWidth: 50 },
        { header: 'Device', value: (e) => e.device ?? '' },
        { header: 'IP', value: (e) => e.ipAddress ?? '' },
        { header: 'Type', value: (e) => e.type },
      ],
      { view: eventView, empty: `No events in ${org.name} from ${window.since.toISOString()} to ${window.until.toISOString()}${types.length || opts.member ? ' matching the filters' : ''}` },
    );
  });
}

export const eventListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List events of an organization or the provider',
  description:
    "Lists an organization's event log, newest first, over a window (--since/--until: ISO 8601 dates or times, UTC unless a zone is given, or ages such as 30m, 24h, 7d, 2w; default the last 30 days, at most 367 days). All pages are read. Events are named in words; acting members are shown by e-mail when the account may list members. Needs the event log permission (owner, admin, custom with access to event logs, or the provider) and an organization with events (Teams or Enterprise). --provider lists the provider event log instead (as 'bwmsp provider events'); --all-clients lists every client's events in one table.",
  options: [
    clientOption,
    orgOption,
    allClientsOption,
    concurrencyOption,
    { flags: '--provider', description: 'the provider event log instead of an organization' },
    { flags: '--since <date>', description: 'only events at or after this date (ISO 8601 or 7d, 24h)' },
    { flags: '--until <date>', description: 'only events before this date' },
    { flags: '--member <email-or-id>', description: 'only events by this member' },
    { flags: '--type <type>', description: 'only this event type, by number or name (repeatable)', repeatable: true },
    { flags: '-L, --limit <n>', description: 'stop after this many events' },
  ],
  examples: [
    { comment: "A client's events of the last day", command: "bwmsp event list --client 'Contoso Ltd' --since 24h" },
    { comment: 'Logins by one member, as CSV', command: "bwmsp event list --client 'Contoso Ltd' --member ana@contoso.example --type user-logged-in --format csv" },
    { comment: 'Collection changes in November, as JSON', command: "bwmsp event list --client 'Contoso Ltd' --since 2026-11-01 --until 2026-12-01 --type collection-created --type collection-updated --json" },
  ],
  run: (input, deps) => eventListRun(eventListOptions(input), deps, input),
};
