/**
 * Organizations the user belongs to, outside any provider (admin-api.md §3): list, view, create
 * (keys made here: org key, org key pair, first collection name; auth-and-crypto.md §5) and the
 * organization API key behind a master password re-prompt (§3.4).
 */
import {
  createOrganization as postOrganization,
  getOrganization,
  getOrganizationApiKey,
  listOrganizations,
  rotateOrganizationApiKey,
  type Organization,
  type OrganizationMembership,
} from '../api/endpoints/organizations.js';
import { ApiAuthError, ApiError } from '../api/errors.js';
import { encapsulateSymmetricKey, encryptString, makeOrgKeys } from '../crypto/index.js';
import { AuthError, NotFoundError, UsageError } from '../errors.js';
import { connectAuthenticated, type AuthenticatedConnection, type ConnectionDeps } from './connection.js';
import { roleWord, statusWord } from './member-input.js';
import { masterPasswordVerification } from './secret-verification.js';
import { htmlDecode, openVault } from './vault.js';

export const PLANS = ['free', 'families', 'teams', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** PlanType sent on create: the current annual plan of each product tier (protocol PlanType). */
const PLAN_TYPES: Record<Plan, number> = { free: 0, families: 22, teams: 18, enterprise: 20 };
/** Seats of the plans whose seat count is fixed. */
const FIXED_SEATS: Partial<Record<Plan, number>> = { free: 2, families: 6 };

export function planTypeOf(plan: Plan): number {
  return PLAN_TYPES[plan];
}

/** The product word of a PlanType (or, without one, a ProductTierType). */
export function planWord(planType: number | null | undefined, productTierType?: number | null): string {
  if (planType !== null && planType !== undefined) {
    if (planType === 0) return 'free';
    if ([1, 7, 22].includes(planType)) return 'families';
    if ([2, 3, 8, 9, 12, 13, 17, 18].includes(planType)) return 'teams';
    if ([16, 21].includes(planType)) return 'teams-starter';
    if ([4, 5, 10, 11, 14, 15, 19, 20].includes(planType)) return 'enterprise';
    if (planType === 6) return 'custom';
  }
  switch (productTierType) {
    case 0:
      return 'free';
    case 1:
      return 'families';
    case 2:
      return 'teams';
    case 3:
      return 'enterprise';
    case 4:
      return 'teams-starter';
    default:
      return 'unknown';
  }
}

export interface OrganizationListItem {
  id: string;
  name: string;
  role: string;
  status: string;
  plan: string;
  seats: number | null;
  enabled: boolean;
  providerId: string | null;
  providerName: string | null;
}

function listItem(m: OrganizationMembership): OrganizationListItem {
  return {
    id: m.id,
    name: htmlDecode(m.name ?? m.id),
    role: roleWord(m.type),
    status: statusWord(m.status ?? 2),
    plan: planWord(m.planType, m.productTierType),
    seats: m.seats ?? null,
    enabled: m.enabled ?? true,
    providerId: m.providerId ?? null,
    providerName: m.providerName ? htmlDecode(m.providerName) : null,
  };
}

/** An authenticated connection of a user session (organization API keys cannot use these routes). */
export async function userConnection(d: ConnectionDeps): Promise<AuthenticatedConnection> {
  const conn = await connectAuthenticated(d);
  if (conn.session.authMethod === 'org-apikey') {
    await conn.api.close();
    throw new UsageError('this command needs a user login; the profile is logged in with an organization API key', {
      hint: "Run 'bwmsp login' or 'bwmsp login --apikey' with a user account.",
    });
  }
  return conn;
}

/** `GET /organizations`: the caller's confirmed memberships, sorted by name. */
export async function listMyOrganizations(d: ConnectionDeps): Promise<OrganizationListItem[]> {
  const conn = await userConnection(d);
  try {
    const orgs = (await listOrganizations(conn.api)).map(listItem);
    return orgs.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await conn.api.close();
  }
}

export interface OrganizationView extends OrganizationListItem {
  billingEmail: string | null;
  businessName: string | null;
  planType: number | null;
  maxAutoscaleSeats: number | null;
  maxCollections: number | null;
  features: string[];
  selfHost: boolean | null;
}

const FEATURES = ['usePolicies', 'useGroups', 'useEvents', 'useApi', 'use2fa', 'useSso', 'useScim', 'useCustomPermissions', 'useResetPassword'] as const;

function featureWords(source: Record<string, unknown>): string[] {
  return FEATURES.filter((f) => source[f] === true).map((f) => (f === 'use2fa' ? '2fa' : f.slice(3).replace(/^./, (c) => c.toLowerCase())));
}

function orgView(org: Organization | undefined, membership: OrganizationMembership | undefined, id: string): OrganizationView {
  const base = membership ? listItem(membership) : undefined;
  return {
    id: org?.id ?? membership?.id ?? id,
    name: htmlDecode(org?.name ?? membership?.name ?? id),
    role: base?.role ?? (org ? 'provider' : 'unknown'),
    status: base?.status ?? 'confirmed',
    plan: planWord(org?.planType ?? membership?.planType, org?.plan?.productTier ?? membership?.productTierType),
    seats: org?.seats ?? membership?.seats ?? null,
    enabled: base?.enabled ?? true,
    providerId: base?.providerId ?? null,
    providerName: base?.providerName ?? null,
    billingEmail: org?.billingEmail ?? null,
    businessName: org?.businessName ? htmlDecode(org.businessName) : null,
    planType: org?.planType ?? membership?.planType ?? null,
    maxAutoscaleSeats: org?.maxAutoscaleSeats ?? null,
    maxCollections: org?.maxCollections ?? null,
    features: featureWords({ ...(membership ?? {}), ...(org ?? {}) }),
    selfHost: org?.selfHost ?? null,
  };
}

/**
 * One organization: `GET /organizations/{id}` (owners and the provider), completed by the caller's
 * membership; members who are not owners see what their membership says.
 */
export async function viewOrganization(d: ConnectionDeps, orgId: string): Promise<OrganizationView> {
  const conn = await userConnection(d);
  try {
    const memberships = await listOrganizations(conn.api);
    const membership = memberships.find((m) => m.id.toLowerCase() === orgId.trim().toLowerCase());
    let org: Organization | undefined;
    try {
      org = await getOrganization(conn.api, orgId.trim());
    } catch (error) {
      const refused = error instanceof ApiAuthError || (error instanceof ApiError && (error.status === 404 || error.status === 400));
      if (!refused) throw error;
      if (!membership) throw new NotFoundError(`organization ${orgId} not found, or not reachable from this account`, { hint: "Run 'bwmsp org list'." });
    }
    return orgView(org, membership, orgId);
  } finally {
    await conn.api.close();
  }
}

export interface CreateOrganizationInput {
  name: string;
  billingEmail?: string | undefined;
  plan: Plan;
  seats?: number | undefined;
  collectionName: string;
}

export interface CreatedOrganization {
  id: string;
  name: string;
  plan: string;
  seats: number | null;
  billingEmail: string;
  collectionName: string;
  /** False when the new membership could not be put into the access token yet (log in again). */
  tokenRefreshed: boolean;
}

/** Checks name, plan and seats before any key is made. */
export function validateCreateInput(input: CreateOrganizationInput): void {
  const name = input.name.trim();
  if (name === '') throw new UsageError('--name must not be empty');
  if (name.length > 50) throw new UsageError(`--name is ${name.length} characters; the server allows at most 50`);
  if (input.collectionName.trim() === '') throw new UsageError('--collection must not be empty');
  const fixed = FIXED_SEATS[input.plan];
  if (fixed !== undefined && input.seats !== undefined) {
    throw new UsageError(`--seats does not apply to the ${input.plan} plan (always ${fixed} seats)`);
  }
  if (fixed === undefined && (input.seats === undefined || input.seats < 1)) {
    throw new UsageError(`the ${input.plan} plan needs --seats N (at least 1)`);
  }
  if (input.billingEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(input.billingEmail.trim())) {
    throw new UsageError(`--billing-email ${input.billingEmail}: not an e-mail address`);
  }
}

/**
 * `POST /organizations`: a fresh org key RSA-wrapped to the caller's own public key, the org key
 * pair (private key under the org key) and the first collection's name under the org key
 * (admin-api.md §3.1, §13). The caller becomes its confirmed owner; the access token is then
 * refreshed (and saved) so that the new membership claim is in it (admin-api.md §0.2).
 */
export async function createOrganization(d: ConnectionDeps, input: CreateOrganizationInput): Promise<CreatedOrganization> {
  validateCreateInput(input);
  const vault = await openVault(d);
  try {
    const publicKey = vault.keys.publicKey;
    if (!publicKey) throw new AuthError('this account has no key pair; log in to the web vault once to create it, then try again');
    const billingEmail = (input.billingEmail ?? vault.conn.session.email ?? vault.sync.profile.email).trim().toLowerCase();
    const keys = makeOrgKeys();
    const collectionName = input.collectionName.trim();
    const fixed = FIXED_SEATS[input.plan];
    const org = await postOrganization(vault.conn.api, {
      name: input.name.trim(),
      billingEmail,
      planType: planTypeOf(input.plan),
      key: encapsulateSymmetricKey(keys.orgKey, publicKey),
      keys: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
      collectionName: encryptString(collectionName, keys.orgKey),
      ...(fixed === undefined && input.seats !== undefined ? { additionalSeats: input.seats } : {}),
      useSecretsManager: false,
    });
    // The new owner claim is only in a token issued from now on (admin-api.md §0.2).
    const tokenRefreshed = await vault.conn.refreshAccessToken();
    return {
      id: org.id,
      name: htmlDecode(org.name ?? input.name.trim()),
      plan: planWord(org.planType ?? planTypeOf(input.plan)),
      seats: org.seats ?? input.seats ?? fixed ?? null,
      billingEmail,
      collectionName,
      tokenRefreshed,
    };
  } finally {
    await vault.close();
  }
}

export interface OrganizationApiKeyView {
  organizationId: string;
  clientId: string;
  clientSecret: string;
  revisionDate: string | null;
}

/**
 * The organization's Public API key (type 0 Default): `POST /organizations/{id}/api-key`, or with
 * `rotate` `POST /organizations/{id}/rotate-api-key`, each verified by the master password hash.
 */
export async function organizationApiKey(
  d: ConnectionDeps,
  orgId: string,
  askPassword: () => Promise<string>,
  options: { rotate: boolean },
): Promise<OrganizationApiKeyView> {
  const conn = await userConnection(d);
  try {
    // Asked only once we know there is a user session to verify it against.
    const verification = await masterPasswordVerification(conn.session, await askPassword());
    const body = { type: 0, ...verification };
    const id = orgId.trim();
    let key;
    try {
      key = options.rotate ? await rotateOrganizationApiKey(conn.api, id, body) : await getOrganizationApiKey(conn.api, id, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && /password|verification/i.test(error.message)) {
        throw new AuthError('the server refused the master password', { hint: '', cause: error });
      }
      throw error;
    }
    return { organizationId: id, clientId: `organization.${id}`, clientSecret: key.apiKey, revisionDate: key.revisionDate ?? null };
  } finally {
    await conn.api.close();
  }
}
