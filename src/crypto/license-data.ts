/**
 * The signed data of a legacy (token-less) organization license file: the "hash data" whose SHA-256 is
 * the file's `Hash`, and the "signature data" its `Signature` is computed over
 * (licensing-and-selfhost.md section 1.4; checked against the known-answer strings of bitwarden/server
 * test/Core.Test/Billing/Models/Business/OrganizationLicenseTests.cs for every version 1..16).
 *
 * Pure: values in, strings and bytes out. The sandbox reuses this to sign legacy licenses.
 */
import { createHash } from 'node:crypto';
import { b64encode, utf8Encode } from './encoding.js';
import { CryptoError } from './errors.js';

/** License file versions a self-hosted server accepts. The cloud emits 15 (frozen). */
export const MIN_LICENSE_VERSION = 1;
export const MAX_LICENSE_VERSION = 16;

/**
 * The fields of an organization license that can take part in the signed data, camelCase, with the
 * file's own values. Dates are ISO 8601 text as written in the file (up to 7 fractional digits, `Z`, an
 * offset, or no zone = UTC wall clock): the text is kept because the signed value is Unix seconds rounded
 * half-to-even from the full .NET tick precision, which a JS `Date` cannot hold.
 */
export interface LicenseSignedFields {
  licenseKey: string | null;
  installationId: string | null;
  id: string | null;
  name: string | null;
  billingEmail: string | null;
  businessName: string | null;
  enabled: boolean;
  plan: string | null;
  planType: number;
  seats: number | null;
  maxCollections: number | null;
  useGroups: boolean;
  useDirectory: boolean;
  useTotp: boolean;
  usersGetPremium: boolean;
  useEvents: boolean;
  use2fa: boolean;
  useApi: boolean;
  usePolicies: boolean;
  useSso: boolean;
  useResetPassword: boolean;
  useKeyConnector: boolean;
  useScim: boolean;
  useCustomPermissions: boolean;
  maxStorageGb: number | null;
  selfHost: boolean;
  version: number;
  issued: string | null;
  refresh: string | null;
  expires: string | null;
  expirationWithoutGracePeriod: string | null;
  usePasswordManager: boolean;
  useSecretsManager: boolean;
  smSeats: number | null;
  smServiceAccounts: number | null;
  limitCollectionCreationDeletion: boolean;
  allowAdminAccessToAllCollectionItems: boolean;
  trial: boolean;
  /** Part of the signature data only; `null` when computing the hash. */
  hash: string | null;
}

type Kind = 'string' | 'guid' | 'bool' | 'number' | 'date' | 'planType';

interface SignedField {
  /** Property name in the data string (the C# property). */
  name: string;
  key: keyof LicenseSignedFields;
  kind: Kind;
  /** First file version whose data includes the field. */
  since: number;
  /** In the signature data only (Hash, Issued, Refresh). */
  signatureOnly?: true;
}

/**
 * The fields in the server's order: .NET culture-aware (ICU) ordering of the property names, which is not
 * ordinal (`UsersGetPremium` sorts between `UseResetPassword` and `UseScim`). Hard-coded from the v15/v16
 * signature data; a version's data is this list filtered by `since`. The properties the server always
 * excludes (Signature, LicenseType, Token, UseRiskInsights, UseAdminSponsoredFamilies,
 * UseOrganizationDomains, UseAutomaticUserConfirmation, UseDisableSmAdsForUsers, UsePhishingBlocker,
 * UseMyItems, UseInviteLinks, UsePam) are simply absent.
 */
