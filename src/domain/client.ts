/**
 * Client organizations of a provider (admin-api.md §2): the portal's client table with seat
 * totals, lookup by name or id, create (consolidated billing: org key made here and wrapped with the
 * provider key), add an organization the caller owns, edit name and seats, and unlink.
 */
import { z } from 'zod';
import {
  addExistingClient,
  createProviderClient,
  listProviderClients,
  removeProviderClient,
  updateProviderClient,
  type ProviderClientResponse,
} from '../api/endpoints/provider-clients.js';
import { ApiAuthError, ApiError } from '../api/errors.js';
import { encryptString, makeClientOrgKeys, wrapSymmetricKey } from '../crypto/index.js';
import { AuthError, BwmspError, NotFoundError, UsageError } from '../errors.js';
import { PlanType } from '../protocol/organization.js';
import { adminRefusal, refreshSync, requireProviderKey, type ProviderContext } from './provider.js';
import { htmlDecode } from './vault.js';

export type ClientPlan = 'teams' | 'enterprise';

/** What the web vault names the first collection of a new client (admin-api.md §2.2). */
export const DEFAULT_COLLECTION_NAME = 'Default collection';

/** Longest organization name the server accepts (§11.5). */
export const MAX_NAME_LENGTH = 50;

/**
 * The PlanType of `POST /providers/{pid}/clients` (§2.2): the request allows 17 TeamsMonthly,
 * 19 EnterpriseMonthly and 20 EnterpriseAnnually; an MSP may use 17 or 19, a business unit 19 or 20,
 * a reseller any of them.
 */
export function planTypeFor(plan: ClientPlan, providerType: number | null): number {
  if (plan === 'teams') {
    if (providerType === 2) throw new UsageError('--plan teams: a business unit provider can only create Enterprise clients; use --plan enterprise');
    return PlanType.TeamsMonthly;
  }
  return PlanType.EnterpriseMonthly;
}

/** A row of the portal's client table. */
export interface ClientView {
  /** Organization id (what `--client` and the org commands take). */
  id: string;
  /** ProviderOrganization (link) id. */
  providerOrganizationId: string;
  name: string;
  plan: string | null;
  /** Seats assigned by the provider. */
  seats: number | null;
  /** Invited + accepted + confirmed members. */
  used: number | null;
  remaining: number | null;
  confirmedMembers: number | null;
  status: 'active' | 'disabled' | 'unknown';
  creationDate: string | null;
}

const syncClientSchema = z.looseObject({ id: z.string(), enabled: z.boolean().nullish(), providerId: z.string().nullish() });

/** Client status from `/sync` `profile.providerOrganizations[]` (`enabled`); the list route does not carry it. */
export function clientStatuses(providerOrganizations: readonly unknown[]): Map<string, 'active' | 'disabled'> {
  const out = new Map<string, 'active' | 'disabled'>();
  for (const raw of providerOrganizations) {
    const parsed = syncClientSchema.safeParse(raw);
    if (parsed.success) out.set(parsed.data.id.toLowerCase(), parsed.data.enabled === false ? 'disabled' : 'active');
  }
  return out;
}

export function clientView(c: ProviderClientResponse, status: ClientView['status']): ClientView {
  const seats = c.seats ?? null;
  const used = c.occupiedSeats ?? null;
  const remaining = c.remainingSeats ?? (seats !== null && used !== null ? seats - used : null);
  return {
    id: c.organizationId.toLowerCase(),
    providerOrganizationId: c.id.toLowerCase(),
    name: htmlDecode(c.organizationName ?? c.organizationId),
    plan: c.plan ?? null,
    seats,
    used,
    remaining,
    confirmedMembers: c.userCount ?? null,
    status,
    creationDate: c.creationDate ?? null,
  };
}

export interface ClientTotals {
  clients: number;
  seats: number;
  used: number;
  remaining: number;
}

/** The totals line of the client table (unknown numbers count as 0). */
export function clientTotals(clients: readonly ClientView[]): ClientTotals {
  return {
    clients: clients.length,
    seats: clients.reduce((sum, c) => sum + (c.seats ?? 0), 0),
    used: clients.reduce((sum, c) => sum + (c.used ?? 0), 0),
    remaining: clients.reduce((sum, c) => sum + (c.remaining ?? 0), 0),
  };
}

