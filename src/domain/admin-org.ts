/**
 * The organization an admin verb works on, for both kinds of session:
 * - a user login (password or personal API key): `--client NAME|ID` among the provider's clients,
 *   `--org ID`, or the profile's default org; private API routes; the org key when the vault is
 *   unlocked (collection names are EncStrings under it);
 * - an organization API key (`login --org-apikey`): exactly that organization, Public API routes
 *   (admin-api.md §10), no keys, so no collection names.
 */
import type { ApiClient } from '../api/client.js';
import { getSync, type Sync } from '../api/endpoints/accounts.js';
import type { SymmetricKey } from '../crypto/index.js';
import { AuthError, NotFoundError, UsageError } from '../errors.js';
import { connectAuthenticated, requireSession, type ConnectionDeps } from './connection.js';
import { htmlDecode, openVault, resolveOrg, unreachableOrganization } from './vault.js';

export interface OrgRef {
  client?: string | undefined;
  org?: string | undefined;
}

export interface AdminOrg {
  /** `user`: private API; `organization`: an organization API key session, Public API only. */
  kind: 'user' | 'organization';
  api: ApiClient;
  orgId: string;
  /** Display name (the id for organization API key sessions, which cannot read it). */
  name: string;
  /** Present for user sessions with an unlocked vault. */
  orgKey: SymmetricKey | undefined;
  /**
   * The logged-in account (user sessions): its own events show its e-mail, and when it is a member
   * of the organization (not only its provider) `organizationUserId` is its membership.
   */
  self?: { userId: string; email: string | null; organizationUserId?: string | null };
  close(): Promise<void>;
}

/**
 * For user sessions: `required` = the verb decrypts or encrypts (needs BWMSP_SESSION); `optional` =
 * decrypt when the vault is unlocked, else carry on without names; `none` = never open the vault.
 * Organization API key sessions never have a key: they are refused (with `why`) unless `orgApiKey`
 * is true, which is the default for `optional` and `none` (the verb then uses the Public API).
 */
export interface KeyNeed {
  key: 'required' | 'optional' | 'none';
  /** 'creating a collection needs the organization key', for the refusal message. */
  why?: string;
  orgApiKey?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text.trim());
}

/** The organization of an org API key session; `--client`/`--org` may only repeat its id. */
function organizationKeyTarget(orgId: string, ref: OrgRef): void {
  for (const [flag, value] of [['--client', ref.client], ['--org', ref.org]] as const) {
    if (value === undefined) continue;
    if (value.trim().toLowerCase() !== orgId.toLowerCase()) {
      throw new UsageError(`${flag} ${value}: this session is an organization API key for organization ${orgId} only`, {
        hint: isGuid(value) ? "Log in with that organization's API key, or as a user." : 'Name the organization by id; an organization API key cannot look up client names.',
      });
    }
  }
}

/** Resolves --client/--org against the sync profile without touching keys (same rules as `resolveOrg`). */
export function resolveOrgWithoutKey(sync: Sync, ref: OrgRef & { provider?: string | undefined; defaultOrg?: string | undefined }): { orgId: string; name: string } {
  if (ref.client && ref.org) throw new UsageError('pass either --client or --org, not both');
  const clients = sync.profile.providerOrganizations.filter((o) => !ref.provider || o.providerId === ref.provider);
  if (ref.client) {
    const wanted = ref.client.trim();
    const byId = isGuid(wanted) ? clients.filter((c) => c.id.toLowerCase() === wanted.toLowerCase()) : [];
    const matches = byId.length ? byId : clients.filter((c) => htmlDecode(c.name ?? '').toLowerCase() === wanted.toLowerCase());
    if (matches.length === 0) {
      throw new NotFoundError(`no client named '${wanted}'`, { hint: clients.length ? `Clients: ${clients.map((c) => htmlDecode(c.name ?? c.id)).join(', ')}` : 'This account reaches no client organizations.' });
    }
    if (matches.length > 1) throw new UsageError(`'${wanted}' names ${matches.length} clients; use the id: ${matches.map((m) => m.id).join(', ')}`);
    const client = matches[0] as (typeof matches)[number];
    return { orgId: client.id, name: htmlDecode(client.name ?? client.id) };
  }
  const orgId = ref.org ?? ref.defaultOrg;
  if (!orgId) throw new UsageError('name the organization with --client NAME|ID or --org ID');
  const found =
    sync.profile.organizations.find((o) => o.id.toLowerCase() === orgId.toLowerCase()) ?? clients.find((o) => o.id.toLowerCase() === orgId.toLowerCase());
  if (!found) throw unreachableOrganization(orgId);
  return { orgId: found.id, name: htmlDecode(found.name ?? found.id) };
}

