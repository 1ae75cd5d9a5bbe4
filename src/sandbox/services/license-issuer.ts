/**
 * The cloud's organization license (licensing-and-selfhost.md §1): preconditions of
 * `GetCloudOrganizationLicenseQuery`, dates of `LicenseExtensions`, the claims of
 * `OrganizationLicenseClaimsFactory` in an RS256 token, and the legacy hash/signature (§1.4), all
 * signed with the sandbox's license key (license-signing.ts).
 *
 * The sandbox has no Stripe. Its stand-in for an organization's subscription:
 * - a provider-managed organization (status Managed) uses its provider's billing subscription (as the
 *   official server does), annual when all provider plans are;
 * - any other organization on a paid plan has an `active` subscription whose periods run from its
 *   creation date, monthly or annual by plan;
 * - a Free organization has none.
 * Where the official cloud's `Organization.ExpirationDate` is kept at the current period end by the
 * billing webhooks, the sandbox uses the stored expiration date, else that period end.
 */
import { randomUUID } from 'node:crypto';
import { licenseHash, licenseSignatureData, type LicenseSignedFields } from '../../crypto/license-data.js';
import { signJwtRs256, signLicenseData } from '../../crypto/license-signature.js';
import { CLOUD_LICENSE_VERSION, LicenseType, SELF_HOST_GRACE_PERIOD_DAYS, type OrganizationLicense } from '../../protocol/license.js';
import { OrganizationStatusType, PlanType } from '../../protocol/organization.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { licenseSigner } from '../license-signing.js';
import type { OrganizationRecord } from '../repositories/organizations.js';
import type { SandboxStore } from '../store.js';
import { addMonths, currentBillingPeriod, providerBillsAnnually } from './billing.js';
import { findPlan } from './plans.js';

const DAY_MS = 86_400_000;
const PAYMENT_ISSUE =
  'Unable to generate license due to a payment issue. Please update your billing information or contact support for assistance.';

/** What the license dates are computed from (`SubscriptionInfo.Subscription`). */
export interface LicenseSubscription {
  status: string;
  trialEnd: Date | null;
  periodStart: Date;
  periodEnd: Date;
}

/** The sandbox's subscription of an organization (see the module comment), or null. */
export function organizationSubscription(store: SandboxStore, org: OrganizationRecord, now: Date): LicenseSubscription | null {
  if (org.status === OrganizationStatusType.Managed) {
    const link = store.providers.findOrganizationLink(org.id);
    const subscription = link === undefined ? undefined : store.billing.findSubscription(link.provider.id);
    if (link === undefined || subscription === undefined) return null;
    const period = currentBillingPeriod(subscription, providerBillsAnnually(store, link.provider.id), now);
    return {
      status: subscription.status,
      trialEnd: subscription.trialEnd === null ? null : new Date(subscription.trialEnd),
      periodStart: period.start,
      periodEnd: period.end,
    };
  }
  if (org.planType === PlanType.Free) return null;
  const annual = findPlan(org.planType)?.isAnnual ?? false;
  const period = currentBillingPeriod({ periodStart: org.creationDate, trialEnd: null }, annual, now);
  return { status: 'active', trialEnd: null, periodStart: period.start, periodEnd: period.end };
}

export interface LicenseDates {
  issued: Date;
  expires: Date;
  refresh: Date;
  expirationWithoutGracePeriod: Date | null;
  trial: boolean;
}

/** `LicenseExtensions` (§1.2 date rules; first match wins). */
export function licenseDates(orgExpiration: Date | null, subscription: LicenseSubscription | null, issued: Date): LicenseDates {
  const now = issued.getTime();
  if (subscription === null) {
    const date = orgExpiration ?? new Date(now + 7 * DAY_MS);
    return { issued, expires: date, refresh: date, expirationWithoutGracePeriod: null, trial: orgExpiration === null };
  }
  const trialing = subscription.trialEnd !== null && subscription.trialEnd.getTime() > now;
  const annual = subscription.periodEnd.getTime() - subscription.periodStart.getTime() > 180 * DAY_MS;
  const withoutGrace =
    !trialing && orgExpiration !== null && orgExpiration.getTime() >= now && annual ? subscription.periodEnd : null;
  const base = { issued, expirationWithoutGracePeriod: withoutGrace, trial: trialing };
  if (trialing && subscription.trialEnd !== null) return { ...base, expires: subscription.trialEnd, refresh: subscription.trialEnd };
  if (orgExpiration !== null && orgExpiration.getTime() < now) return { ...base, expires: orgExpiration, refresh: orgExpiration };
  if (annual) {
    return {
      ...base,
      expires: new Date(subscription.periodEnd.getTime() + SELF_HOST_GRACE_PERIOD_DAYS * DAY_MS),
      refresh: new Date(now + 30 * DAY_MS),
    };
  }
  const expires = orgExpiration === null ? addMonths(issued, 12) : addMonths(orgExpiration, 11);
  const refresh = now - expires.getTime() > 30 * DAY_MS ? new Date(now + 30 * DAY_MS) : expires;
  return { ...base, expires, refresh };
}