const SIGNED_FIELDS: readonly SignedField[] = [
  { name: 'AllowAdminAccessToAllCollectionItems', key: 'allowAdminAccessToAllCollectionItems', kind: 'bool', since: 15 },
  { name: 'BillingEmail', key: 'billingEmail', kind: 'string', since: 1 },
  { name: 'BusinessName', key: 'businessName', kind: 'string', since: 1 },
  { name: 'Enabled', key: 'enabled', kind: 'bool', since: 1 },
  { name: 'ExpirationWithoutGracePeriod', key: 'expirationWithoutGracePeriod', kind: 'date', since: 12 },
  { name: 'Expires', key: 'expires', kind: 'date', since: 1 },
  { name: 'Hash', key: 'hash', kind: 'string', since: 1, signatureOnly: true },
  { name: 'Id', key: 'id', kind: 'guid', since: 1 },
  { name: 'InstallationId', key: 'installationId', kind: 'guid', since: 1 },
  { name: 'Issued', key: 'issued', kind: 'date', since: 1, signatureOnly: true },
  { name: 'LicenseKey', key: 'licenseKey', kind: 'string', since: 1 },
  { name: 'LimitCollectionCreationDeletion', key: 'limitCollectionCreationDeletion', kind: 'bool', since: 14 },
  { name: 'MaxCollections', key: 'maxCollections', kind: 'number', since: 1 },
  { name: 'MaxStorageGb', key: 'maxStorageGb', kind: 'number', since: 1 },
  { name: 'Name', key: 'name', kind: 'string', since: 1 },
  { name: 'Plan', key: 'plan', kind: 'string', since: 1 },
  { name: 'PlanType', key: 'planType', kind: 'planType', since: 1 },
  { name: 'Refresh', key: 'refresh', kind: 'date', since: 1, signatureOnly: true },
  { name: 'Seats', key: 'seats', kind: 'number', since: 1 },
  { name: 'SelfHost', key: 'selfHost', kind: 'bool', since: 1 },
  { name: 'SmSeats', key: 'smSeats', kind: 'number', since: 13 },
  { name: 'SmServiceAccounts', key: 'smServiceAccounts', kind: 'number', since: 13 },
  { name: 'Trial', key: 'trial', kind: 'bool', since: 1 },
  { name: 'Use2fa', key: 'use2fa', kind: 'bool', since: 4 },
  { name: 'UseApi', key: 'useApi', kind: 'bool', since: 5 },
  { name: 'UseCustomPermissions', key: 'useCustomPermissions', kind: 'bool', since: 11 },
  { name: 'UseDirectory', key: 'useDirectory', kind: 'bool', since: 1 },
  { name: 'UseEvents', key: 'useEvents', kind: 'bool', since: 3 },
  { name: 'UseGroups', key: 'useGroups', kind: 'bool', since: 1 },
  { name: 'UseKeyConnector', key: 'useKeyConnector', kind: 'bool', since: 9 },
  { name: 'UsePasswordManager', key: 'usePasswordManager', kind: 'bool', since: 13 },
  { name: 'UsePolicies', key: 'usePolicies', kind: 'bool', since: 6 },
  { name: 'UseResetPassword', key: 'useResetPassword', kind: 'bool', since: 8 },
  { name: 'UsersGetPremium', key: 'usersGetPremium', kind: 'bool', since: 2 },
  { name: 'UseScim', key: 'useScim', kind: 'bool', since: 10 },
  { name: 'UseSecretsManager', key: 'useSecretsManager', kind: 'bool', since: 13 },
  { name: 'UseSso', key: 'useSso', kind: 'bool', since: 7 },
  { name: 'UseTotp', key: 'useTotp', kind: 'bool', since: 1 },
  { name: 'Version', key: 'version', kind: 'number', since: 1 },
];

/** Plan types 0..6 are written by their legacy enum names; later ones by number. */
const LEGACY_PLAN_NAMES = ['Free', 'FamiliesAnnually', 'TeamsMonthly', 'TeamsAnnually', 'EnterpriseMonthly', 'EnterpriseAnnually', 'Custom'] as const;

const TICKS_PER_SECOND = 10_000_000n;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A license instant with .NET precision: 100 ns ticks since the Unix epoch (UTC). */
export interface LicenseInstant {
  ticks: bigint;
}

/**
 * Parses an ISO 8601 date as System.Text.Json reads it: date, optional time with up to 7 fractional digits,
 * optional `Z` or offset (converted to UTC; no zone = UTC wall clock). Throws CryptoError when it is not one.
 */
export function parseLicenseInstant(text: string): LicenseInstant {
  const m = DATE_PATTERN.exec(text.trim());
  if (!m) throw new CryptoError(`'${text}' is not an ISO 8601 date`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // setUTCFullYear, not Date.UTC: years 0..99 must not become 19xx (DateTime.MinValue is year 1).
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, second, 0);
  const wall = check.getTime();
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new CryptoError(`'${text}' is not a valid date`);
  }
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * (zone.startsWith('-') ? -1 : 1);
  }
  const seconds = BigInt(wall / 1000 - offsetMinutes * 60);
  return { ticks: seconds * TICKS_PER_SECOND + BigInt(frac.padEnd(7, '0')) };
}

