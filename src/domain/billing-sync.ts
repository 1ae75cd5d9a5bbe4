/**
 * Billing sync (licensing-and-selfhost.md §3, §7): the cloud token (organization API key type 1
 * behind a master password re-prompt), the self-hosted connection holding it (type 1), the sync
 * trigger with the client-side preflight of §7, and the status view.
 *
 * A self-hosted server answers every failure of the cloud leg of a sync with one generic 400
 * (§3.3 step 5). The preflight turns what can be checked from here into precise failures, each a
 * {@link BillingSyncError} with its own code and exit status (see BILLING_SYNC_EXIT_CODES).
 */
import { createHash } from 'node:crypto';
import { getSync, type Sync } from '../api/endpoints/accounts.js';
import { getOrganizationSubscription, syncOrganizationLicense } from '../api/endpoints/billing-sync.js';
import { cloudCommunicationEnabled } from '../api/endpoints/licenses.js';
import {
  createOrganizationConnection,
  getApiKeyRevisionDate,
  getOrganizationConnection,
  updateOrganizationConnection,
} from '../api/endpoints/organization-connections.js';
import { getOrganizationApiKey, rotateOrganizationApiKey } from '../api/endpoints/organizations.js';
import type { ApiClient } from '../api/client.js';
import { ApiAuthError, ApiError, NetworkError } from '../api/errors.js';
import { readTokenNote, writeTokenNote, type BillingSyncTokenNote } from '../config/billing-sync-notes.js';
import { resolveSettings } from '../config/settings.js';
import { GENERIC_SYNC_FAILURE, type BillingSyncConfigRequest } from '../protocol/billing-sync.js';
import { OrganizationApiKeyType } from '../protocol/organization.js';
import { OrganizationConnectionType, type OrganizationConnectionResponse } from '../protocol/sso.js';
import { AuthError, BwmspError, ExitCode, NotFoundError, PartialFailureError, UsageError } from '../errors.js';
import { withAdminOrg, type OrgRef } from './admin-org.js';
import { connectAuthenticated, requireSession, type ConnectionDeps } from './connection.js';
import { userConnection } from './organization.js';
import { configValue } from './scim.js';
import { runFleet, type FleetRow } from './fleet.js';
import { masterPasswordVerification } from './secret-verification.js';

// ---------------------------------------------------------------------------------------------
// Failure classes and exit codes

/** Every way `billing-sync run` can fail, as a stable machine code (`billing_sync_<class>`). */
export type BillingSyncFailure =
  | 'not-self-hosted'
  | 'not-owner'
  | 'not-configured'
  | 'connection-disabled'
  | 'no-token'
  | 'token-rotated'
  | 'token-mismatch'
  | 'clock-skew'
  | 'cloud-refused'
  | 'license-refused'
  | 'not-recorded'
  | 'unreachable';

/**
 * Exit status per failure class (documented in `billing-sync run --help` and the README):
 * 4 = the account may not do this (not logged in, not an Owner); 1 = everything else. With several
 * --org, any failed organization makes the run exit 3 naming them.
 */
export const BILLING_SYNC_EXIT_CODES: Readonly<Record<BillingSyncFailure, number>> = {
  'not-self-hosted': ExitCode.Failure,
  'not-owner': ExitCode.Auth,
  'not-configured': ExitCode.Failure,
  'connection-disabled': ExitCode.Failure,
  'no-token': ExitCode.Failure,
  'token-rotated': ExitCode.Failure,
  'token-mismatch': ExitCode.Failure,
  'clock-skew': ExitCode.Failure,
  'cloud-refused': ExitCode.Failure,
  'license-refused': ExitCode.Failure,
  'not-recorded': ExitCode.Failure,
  unreachable: ExitCode.Failure,
};

/** Causes of the generic sync failure, all on the cloud leg (§7, last paragraph). */
export const GENERIC_FAILURE_CAUSES: readonly string[] = [
  'the billing sync token is wrong or was rotated on the cloud (run `bwmsp billing-sync token` against the cloud, then `billing-sync configure`)',
  'the installation id/key of the self-hosted server are wrong or the installation is disabled',
  'the server is configured for the other cloud region (US/EU installation and identity/api URIs)',
  'a firewall blocks the server from reaching the cloud api./identity. hosts',
  'the cloud organization has no active subscription, or its license cannot be issued for this installation',
];

