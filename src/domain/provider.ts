/**
 * The provider a command works on, and the session it works with: which provider (flag, profile, or
 * the account's only one), the caller's role in it (from `/sync` `profile.providers[]`,
 * admin-api.md §2.6), a token whose claims include that membership (§0.2), and optionally the
 * unlocked key ring for the provider key.
 */
import { tokenClaims } from './token-claims.js';
import { z } from 'zod';
import type { ApiClient } from '../api/client.js';
import { getSync, type Sync } from '../api/endpoints/accounts.js';
import { ApiAuthError, ApiError } from '../api/errors.js';
import type { KeyRing, SymmetricKey } from '../crypto/index.js';
import { AuthError, NotFoundError, UsageError } from '../errors.js';
import { connectAuthenticated, type AuthenticatedConnection, type ConnectionDeps } from './connection.js';
import { htmlDecode, openVault } from './vault.js';

export type ProviderRole = 'admin' | 'service-user';
export type ProviderUserStatus = 'invited' | 'accepted' | 'confirmed';
export type ProviderStatus = 'pending' | 'created' | 'billable';
export type ProviderKind = 'msp' | 'reseller' | 'business-unit';

/** ProviderUserType (§1.1). */
export const roleTypes: Readonly<Record<ProviderRole, number>> = { admin: 0, 'service-user': 1 };

export function roleOf(type: number | null | undefined): ProviderRole | 'unknown' {
  return type === 0 ? 'admin' : type === 1 ? 'service-user' : 'unknown';
}

export function roleWords(role: ProviderRole | 'unknown'): string {
  return role === 'admin' ? 'Provider Admin' : role === 'service-user' ? 'Service User' : 'Unknown role';
}

/** ProviderUserStatusType (§1.1). */
export function userStatusOf(status: number | null | undefined): ProviderUserStatus | 'unknown' {
  return status === 0 ? 'invited' : status === 1 ? 'accepted' : status === 2 ? 'confirmed' : 'unknown';
}

/** ProviderStatusType (§1.1). */
export function providerStatusOf(status: number | null | undefined): ProviderStatus | 'unknown' {
  return status === 0 ? 'pending' : status === 1 ? 'created' : status === 2 ? 'billable' : 'unknown';
}

/** ProviderType (§1.1). */
export function providerKindOf(type: number | null | undefined): ProviderKind | 'unknown' {
  return type === 0 ? 'msp' : type === 1 ? 'reseller' : type === 2 ? 'business-unit' : 'unknown';
}

/** `profileProvider` fields bwmsp reads (§2.6); lenient so that older or newer servers pass. */
const profileProviderSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  key: z.string().nullish(),
  status: z.int().nullish(),
  type: z.int().nullish(),
  enabled: z.boolean().nullish(),
  useEvents: z.boolean().nullish(),
  providerStatus: z.int().nullish(),
  providerType: z.int().nullish(),
});

/** The caller's membership in one provider, as `/sync` tells it. */
export interface ProviderMembership {
  id: string;
  name: string;
  role: ProviderRole | 'unknown';
  status: ProviderUserStatus | 'unknown';
  enabled: boolean;
  useEvents: boolean;
  providerStatus: ProviderStatus | 'unknown';
  providerType: number | null;
  hasKey: boolean;
}

