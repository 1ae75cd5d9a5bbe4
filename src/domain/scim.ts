/**
 * SCIM provisioning for a client organization (admin-api.md §14.5): the type-2 connection with
 * `config.enabled`, and the type-2 organization API key the identity provider sends as a bearer
 * token, behind a master password re-prompt.
 */
import { ApiError } from '../api/errors.js';
import {
  createOrganizationConnection,
  getApiKeyRevisionDate,
  getOrganizationConnection,
  updateOrganizationConnection,
} from '../api/endpoints/organization-connections.js';
import { getOrganizationApiKey, rotateOrganizationApiKey } from '../api/endpoints/organizations.js';
import type { ServerUrls } from '../config/servers.js';
import { OrganizationConnectionType, ScimProviderType, type OrganizationConnectionResponse } from '../protocol/sso.js';
import { AuthError, UsageError } from '../errors.js';
import type { Operation } from '../plan/diff.js';
import { withAdminOrg, type AdminOrg, type OrgRef } from './admin-org.js';
import type { ConnectionDeps } from './connection.js';
import { requireSession } from './connection.js';
import { masterPasswordVerification } from './secret-verification.js';

export interface ScimView {
  client: string;
  organizationId: string;
  enabled: boolean;
  /** Identity provider as stored on the connection (`okta`, `azure-ad`, ...), or null. */
  provider: string | null;
  /** What the identity provider calls the SCIM base / tenant URL. */
  scimUrl: string;
  /** Set by enable/rotate (and view --show-key); null otherwise. */
  apiKey: string | null;
  keyRevisionDate: string | null;
  /** enable: what happened to the connection. */
  connection?: 'created' | 'updated' | 'unchanged';
}

const PROVIDER_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ScimProviderType).map(([name, value]) => [value, name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()]),
);

/**
 * The SCIM base URL (§14.5): US `https://scim.bitwarden.com/v2/{orgId}`, EU `.eu`, self-hosted
 * `https://HOST/scim/v2/{orgId}`.
 */
export function scimBaseUrl(urls: Pick<ServerUrls, 'kind' | 'base'>, orgId: string): string {
  if (urls.kind === 'us') return `https://scim.bitwarden.com/v2/${orgId}`;
  if (urls.kind === 'eu') return `https://scim.bitwarden.eu/v2/${orgId}`;
  return `${urls.base.replace(/\/+$/, '')}/scim/v2/${orgId}`;
}

/** Reads a connection config key case-insensitively (the server stores it PascalCase, §14.5). */
export function configValue(config: Record<string, unknown> | null | undefined, key: string): unknown {
  if (config === null || config === undefined) return undefined;
  const found = Object.keys(config).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : config[found];
}

export function scimEnabled(connection: OrganizationConnectionResponse): boolean {
  return connection.id !== null && configValue(connection.config, 'enabled') === true;
}

function providerName(connection: OrganizationConnectionResponse): string | null {
  const value = configValue(connection.config, 'scimProvider');
  return typeof value === 'number' ? (PROVIDER_NAMES[value] ?? String(value)) : null;
}

export type ScimAction = 'enable' | 'rotate' | 'view';

export interface ScimOptions {
  /** Asked only when the key is needed (enable, rotate, view --show-key). */
  askPassword?: () => Promise<string>;
}

async function verification(d: ConnectionDeps, askPassword: (() => Promise<string>) | undefined) {
  if (askPassword === undefined) throw new UsageError('the SCIM key needs your master password');
  const { session } = await requireSession(d);
  return masterPasswordVerification(session, await askPassword());
}

function passwordRefused(error: unknown): never {
  if (error instanceof ApiError && error.status === 400 && /password|verification/i.test(error.message)) {
    throw new AuthError('the server refused the master password', { hint: '', cause: error });
  }
  throw error;
}

