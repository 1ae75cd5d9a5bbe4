/**
 * Self-hosted license checks (licensing-and-selfhost.md §1.3, §1.4, §2.2–§2.4):
 * - `parseUploadedLicense`: the JSON file, bound case-insensitively (any parse failure → null, which
 *   the routes answer with 400 "Invalid license");
 * - `validateLicense`: token validation (`GetClaimsPrincipalFromLicense`) then `CanUse` — the message
 *   lines; the routes prefix them with "Invalid license. ";
 * - `licenseValues`: the licensed values, from the token's claims when there is a token (the file's
 *   top-level values are then untrusted), else from the file's fields;
 * - `licenseCapacityError`: `SelfHostedOrganizationDetails.CanUseLicense` against current usage.
 */
import { MAX_LICENSE_VERSION, MIN_LICENSE_VERSION, licenseSignatureData, type LicenseSignedFields } from '../../crypto/license-data.js';
import { decodeJwt, parseLicenseCertificate, verifyJwtSignature, verifyLicenseSignature } from '../../crypto/license-signature.js';
import { LicenseType } from '../../protocol/license.js';
import { OrganizationUserType } from '../../protocol/organization.js';
import { PolicyType } from '../../protocol/policy.js';
import { MemberDecryptionType } from '../../protocol/sso.js';
import type { LicensedOrganizationValues } from '../repositories/licensing.js';
import type { SandboxStore } from '../store.js';
import type { SelfhostSettings } from './selfhost-settings.js';

export const PREMIUM_LICENSE_MESSAGE =
  'Premium licenses cannot be applied to an organization vault. Upload this license from your personal account Settings page.';
export const INVALID_LICENSE = 'Invalid license';
export const LICENSE_IN_USE = 'License is already in use by another organization vault.';

/** Field names of the license file, camelCase (the JSON is bound case-insensitively). */
const FIELD_NAMES = [
  'licenseKey', 'installationId', 'id', 'name', 'billingEmail', 'businessName', 'enabled', 'plan', 'planType', 'seats',
  'maxCollections', 'useGroups', 'useDirectory', 'useTotp', 'usersGetPremium', 'useEvents', 'use2fa', 'useApi',
  'usePolicies', 'useSso', 'useResetPassword', 'useKeyConnector', 'useScim', 'useCustomPermissions', 'maxStorageGb',
  'selfHost', 'version', 'issued', 'refresh', 'expires', 'expirationWithoutGracePeriod', 'usePasswordManager',
  'useSecretsManager', 'smSeats', 'smServiceAccounts', 'useRiskInsights', 'usePhishingBlocker',
  'limitCollectionCreationDeletion', 'allowAdminAccessToAllCollectionItems', 'trial', 'licenseType',
  'useOrganizationDomains', 'useAdminSponsoredFamilies', 'useAutomaticUserConfirmation', 'useDisableSmAdsForUsers',
  'useMyItems', 'useInviteLinks', 'usePam', 'hash', 'signature', 'token',
] as const;
type FieldName = (typeof FIELD_NAMES)[number];

/** An uploaded license: the file's values by camelCase name. */
export interface UploadedLicense {
  fields: Partial<Record<FieldName, unknown>>;
}

/** The JSON text of an uploaded license, or null when it is not a JSON object. */
export function parseUploadedLicense(text: string): UploadedLicense | null {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const byLower = new Map<string, FieldName>(FIELD_NAMES.map((name) => [name.toLowerCase(), name]));
  const fields: Partial<Record<FieldName, unknown>> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = byLower.get(key.toLowerCase());
    if (name !== undefined) fields[name] = v;
  }
  return { fields };
}

/** The file as the server writes it to disk: PascalCase, indented. */
export function licenseFileText(license: UploadedLicense): string {
  const out: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    out[name.charAt(0).toUpperCase() + name.slice(1)] = license.fields[name] ?? null;
  }
  return JSON.stringify(out, null, 2);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean => v === true;

