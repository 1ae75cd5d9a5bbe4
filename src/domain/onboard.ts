/**
 * Onboarding a client from a plan (issue 6): find the client by name among the provider's clients
 * (admin-api.md §2.2: creation returns no id), read its live state, diff it against the plan and
 * apply the operations through the client, collection, group, policy and member use cases. One
 * provider context (one paced API client) serves every plan of a `--plans` run.
 */
import type { LoadedPlan } from '../plan/load.js';
import { applyOperations, summarise, type ApplyResult, type ApplySummary, type Executor, type InviteMany, type MemberCreate, type Progress } from '../plan/apply.js';
import { diffPlan, pending, type Operation } from '../plan/diff.js';
import { Journal } from '../plan/journal.js';
import { emptyLiveState, readLiveState, type LiveClient, type LiveState } from '../plan/live-state.js';
import { BwmspError, CancelledError } from '../errors.js';
import { ApiError, NetworkError } from '../api/errors.js';
import type { AdminOrg } from './admin-org.js';
import { createClient, editClient, listClients, type ClientView } from './client.js';
import { createCollection, editCollection, type Warn } from './collection.js';
import { changeGroupAccess, changeGroupMembers, createGroup } from './group.js';
import { confirm, inviteMemberEntries, setRole, type MemberOutcome } from './member.js';
import { permissionsObject } from './member-input.js';
import { policyByType } from './policy-catalog.js';
import { changePolicy } from './policy.js';
import { refreshSync, type ProviderContext } from './provider.js';
import { applyScimOperation } from './scim.js';
import { applySsoOperation } from './sso.js';

/** The client organization as the admin use cases take it, reached through the provider. */
export function adminOrgFor(ctx: ProviderContext, client: Pick<ClientView, 'id' | 'name'>): AdminOrg {
  const orgKey = ctx.keys?.hasOrgKey(client.id) ? ctx.keys.orgKey(client.id) : undefined;
  return { kind: 'user', api: ctx.api, orgId: client.id, name: client.name, orgKey, close: async () => undefined };
}

function liveClient(c: ClientView): LiveClient {
  return { id: c.id, providerOrganizationId: c.providerOrganizationId, name: c.name, seats: c.seats };
}

export interface Inspection {
  loaded: LoadedPlan;
  client: ClientView | null;
  /** How the client was found: by name, or by the journal's id (renamed since). */
  foundBy: 'name' | 'journal' | null;
  live: LiveState;
  ops: Operation[];
  org: AdminOrg | undefined;
}

/** Reads the live state of the plan's client (GET requests only) and diffs it against the plan. */
export async function inspectClient(ctx: ProviderContext, loaded: LoadedPlan, journalClientId: string | null, warn: Warn): Promise<Inspection> {
  const clients = await listClients(ctx);
  const wanted = loaded.plan.client.name.toLowerCase();
  const byName = clients.filter((c) => c.name.toLowerCase() === wanted);
  if (byName.length > 1) throw new BwmspError(`${byName.length} clients are named '${loaded.plan.client.name}'; rename one before onboarding`);
  const byJournal = byName.length === 0 && journalClientId ? clients.find((c) => c.id === journalClientId.toLowerCase()) : undefined;
  const client = byName[0] ?? byJournal ?? null;
  if (client === null) {
    return { loaded, client, foundBy: null, live: emptyLiveState(), ops: diffPlan(loaded.plan, emptyLiveState()), org: undefined };
  }
  if (byJournal) warn(`client '${loaded.plan.client.name}' was found by the journal's id ${client.id}; it is named '${client.name}' now`);
  const org = adminOrgFor(ctx, client);
  if (!org.orgKey) throw new BwmspError(`this account holds no key for client ${client.name} (${client.id})`, { hint: 'Only confirmed provider users hold client keys.' });
  const live = await readLiveState(org, liveClient(client), warn);
  return { loaded, client, foundBy: byJournal ? 'journal' : 'name', live, ops: diffPlan(loaded.plan, live), org };
}

/**
 * A failure after which the server may still have done the work: the connection broke once the
 * request was sent (reset, timeout) or the server answered 5xx. The transport never resends a POST
 * (it cannot know), so the onboarding reconciles instead.
 */
export function mayHaveHappened(error: unknown): boolean {
  if (error instanceof NetworkError) return error.kind === 'reset' || error.kind === 'timeout';
  return error instanceof ApiError && error.status >= 500;
}

/**
 * Runs a step that first reads what exists (collection and group creation find an existing one by
 * name; invitations skip members already in the organization) and, when its answer may have been
 * lost, runs it once more: the second run finds what the first one made instead of making it twice.
 */
async function onceMoreIfLost<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!mayHaveHappened(error)) throw error;
    return step();
  }
}

function failedOutcome(outcomes: readonly MemberOutcome[]): void {
  const failed = outcomes.find((o) => o.result === 'failed');
  if (failed) throw new BwmspError(failed.reason ?? 'the server refused');
}