export async function listClients(ctx: ProviderContext): Promise<ClientView[]> {
  let raw: ProviderClientResponse[];
  try {
    raw = await listProviderClients(ctx.api, ctx.providerId);
  } catch (error) {
    throw adminRefusal(error, ctx, 'listing clients');
  }
  const statuses = clientStatuses(ctx.sync.profile.providerOrganizations);
  return raw.map((c) => clientView(c, statuses.get(c.organizationId.toLowerCase()) ?? 'unknown')).sort((a, b) => a.name.localeCompare(b.name));
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client by organization id, link id or name (case-insensitive). Pure, for tests. */
export function findClient(clients: readonly ClientView[], ref: string): ClientView {
  const wanted = ref.trim();
  const lower = wanted.toLowerCase();
  if (GUID.test(wanted)) {
    const byId = clients.find((c) => c.id === lower || c.providerOrganizationId === lower);
    if (byId) return byId;
  }
  const byName = clients.filter((c) => c.name.toLowerCase() === lower);
  if (byName.length === 1) return byName[0] as ClientView;
  if (byName.length > 1) throw new UsageError(`'${wanted}' names ${byName.length} clients; use the id: ${byName.map((c) => c.id).join(', ')}`);
  throw new NotFoundError(`no client named '${wanted}'`, {
    hint: clients.length ? `Clients: ${clients.map((c) => c.name).join(', ')}` : "The provider has no clients yet; create one with 'bwmsp client create'.",
  });
}

export interface CreateClientInput {
  name: string;
  ownerEmail: string;
  plan: ClientPlan;
  seats: number;
  collectionName?: string;
}

/** Checks a client name for the server's rules, naming the flag. */
export function validateClientName(name: string, flag = '--name'): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError(`${flag} is empty`);
  if (trimmed.length > MAX_NAME_LENGTH) throw new UsageError(`${flag} '${trimmed}' is ${trimmed.length} characters long; the server accepts at most ${MAX_NAME_LENGTH}`);
  return trimmed;
}

/**
 * `POST /providers/{pid}/clients`. The response has no id (§2.2), so the new client is looked up by
 * name afterwards; a duplicate name is refused before anything is sent, which also keeps that
 * lookup unambiguous.
 */
export async function createClient(ctx: ProviderContext, input: CreateClientInput): Promise<ClientView> {
  const name = validateClientName(input.name);
  const before = await listClients(ctx);
  const duplicate = before.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (duplicate) {
    throw new UsageError(`a client named '${duplicate.name}' already exists (${duplicate.id})`, { hint: 'Choose another --name, or change the existing client with bwmsp client edit.' });
  }
  const planType = planTypeFor(input.plan, ctx.membership?.providerType ?? null);
  const providerKey = requireProviderKey(ctx);
  const keys = makeClientOrgKeys(providerKey);
  try {
    await createProviderClient(ctx.api, ctx.providerId, {
      name,
      ownerEmail: input.ownerEmail,
      planType,
      seats: input.seats,
      key: keys.providerWrappedOrgKey,
      keyPair: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
      collectionName: encryptString(input.collectionName ?? DEFAULT_COLLECTION_NAME, keys.orgKey),
    });
  } catch (error) {
    throw adminRefusal(error, ctx, 'creating clients');
  }
  await refreshSync(ctx);
  const after = await listClients(ctx);
  const created = after.filter((c) => c.name.toLowerCase() === name.toLowerCase() && !before.some((b) => b.id === c.id));
  const found = created[0];
  if (found === undefined) {
    throw new BwmspError(`the server accepted client '${name}' but it is not in the client list`, { hint: "Run 'bwmsp client list' to check." });
  }
  return found;
}

export interface AddExistingResult {
  client: ClientView;
  result: 'added' | 'skipped';
  detail: string;
}

const syncOrgSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  type: z.int().nullish(),
  status: z.int().nullish(),
  providerId: z.string().nullish(),
});

/**
 * `POST /providers/{pid}/clients/existing` (§2.3): an organization the caller owns; its org key
 * (held as a member) is wrapped (type 2) with the provider key.
 */