/** `MM/dd/yyyy HH:mm:ss` (UTC wall clock) → Date. */
export function parseClaimDate(text: string | undefined): Date | null {
  const m = text === undefined ? null : /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m === null) return null;
  return new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function fileDate(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  const text = /[zZ]|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function signedFields(license: UploadedLicense): LicenseSignedFields {
  const f = license.fields;
  return {
    licenseKey: str(f.licenseKey), installationId: str(f.installationId), id: str(f.id), name: str(f.name),
    billingEmail: str(f.billingEmail), businessName: str(f.businessName), enabled: bool(f.enabled), plan: str(f.plan),
    planType: num(f.planType) ?? 0, seats: num(f.seats), maxCollections: num(f.maxCollections), useGroups: bool(f.useGroups),
    useDirectory: bool(f.useDirectory), useTotp: bool(f.useTotp), usersGetPremium: bool(f.usersGetPremium),
    useEvents: bool(f.useEvents), use2fa: bool(f.use2fa), useApi: bool(f.useApi), usePolicies: bool(f.usePolicies),
    useSso: bool(f.useSso), useResetPassword: bool(f.useResetPassword), useKeyConnector: bool(f.useKeyConnector),
    useScim: bool(f.useScim), useCustomPermissions: bool(f.useCustomPermissions), maxStorageGb: num(f.maxStorageGb),
    selfHost: bool(f.selfHost), version: num(f.version) ?? 0, issued: str(f.issued), refresh: str(f.refresh),
    expires: str(f.expires), expirationWithoutGracePeriod: str(f.expirationWithoutGracePeriod),
    usePasswordManager: bool(f.usePasswordManager), useSecretsManager: bool(f.useSecretsManager), smSeats: num(f.smSeats),
    smServiceAccounts: num(f.smServiceAccounts), limitCollectionCreationDeletion: bool(f.limitCollectionCreationDeletion),
    allowAdminAccessToAllCollectionItems: bool(f.allowAdminAccessToAllCollectionItems), trial: bool(f.trial),
    hash: str(f.hash),
  };
}

/** `yyyy-MM-ddTHH:mm:ss` for IdentityModel messages. */
const idxDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, '');

/**
 * The token's claims when it validates (issuer `bitwarden`, audience `organization:<file id>`, RS256 by
 * one of the trusted certificates, `nbf`/`exp` with zero clock skew, `exp` required); otherwise the
 * IdentityModel-style message (IDX codes as the official server reports them; wording abridged).
 */
export function validateLicenseToken(
  license: UploadedLicense,
  settings: SelfhostSettings,
  now: Date,
): { claims: Record<string, unknown> } | { error: string } {
  const token = str(license.fields.token) ?? '';
  let jwt;
  try {
    jwt = decodeJwt(token);
  } catch {
    return { error: 'IDX14100: JWT is not well formed.' };
  }
  const signed = settings.licenseCerts.some((pem) => {
    try {
      return verifyJwtSignature(jwt, parseLicenseCertificate(new TextEncoder().encode(pem))).valid;
    } catch {
      return false;
    }
  });
  if (!signed) return { error: 'IDX10503: Signature validation failed. The token\'s signature does not match any trusted key.' };
  const claims = jwt.payload;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const exp = num(claims.exp);
  const nbf = num(claims.nbf);
  if (exp === null) return { error: 'IDX10225: Lifetime validation failed. The token is missing an Expiration Time.' };
  if (nbf !== null && nbf > nowSeconds) {
    return { error: `IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom (UTC): '${idxDate(new Date(nbf * 1000))}', Current time (UTC): '${idxDate(now)}'.` };
  }
  if (exp <= nowSeconds) {
    return { error: `IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '${idxDate(new Date(exp * 1000))}', Current time (UTC): '${idxDate(now)}'.` };
  }
  if (claims.iss !== 'bitwarden') return { error: `IDX10205: Issuer validation failed. Issuer: '${String(claims.iss)}'. Did not match: validationParameters.ValidIssuer: 'bitwarden'.` };
  const audience = `organization:${str(license.fields.id) ?? ''}`;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && a.toLowerCase() === audience.toLowerCase())) {
    return { error: `IDX10214: Audience validation failed. Audiences: '${aud.map(String).join(', ')}'. Did not match: validationParameters.ValidAudience: '${audience}'.` };
  }
  return { claims };
}

/**
 * The reasons `license` cannot be used here (empty = usable): a token failure alone, else the `CanUse`
 * lines in the official order. Callers answer 400 `"Invalid license. " + lines.join("\n")`.
 */
