/**
 * `bwmsp client audit`: reads a client's state (GET requests only) and runs the deployment
 * checklist of `audit-checks.ts` over it, for one client or every client of the provider (bounded
 * concurrency through `fleet.ts`). One provider connection serves every client, as in
 * `fleet-actions.ts`: provider users pass the org role checks of their clients, and with an
 * unlocked vault the provider key chain gives each client's org key (collection names).
 */
import { ApiAuthError, ApiError } from '../api/errors.js';
import { listMembers } from '../api/endpoints/members.js';
import { listProviderUsers } from '../api/endpoints/provider-users.js';
import { PartialFailureError } from '../errors.js';
import { getOrganizationSubscription } from '../api/endpoints/billing-sync.js';
import { getOrganizationConnection } from '../api/endpoints/organization-connections.js';
import { getOrganization } from '../api/endpoints/organizations.js';
import { OrganizationConnectionType } from '../protocol/sso.js';
import { OrganizationUserStatusType } from '../protocol/organization.js';
import { withAdminOrg, type AdminOrg } from './admin-org.js';
import { billingSyncConfig } from './billing-sync.js';
import { runAuditChecks, type AuditFinding, type AuditMember, type AuditOptions, type AuditState } from './audit-checks.js';
import { findClient, listClients, type ClientView } from './client.js';
import { CollectionType, loadCollections } from './collection.js';
import type { ConnectionDeps } from './connection.js';
import { runFleet, type FleetRow } from './fleet.js';
import { loadGroups } from './group-info.js';
import { roleWord, statusWord } from './member-input.js';
import { listPolicyStates } from './policy.js';
import { withProvider, type ProviderChoice, type ProviderContext } from './provider.js';

export interface ClientAudit {
  client: string;
  clientId: string;
  findings: AuditFinding[];
}

export interface AuditRunOptions extends AuditOptions, ProviderChoice {
  concurrency?: number;
  onDone?: (row: FleetRow) => void;
  warn: (message: string) => void;
}

/** E-mails of the provider's users (lower case); empty when the caller may not list them. */
async function providerEmails(ctx: ProviderContext, warn: (message: string) => void): Promise<Set<string>> {
  const emails = new Set<string>();
  const self = ctx.sync.profile.email;
  if (typeof self === 'string') emails.add(self.toLowerCase());
  try {
    for (const u of await listProviderUsers(ctx.api, ctx.providerId)) {
      if (typeof u.email === 'string') emails.add(u.email.toLowerCase());
    }
  } catch (error) {
    if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
    warn('provider users are not readable with this login; only your own account is left out of the owner count');
  }
  return emails;
}

function clientOrg(ctx: ProviderContext, client: Pick<ClientView, 'id' | 'name'>): AdminOrg {
  return {
    kind: 'user',
    api: ctx.api,
    orgId: client.id,
    name: client.name,
    orgKey: ctx.keys?.hasOrgKey(client.id) ? ctx.keys.orgKey(client.id) : undefined,
    self: { userId: ctx.sync.profile.id, email: ctx.sync.profile.email ?? null, organizationUserId: null },
    close: async () => undefined,
  };
}

type AuditedOrg = Pick<ClientView, 'id' | 'name' | 'seats' | 'used' | 'remaining'>;

/**
 * Reads what the checks look at. Provider clients are cloud organizations (no license or billing
 * sync); `selfHosted` is read for organizations audited on their own server (`--org`).
 */
export async function readAuditState(
  org: AdminOrg,
  client: AuditedOrg,
  providerUsers: ReadonlySet<string>,
  warn: (message: string) => void,
  selfHosted: AuditState['selfHosted'] = null,
): Promise<AuditState> {
  const [members, collections, groups, policies] = await Promise.all([
    listMembers(org.api, org.orgId),
    loadCollections(org, warn),
    loadGroups(org),
    listPolicyStates(org),
  ]);
  const auditMembers: AuditMember[] = members
    .filter((m) => !(typeof m.email === 'string' && providerUsers.has(m.email.toLowerCase())))
    .map((m) => {
      // `creationDate` (admin-api.md §4.3, organizationUserUserDetails): when the membership (invitation) was made.
      const created: unknown = (m as Record<string, unknown>).creationDate;
      return { id: m.id, email: m.email ? m.email.toLowerCase() : null, status: statusWord(m.status), role: roleWord(m.type), creationDate: typeof created === 'string' ? created : null };
    });
  return {
    client: { id: client.id, name: client.name, seats: client.seats, used: client.used, remaining: client.remaining },
    policies: policies.map((p) => ({ type: p.type, enabled: p.enabled, data: p.data })),
    members: auditMembers,
    collections: collections
      .filter((c) => c.type === CollectionType.Shared)
      .map((c) => ({ id: c.id, name: c.name, groups: c.groups.length, members: c.users === null ? null : c.users.length })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, collections: g.collections.length })),
    selfHosted,
  };
}