/** The first top-level collection of the plan names the client's first collection (sent with the client). */
function firstCollection(inspection: Inspection): string | undefined {
  return inspection.loaded.plan.collections.find((c) => !c.name.includes('/'))?.name;
}

/**
 * Carries out the operations of one client. `onClientId` is told the new client's id as soon as
 * it is found (the journal keeps it).
 */
/** `env` supplies the OIDC client secret named by the plan's `sso.oidc.clientSecretEnv`. */
export function onboardExecutor(
  ctx: ProviderContext,
  inspection: Inspection,
  warn: Warn,
  onClientId: (id: string) => void,
  env: Readonly<Record<string, string | undefined>> = {},
): Executor & { org(): AdminOrg } {
  let org = inspection.org;
  let client = inspection.client;
  const needOrg = (): AdminOrg => {
    if (!org) throw new BwmspError('the client does not exist yet');
    return org;
  };
  const execute: Executor = async (op) => {
    switch (op.kind) {
      case 'client': {
        if (op.action === 'update') {
          if (!client) throw new BwmspError('the client does not exist yet');
          await editClient(ctx, client.id, { seats: op.seats });
          return;
        }
        const first = firstCollection(inspection);
        let attempts = 0;
        client = await onceMoreIfLost(async () => {
          if (attempts++ > 0) {
            // The first answer was lost: the server may have created it. Found by name (as a re-run would), it is ours.
            await refreshSync(ctx);
            const found = (await listClients(ctx)).find((c) => c.name.toLowerCase() === op.name.toLowerCase());
            if (found) return found;
          }
          return createClient(ctx, { name: op.name, ownerEmail: op.ownerEmail, plan: op.plan, seats: op.seats, ...(first ? { collectionName: first } : {}) });
        });
        onClientId(client.id);
        // The key of the new client is in the fresh /sync (createClient re-read it); a fresh token carries the new claims (admin-api.md §0.2).
        const entry = ctx.sync.profile.providerOrganizations.find((o) => o.id.toLowerCase() === client?.id);
        if (entry?.key && ctx.keys && !ctx.keys.hasOrgKey(entry.id)) ctx.keys.addProviderOrgKey(entry.id, entry.providerId, entry.key);
        await ctx.conn.refreshAccessToken();
        org = adminOrgFor(ctx, client);
        if (!org.orgKey) throw new BwmspError(`client ${client.name} was created but its key is not in this account's sync`);
        return;
      }
      case 'collection':
        if (op.action === 'create') await onceMoreIfLost(() => createCollection(needOrg(), op.name, { externalId: op.externalId ?? undefined, parents: true, warn }));
        else await editCollection(needOrg(), op.id as string, { ...(op.rename ? { name: op.name } : {}), ...(op.externalId !== null ? { externalId: op.externalId } : {}) }, warn);
        return;
      case 'group':
        await onceMoreIfLost(() => createGroup(needOrg(), op.name, { collections: op.grants.map((g) => ({ ref: g.collection, permission: g.permission })), warn }));
        return;
      case 'group-access':
        await changeGroupAccess(needOrg(), op.groupId, { grant: op.grants.map((g) => ({ ref: g.collection, permission: g.permission })), revoke: [] }, warn);
        return;
      case 'policy': {
        const def = policyByType(op.type);
        if (!def) throw new BwmspError(`unknown policy type ${op.type}`);
        await changePolicy(needOrg(), def, op.enabled ? { enabled: true, data: op.data } : { enabled: false });
        return;
      }
      case 'member': {
        const permissions = op.role === 'custom' ? permissionsObject(op.permissions, 'permissions') : undefined;
        if (op.action === 'update') {
          if (op.roleChange) failedOutcome(await setRole(needOrg(), [op.email], { role: op.role, permissions }));
          for (const group of op.addGroups) {
            const outcome = await changeGroupMembers(needOrg(), group, 'add', [op.email]);
            if (outcome.failures.length) throw new BwmspError(outcome.failures.map((f) => f.error).join('; '));
          }
          return;
        }
        const where = `member ${op.email}`;
        const outcomes = await onceMoreIfLost(() =>
          inviteMemberEntries(
            needOrg(),
            {
              entries: [
                {
                  email: op.email,
                  role: op.role,
                  groups: op.groups.map((name) => ({ name, where })),
                  collections: op.grants.map((g) => ({ name: g.collection, permission: g.permission, where })),
                  where,
                },
              ],
              permissions,
            },
            warn,
          ),
        );
        failedOutcome(outcomes);
        return;
      }
      case 'confirm':
        failedOutcome(await confirm(needOrg(), { identifiers: [op.email], allAccepted: false }));
        return;
      case 'sso':
        await applySsoOperation(needOrg(), op, env);
        return;
      case 'scim':
        await applyScimOperation(needOrg(), op);
        return;
    }
  };
  return Object.assign(execute, { org: needOrg });
}

