/**
 * `client purge`: empties an organization's vault (admin-api.md §3.3, §9.3), as the
 * trial-to-production guide prescribes before importing production data. Collections stay.
 *
 * Who may: the official route allows EditAnyCollection (Owner, Admin, Custom with "edit any
 * collection", any provider user of the client). bwmsp is stricter, as the web vault's
 * organization settings are: only an Owner of the organization, or a provider *admin* of the
 * provider that manages it; others are refused before anything is sent (exit 4).
 */
import { getSync } from '../api/endpoints/accounts.js';
import { ApiError } from '../api/errors.js';
import { listOrganizationCiphers, purgeOrganizationVault } from '../api/endpoints/ciphers.js';
import { AuthError, UsageError } from '../errors.js';
import type { OrgRef } from './admin-org.js';
import { connectAuthenticated, requireSession, type ConnectionDeps } from './connection.js';
import { masterPasswordVerification } from './secret-verification.js';
import { resolveOrgRef } from './vault.js';
import { tokenPredatesMemberships } from './token-claims.js';

const OWNER = 0;
const PROVIDER_ADMIN = 0;

export interface PurgeTarget {
  orgId: string;
  name: string;
  /** Items in the vault before the purge. */
  items: number;
}

export interface PurgeResult extends PurgeTarget {
  deleted: number;
}

/**
 * Resolves the client, checks the caller may purge it, counts its items, then — after
 * `confirm(target)` resolves and the master password is read and checked locally — purges.
 */
export async function purgeOrganization(
  d: ConnectionDeps,
  ref: OrgRef,
  steps: { confirm: (target: PurgeTarget) => Promise<void>; password: () => Promise<string> },
): Promise<PurgeResult> {
  const { settings } = await requireSession(d);
  const conn = await connectAuthenticated(d);
  try {
    if (conn.session.authMethod === 'org-apikey') {
      throw new UsageError('purging needs a user login with a master password; the profile is logged in with an organization API key', {
        hint: "Run 'bwmsp login' as an owner of the client or a provider admin.",
      });
    }
    let sync = await getSync(conn.api);
    if (tokenPredatesMemberships(conn.session.accessToken, sync)) {
      d.debug('the access token predates a membership shown by /sync; refreshing it');
      await conn.refreshAccessToken();
      sync = await getSync(conn.api);
    }
    const org = resolveOrgRef(sync, { ...ref, provider: settings.provider, defaultOrg: settings.org });
    const same = (id: string) => id.toLowerCase() === org.orgId.toLowerCase();
    const membership = sync.profile.organizations.find((o) => same(o.id));
    const link = sync.profile.providerOrganizations.find((o) => same(o.id));
    const provider = link ? sync.profile.providers.find((p) => p.id === link.providerId) : undefined;
    const owner = membership?.type === OWNER || provider?.type === PROVIDER_ADMIN;
    if (!owner) {
      throw new AuthError(`only an owner of ${org.name} or an admin of its provider may purge its vault`, {
        hint: membership ? 'Ask an owner of the organization.' : provider ? 'Ask a provider admin.' : '',
      });
    }
    const items = (await listOrganizationCiphers(conn.api, org.orgId)).length;
    const target = { orgId: org.orgId, name: org.name, items };
    await steps.confirm(target);
    const verification = await masterPasswordVerification(conn.session, await steps.password());
    try {
      await purgeOrganizationVault(conn.api, org.orgId, verification);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && /verification|password/i.test(error.message)) {
        throw new AuthError('the server refused the master password; nothing was deleted', { hint: '', cause: error });
      }
      throw error;
    }
    return { ...target, deleted: items };
  } finally {
    await conn.api.close();
  }
}