function keysWanted(d: ConnectionDeps): boolean {
  return d.env.BWMSP_SESSION !== undefined && d.env.BWMSP_SESSION !== '';
}

/** Audits one client of the provider, named by name or id. */
export async function auditClient(d: ConnectionDeps, ref: string, options: AuditRunOptions): Promise<ClientAudit> {
  return withProvider(d, options, { keys: keysWanted(d) }, async (ctx) => {
    const client = findClient(await listClients(ctx), ref);
    const providerUsers = await providerEmails(ctx, options.warn);
    const state = await readAuditState(clientOrg(ctx, client), client, providerUsers, options.warn);
    return { client: client.name, clientId: client.id, findings: runAuditChecks(state, options) };
  });
}

/**
 * The license and billing-sync state of a self-hosted organization, or null on a cloud server.
 * The probe is the billing-sync connection itself: a cloud server refuses to read one with 400
 * "Cannot get a CloudBillingSync connection outside of a self-hosted instance."
 * (licensing-and-selfhost.md §3.2); a self-hosted one answers, with `id: null` when none exists.
 */
async function readSelfHostedState(org: AdminOrg): Promise<AuditState['selfHosted']> {
  let connection;
  try {
    connection = await getOrganizationConnection(org.api, org.orgId, OrganizationConnectionType.CloudBillingSync);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) return null;
    throw error;
  }
  const subscription = await getOrganizationSubscription(org.api, org.orgId);
  return { licenseExpires: subscription.expiration ?? null, lastBillingSync: billingSyncConfig(connection.config).lastLicenseSync };
}

/**
 * Audits an organization the login reaches directly (`--org ID`): an Owner or Admin on the client's
 * own self-hosted server, where providers do not exist, or any organization on the cloud.
 */
export async function auditOrganization(d: ConnectionDeps, orgId: string, options: AuditRunOptions): Promise<ClientAudit> {
  return withAdminOrg(d, { org: orgId }, { key: 'optional', orgApiKey: false, why: 'the audit reads members through the private API' }, async (org) => {
    const [details, members, selfHosted] = await Promise.all([getOrganization(org.api, org.orgId), listMembers(org.api, org.orgId), readSelfHostedState(org)]);
    const used = members.filter((m) => m.status !== OrganizationUserStatusType.Revoked).length;
    const seats = details.seats ?? null;
    const audited: AuditedOrg = { id: org.orgId, name: details.name ?? org.name, seats, used, remaining: seats === null ? null : seats - used };
    const state = await readAuditState(org, audited, new Set(), options.warn, selfHosted);
    return { client: audited.name, clientId: audited.id, findings: runAuditChecks(state, options) };
  });
}

/** Audits every client; `rows` says which clients could not be read at all. */
export async function auditAllClients(d: ConnectionDeps, options: AuditRunOptions): Promise<{ audits: ClientAudit[]; rows: FleetRow[] }> {
  return withProvider(d, options, { keys: keysWanted(d) }, async (ctx) => {
    const clients = await listClients(ctx);
    const providerUsers = await providerEmails(ctx, options.warn);
    const byId = new Map<string, ClientAudit>();
    const rows = await runFleet(
      clients,
      async (client) => {
        const state = await readAuditState(clientOrg(ctx, client), client, providerUsers, (message) => options.warn(`${client.name}: ${message}`));
        const findings = runAuditChecks(state, options);
        byId.set(client.id, { client: client.name, clientId: client.id, findings });
        const failed = findings.filter((f) => f.level === 'fail').length;
        return { detail: `${failed} failed check${failed === 1 ? '' : 's'}` };
      },
      { ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}), ...(options.onDone ? { onDone: options.onDone } : {}) },
    );
    const audits = clients.map((c) => byId.get(c.id)).filter((a): a is ClientAudit => a !== undefined);
    return { audits, rows };
  });
}

/**
 * Exit 3 when a check failed or a client could not be audited, naming the failed checks per
 * client; undefined when nothing failed.
 */
export function auditFailure(audits: readonly ClientAudit[], rows: readonly FleetRow[] = []): PartialFailureError | undefined {
  const failures: { item: string; error: string }[] = [];
  for (const a of audits) {
    for (const f of a.findings) if (f.level === 'fail') failures.push({ item: `${a.client}: ${f.id}`, error: f.message });
  }
  for (const r of rows) if (r.result === 'failed') failures.push({ item: r.client, error: `not audited: ${r.detail}` });
  if (failures.length === 0) return undefined;
  const clients = [...new Set(failures.map((f) => f.item.split(': ')[0] ?? f.item))];
  const checks = [...new Set(failures.map((f) => f.item.split(': ')[1] ?? 'audit'))];
  return new PartialFailureError(`audit failed for ${clients.length} client${clients.length === 1 ? '' : 's'} (${clients.join(', ')}): ${checks.join(', ')}`, failures, {
    hint: 'Each failed check has a hint saying what fixes it; run the audit again afterwards.',
  });
}