/** enable: connection created/updated (or unchanged), key fetched; rotate: new key; view: status. */
export async function runScim(d: ConnectionDeps, ref: OrgRef, action: ScimAction, options: ScimOptions = {}): Promise<ScimView> {
  const { settings } = await requireSession(d);
  return withAdminOrg(d, ref, { key: 'none', orgApiKey: false, why: 'SCIM settings need a user login' }, async (org) => {
    let connection = await getOrganizationConnection(org.api, org.orgId, OrganizationConnectionType.Scim);
    let changed: ScimView['connection'];
    if (action === 'enable') {
      const config = {
        enabled: true,
        ...(typeof configValue(connection.config, 'scimProvider') === 'number' ? { scimProvider: configValue(connection.config, 'scimProvider') as number } : {}),
      };
      const body = { type: OrganizationConnectionType.Scim, organizationId: org.orgId, enabled: true, config };
      if (connection.id === null) {
        connection = await createOrganizationConnection(org.api, body);
        changed = 'created';
      } else if (!scimEnabled(connection)) {
        connection = await updateOrganizationConnection(org.api, connection.id, body);
        changed = 'updated';
      } else {
        changed = 'unchanged';
      }
    }
    let apiKey: string | null = null;
    let keyRevisionDate: string | null;
    if (options.askPassword !== undefined || action !== 'view') {
      const body = { type: 2, ...(await verification(d, options.askPassword)) };
      const key = await (action === 'rotate' ? rotateOrganizationApiKey(org.api, org.orgId, body) : getOrganizationApiKey(org.api, org.orgId, body)).catch(passwordRefused);
      apiKey = key.apiKey;
      keyRevisionDate = key.revisionDate ?? null;
    } else {
      keyRevisionDate = await getApiKeyRevisionDate(org.api, org.orgId, 2);
    }
    return {
      client: org.name,
      organizationId: org.orgId,
      enabled: scimEnabled(connection),
      provider: providerName(connection),
      scimUrl: scimBaseUrl(settings.urls, org.orgId),
      apiKey,
      keyRevisionDate,
      ...(changed === undefined ? {} : { connection: changed }),
    };
  });
}

// ---- onboarding plans (src/plan): the `scim` block ----

export type ScimOperation = Extract<Operation, { kind: 'scim' }>;

/** `live` undefined = new client; null = the server has no connections endpoint. */
export function scimPlanOperation(enabled: boolean, live: boolean | null | undefined): ScimOperation {
  const base = { kind: 'scim' as const, key: 'scim', name: enabled ? 'enabled' : 'disabled', enabled };
  if (live === null) return { ...base, action: 'unsupported', detail: 'this server has no SCIM connection endpoint' };
  const now = live ?? false;
  if (now === enabled) return { ...base, action: 'unchanged', detail: enabled ? 'on' : 'off' };
  return { ...base, action: live === undefined || (enabled && !now) ? 'create' : 'update', detail: `${now ? 'on' : 'off'} → ${enabled ? 'on' : 'off'}; get the key with 'bwmsp client scim view --show-key'` };
}

/** Whether SCIM is enabled, for the plan diff; null when the server has no such endpoint. */
export async function readScimState(org: AdminOrg): Promise<boolean | null> {
  try {
    return scimEnabled(await getOrganizationConnection(org.api, org.orgId, OrganizationConnectionType.Scim));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Turns the SCIM connection on or off (no key: that needs the master password, see `client scim`). */
export async function applyScimOperation(org: AdminOrg, op: ScimOperation): Promise<void> {
  const connection = await getOrganizationConnection(org.api, org.orgId, OrganizationConnectionType.Scim);
  const provider = configValue(connection.config, 'scimProvider');
  const body = { type: OrganizationConnectionType.Scim, organizationId: org.orgId, enabled: true, config: { enabled: op.enabled, ...(typeof provider === 'number' ? { scimProvider: provider } : {}) } };
  if (connection.id === null) {
    if (op.enabled) await createOrganizationConnection(org.api, body);
    return;
  }
  await updateOrganizationConnection(org.api, connection.id, body);
}