export class BillingSyncError extends BwmspError {
  override readonly exitCode: ExitCode;
  override readonly code: string;
  readonly failure: BillingSyncFailure;
  readonly organizationId: string | undefined;

  constructor(failure: BillingSyncFailure, message: string, options: { hint?: string; cause?: unknown; organizationId?: string } = {}) {
    super(message, options);
    this.name = 'BillingSyncError';
    this.failure = failure;
    this.organizationId = options.organizationId;
    this.exitCode = BILLING_SYNC_EXIT_CODES[failure] as ExitCode;
    this.code = `billing_sync_${failure.replaceAll('-', '_')}`;
  }
}

/** Clock difference (ms) beyond which a sync is refused: licenses are checked with zero skew (§1.3). */
export const MAX_CLOCK_SKEW_MS = 30_000;

/** Maps an error of the sync call itself to its failure class (the server message verbatim when specific). */
export function classifySyncError(error: unknown, orgId: string): BillingSyncError | undefined {
  if (error instanceof BillingSyncError) return error;
  if (error instanceof NetworkError) {
    return new BillingSyncError('unreachable', `organization ${orgId}: the self-hosted server could not be reached: ${error.message}`, { cause: error, organizationId: orgId });
  }
  if (error instanceof ApiAuthError) {
    return new BillingSyncError('not-owner', `organization ${orgId}: the server refused this account (${error.status})`, {
      cause: error,
      organizationId: orgId,
      hint: "Log in again ('bwmsp login --apikey' in CI) as an Owner of the self-hosted organization.",
    });
  }
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404) {
    return new BillingSyncError('not-owner', `organization ${orgId}: not found on this server, or this account is not its Owner`, {
      cause: error,
      organizationId: orgId,
      hint: 'Only an Owner of the self-hosted organization can sync its license.',
    });
  }
  if (error.status !== 400) return undefined;
  const message = error.serverMessage ?? error.message;
  if (message === GENERIC_SYNC_FAILURE) {
    return new BillingSyncError('cloud-refused', `organization ${orgId}: the cloud refused the license sync, or could not be reached (server: "${message}")`, {
      cause: error,
      organizationId: orgId,
      hint: `The real cause is only in the self-hosted API log. Likely causes:\n${GENERIC_FAILURE_CAUSES.map((c) => `  - ${c}`).join('\n')}`,
    });
  }
  if (/^Connection disabled/i.test(message)) {
    return new BillingSyncError('connection-disabled', `organization ${orgId}: ${message}`, { cause: error, organizationId: orgId, hint: 'Enable it: bwmsp billing-sync configure --org ID --token ...' });
  }
  if (/Cloud communication is disabled|only available for self-hosted/i.test(message)) {
    return new BillingSyncError('not-self-hosted', `organization ${orgId}: ${message}`, { cause: error, organizationId: orgId, hint: NOT_SELF_HOSTED_HINT });
  }
  if (/Billing Sync Key|No saved Connection config|Error parsing Connection config/i.test(message)) {
    return new BillingSyncError('no-token', `organization ${orgId}: ${message}`, { cause: error, organizationId: orgId, hint: 'Configure the token again: bwmsp billing-sync configure --org ID --token ...' });
  }
  // CanUse / CanUseLicense and the other license checks (§2.4): verbatim.
  return new BillingSyncError('license-refused', `organization ${orgId}: the server refused the synced license: ${message}`, { cause: error, organizationId: orgId });
}

const NOT_SELF_HOSTED_HINT =
  'Billing sync runs on a self-hosted server with globalSettings__enableCloudCommunication=true and an installation id/key (bwmsp selfhost config set). Use the profile of that server.';

// ---------------------------------------------------------------------------------------------
// Reading a CloudBillingSync config

export interface BillingSyncConfig {
  billingSyncKey: string | null;
  cloudOrganizationId: string | null;
  /** ISO date with offset (the server's local clock); null = never synced. */
  lastLicenseSync: string | null;
}