export function validateLicense(license: UploadedLicense, settings: SelfhostSettings, now: Date): string[] {
  const lines: string[] = [];
  const installationId = (settings.installationId ?? '').toLowerCase();
  if (str(license.fields.token) !== null && str(license.fields.token) !== '') {
    const result = validateLicenseToken(license, settings, now);
    if ('error' in result) return [result.error];
    const c = result.claims;
    if (c.Enabled !== 'True') lines.push('Your cloud-hosted organization is currently disabled.');
    if (String(c.InstallationId ?? '').toLowerCase() !== installationId) lines.push('The installation ID does not match the current installation.');
    if (c.SelfHost !== 'True') lines.push('The license does not allow for on-premise hosting of organizations.');
    if (c.LicenseType !== 'Organization') lines.push(PREMIUM_LICENSE_MESSAGE);
    return lines;
  }
  const fields = signedFields(license);
  const issued = fileDate(fields.issued);
  const expires = fileDate(fields.expires);
  if (!fields.enabled) lines.push('Your cloud-hosted organization is currently disabled.');
  if (issued === null || issued.getTime() > now.getTime()) lines.push("The license hasn't been issued yet.");
  if (expires === null || expires.getTime() < now.getTime()) lines.push('The license has expired.');
  const versionOk = fields.version >= MIN_LICENSE_VERSION && fields.version <= MAX_LICENSE_VERSION;
  if (!versionOk) lines.push(`Version ${fields.version} is not supported.`);
  if ((fields.installationId ?? '').toLowerCase() !== installationId) lines.push('The installation ID does not match the current installation.');
  if (!fields.selfHost) lines.push('The license does not allow for on-premise hosting of organizations.');
  const licenseType = num(license.fields.licenseType);
  if (licenseType !== null && licenseType !== LicenseType.Organization) lines.push(PREMIUM_LICENSE_MESSAGE);
  let signatureOk = false;
  if (versionOk) {
    const data = licenseSignatureData(fields);
    signatureOk = settings.licenseCerts.some((pem) => {
      try {
        return verifyLicenseSignature(data, str(license.fields.signature), parseLicenseCertificate(new TextEncoder().encode(pem))).valid;
      } catch {
        return false;
      }
    });
  }
  if (!signatureOk) lines.push('The license verification failed.');
  return lines;
}

/** "Invalid license. " + the lines, as `CanUse` failures are reported. */
export function invalidLicenseMessage(lines: readonly string[]): string {
  return `Invalid license. ${lines.join('\n')}`;
}

/** The licensed organization values: from the claims when the file has a token, else from the file. */
export function licenseValues(license: UploadedLicense, claims: Record<string, unknown> | null): LicensedOrganizationValues {
  if (claims === null) {
    const f = signedFields(license);
    const x = license.fields;
    return {
      name: f.name ?? '', businessName: f.businessName, billingEmail: f.billingEmail ?? '', plan: f.plan ?? '',
      planType: f.planType, seats: f.seats, maxCollections: f.maxCollections, maxStorageGb: 10240, smSeats: f.smSeats,
      smServiceAccounts: f.smServiceAccounts, licenseKey: f.licenseKey, expirationDate: fileDate(f.expires)?.toISOString() ?? null,
      enabled: f.enabled, usePolicies: f.usePolicies, useSso: f.useSso, useKeyConnector: f.useKeyConnector, useScim: f.useScim,
      useGroups: f.useGroups, useDirectory: f.useDirectory, useEvents: f.useEvents, useTotp: f.useTotp, use2fa: f.use2fa,
      useApi: f.useApi, useResetPassword: f.useResetPassword, useSecretsManager: f.useSecretsManager,
      usePasswordManager: f.usePasswordManager, usersGetPremium: f.usersGetPremium, useCustomPermissions: f.useCustomPermissions,
      useRiskInsights: bool(x.useRiskInsights), useOrganizationDomains: bool(x.useOrganizationDomains),
      useAdminSponsoredFamilies: bool(x.useAdminSponsoredFamilies), useAutomaticUserConfirmation: bool(x.useAutomaticUserConfirmation),
      selfHost: f.selfHost, limitCollectionCreation: f.limitCollectionCreationDeletion,
      limitCollectionDeletion: f.limitCollectionCreationDeletion, allowAdminAccessToAllCollectionItems: f.allowAdminAccessToAllCollectionItems,
    };
  }
  const s = (name: string): string | null => (typeof claims[name] === 'string' ? (claims[name] as string) : null);
  const b = (name: string): boolean => s(name) === 'True';
  const n = (name: string): number | null => {
    const v = s(name);
    return v === null || !/^-?\d+$/.test(v) ? null : Number(v);
  };
  return {
    name: s('Name') ?? '', businessName: s('BusinessName'), billingEmail: s('BillingEmail') ?? '', plan: s('Plan') ?? '',
    planType: n('PlanType') ?? 0, seats: n('Seats'), maxCollections: n('MaxCollections'), maxStorageGb: 10240,
    smSeats: n('SmSeats'), smServiceAccounts: n('SmServiceAccounts'), licenseKey: s('LicenseKey'),
    expirationDate: parseClaimDate(s('Expires') ?? undefined)?.toISOString() ?? null, enabled: b('Enabled'),
    usePolicies: b('UsePolicies'), useSso: b('UseSso'), useKeyConnector: b('UseKeyConnector'), useScim: b('UseScim'),
    useGroups: b('UseGroups'), useDirectory: b('UseDirectory'), useEvents: b('UseEvents'), useTotp: b('UseTotp'),
    use2fa: b('Use2fa'), useApi: b('UseApi'), useResetPassword: b('UseResetPassword'), useSecretsManager: b('UseSecretsManager'),
    usePasswordManager: b('UsePasswordManager'), usersGetPremium: b('UsersGetPremium'), useCustomPermissions: b('UseCustomPermissions'),
    useRiskInsights: b('UseRiskInsights'), useOrganizationDomains: b('UseOrganizationDomains'),
    useAdminSponsoredFamilies: b('UseAdminSponsoredFamilies'), useAutomaticUserConfirmation: b('UseAutomaticUserConfirmation'),
    selfHost: b('SelfHost'), limitCollectionCreation: b('LimitCollectionCreationDeletion'),
    limitCollectionDeletion: b('LimitCollectionCreationDeletion'), allowAdminAccessToAllCollectionItems: b('AllowAdminAccessToAllCollectionItems'),
  };
}

