/**
 * The `--all-clients` operations: the organization verbs' own domain functions (policy change,
 * member confirm, event list) run once per client of the provider through `runFleet`. One vault and
 * one connection serve every client: the provider key chain gives each client's org key
 * (admin-api.md §2.6), and provider users pass the org role checks of their clients.
 */
import type { AdminOrg } from './admin-org.js';
import type { ConnectionDeps } from './connection.js';
import { listEvents, type EventQuery, type EventView } from './event.js';
import { runFleet, type FleetClient, type FleetOutcome, type FleetRow } from './fleet.js';
import { confirm, type ConfirmCandidate, type MemberOutcome } from './member.js';
import { changePolicy } from './policy.js';
import type { PolicyDef } from './policy-catalog.js';
import { listClients } from './client.js';
import { withProvider, type ProviderChoice, type ProviderContext } from './provider.js';

export interface FleetRunOptions extends ProviderChoice {
  concurrency?: number;
  onStart?: (client: FleetClient) => void;
  onDone?: (row: FleetRow) => void;
}

type Client = FleetClient & { org: AdminOrg };

/** Every client of the provider as an AdminOrg over the provider's connection (keys when unlocked). */
function clientOrgs(ctx: ProviderContext, clients: readonly FleetClient[]): Client[] {
  const self = { userId: ctx.sync.profile.id, email: ctx.sync.profile.email, organizationUserId: null };
  return clients.map((c) => ({
    ...c,
    org: {
      kind: 'user',
      api: ctx.api,
      orgId: c.id,
      name: c.name,
      orgKey: ctx.keys?.hasOrgKey(c.id) ? ctx.keys.orgKey(c.id) : undefined,
      self,
      close: async () => undefined,
    },
  }));
}

async function withClientOrgs<T>(d: ConnectionDeps, options: FleetRunOptions, keys: boolean, fn: (clients: Client[]) => Promise<T>): Promise<T> {
  return withProvider(d, options, { keys }, async (ctx) => {
    const clients = (await listClients(ctx)).map((c) => ({ id: c.id, name: c.name }));
    return fn(clientOrgs(ctx, clients));
  });
}

function fleetOptions(options: FleetRunOptions) {
  return {
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.onStart ? { onStart: options.onStart } : {}),
    ...(options.onDone ? { onDone: options.onDone } : {}),
  };
}

export interface FleetPolicyRequest {
  def: PolicyDef;
  enabled: boolean;
  data?: Record<string, unknown> | null | ((saved: Record<string, unknown> | null) => Record<string, unknown> | null);
  defaultCollectionName?: string | undefined;
}

/** `policy enable|disable|set --all-clients`: the same change in every client; unchanged clients are skipped. */
export async function fleetPolicyChange(d: ConnectionDeps, request: FleetPolicyRequest, options: FleetRunOptions): Promise<FleetRow[]> {
  const keys = request.defaultCollectionName !== undefined;
  return withClientOrgs(d, options, keys, (clients) =>
    runFleet(
      clients,
      async (client): Promise<FleetOutcome> => {
        const change = await changePolicy(client.org, request.def, {
          enabled: request.enabled,
          ...(request.data !== undefined ? { data: request.data } : {}),
          defaultCollectionName: request.defaultCollectionName,
        });
        if (!change.changed) return { result: 'skipped', detail: `${request.def.name} already ${request.enabled ? 'on' : 'off'}` };
        return { detail: `${request.enabled ? 'turned on' : 'turned off'} ${request.def.name}` };
      },
      fleetOptions(options),
    ),
  );
}

function summary(outcomes: readonly MemberOutcome[]): string {
  const confirmed = outcomes.filter((o) => o.result === 'confirmed').map((o) => o.email ?? o.id ?? '?');
  const failed = outcomes.filter((o) => o.result === 'failed').map((o) => `${o.email ?? o.id ?? '?'}: ${o.reason ?? 'failed'}`);
  const skipped = outcomes.filter((o) => o.result === 'skipped').length;
  return [confirmed.length ? `confirmed ${confirmed.join(', ')}` : '', skipped ? `${skipped} skipped` : '', failed.join('; ')].filter(Boolean).join('; ');
}

/**
 * `member confirm --all-accepted --all-clients`: confirms the accepted members of every client.
 * `onFingerprint` sees each phrase (with the client); `approve` may refuse one (--verify).
 */
export async function fleetConfirmAccepted(
  d: ConnectionDeps,
  hooks: { onFingerprint?: (client: FleetClient, candidate: ConfirmCandidate) => void; approve?: (client: FleetClient, candidate: ConfirmCandidate) => Promise<boolean> },
  options: FleetRunOptions,
): Promise<FleetRow[]> {
  return withClientOrgs(d, options, true, (clients) =>
    runFleet(
      clients,
      async (client): Promise<FleetOutcome> => {
        const approve = hooks.approve;
        const outcomes = await confirm(client.org, {
          identifiers: [],
          allAccepted: true,
          ...(hooks.onFingerprint ? { onFingerprint: (c: ConfirmCandidate) => hooks.onFingerprint?.(client, c) } : {}),
          ...(approve ? { approve: (c: ConfirmCandidate) => approve(client, c) } : {}),
        });
        if (outcomes.length === 0) return { result: 'skipped', detail: 'nobody waiting for confirmation' };
        if (outcomes.some((o) => o.result === 'failed')) throw new Error(summary(outcomes));
        if (!outcomes.some((o) => o.result === 'confirmed')) return { result: 'skipped', detail: summary(outcomes) };
        return { detail: summary(outcomes) };
      },
      fleetOptions(options),
    ),
  );
}

export interface FleetEvent extends EventView {
  client: string;
  clientId: string;
}

/** `event list --all-clients`: every client's events in the window, newest first, with the client named. */
export async function fleetEvents(d: ConnectionDeps, query: EventQuery, options: FleetRunOptions & { keys?: boolean }): Promise<{ rows: FleetRow[]; events: FleetEvent[] }> {
  const events: FleetEvent[] = [];
  const rows = await withClientOrgs(d, options, options.keys === true, (clients) =>
    runFleet(
      clients,
      async (client): Promise<FleetOutcome> => {
        const warnings: string[] = [];
        const found = await listEvents(client.org, query, (message) => warnings.push(message));
        for (const e of found) events.push({ ...e, client: client.name, clientId: client.id });
        return { detail: `${found.length} event${found.length === 1 ? '' : 's'}${warnings.length ? ` (${warnings.join('; ')})` : ''}` };
      },
      fleetOptions(options),
    ),
  );
  events.sort((a, b) => b.date.localeCompare(a.date));
  return { rows, events: query.limit !== undefined ? events.slice(0, query.limit) : events };
}
