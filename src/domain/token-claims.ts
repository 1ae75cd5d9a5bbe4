/**
 * Membership claims in a JWT access token (admin-api.md section 0.2): the official server writes one
 * claim per confirmed organization and provider membership when it issues the token, so a token
 * issued before a confirm or a role change lacks them and must be refreshed before the new rights
 * are usable.
 */
import type { Sync } from '../api/endpoints/accounts.js';

const ORG_CLAIMS = ['orgowner', 'orgadmin', 'orguser', 'orgcustom'];
const PROVIDER_CLAIMS = ['providerprovideradmin', 'providerserviceuser'];

/** Claim name -> lower-cased values, or undefined when the token cannot be read. */
export function tokenClaims(accessToken: string): Map<string, Set<string>> | undefined {
  const payload = accessToken.split('.')[1];
  if (payload === undefined) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const out = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(claims)) {
    const list = Array.isArray(value) ? value : [value];
    out.set(name, new Set(list.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase())));
  }
  return out;
}

function hasAny(claims: Map<string, Set<string>>, names: readonly string[], id: string): boolean {
  return names.some((name) => claims.get(name)?.has(id.toLowerCase()) === true);
}

/**
 * True when /sync shows a confirmed membership the token carries no claim for. (A server that keeps
 * no membership claims at all, like Vaultwarden, makes this true too; refreshing there is harmless.)
 */
export function tokenPredatesMemberships(accessToken: string, sync: Sync): boolean {
  const claims = tokenClaims(accessToken);
  if (claims === undefined) return false;
  return (
    sync.profile.organizations.some((o) => o.status === 2 && !hasAny(claims, ORG_CLAIMS, o.id)) ||
    sync.profile.providers.some((p) => p.status === 2 && !hasAny(claims, PROVIDER_CLAIMS, p.id))
  );
}