/** .NET's round-trip text of a UTC DateTime (7 fractional digits). */
export function dotnetDate(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** `DateTime.ToString(CultureInfo.InvariantCulture)`: `MM/dd/yyyy HH:mm:ss` (§1.3). */
export function claimDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

const dotnetBool = (value: boolean): string => (value ? 'True' : 'False');

/** The token claims (§1.3): every custom claim string-valued, optional ones omitted when null. */
function licenseClaims(org: OrganizationRecord, installationId: string, dates: LicenseDates): Record<string, unknown> {
  const nowSeconds = Math.floor(dates.issued.getTime() / 1000);
  const claims: Record<string, unknown> = {
    LicenseType: 'Organization',
    Id: org.id,
    Enabled: dotnetBool(org.enabled),
    PlanType: String(org.planType),
    UsePolicies: dotnetBool(org.usePolicies),
    UseSso: dotnetBool(org.useSso),
    UseKeyConnector: dotnetBool(org.useKeyConnector),
    UseScim: dotnetBool(org.useScim),
    UseGroups: dotnetBool(org.useGroups),
    UseEvents: dotnetBool(org.useEvents),
    UseDirectory: dotnetBool(org.useDirectory),
    UseTotp: dotnetBool(org.useTotp),
    Use2fa: dotnetBool(org.use2fa),
    UseApi: dotnetBool(org.useApi),
    UseResetPassword: dotnetBool(org.useResetPassword),
    SelfHost: dotnetBool(org.selfHost),
    UsersGetPremium: dotnetBool(org.usersGetPremium),
    UseCustomPermissions: dotnetBool(org.useCustomPermissions),
    UsePasswordManager: dotnetBool(org.usePasswordManager),
    UseSecretsManager: dotnetBool(org.useSecretsManager),
    LimitCollectionCreationDeletion: dotnetBool(org.limitCollectionCreation || org.limitCollectionDeletion),
    AllowAdminAccessToAllCollectionItems: dotnetBool(org.allowAdminAccessToAllCollectionItems),
    UseRiskInsights: dotnetBool(org.useRiskInsights),
    Issued: claimDate(dates.issued),
    Expires: claimDate(dates.expires),
    Refresh: claimDate(dates.refresh),
    Trial: dotnetBool(dates.trial),
    UseAdminSponsoredFamilies: dotnetBool(org.useAdminSponsoredFamilies),
    UseOrganizationDomains: dotnetBool(org.useOrganizationDomains),
    UseAutomaticUserConfirmation: dotnetBool(org.useAutomaticUserConfirmation),
    UseDisableSmAdsForUsers: 'False',
    UsePhishingBlocker: 'False',
    UseMyItems: 'False',
    UseInviteLinks: 'False',
    UsePam: 'False',
  };
  const optional: [string, string | number | null][] = [
    ['Name', org.name],
    ['BillingEmail', org.billingEmail],
    ['Plan', org.plan],
    ['BusinessName', org.businessName],
    ['LicenseKey', org.licenseKey],
    ['InstallationId', installationId],
    ['Seats', org.seats],
    ['MaxCollections', org.maxCollections],
    ['MaxStorageGb', org.maxStorageGb],
    ['SmSeats', org.smSeats],
    ['SmServiceAccounts', org.smServiceAccounts],
  ];
  for (const [name, value] of optional) if (value !== null) claims[name] = String(value);
  if (dates.expirationWithoutGracePeriod !== null) {
    claims.ExpirationWithoutGracePeriod = claimDate(dates.expirationWithoutGracePeriod);
  }
  return {
    ...claims,
    jti: randomUUID(),
    nbf: nowSeconds,
    exp: nowSeconds + 365 * 86_400,
    iat: nowSeconds,
    iss: 'bitwarden',
    aud: `organization:${org.id}`,
  };
}

export interface IssueLicenseOptions {
  organizationId: string;
  installationId: string;
  now: Date;
}

/**
 * The license of a cloud organization for an installation, in the API's camelCase shape. Throws the
 * §1.1 400s ("Invalid installation id", "No active subscription found.", payment issue); an unknown
 * organization is a 404. Does not record the installation (the routes do).
 */
export function issueOrganizationLicense(store: SandboxStore, options: IssueLicenseOptions): OrganizationLicense {
  const { now } = options;
  const org = store.organizations.findById(options.organizationId);
  if (org === undefined) throw new NotFoundError();
  const installation = store.licensing.findInstallation(options.installationId);
  if (installation === undefined || !installation.enabled) throw new BadRequestError('Invalid installation id');
  const subscription = organizationSubscription(store, org, now);
  const storedExpiration = org.expirationDate === null ? null : new Date(org.expirationDate);
  if (subscription === null) {
    if (storedExpiration === null || storedExpiration.getTime() <= now.getTime()) {
      throw new BadRequestError('No active subscription found.');
    }
  } else if (['canceled', 'incomplete', 'incomplete_expired'].includes(subscription.status)) {
    throw new BadRequestError(PAYMENT_ISSUE);
  }
  const orgExpiration = storedExpiration ?? subscription?.periodEnd ?? null;
  const dates = licenseDates(orgExpiration, subscription, now);
  const installationId = installation.id;
  const fields: LicenseSignedFields = {
    licenseKey: org.licenseKey,
    installationId,
    id: org.id,
    name: org.name,
    billingEmail: org.billingEmail,
    businessName: org.businessName,
    enabled: org.enabled,
    plan: org.plan,
    planType: org.planType,
    seats: org.seats,
    maxCollections: org.maxCollections,
    useGroups: org.useGroups,
    useDirectory: org.useDirectory,
    useTotp: org.useTotp,
    usersGetPremium: org.usersGetPremium,
    useEvents: org.useEvents,
    use2fa: org.use2fa,
    useApi: org.useApi,
    usePolicies: org.usePolicies,
    useSso: org.useSso,
    useResetPassword: org.useResetPassword,
    useKeyConnector: org.useKeyConnector,
    useScim: org.useScim,
    useCustomPermissions: org.useCustomPermissions,
    maxStorageGb: org.maxStorageGb,
    selfHost: org.selfHost,
    version: CLOUD_LICENSE_VERSION,
    issued: dotnetDate(dates.issued),
    refresh: dotnetDate(dates.refresh),
    expires: dotnetDate(dates.expires),
    expirationWithoutGracePeriod: dates.expirationWithoutGracePeriod === null ? null : dotnetDate(dates.expirationWithoutGracePeriod),
    usePasswordManager: org.usePasswordManager,
    useSecretsManager: org.useSecretsManager,
    smSeats: org.smSeats,
    smServiceAccounts: org.smServiceAccounts,
    limitCollectionCreationDeletion: org.limitCollectionCreation || org.limitCollectionDeletion,
    allowAdminAccessToAllCollectionItems: org.allowAdminAccessToAllCollectionItems,
    trial: dates.trial,
    hash: null,
  };
  const signer = licenseSigner(store, now);
  const hash = licenseHash(fields);
  const signature = signLicenseData(licenseSignatureData({ ...fields, hash }), signer.privateKeyPkcs8);
  const token = signJwtRs256(licenseClaims(org, installationId, dates), signer.privateKeyPkcs8);
  return {
    licenseKey: fields.licenseKey,
    installationId,
    id: org.id,
    name: fields.name,
    billingEmail: fields.billingEmail,
    businessName: fields.businessName,
    enabled: fields.enabled,
    plan: fields.plan,
    planType: fields.planType,
    seats: fields.seats,
    maxCollections: fields.maxCollections,
    useGroups: fields.useGroups,
    useDirectory: fields.useDirectory,
    useTotp: fields.useTotp,
    usersGetPremium: fields.usersGetPremium,
    useEvents: fields.useEvents,
    use2fa: fields.use2fa,
    useApi: fields.useApi,
    usePolicies: fields.usePolicies,
    useSso: fields.useSso,
    useResetPassword: fields.useResetPassword,
    useKeyConnector: fields.useKeyConnector,
    useScim: fields.useScim,
    useCustomPermissions: fields.useCustomPermissions,
    maxStorageGb: fields.maxStorageGb,
    selfHost: fields.selfHost,
    version: fields.version,
    issued: fields.issued ?? dotnetDate(now),
    refresh: fields.refresh,
    expires: fields.expires,
    expirationWithoutGracePeriod: fields.expirationWithoutGracePeriod,
    usePasswordManager: fields.usePasswordManager,
    useSecretsManager: fields.useSecretsManager,
    smSeats: fields.smSeats,
    smServiceAccounts: fields.smServiceAccounts,
    useRiskInsights: org.useRiskInsights,
    usePhishingBlocker: false,
    limitCollectionCreationDeletion: fields.limitCollectionCreationDeletion,
    allowAdminAccessToAllCollectionItems: fields.allowAdminAccessToAllCollectionItems,
    trial: fields.trial,
    licenseType: LicenseType.Organization,
    useOrganizationDomains: org.useOrganizationDomains,
    useAdminSponsoredFamilies: org.useAdminSponsoredFamilies,
    useAutomaticUserConfirmation: false,
    useDisableSmAdsForUsers: false,
    useMyItems: false,
    useInviteLinks: false,
    usePam: false,
    hash,
    signature,
    token,
  };
}