/** The instant as a JS Date (millisecond precision, truncated). */
export function licenseInstantToDate(instant: LicenseInstant): Date {
  const ms = instant.ticks / 10_000n - (instant.ticks < 0n && instant.ticks % 10_000n !== 0n ? 1n : 0n);
  return new Date(Number(ms));
}

/** Rounds half to even, as .NET `Math.Round(double, 0)` does. */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Unix seconds as the server signs them (`CoreHelpers.ToEpocSeconds`): the tick count converted to a
 * double and divided by 10^7 (.NET `TimeSpan.TotalSeconds`), then rounded half to even. The double
 * steps reproduce the server even for ticks a hair below .5 s, which round to exactly .5 in a double.
 */
export function licenseEpochSeconds(instant: LicenseInstant): number {
  return roundHalfToEven(Number(instant.ticks) / 1e7);
}

/** GUID text as .NET prints it: lower-case, hyphenated, no braces. Other text is returned lower-cased. */
export function formatLicenseGuid(value: string): string {
  const hex = value.trim().replace(/^[{(]|[})]$/g, '').replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value.trim().toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function formatValue(field: SignedField, value: LicenseSignedFields[keyof LicenseSignedFields]): string {
  if (value === null || value === undefined) {
    // A null Guid cannot exist in C# (non-nullable): it is the empty GUID.
    return field.kind === 'guid' ? '00000000-0000-0000-0000-000000000000' : '';
  }
  switch (field.kind) {
    case 'bool':
      return value ? 'true' : 'false';
    case 'date':
      return String(licenseEpochSeconds(parseLicenseInstant(String(value))));
    case 'guid':
      return formatLicenseGuid(String(value));
    case 'planType': {
      const type = Number(value);
      return LEGACY_PLAN_NAMES[type] ?? String(type);
    }
    case 'number':
      return String(value);
    case 'string':
      return String(value);
  }
}

export function isSupportedLicenseVersion(version: number): boolean {
  return Number.isInteger(version) && version >= MIN_LICENSE_VERSION && version <= MAX_LICENSE_VERSION;
}

/**
 * The data string of `license.version`: `license:organization|Name:value|...`. `purpose` 'hash' leaves out
 * Hash, Issued and Refresh. Throws CryptoError "Version N is not supported." outside 1..16 (the server's text).
 */
export function licenseDataString(license: LicenseSignedFields, purpose: 'hash' | 'signature'): string {
  if (!isSupportedLicenseVersion(license.version)) throw new CryptoError(`Version ${license.version} is not supported.`);
  const parts = SIGNED_FIELDS.filter((f) => f.since <= license.version && !(purpose === 'hash' && f.signatureOnly)).map(
    (f) => `${f.name}:${formatValue(f, license[f.key])}`,
  );
  return `license:organization|${parts.join('|')}`;
}

/** The bytes the signature covers (UTF-8 of the signature data). */
export function licenseSignatureData(license: LicenseSignedFields): Uint8Array {
  return utf8Encode(licenseDataString(license, 'signature'));
}

/** The file's `Hash`: base64 of SHA-256 over the hash data. */
export function licenseHash(license: LicenseSignedFields): string {
  return b64encode(new Uint8Array(createHash('sha256').update(licenseDataString(license, 'hash'), 'utf8').digest()));
}

/** Field names (PascalCase) in the signed data of a version, for messages and tests. */
export function licenseSignedFieldNames(version: number, purpose: 'hash' | 'signature'): string[] {
  return SIGNED_FIELDS.filter((f) => f.since <= version && !(purpose === 'hash' && f.signatureOnly)).map((f) => f.name);
}

/**
 * Formats an instant the way .NET's JSON writer does (`2025-05-16T20:50:09.036931Z`: trailing zeros of
 * the fraction dropped), for writers of license files such as the sandbox.
 */
export function formatLicenseInstant(instant: LicenseInstant): string {
  const ms = licenseInstantToDate(instant);
  const base = ms.toISOString().slice(0, 19);
  const frac = ((instant.ticks % TICKS_PER_SECOND) + TICKS_PER_SECOND) % TICKS_PER_SECOND;
  const digits = frac.toString().padStart(7, '0').replace(/0+$/, '');
  return `${base}${digits ? `.${digits}` : ''}Z`;
}