function selfOf(session: { userId: string; email?: string | undefined }, sync: Sync, orgId: string): NonNullable<AdminOrg['self']> {
  const membership = sync.profile.organizations.find((o) => o.id.toLowerCase() === orgId.toLowerCase()) as { organizationUserId?: unknown } | undefined;
  const organizationUserId = typeof membership?.organizationUserId === 'string' ? membership.organizationUserId : null;
  return { userId: session.userId, email: session.email ?? null, organizationUserId };
}

export async function openAdminOrg(d: ConnectionDeps, ref: OrgRef, need: KeyNeed): Promise<AdminOrg> {
  const { session, settings } = await requireSession(d);
  if (ref.client && ref.org) throw new UsageError('pass either --client or --org, not both');

  if (session.authMethod === 'org-apikey') {
    if (!(need.orgApiKey ?? need.key !== 'required')) {
      throw new UsageError(`${need.why ?? 'this command needs the organization key'}; this profile is logged in with an organization API key`, {
        hint: "Log in as a user ('bwmsp login' or 'bwmsp login --apikey') and export BWMSP_SESSION.",
      });
    }
    const orgId = session.organizationId ?? session.clientId?.replace(/^organization\./, '') ?? session.userId;
    organizationKeyTarget(orgId, ref);
    const conn = await connectAuthenticated(d);
    return { kind: 'organization', api: conn.api, orgId, name: orgId, orgKey: undefined, close: () => conn.api.close() };
  }

  const target = { ...ref, provider: settings.provider, defaultOrg: settings.org };
  const wantsVault = need.key === 'required' || (need.key === 'optional' && d.env.BWMSP_SESSION !== undefined && d.env.BWMSP_SESSION !== '');
  if (wantsVault) {
    try {
      const vault = await openVault(d);
      try {
        const org = resolveOrg(vault, target);
        return { kind: 'user', api: vault.conn.api, orgId: org.orgId, name: org.name, orgKey: org.orgKey, self: selfOf(session, vault.sync, org.orgId), close: () => vault.close() };
      } catch (error) {
        await vault.close();
        throw error;
      }
    } catch (error) {
      if (need.key === 'required' || !(error instanceof AuthError)) throw error;
      d.debug(`vault not unlocked (${error.message}); continuing without the organization key`);
    }
  }

  const conn = await connectAuthenticated(d);
  try {
    const sync = await getSync(conn.api);
    const org = resolveOrgWithoutKey(sync, target);
    return { kind: 'user', api: conn.api, orgId: org.orgId, name: org.name, orgKey: undefined, self: selfOf(session, sync, org.orgId), close: () => conn.api.close() };
  } catch (error) {
    await conn.api.close();
    throw error;
  }
}

/** Runs `fn` with the organization open and always closes it. */
export async function withAdminOrg<T>(d: ConnectionDeps, ref: OrgRef, need: KeyNeed, fn: (org: AdminOrg) => Promise<T>): Promise<T> {
  const org = await openAdminOrg(d, ref, need);
  try {
    return await fn(org);
  } finally {
    await org.close();
  }
}
