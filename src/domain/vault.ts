/**
 * An unlocked view of the account: the authenticated connection, the last /sync, and the key ring
 * (user key -> private key -> provider keys -> org keys). Commands that decrypt or wrap keys open
 * one, use it, and close it.
 */
import { getSync, type Sync } from '../api/endpoints/accounts.js';
import { credentialsFromEnv } from '../config/settings.js';
import { KeyRing, type SymmetricKey } from '../crypto/index.js';
import { CryptoError } from '../crypto/index.js';
import { AuthError, NotFoundError, UsageError } from '../errors.js';
import { openUserKey } from './auth.js';
import { tokenPredatesMemberships } from './token-claims.js';
import { connectAuthenticated, type AuthenticatedConnection, type ConnectionDeps } from './connection.js';

const ORG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** --org names no organization of this account: a malformed id is bad input (exit 2), a valid one not found (5). */
export function unreachableOrganization(orgId: string): UsageError | NotFoundError {
  if (!isGuid(orgId)) {
    return new UsageError(`--org '${orgId}' is not an organization id (a UUID)`, { hint: 'Name a client organization with --client NAME; bwmsp org list and bwmsp client list show the ids.' });
  }
  return new NotFoundError(`organization ${orgId} is not reachable from this account`, { hint: "Run 'bwmsp org list' or 'bwmsp client list'." });
}

export interface Vault {
  conn: AuthenticatedConnection;
  sync: Sync;
  keys: KeyRing;
  close(): Promise<void>;
}

/** Decodes the HTML entities the server stores names with (admin-api.md section 0.4). */
export function htmlDecode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export async function openVault(d: ConnectionDeps): Promise<Vault> {
  const conn = await connectAuthenticated(d);
  try {
    if (conn.session.authMethod === 'org-apikey') {
      throw new UsageError('this command needs a user login; the profile is logged in with an organization API key', { hint: "Run 'bwmsp login' or 'bwmsp login --apikey' with a user account." });
    }
    const userKey = openUserKey(conn.session, credentialsFromEnv(d.env).sessionKey);
    const sync = await getSync(conn.api);
    if (tokenPredatesMemberships(conn.session.accessToken, sync)) {
      d.debug('the access token predates a membership shown by /sync; refreshing it');
      await conn.refreshAccessToken();
    }
    let keys: KeyRing;
    try {
      keys = KeyRing.fromSyncProfile(userKey, {
        privateKey: sync.profile.privateKey ?? null,
        organizations: sync.profile.organizations.map((o) => ({ id: o.id, key: o.key ?? null })),
        providers: sync.profile.providers.map((p) => ({ id: p.id, key: p.key ?? null, ...(p.status != null ? { status: p.status } : {}) })),
        providerOrganizations: sync.profile.providerOrganizations.map((o) => ({ id: o.id, key: o.key ?? null, providerId: o.providerId })),
      });
    } catch (error) {
      if (error instanceof CryptoError) throw new AuthError(`cannot open the account keys: ${error.message}`, { hint: "Run 'export BWMSP_SESSION=$(bwmsp unlock --raw)' again." });
      throw error;
    }
    return { conn, sync, keys, close: () => conn.api.close() };
  } catch (error) {
    await conn.api.close();
    throw error;
  }
}

export interface OrgTarget {
  orgId: string;
  name: string;
  /** Set when the org is reached as a client of this provider. */
  providerId?: string;
  orgKey: SymmetricKey;
}

export function isGuid(text: string): boolean {
  return ORG_ID.test(text.trim());
}

export interface OrgSelector {
  client?: string | undefined;
  org?: string | undefined;
  provider?: string | undefined;
  defaultOrg?: string | undefined;
}

/**
 * The organization named by --client NAME|ID (a client of the provider) or --org ID (any org the
 * account reaches), falling back to the profile's default org. Reads the sync profile only.
 */
export function resolveOrgRef(sync: Sync, target: OrgSelector): Omit<OrgTarget, 'orgKey'> {
  if (target.client && target.org) throw new UsageError('pass either --client or --org, not both');
  const clients = sync.profile.providerOrganizations.filter((o) => !target.provider || o.providerId === target.provider);
  if (target.client) {
    const wanted = target.client.trim();
    const byId = isGuid(wanted) ? clients.filter((c) => c.id.toLowerCase() === wanted.toLowerCase()) : [];
    const matches = byId.length ? byId : clients.filter((c) => htmlDecode(c.name ?? '').toLowerCase() === wanted.toLowerCase());
    if (matches.length === 0) {
      throw new NotFoundError(`no client named '${wanted}'`, { hint: clients.length ? `Clients: ${clients.map((c) => htmlDecode(c.name ?? c.id)).join(', ')}` : 'This account reaches no client organizations.' });
    }
    if (matches.length > 1) throw new UsageError(`'${wanted}' names ${matches.length} clients; use the id: ${matches.map((m) => m.id).join(', ')}`);
    const client = matches[0] as (typeof matches)[number];
    return { orgId: client.id, name: htmlDecode(client.name ?? client.id), providerId: client.providerId };
  }
  const orgId = target.org ?? target.defaultOrg;
  if (!orgId) throw new UsageError('name the organization with --client NAME|ID or --org ID');
  const member = sync.profile.organizations.find((o) => o.id.toLowerCase() === orgId.toLowerCase());
  const client = clients.find((o) => o.id.toLowerCase() === orgId.toLowerCase());
  const found = member ?? client;
  if (!found) throw unreachableOrganization(orgId);
  return { orgId: found.id, name: htmlDecode(found.name ?? found.id), ...(client && !member ? { providerId: client.providerId } : {}) };
}

/** `resolveOrgRef` plus the organization key from the unlocked key ring. */
export function resolveOrg(vault: Vault, target: OrgSelector): OrgTarget {
  const org = resolveOrgRef(vault.sync, target);
  return { ...org, orgKey: vault.keys.orgKey(org.orgId) };
}