function permissionsKey(op: MemberCreate): string {
  return op.role === 'custom' ? [...op.permissions].sort().join(',') : '';
}

/**
 * Invites the plan's new members in as few requests as the server allows (the member use case
 * batches ≤20 e-mails sharing the same settings); custom roles with different permissions go in
 * separate calls. A refusal of a whole call fails each of its members with the reason.
 */
export function inviteManyFor(org: () => AdminOrg, warn: Warn): InviteMany {
  return async (ops) => {
    const errors = new Map<MemberCreate, string | null>();
    const byPermissions = new Map<string, MemberCreate[]>();
    for (const op of ops) byPermissions.set(permissionsKey(op), [...(byPermissions.get(permissionsKey(op)) ?? []), op]);
    for (const [key, group] of byPermissions) {
      const first = group[0] as MemberCreate;
      try {
        const outcomes = await onceMoreIfLost(() =>
          inviteMemberEntries(
            org(),
            {
              entries: group.map((op) => {
                const where = `member ${op.email}`;
                return {
                  email: op.email,
                  role: op.role,
                  groups: op.groups.map((name) => ({ name, where })),
                  collections: op.grants.map((g) => ({ name: g.collection, permission: g.permission, where })),
                  where,
                };
              }),
              permissions: key === '' ? undefined : permissionsObject(first.permissions, 'permissions'),
            },
            warn,
          ),
        );
        group.forEach((op, i) => {
          const outcome = outcomes[i];
          errors.set(op, outcome?.result === 'failed' ? (outcome.reason ?? 'the server refused') : null);
        });
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        for (const op of group) errors.set(op, error instanceof Error ? error.message : String(error));
      }
    }
    return ops.map((op) => errors.get(op) ?? null);
  };
}

/* ----------------------------------------------------------------------------------------------
 * one client, start to end
 */

export type OnboardResult = 'up-to-date' | 'planned' | 'applied' | 'partial' | 'failed' | 'invalid';

export interface OperationView {
  kind: Operation['kind'];
  name: string;
  action: Operation['action'];
  detail: string;
  /** After an apply: done, failed or skipped (null for unchanged ones and dry runs). */
  outcome: ApplyResult['outcome'] | null;
  error: string | null;
}

export interface OnboardReport {
  client: string;
  clientId: string | null;
  plan: string;
  dryRun: boolean;
  result: OnboardResult;
  operations: OperationView[];
  summary: ApplySummary;
  /** Operations an earlier, interrupted run had completed (from the journal). */
  resumed: number;
  journal: string | null;
  error: string | null;
}

export function operationViews(ops: readonly Operation[], results: readonly ApplyResult[] = []): OperationView[] {
  return ops.map((op) => {
    const r = results.find((x) => x.op === op);
    return { kind: op.kind, name: op.name, action: op.action, detail: op.detail, outcome: r?.outcome ?? null, error: r?.error ?? null };
  });
}

export function reportOf(inspection: Inspection, options: { dryRun: boolean; results?: readonly ApplyResult[]; journal?: Journal | undefined; clientId?: string | null }): OnboardReport {
  const results = options.results ?? [];
  const summary = summarise(inspection.ops, results);
  const todo = pending(inspection.ops).length;
  const result: OnboardResult =
    todo === 0 ? 'up-to-date' : options.dryRun || options.results === undefined ? 'planned' : summary.failed + summary.skipped === 0 ? 'applied' : summary.created + summary.updated > 0 ? 'partial' : 'failed';
  return {
    client: inspection.loaded.plan.client.name,
    clientId: options.clientId ?? inspection.client?.id ?? null,
    plan: inspection.loaded.file,
    dryRun: options.dryRun,
    result,
    operations: operationViews(inspection.ops, results),
    summary,
    resumed: options.journal?.previous.length ?? 0,
    journal: options.journal && results.length ? options.journal.path : null,
    error: null,
  };
}

/** Applies the pending operations of an inspection, journalling each one. */
export async function applyInspection(
  ctx: ProviderContext,
  inspection: Inspection,
  journal: Journal,
  warn: Warn,
  progress: Progress,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<OnboardReport> {
  let clientId = inspection.client?.id ?? null;
  if (clientId) journal.setClientId(clientId);
  const execute = onboardExecutor(ctx, inspection, warn, (id) => {
    clientId = id;
    journal.setClientId(id);
  }, env);
  const results = await applyOperations(inspection.ops, execute, journal, progress, { inviteMany: inviteManyFor(() => execute.org(), warn) });
  if (results.every((r) => r.outcome === 'done')) journal.finish();
  return reportOf(inspection, { dryRun: false, results, journal, clientId });
}

/** Opens the journal of a plan's client under the config dir (read only until something is recorded). */
export function openJournal(configDir: string, loaded: LoadedPlan, now: () => Date): Journal {
  return Journal.open(configDir, loaded.plan.client.name, loaded.file, now);
}