export function providerMemberships(sync: Pick<Sync, 'profile'>): ProviderMembership[] {
  const out: ProviderMembership[] = [];
  for (const raw of sync.profile.providers) {
    const parsed = profileProviderSchema.safeParse(raw);
    if (!parsed.success) continue;
    const p = parsed.data;
    out.push({
      id: p.id.toLowerCase(),
      name: htmlDecode(p.name ?? p.id),
      role: roleOf(p.type),
      status: userStatusOf(p.status ?? 2),
      enabled: p.enabled ?? true,
      useEvents: p.useEvents ?? true,
      providerStatus: providerStatusOf(p.providerStatus),
      providerType: p.providerType ?? null,
      hasKey: typeof p.key === 'string' && p.key !== '',
    });
  }
  return out;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The provider id: `--provider` (an id, or the name of one of the account's providers), then the
 * profile's provider, then the account's only provider. Pure, for tests.
 */
export function resolveProviderId(memberships: readonly ProviderMembership[], choice: { flag?: string | undefined; profile?: string | undefined }): string {
  const flag = choice.flag?.trim();
  if (flag) {
    if (GUID.test(flag)) return flag.toLowerCase();
    const byName = memberships.filter((m) => m.name.toLowerCase() === flag.toLowerCase());
    if (byName.length === 1) return (byName[0] as ProviderMembership).id;
    if (byName.length > 1) throw new UsageError(`--provider ${flag}: ${byName.length} providers have this name; use the id: ${byName.map((m) => m.id).join(', ')}`);
    throw new NotFoundError(`--provider ${flag}: not a provider id, nor the name of a provider of this account`, { hint: listHint(memberships) });
  }
  if (choice.profile) return choice.profile.toLowerCase();
  const confirmed = memberships.filter((m) => m.status === 'confirmed');
  if (confirmed.length === 1) return (confirmed[0] as ProviderMembership).id;
  if (confirmed.length === 0) {
    const pending = memberships.map((m) => `${m.name} (${m.status})`);
    throw new NotFoundError('this account is not a confirmed user of any provider', {
      hint: pending.length
        ? `Waiting for confirmation in: ${pending.join(', ')}. A provider admin confirms you with 'bwmsp provider users confirm'.`
        : "Set one up with 'bwmsp provider setup', or accept an invitation with 'bwmsp provider users accept' and wait for a provider admin to confirm you.",
    });
  }
  throw new UsageError(`this account belongs to ${confirmed.length} providers; choose one with --provider`, { hint: listHint(confirmed) });
}

function listHint(memberships: readonly ProviderMembership[]): string {
  if (memberships.length === 0) return 'This account belongs to no provider.';
  return `Providers: ${memberships.map((m) => `${m.name} (${m.id})`).join(', ')}. Set a default with 'bwmsp profile add NAME --server URL --provider ID --force'.`;
}

/** Provider claims of a JWT access token (§0.2), or undefined when the token cannot be read. */
export function tokenProviderClaims(accessToken: string): { admin: Set<string>; serviceUser: Set<string> } | undefined {
  const claims = tokenClaims(accessToken);
  if (claims === undefined) return undefined;
  return { admin: claims.get('providerprovideradmin') ?? new Set(), serviceUser: claims.get('providerserviceuser') ?? new Set() };
}

/** True when the token lacks the claim a confirmed membership gives (it was issued before the change). */
export function claimsAreStale(accessToken: string, membership: ProviderMembership | undefined): boolean {
  if (membership === undefined || membership.status !== 'confirmed') return false;
  const claims = tokenProviderClaims(accessToken);
  if (claims === undefined) return false;
  if (membership.role === 'admin') return !claims.admin.has(membership.id);
  if (membership.role === 'service-user') return !claims.serviceUser.has(membership.id) && !claims.admin.has(membership.id);
  return false;
}

export interface ProviderContext {
  conn: AuthenticatedConnection;
  api: ApiClient;
  sync: Sync;
  providerId: string;
  /** The caller's membership (undefined when the flag names a provider the account is not confirmed in). */
  membership: ProviderMembership | undefined;
  /** Display name: the membership's, else the id. */
  name: string;
  /** The unlocked key ring, when opened with `keys: true`. */
  keys: KeyRing | undefined;
  close(): Promise<void>;
}

export interface ProviderChoice {
  provider?: string | undefined;
}

/**
 * Opens the provider: authenticated connection, `/sync`, the provider id and membership, and a
 * token refreshed when it predates the membership. With `keys`, the vault is unlocked too
 * (BWMSP_SESSION).
 */
export async function openProvider(d: ConnectionDeps, choice: ProviderChoice, options: { keys?: boolean } = {}): Promise<ProviderContext> {
  let conn: AuthenticatedConnection;
  let sync: Sync;
  let keys: KeyRing | undefined;
  let close: () => Promise<void>;
  if (options.keys) {
    const vault = await openVault(d);
    ({ conn, sync, keys } = vault);
    close = () => vault.close();
  } else {
    conn = await connectAuthenticated(d);
    close = () => conn.api.close();
    try {
      sync = await getSync(conn.api);
    } catch (error) {
      await close();
      throw error;
    }
  }
  try {
    const settings = await d.settings();
    const memberships = providerMemberships(sync);
    const providerId = resolveProviderId(memberships, { flag: choice.provider, profile: settings.provider });
    const membership = memberships.find((m) => m.id === providerId);
    if (claimsAreStale(conn.session.accessToken, membership)) {
      d.debug('the access token predates the provider membership; refreshing it');
      await conn.refreshAccessToken();
    }
    return { conn, api: conn.api, sync, providerId, membership, name: membership?.name ?? providerId, keys, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Reads `/sync` again (after creating or adding a client, its status and keys are only there). */
export async function refreshSync(ctx: ProviderContext): Promise<void> {
  ctx.sync = await getSync(ctx.api);
}

/** Runs `fn` with the provider open and always closes it. */
export async function withProvider<T>(d: ConnectionDeps, choice: ProviderChoice, options: { keys?: boolean }, fn: (ctx: ProviderContext) => Promise<T>): Promise<T> {
  const ctx = await openProvider(d, choice, options);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** The provider key from the key ring, with errors that say what to do. */
export function requireProviderKey(ctx: ProviderContext): SymmetricKey {
  if (ctx.keys === undefined) throw new Error('requireProviderKey needs a provider opened with keys');
  if (ctx.keys.hasProviderKey(ctx.providerId)) return ctx.keys.providerKey(ctx.providerId);
  if (ctx.membership === undefined) {
    throw new AuthError(`this account holds no key for provider ${ctx.providerId}`, { hint: 'Only confirmed users of a provider hold its key; ask a provider admin to confirm you.' });
  }
  if (ctx.membership.status !== 'confirmed') {
    throw new AuthError(`you are not confirmed in provider ${ctx.name} yet`, { hint: 'A provider admin must confirm you first (bwmsp provider users confirm).' });
  }
  if (!ctx.membership.hasKey) {
    throw new UsageError(`provider ${ctx.name} is not set up yet: it has no provider key`, { hint: "Run 'bwmsp provider setup' with the values of the setup invitation." });
  }
  return ctx.keys.providerKey(ctx.providerId);
}

/**
 * Turns a server refusal into a clear exit-4 error when the caller is a Service User and `action`
 * needs a Provider Admin. The official server refuses with 401, 403 or 404 depending on the route
 * (admin-api.md §0.3); anything else is returned unchanged.
 */
export function adminRefusal(error: unknown, ctx: Pick<ProviderContext, 'membership' | 'name'>, action: string): unknown {
  const refused = error instanceof ApiAuthError || (error instanceof ApiError && error.status === 404);
  if (!refused) return error;
  if (ctx.membership?.role === 'service-user') {
    return new AuthError(`${action} needs the Provider Admin role; you are a Service User of ${ctx.name}`, {
      hint: 'Ask a provider admin to do it, or to make you an admin (bwmsp provider users set-role EMAIL --role admin).',
    });
  }
  if (ctx.membership === undefined && error instanceof ApiAuthError) {
    return new AuthError(`${action}: the server refused; this account is not a confirmed user of provider ${ctx.name}`, { hint: "Check --provider, or run 'bwmsp login' again after being confirmed." });
  }
  return error;
}

/** The one-admin warning (the help center recommends a second Provider Admin for failover). */
export function oneAdminWarning(users: readonly { role: ProviderRole | 'unknown'; status: ProviderUserStatus | 'unknown'; email: string | null }[], providerName: string): string | undefined {
  const admins = users.filter((u) => u.role === 'admin' && u.status === 'confirmed');
  if (admins.length !== 1) return undefined;
  const who = admins[0]?.email ?? 'one user';
  return `${providerName} has only one confirmed Provider Admin (${who}); add a second one for failover: bwmsp provider users invite EMAIL --role admin`;
}