export async function addExisting(ctx: ProviderContext, orgId: string): Promise<AddExistingResult> {
  const wanted = orgId.trim().toLowerCase();
  const clients = await listClients(ctx);
  const already = clients.find((c) => c.id === wanted);
  if (already) return { client: already, result: 'skipped', detail: 'already a client of this provider' };
  const membership = ctx.sync.profile.organizations.map((o) => syncOrgSchema.safeParse(o)).find((p) => p.success && p.data.id.toLowerCase() === wanted);
  if (!membership?.success) {
    throw new NotFoundError(`organization ${orgId} is not one of yours`, { hint: "Only an owner of the organization can add it; see 'bwmsp org list'." });
  }
  const org = membership.data;
  if (org.type !== 0 || (org.status ?? 2) !== 2) {
    throw new AuthError(`you are not a confirmed owner of organization ${htmlDecode(org.name ?? org.id)}`, { hint: 'Only an owner of the organization can add it to the provider.' });
  }
  if (org.providerId && org.providerId.toLowerCase() !== ctx.providerId) {
    throw new UsageError(`organization ${htmlDecode(org.name ?? org.id)} already belongs to another provider (${org.providerId})`);
  }
  const providerKey = requireProviderKey(ctx);
  if (!ctx.keys?.hasOrgKey(org.id)) throw new AuthError(`this account holds no key for organization ${org.id}`);
  const key = wrapSymmetricKey(ctx.keys.orgKey(org.id), providerKey);
  try {
    await addExistingClient(ctx.api, ctx.providerId, { organizationId: org.id, key });
  } catch (error) {
    if (error instanceof ApiError && /already belongs to a provider/i.test(error.serverMessage ?? '')) {
      throw new UsageError(`organization ${htmlDecode(org.name ?? org.id)} already belongs to a provider`);
    }
    throw adminRefusal(error, ctx, 'adding organizations to the provider');
  }
  await refreshSync(ctx);
  const after = await listClients(ctx);
  const client = after.find((c) => c.id === wanted);
  if (!client) throw new BwmspError(`the server accepted organization ${org.id} but it is not in the client list`);
  return { client, result: 'added', detail: 'now a client of the provider' };
}

export interface EditClientResult {
  client: ClientView;
  result: 'updated' | 'skipped';
  detail: string;
}

/** `PUT /providers/{pid}/clients/{providerOrganizationId}` (§2.4): name and assigned seats, both sent. */
export async function editClient(ctx: ProviderContext, ref: string, change: { name?: string; seats?: number }): Promise<EditClientResult> {
  const clients = await listClients(ctx);
  const client = findClient(clients, ref);
  const name = change.name === undefined ? client.name : validateClientName(change.name);
  const seats = change.seats ?? client.seats ?? 0;
  if (name !== client.name && clients.some((c) => c.id !== client.id && c.name.toLowerCase() === name.toLowerCase())) {
    throw new UsageError(`--name '${name}': another client already has this name`);
  }
  if (name === client.name && seats === client.seats) return { client, result: 'skipped', detail: 'nothing to change' };
  try {
    await updateProviderClient(ctx.api, ctx.providerId, client.providerOrganizationId, { assignedSeats: seats, name });
  } catch (error) {
    if (error instanceof ApiAuthError && error.serverMessage && /purchase/i.test(error.serverMessage)) {
      throw new AuthError(`cannot assign ${seats} seats to ${client.name}: ${error.serverMessage}`, {
        hint: "The change would buy seats beyond the provider's purchased seats; ask a provider admin, or assign fewer seats.",
      });
    }
    throw adminRefusal(error, ctx, 'editing clients');
  }
  const after = findClient(await listClients(ctx), client.id);
  const parts = [name !== client.name ? `name '${client.name}' → '${name}'` : '', seats !== client.seats ? `seats ${client.seats ?? '-'} → ${seats}` : ''].filter(Boolean);
  return { client: after, result: 'updated', detail: parts.join(', ') };
}

/**
 * `DELETE /providers/{pid}/organizations/{providerOrganizationId}` (§2.5): unlinks the client; the
 * organization keeps its data. The server refuses when the client has no confirmed owner of its own.
 */
export async function removeClient(ctx: ProviderContext, client: ClientView): Promise<void> {
  try {
    await removeProviderClient(ctx.api, ctx.providerId, client.providerOrganizationId);
  } catch (error) {
    if (error instanceof ApiError && /confirmed owner/i.test(`${error.serverMessage ?? ''} ${JSON.stringify(error.validationErrors ?? {})}`)) {
      throw new BwmspError(`cannot unlink ${client.name}: it has no confirmed owner of its own (provider users do not count)`, {
        hint: `Have the client's owner accept the invitation, confirm them with 'bwmsp member confirm EMAIL --client "${client.name}"', then run 'bwmsp client remove' again.`,
      });
    }
    throw adminRefusal(error, ctx, 'removing clients');
  }
}