/** Reads a CloudBillingSync connection config with any key casing (the server stores PascalCase, §3.2). */
export function billingSyncConfig(config: Record<string, unknown> | null | undefined): BillingSyncConfig {
  const get = (name: string): string | null => {
    const value = configValue(config, name);
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  };
  const cloud = get('cloudOrganizationId');
  return {
    billingSyncKey: get('billingSyncKey'),
    cloudOrganizationId: cloud === null || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(cloud) ? null : cloud,
    lastLicenseSync: get('lastLicenseSync'),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// token (cloud)

export interface BillingSyncTokenView {
  client: string;
  organizationId: string;
  token: string;
  revisionDate: string | null;
  /** `existing`: shown as it was; `created`: the first token; `rotated`: a new value. */
  action: 'existing' | 'created' | 'rotated';
}

/**
 * `POST organizations/{id}/api-key` (get-or-create) or `rotate-api-key`, type 1, after
 * `api-key-information/1` said whether a token exists. Remembers a note for §7 row 4.
 */
export async function billingSyncToken(
  d: ConnectionDeps,
  ref: OrgRef,
  askPassword: () => Promise<string>,
  options: { rotate: boolean; onExisting?: (revisionDate: string | null) => void },
): Promise<BillingSyncTokenView> {
  const { session, settings } = await requireSession(d);
  return withAdminOrg(d, ref, { key: 'none', orgApiKey: false, why: 'billing sync tokens need a user login' }, async (org) => {
    let before: string | null;
    try {
      before = await getApiKeyRevisionDate(org.api, org.orgId, OrganizationApiKeyType.BillingSync);
    } catch (error) {
      throw tokenRefused(error, org.name);
    }
    const existed = before !== null;
    options.onExisting?.(before);
    const body = { type: OrganizationApiKeyType.BillingSync, ...(await masterPasswordVerification(session, await askPassword())) };
    let key;
    try {
      key = options.rotate ? await rotateOrganizationApiKey(org.api, org.orgId, body) : await getOrganizationApiKey(org.api, org.orgId, body);
    } catch (error) {
      throw tokenRefused(error, org.name);
    }
    const revisionDate = key.revisionDate ?? null;
    const configDir = (await d.config()).dir;
    writeTokenNote(configDir, org.orgId, { profile: settings.profileName, revisionDate, tokenSha256: sha256(key.apiKey), recordedAt: d.clock.now().toISOString() });
    return { client: org.name, organizationId: org.orgId, token: key.apiKey, revisionDate, action: options.rotate ? 'rotated' : existed ? 'existing' : 'created' };
  });
}

function tokenRefused(error: unknown, name: string): unknown {
  if (error instanceof ApiError && error.status === 400 && /password|verification/i.test(error.message)) {
    return new AuthError('the server refused the master password', { hint: '', cause: error });
  }
  if (error instanceof ApiError && error.status === 404) {
    return new NotFoundError(`${name}: no billing sync token available`, {
      hint: 'Billing sync needs a Teams or Enterprise organization, and an Owner of it or a user of the provider that manages it.',
      cause: error,
    });
  }
  return error;
}

// ---------------------------------------------------------------------------------------------
// configure (self-hosted)

export interface BillingSyncConfigureResult {
  organizationId: string;
  connectionId: string;
  action: 'created' | 'updated' | 'unchanged';
  enabled: boolean;
  cloudOrganizationId: string | null;
  lastLicenseSync: string | null;
  /** The update made the server forget the previous `LastLicenseSync` (§3.2). */
  lastLicenseSyncCleared: boolean;
}

/** Creates (POST) or updates (PUT) the CloudBillingSync connection after reading the current one. */
export async function configureBillingSync(d: ConnectionDeps, orgId: string, token: string): Promise<BillingSyncConfigureResult> {
  const conn = await userConnection(d);
  try {
    const id = orgId.trim();
    const current = await getOrganizationConnection(conn.api, id, OrganizationConnectionType.CloudBillingSync).catch((e: unknown) => {
      throw configureRefused(e, id);
    });
    const currentConfig = billingSyncConfig(current.config);
    if (current.id !== null && current.enabled && currentConfig.billingSyncKey === token) {
      return result(id, current, 'unchanged', false);
    }
    // The web client sends only the key; PUT replaces the whole config (LastLicenseSync is lost).
    const config: BillingSyncConfigRequest = { billingSyncKey: token };
    const body = { type: OrganizationConnectionType.CloudBillingSync, organizationId: id, enabled: true, config };
    const saved = await (current.id === null ? createOrganizationConnection(conn.api, body) : updateOrganizationConnection(conn.api, current.id, body)).catch((e: unknown) => {
      throw configureRefused(e, id);
    });
    return result(id, saved, current.id === null ? 'created' : 'updated', current.id !== null && currentConfig.lastLicenseSync !== null && billingSyncConfig(saved.config).lastLicenseSync === null);
  } finally {
    await conn.api.close();
  }
}

function result(orgId: string, c: OrganizationConnectionResponse, action: BillingSyncConfigureResult['action'], cleared: boolean): BillingSyncConfigureResult {
  const config = billingSyncConfig(c.config);
  return {
    organizationId: orgId,
    connectionId: c.id ?? '',
    action,
    enabled: c.enabled,
    cloudOrganizationId: config.cloudOrganizationId,
    lastLicenseSync: config.lastLicenseSync,
    lastLicenseSyncCleared: cleared,
  };
}

function configureRefused(error: unknown, orgId: string): unknown {
  if (!(error instanceof ApiError) || error.status !== 400) return error;
  const message = error.serverMessage ?? error.message;
  if (/You do not have permission/i.test(message)) {
    return new BillingSyncError('not-owner', `organization ${orgId}: ${message}`, { cause: error, organizationId: orgId, hint: 'Only an Owner of the self-hosted organization can configure billing sync.' });
  }
  if (/outside of a self-hosted instance/i.test(message)) {
    return new BillingSyncError('not-self-hosted', `organization ${orgId}: ${message}`, { cause: error, organizationId: orgId, hint: 'The token goes to the self-hosted server: use that server\'s profile (--profile).' });
  }
  if (/Cannot verify license file/i.test(message)) {
    return new BillingSyncError('license-refused', `organization ${orgId}: ${message}`, {
      cause: error,
      organizationId: orgId,
      hint: "The organization's license file is missing or does not verify: apply a current license first (bwmsp license update FILE --org ID).",
    });
  }
  return error;
}

// ---------------------------------------------------------------------------------------------
// status (self-hosted)

export interface BillingSyncStatus {
  organizationId: string;
  name: string;
  cloudCommunication: boolean;
  configured: boolean;
  enabled: boolean;
  cloudOrganizationId: string | null;
  lastLicenseSync: string | null;
  licenseExpiration: string | null;
  expirationWithoutGracePeriod: string | null;
  seats: number | null;
}

async function readStatus(api: ApiClient, sync: Sync, orgId: string, cloudCommunication: boolean): Promise<BillingSyncStatus> {
  const membership = sync.profile.organizations.find((o) => o.id.toLowerCase() === orgId.toLowerCase());
  const [connection, subscription] = await Promise.all([
    getOrganizationConnection(api, orgId, OrganizationConnectionType.CloudBillingSync),
    getOrganizationSubscription(api, orgId),
  ]);
  const config = billingSyncConfig(connection.config);
  return {
    organizationId: orgId,
    name: membership?.name ?? orgId,
    cloudCommunication,
    configured: connection.id !== null,
    enabled: connection.id !== null && connection.enabled,
    cloudOrganizationId: config.cloudOrganizationId,
    lastLicenseSync: config.lastLicenseSync,
    licenseExpiration: subscription.expiration ?? null,
    expirationWithoutGracePeriod: subscription.expirationWithoutGracePeriod ?? null,
    seats: subscription.seats ?? null,
  };
}

export async function billingSyncStatus(d: ConnectionDeps, orgId: string): Promise<BillingSyncStatus> {
  const conn = await userConnection(d);
  try {
    const id = orgId.trim();
    const [enabled, sync] = await Promise.all([cloudCommunicationEnabled(conn.api), getSync(conn.api)]);
    try {
      return await readStatus(conn.api, sync, id, enabled);
    } catch (error) {
      throw configureRefused(classifyStatusError(error, id), id);
    }
  } finally {
    await conn.api.close();
  }
}

function classifyStatusError(error: unknown, orgId: string): unknown {
  if (error instanceof ApiError && error.status === 404) {
    return new BillingSyncError('not-owner', `organization ${orgId}: not found on this server, or this account is not its Owner`, { cause: error, organizationId: orgId });
  }
  return error;
}

// ---------------------------------------------------------------------------------------------
// run (self-hosted): preflight, sync, check

export type CheckResult = 'pass' | 'fail' | 'skip';

export interface PreflightRow {
  /** Row of the §7 table. */
  row: number;
  check: string;
  result: CheckResult;
  detail: string;
}

export interface SyncedOrganization {
  organizationId: string;
  name: string;
  previousSync: string | null;
  lastLicenseSync: string;
  licenseExpiration: string | null;
  seats: number | null;
  checks: PreflightRow[];
}

/** Clock check (§7 row 6): the server's `Date` header against the local clock. */
export function clockCheck(serverDate: string | undefined, now: Date): PreflightRow {
  const at = serverDate === undefined ? Number.NaN : Date.parse(serverDate);
  if (Number.isNaN(at)) return { row: 6, check: 'clock', result: 'skip', detail: 'the server sent no Date header' };
  const skew = at - now.getTime();
  // The Date header has 1-second resolution: allow for it on top of the limit.
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS + 1000) {
    return { row: 6, check: 'clock', result: 'fail', detail: `the server clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'ahead of' : 'behind'} this machine` };
  }
  return { row: 6, check: 'clock', result: 'pass', detail: `within ${MAX_CLOCK_SKEW_MS / 1000} s` };
}

/** Token-currency check (§7 row 4) from a note and, when reachable, the cloud's revision date. */
export function tokenCheck(note: BillingSyncTokenNote | undefined, configuredKey: string, cloudRevisionDate: string | null | undefined): PreflightRow {
  if (note === undefined) return { row: 4, check: 'token current', result: 'skip', detail: 'no note of this token in this config dir (bwmsp billing-sync token writes one)' };
  const configured = sha256(configuredKey);
  if (note.previousTokenSha256.includes(configured)) {
    return { row: 4, check: 'token current', result: 'fail', detail: `the configured token was rotated on the cloud (new token since ${note.revisionDate ?? note.recordedAt})` };
  }
  if (cloudRevisionDate !== undefined && cloudRevisionDate !== note.revisionDate) {
    return { row: 4, check: 'token current', result: 'fail', detail: `the cloud token was rotated at ${cloudRevisionDate ?? 'an unknown time'}, after the token noted at ${note.revisionDate ?? note.recordedAt}` };
  }
  if (configured !== note.tokenSha256) {
    if (cloudRevisionDate === undefined) return { row: 4, check: 'token current', result: 'skip', detail: `differs from the token noted from profile ${note.profile}; cannot reach the cloud to compare` };
    return { row: 4, check: 'token current', result: 'fail', detail: 'the configured token is not the current cloud token' };
  }
  return { row: 4, check: 'token current', result: 'pass', detail: cloudRevisionDate === undefined ? `same as noted from profile ${note.profile}` : 'same as the current cloud token' };
}

export interface BillingSyncRunOptions {
  orgIds: readonly string[];
  concurrency: number;
  onDone?: (row: FleetRow & { synced?: SyncedOrganization; failure?: BillingSyncError }) => void;
}

/** The cloud revision date of the noted profile's token, or undefined when it cannot be read. */
async function cloudRevision(d: ConnectionDeps, note: BillingSyncTokenNote, cloudOrgId: string): Promise<string | null | undefined> {
  try {
    const store = await d.config();
    if (store.getProfile(note.profile) === undefined) return undefined;
    const settings = resolveSettings({ flags: { profile: note.profile }, env: {}, store });
    const conn = await connectAuthenticated({ ...d, settings: () => Promise.resolve(settings) });
    try {
      return await getApiKeyRevisionDate(conn.api, cloudOrgId, OrganizationApiKeyType.BillingSync);
    } finally {
      await conn.api.close();
    }
  } catch (error) {
    d.debug(`token check: cloud profile ${note.profile} not usable (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

async function syncOne(d: ConnectionDeps, api: ApiClient, sync: Sync, orgId: string, globalChecks: PreflightRow[]): Promise<SyncedOrganization> {
  const checks = [...globalChecks];
  const fail = (failure: BillingSyncFailure, row: PreflightRow, message: string, hint?: string): never => {
    checks.push(row);
    throw new BillingSyncError(failure, message, { organizationId: orgId, ...(hint ? { hint } : {}) });
  };
  // Row 2: Owner of the self-hosted organization.
  const membership = sync.profile.organizations.find((o) => o.id.toLowerCase() === orgId.toLowerCase());
  const providerOrg = sync.profile.providerOrganizations.some((o) => o.id.toLowerCase() === orgId.toLowerCase());
  const name = membership?.name ?? orgId;
  if (membership === undefined && !providerOrg) {
    fail('not-owner', { row: 2, check: 'owner', result: 'fail', detail: 'not a member' }, `organization ${orgId}: not on this server, or this account is not a member of it`, 'Use the profile of the self-hosted server the organization lives on, logged in as its Owner.');
  }
  if (!providerOrg && membership?.type !== 0) {
    fail('not-owner', { row: 2, check: 'owner', result: 'fail', detail: 'member, not Owner' }, `organization ${orgId} (${name}): this account is not an Owner (only Owners can sync the license)`);
  }
  checks.push({ row: 2, check: 'owner', result: 'pass', detail: providerOrg ? 'provider user' : 'Owner' });

  // Row 3: the connection exists, is enabled and holds a key.
  const connection = await getOrganizationConnection(api, orgId, OrganizationConnectionType.CloudBillingSync);
  const config = billingSyncConfig(connection.config);
  const configureHint = `Configure it: bwmsp billing-sync configure --org ${orgId} --token ... (token from 'bwmsp billing-sync token' on the cloud)`;
  if (connection.id === null) fail('not-configured', { row: 3, check: 'connection', result: 'fail', detail: 'none' }, `organization ${orgId} (${name}): billing sync is not configured`, configureHint);
  if (!connection.enabled) fail('connection-disabled', { row: 3, check: 'connection', result: 'fail', detail: 'disabled' }, `organization ${orgId} (${name}): the billing sync connection is disabled`, configureHint);
  const key = config.billingSyncKey;
  if (key === null) return fail('no-token', { row: 3, check: 'connection', result: 'fail', detail: 'no token' }, `organization ${orgId} (${name}): the billing sync connection holds no token`, configureHint);
  checks.push({ row: 3, check: 'connection', result: 'pass', detail: 'enabled, token set' });

  // Row 4: the token is still the cloud's current one (needs a note from `billing-sync token`).
  const note = config.cloudOrganizationId === null ? undefined : readTokenNote((await d.config()).dir, config.cloudOrganizationId);
  const revision = note === undefined || config.cloudOrganizationId === null ? undefined : await cloudRevision(d, note, config.cloudOrganizationId);
  const token = tokenCheck(note, key, revision);
  if (token.result === 'fail') {
    fail(
      token.detail.includes('rotated') ? 'token-rotated' : 'token-mismatch',
      token,
      `organization ${orgId} (${name}): ${token.detail}`,
      `Get the current token (bwmsp billing-sync token --org ${config.cloudOrganizationId ?? 'CLOUD-ORG'} --profile ${note?.profile ?? 'CLOUD'}) and configure it again.`,
    );
  }
  checks.push(token);
  // Rows 10-11 (claims and capacity) need the new license, which only the server fetches: its
  // specific refusals come back verbatim (license-refused).

  try {
    await syncOrganizationLicense(api, orgId);
  } catch (error) {
    throw classifySyncError(error, orgId) ?? error;
  }

  // Row 13: the sync was recorded.
  const [after, subscription] = await Promise.all([
    getOrganizationConnection(api, orgId, OrganizationConnectionType.CloudBillingSync),
    getOrganizationSubscription(api, orgId),
  ]);
  const last = billingSyncConfig(after.config).lastLicenseSync;
  if (last === null || last === config.lastLicenseSync) {
    fail('not-recorded', { row: 13, check: 'recorded', result: 'fail', detail: 'LastLicenseSync did not move' }, `organization ${orgId} (${name}): the server accepted the sync but did not record it (LastLicenseSync ${last ?? 'never'})`);
  }
  checks.push({ row: 13, check: 'recorded', result: 'pass', detail: `LastLicenseSync ${last}` });
  return {
    organizationId: orgId,
    name,
    previousSync: config.lastLicenseSync,
    lastLicenseSync: last as string,
    licenseExpiration: subscription.expiration ?? null,
    seats: subscription.seats ?? null,
    checks,
  };
}

export interface BillingSyncRunResult {
  rows: (FleetRow & { synced?: SyncedOrganization; failure?: BillingSyncError })[];
}

/**
 * Runs the server-wide checks (rows 1 and 6) once, then each organization's checks and sync with
 * bounded concurrency. One organization: its own failure is thrown. Several: failures are
 * collected and a PartialFailureError (exit 3) names them.
 */
export async function runBillingSync(d: ConnectionDeps, options: BillingSyncRunOptions): Promise<BillingSyncRunResult> {
  const ids = [...new Set(options.orgIds.map((o) => o.trim().toLowerCase()))];
  if (ids.length === 0) throw new UsageError('name at least one organization with --org ID');
  const conn = await userConnection(d);
  try {
    // Row 1: self-hosted with cloud communication; row 6: the server clock (its Date header).
    let serverDate: string | undefined;
    const enabled = await cloudCommunicationEnabled(conn.api, (headers) => {
      const value = headers.date;
      serverDate = Array.isArray(value) ? value[0] : value;
    }).catch((error: unknown) => {
      throw classifySyncError(error, ids[0] as string) ?? error;
    });
    if (!enabled) {
      throw new BillingSyncError('not-self-hosted', 'this server is not self-hosted, or its cloud communication is off (GET organizations/connections/enabled is false)', { hint: NOT_SELF_HOSTED_HINT });
    }
    const clock = clockCheck(serverDate, d.clock.now());
    if (clock.result === 'fail') {
      throw new BillingSyncError('clock-skew', `${clock.detail}; licenses are checked with zero clock skew, so the synced license would be refused or disable the organization`, {
        hint: 'Synchronize the clocks (NTP) of this machine and the server.',
      });
    }
    const globalChecks: PreflightRow[] = [{ row: 1, check: 'self-hosted', result: 'pass', detail: 'cloud communication on' }, clock];
    const sync = await getSync(conn.api);

    if (ids.length === 1) {
      const orgId = ids[0] as string;
      const synced = await syncOne(d, conn.api, sync, orgId, globalChecks).catch((error: unknown) => {
        throw classifySyncError(error, orgId) ?? error;
      });
      const row = { client: synced.name, clientId: orgId, result: 'ok' as const, detail: `synced at ${synced.lastLicenseSync}`, synced };
      options.onDone?.(row);
      return { rows: [row] };
    }

    const outcomes = new Map<string, { synced?: SyncedOrganization; failure?: BillingSyncError }>();
    const rows = await runFleet(
      ids.map((id) => ({ id, name: sync.profile.organizations.find((o) => o.id.toLowerCase() === id)?.name ?? id })),
      async (org) => {
        try {
          const synced = await syncOne(d, conn.api, sync, org.id, globalChecks);
          outcomes.set(org.id, { synced });
          return { detail: `synced at ${synced.lastLicenseSync}` };
        } catch (error) {
          const classified = classifySyncError(error, org.id);
          if (classified !== undefined) outcomes.set(org.id, { failure: classified });
          throw classified ?? error;
        }
      },
      { concurrency: options.concurrency, onDone: (row) => options.onDone?.({ ...row, ...outcomes.get(row.clientId) }) },
    );
    const full = rows.map((row) => ({ ...row, ...outcomes.get(row.clientId) }));
    const failed = full.filter((r) => r.result === 'failed');
    if (failed.length > 0) {
      throw new PartialFailureError(
        `billing sync failed for ${failed.length} of ${full.length} organizations: ${failed.map((r) => r.clientId).join(', ')}`,
        failed.map((r) => ({ item: r.clientId, error: r.failure ? `${r.failure.code}: ${r.detail}` : r.detail })),
        { hint: 'Each failure above names its cause; re-run with only the failed --org values once fixed.' },
      );
    }
    return { rows: full };
  } finally {
    await conn.api.close();
  }
}