/** `CanUseLicense`: the first capacity problem of applying `values` to the organization, or null. */
export function licenseCapacityError(store: SandboxStore, organizationId: string, values: LicensedOrganizationValues): string | null {
  const org = store.organizations.findById(organizationId);
  if (org === undefined) return null;
  const occupied = store.organizations.countOccupiedSeats(org.id);
  if (values.seats !== null && occupied > values.seats) {
    return `Your organization currently has ${occupied} seats filled. Your new license only has (${values.seats}) seats. Remove some users.`;
  }
  const collections = store.collections.countByOrganization(org.id);
  if (values.maxCollections !== null && collections > values.maxCollections) {
    return `Your organization currently has ${collections} collections. Your new license allows for a maximum of (${values.maxCollections}) collections. Remove some collections.`;
  }
  const groups = store.groups.listByOrganization(org.id).length;
  if (!values.useGroups && org.useGroups && groups > 1) {
    return `Your organization currently has ${groups} groups. Your new license does not allow for the use of groups. Remove all groups.`;
  }
  const policies = store.policies.listByOrganization(org.id).filter((p) => p.enabled);
  if (!values.usePolicies && org.usePolicies && policies.length > 0) {
    return `Your organization currently has ${policies.length} enabled policies. Your new license does not allow for the use of policies. Disable all policies.`;
  }
  const sso = store.ssoConfigs.find(org.id);
  if (!values.useSso && org.useSso && sso?.enabled === true) {
    return 'Your organization currently has a SSO configuration. Your new license does not allow for the use of SSO. Disable your SSO configuration.';
  }
  if (!values.useKeyConnector && org.useKeyConnector && sso !== undefined && ssoUsesKeyConnector(sso.data)) {
    return 'Your organization currently has Key Connector enabled. Your new license does not allow for the use of Key Connector. Disable your Key Connector.';
  }
  const scim = store.organizationConnections.findByType(org.id, 2);
  if (!values.useScim && org.useScim && scim !== undefined && scimEnabled(scim.config)) {
    return 'Your new plan does not allow the SCIM feature. Disable your SCIM configuration.';
  }
  const custom = store.organizations.listUsers(org.id).some((m) => m.type === OrganizationUserType.Custom);
  if (!values.useCustomPermissions && org.useCustomPermissions && custom) {
    return 'Your new plan does not allow the Custom Permissions feature. Disable your Custom Permissions configuration.';
  }
  if (!values.useResetPassword && org.useResetPassword && policies.some((p) => p.type === PolicyType.ResetPassword)) {
    return 'Your new license does not allow the Password Reset feature. Disable your Password Reset policy.';
  }
  return null;
}

function jsonObject(text: string | null): Record<string, unknown> {
  try {
    const v: unknown = text === null ? null : JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function ssoUsesKeyConnector(data: string): boolean {
  const d = jsonObject(data);
  return (d.memberDecryptionType ?? d.MemberDecryptionType) === MemberDecryptionType.KeyConnector;
}

function scimEnabled(config: string | null): boolean {
  const c = jsonObject(config);
  return (c.Enabled ?? c.enabled) === true;
}
