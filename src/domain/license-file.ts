/**
 * Organization license files (licensing-and-selfhost.md sections 1.2 and 1.3): read from a path or stdin,
 * parsed the way the server binds them (property names case-insensitive, so PascalCase files on disk and
 * camelCase API responses both work; .NET types and defaults), and normalised into:
 * - `fields`: the file's top-level values, as the legacy hash/signature sees them;
 * - `token`: the decoded (unverified) JWT and its string claims;
 * - `effective`: what a self-hosted server would use: the token claims when a token is present (top-level
 *   values are then untrusted decoration), else the top-level fields;
 * - `mismatches`: top-level values that disagree with the claims.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CryptoError } from '../crypto/errors.js';
import { formatLicenseGuid, licenseInstantToDate, parseLicenseInstant, type LicenseSignedFields } from '../crypto/license-data.js';
import { decodeJwt, type DecodedJwt } from '../crypto/license-signature.js';
import { InputError } from '../errors.js';
import { findJsonSyntaxProblem } from './json-position.js';

/** Largest file read; real licenses are a few KB (the server takes uploads up to 51,200 bytes). */
const MAX_FILE_BYTES = 1024 * 1024;
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
const MIN_DATE = '0001-01-01T00:00:00Z';

/** Feature switches of a license, camelCase as in the API. */
export const LICENSE_FEATURES = [
  'useGroups',
  'useDirectory',
  'useTotp',
  'usersGetPremium',
  'useEvents',
  'use2fa',
  'useApi',
  'usePolicies',
  'useSso',
  'useResetPassword',
  'useKeyConnector',
  'useScim',
  'useCustomPermissions',
  'usePasswordManager',
  'useSecretsManager',
  'useRiskInsights',
  'useOrganizationDomains',
  'useAdminSponsoredFamilies',
  'useAutomaticUserConfirmation',
  'useDisableSmAdsForUsers',
  'usePhishingBlocker',
  'useMyItems',
  'useInviteLinks',
  'usePam',
] as const;
export type LicenseFeature = (typeof LICENSE_FEATURES)[number];

/** Deprecated collection settings carried by licenses (not features). */
const LICENSE_SETTINGS = ['limitCollectionCreationDeletion', 'allowAdminAccessToAllCollectionItems'] as const;
type LicenseSetting = (typeof LICENSE_SETTINGS)[number];

/** Flags the cloud never fills in the JSON (always false there): only their claims are meaningful. */
const CLAIM_ONLY_FLAGS: ReadonlySet<string> = new Set(['usePhishingBlocker', 'useAutomaticUserConfirmation', 'useDisableSmAdsForUsers', 'useMyItems', 'useInviteLinks', 'usePam']);

/** The top-level values of a license file (camelCase keys, whatever the file's casing). */
export type LicenseFileFields = LicenseSignedFields &
  Record<LicenseFeature, boolean> & {
    licenseType: number | null;
    signature: string | null;
    token: string | null;
  };

/** Values as the server would apply them, typed for display and checks. */
export type LicenseValues = {
  id: string | null;
  installationId: string | null;
  licenseKey: string | null;
  name: string | null;
  billingEmail: string | null;
  businessName: string | null;
  plan: string | null;
  planType: number | null;
  seats: number | null;
  maxCollections: number | null;
  maxStorageGb: number | null;
  smSeats: number | null;
  smServiceAccounts: number | null;
  enabled: boolean;
  selfHost: boolean;
  trial: boolean;
  issued: Date | null;
  refresh: Date | null;
  expires: Date | null;
  expirationWithoutGracePeriod: Date | null;
  licenseType: number | null;
} & Record<LicenseFeature | LicenseSetting, boolean>;

export interface LicenseToken {
  jwt: DecodedJwt;
  issuer: string | null;
  audiences: string[];
  notBefore: Date | null;
  expiresAt: Date | null;
  issuedAt: Date | null;
  /** Custom claims by lower-cased name (the server looks claims up case-insensitively). */
  claims: ReadonlyMap<string, { name: string; value: string }>;
}

export interface LicenseMismatch {
  /** PascalCase property name. */
  field: string;
  /** Display values; undefined for secrets (LicenseKey). */
  file?: string;
  token?: string;
}

export interface LicenseFile {
  /** The path given, or 'stdin'. */
  source: string;
  sizeBytes: number;
  fields: LicenseFileFields;
  token: LicenseToken | null;
  /** The top-level fields, typed. */
  fileValues: LicenseValues;
  /** The values the server uses: claims when a token is present, else the top-level fields. */
  effective: LicenseValues;
  valuesFrom: 'token' | 'file';
  mismatches: LicenseMismatch[];
  /** Claims whose text the server could not parse (it falls back to the type's default). */
  unreadableClaims: string[];
}

type Kind = 'string' | 'guid' | 'bool' | 'int' | 'short' | 'date' | 'enum';

interface FieldSpec {
  name: string;
  key: keyof LicenseFileFields;
  kind: Kind;
  nullable: boolean;
  /** Value when the property is absent (the C# default or initialiser). */
  absent: string | number | boolean | null;
}

const f = (name: string, kind: Kind, nullable: boolean, absent: FieldSpec['absent']): FieldSpec => ({
  name,
  key: (name.charAt(0).toLowerCase() + name.slice(1)) as keyof LicenseFileFields,
  kind,
  nullable,
  absent,
});
const flag = (name: string, absent = false) => f(name, 'bool', false, absent);

/** The properties of the server's OrganizationLicense class with their C# types. */
const FIELD_SPECS: readonly FieldSpec[] = [
  f('LicenseKey', 'string', true, null),
  f('InstallationId', 'guid', false, EMPTY_GUID),
  f('Id', 'guid', false, EMPTY_GUID),
  f('Name', 'string', true, null),
  f('BillingEmail', 'string', true, null),
  f('BusinessName', 'string', true, null),
  flag('Enabled'),
  f('Plan', 'string', true, null),
  f('PlanType', 'enum', false, 0),
  f('Seats', 'int', true, null),
  f('MaxCollections', 'short', true, null),
  flag('UsePolicies'),
  flag('UseSso'),
  flag('UseKeyConnector'),
  flag('UseScim'),
  flag('UseGroups'),
  flag('UseEvents'),
  flag('UseDirectory'),
  flag('UseTotp'),
  flag('Use2fa'),
  flag('UseApi'),
  flag('UseResetPassword'),
  f('MaxStorageGb', 'short', true, null),
  flag('SelfHost'),
  flag('UsersGetPremium'),
  flag('UseCustomPermissions'),
  f('Version', 'int', false, 0),
  f('Issued', 'date', false, MIN_DATE),
  f('Refresh', 'date', true, null),
  f('Expires', 'date', true, null),
  f('ExpirationWithoutGracePeriod', 'date', true, null),
  flag('UsePasswordManager'),
  flag('UseSecretsManager'),
  f('SmSeats', 'int', true, null),
  f('SmServiceAccounts', 'int', true, null),
  flag('UseRiskInsights'),
  flag('UsePhishingBlocker'),
  flag('LimitCollectionCreationDeletion', true),
  flag('AllowAdminAccessToAllCollectionItems', true),
  flag('Trial'),
  f('LicenseType', 'enum', true, null),
  flag('UseOrganizationDomains'),
  flag('UseAdminSponsoredFamilies'),
  flag('UseAutomaticUserConfirmation'),
  flag('UseDisableSmAdsForUsers'),
  flag('UseMyItems'),
  flag('UseInviteLinks'),
  flag('UsePam'),
  f('Hash', 'string', true, null),
  f('Signature', 'string', true, null),
  f('Token', 'string', true, null),
];

/** Present and non-null in every organization license the cloud writes. */
const REQUIRED = ['Id', 'InstallationId', 'LicenseKey', 'Name', 'PlanType', 'Version'] as const;

const GUID = /^[{(]?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}[})]?$/;
const RANGES = { int: [-2147483648, 2147483647], short: [-32768, 32767], enum: [-2147483648, 2147483647] } as const;

/** Reads the license text from a path, or from stdin when the path is '-'. */
export async function readLicenseText(path: string, stdin: Readable): Promise<{ text: string; source: string }> {
  let bytes: Buffer;
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stdin) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > MAX_FILE_BYTES) throw new InputError(`stdin: more than ${MAX_FILE_BYTES} bytes; a license file is a few KB`);
      chunks.push(buf);
    }
    bytes = Buffer.concat(chunks);
  } else {
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
      throw new InputError(`${path}: ${why}`);
    }
    if (bytes.length > MAX_FILE_BYTES) throw new InputError(`${path}: ${bytes.length} bytes; a license file is a few KB`);
  }
  const source = path === '-' ? 'stdin' : path;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${source}: not UTF-8 text; a license file is JSON`);
  }
  return { text, source };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function readField(spec: FieldSpec, value: unknown, source: string): string | number | boolean | null {
  const bad = (expected: string): never => {
    throw new InputError(`${source}: ${spec.name} must be ${expected}, not ${spec.name === 'LicenseKey' ? typeof value : typeName(value)}`);
  };
  if (value === undefined) return spec.absent;
  if (value === null) {
    if (spec.nullable) return null;
    bad(spec.kind === 'bool' ? 'true or false' : spec.kind === 'guid' ? 'a GUID' : spec.kind === 'date' ? 'an ISO 8601 date' : 'a whole number');
  }
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' ? value : bad('a string or null');
    case 'bool':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'guid':
      return typeof value === 'string' && GUID.test(value.trim()) ? formatLicenseGuid(value) : bad('a GUID');
    case 'int':
    case 'short':
    case 'enum': {
      const [min, max] = RANGES[spec.kind];
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : bad(`a whole number${spec.kind === 'short' ? ' up to 32767' : ''}${spec.nullable ? ' or null' : ''}`);
    }
    case 'date':
      if (typeof value !== 'string') return bad('an ISO 8601 date');
      try {
        parseLicenseInstant(value);
      } catch {
        bad('an ISO 8601 date');
      }
      return value;
  }
}

function dateOf(text: string | null): Date | null {
  return text === null ? null : licenseInstantToDate(parseLicenseInstant(text));
}

function valuesFromFields(fields: LicenseFileFields): LicenseValues {
  const values: Record<string, unknown> = {
    id: fields.id,
    installationId: fields.installationId,
    licenseKey: fields.licenseKey,
    name: fields.name,
    billingEmail: fields.billingEmail,
    businessName: fields.businessName,
    plan: fields.plan,
    planType: fields.planType,
    seats: fields.seats,
    maxCollections: fields.maxCollections,
    maxStorageGb: fields.maxStorageGb,
    smSeats: fields.smSeats,
    smServiceAccounts: fields.smServiceAccounts,
    enabled: fields.enabled,
    selfHost: fields.selfHost,
    trial: fields.trial,
    issued: dateOf(fields.issued),
    refresh: dateOf(fields.refresh),
    expires: dateOf(fields.expires),
    expirationWithoutGracePeriod: dateOf(fields.expirationWithoutGracePeriod),
    licenseType: fields.licenseType,
  };
  for (const key of [...LICENSE_FEATURES, ...LICENSE_SETTINGS]) values[key] = fields[key];
  return values as LicenseValues;
}

// ---- token claims -------------------------------------------------------------------------------

/** `MM/dd/yyyy HH:mm:ss` (DateTime.ToString(InvariantCulture)), UTC wall clock; ISO 8601 also accepted. */
export function parseClaimDate(text: string): Date | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (m) {
    const [, mo, d, y, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? date : undefined;
  }
  try {
    return licenseInstantToDate(parseLicenseInstant(text));
  } catch {
    return undefined;
  }
}

const LICENSE_TYPE_NAMES = ['User', 'Organization'] as const;

function numericDateClaim(value: unknown): Date | null {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : null;
}

function decodeToken(raw: string, source: string): LicenseToken {
  let jwt: DecodedJwt;
  try {
    jwt = decodeJwt(raw);
  } catch (error) {
    if (error instanceof CryptoError) throw new InputError(`${source}: Token is not a valid JWT: ${error.message}`);
    throw error;
  }
  const p = jwt.payload;
  const claims = new Map<string, { name: string; value: string }>();
  const registered = new Set(['iss', 'aud', 'nbf', 'exp', 'iat', 'jti']);
  for (const [name, value] of Object.entries(p)) {
    if (registered.has(name)) continue;
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' || typeof text === 'number' || typeof text === 'boolean') claims.set(name.toLowerCase(), { name, value: String(text) });
  }
  const aud = p.aud;
  return {
    jwt,
    issuer: typeof p.iss === 'string' ? p.iss : null,
    audiences: typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [],
    notBefore: numericDateClaim(p.nbf),
    expiresAt: numericDateClaim(p.exp),
    issuedAt: numericDateClaim(p.iat),
    claims,
  };
}

/**
 * Values from the claims, read as the server's `GetValue<T>` does: a missing or unparsable claim gives
 * the type's default (false, null, the empty GUID, DateTime.MinValue).
 */
function valuesFromClaims(token: LicenseToken, unreadable: string[]): { values: LicenseValues; present: Set<string> } {
  const present = new Set<string>();
  const get = (name: string): string | undefined => {
    const claim = token.claims.get(name.toLowerCase());
    if (claim) present.add(name.charAt(0).toLowerCase() + name.slice(1));
    return claim?.value;
  };
  const note = (name: string, text: string) => unreadable.push(`${name}=${JSON.stringify(text)}`);
  const str = (name: string) => get(name) ?? null;
  const bool = (name: string) => {
    const text = get(name);
    if (text === undefined) return false;
    const t = text.trim().toLowerCase();
    if (t === 'true') return true;
    if (t !== 'false') note(name, text);
    return false;
  };
  const int = (name: string) => {
    const text = get(name);
    if (text === undefined) return null;
    if (/^\s*[+-]?\d+\s*$/.test(text)) return Number(text);
    note(name, text);
    return null;
  };
  const date = (name: string) => {
    const text = get(name);
    if (text === undefined) return null;
    const d = parseClaimDate(text);
    if (!d) note(name, text);
    return d ?? null;
  };
  const guid = (name: string) => {
    const text = get(name);
    if (text === undefined) return null;
    if (GUID.test(text.trim())) return formatLicenseGuid(text);
    note(name, text);
    return EMPTY_GUID;
  };
  const planType = (() => {
    const text = get('PlanType');
    if (text === undefined) return null;
    if (/^\s*\d+\s*$/.test(text)) return Number(text);
    note('PlanType', text);
    return null;
  })();
  const licenseType = (() => {
    const text = get('LicenseType');
    if (text === undefined) return null;
    const byName = LICENSE_TYPE_NAMES.findIndex((n) => n.toLowerCase() === text.trim().toLowerCase());
    if (byName >= 0) return byName;
    if (/^\s*\d+\s*$/.test(text)) return Number(text);
    note('LicenseType', text);
    return null;
  })();
  const values: Record<string, unknown> = {
    id: guid('Id'),
    installationId: guid('InstallationId'),
    licenseKey: str('LicenseKey'),
    name: str('Name'),
    billingEmail: str('BillingEmail'),
    businessName: str('BusinessName'),
    plan: str('Plan'),
    planType,
    seats: int('Seats'),
    maxCollections: int('MaxCollections'),
    maxStorageGb: int('MaxStorageGb'),
    smSeats: int('SmSeats'),
    smServiceAccounts: int('SmServiceAccounts'),
    enabled: bool('Enabled'),
    selfHost: bool('SelfHost'),
    trial: bool('Trial'),
    issued: date('Issued'),
    refresh: date('Refresh'),
    expires: date('Expires'),
    expirationWithoutGracePeriod: date('ExpirationWithoutGracePeriod'),
    licenseType,
  };
  for (const key of [...LICENSE_FEATURES, ...LICENSE_SETTINGS]) values[key] = bool(key.charAt(0).toUpperCase() + key.slice(1));
  return { values: values as LicenseValues, present };
}

/** Claim dates carry whole seconds and come from a second clock reading than the JSON: allow a minute. */
const DATE_TOLERANCE_MS = 60_000;

function display(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function findMismatches(file: LicenseValues, claims: LicenseValues, present: ReadonlySet<string>): LicenseMismatch[] {
  const out: LicenseMismatch[] = [];
  for (const key of Object.keys(claims) as (keyof LicenseValues)[]) {
    if (!present.has(key) || CLAIM_ONLY_FLAGS.has(key)) continue;
    const a = file[key];
    const b = claims[key];
    const same =
      a instanceof Date || b instanceof Date
        ? a instanceof Date && b instanceof Date && Math.abs(a.getTime() - b.getTime()) <= DATE_TOLERANCE_MS
        : typeof a === 'string' && typeof b === 'string' && (key === 'id' || key === 'installationId')
          ? a.toLowerCase() === b.toLowerCase()
          : a === b;
    if (same) continue;
    const field = key.charAt(0).toUpperCase() + key.slice(1);
    out.push(key === 'licenseKey' ? { field } : { field, file: display(a), token: display(b) });
  }
  return out;
}

// ---- parse ----------------------------------------------------------------------------------------

/** Parses license JSON text; errors name the source, the line and column, or the missing fields. Exit 2. */
export function parseLicenseFile(text: string, source: string): LicenseFile {
  const body = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const problem = findJsonSyntaxProblem(body);
    throw new InputError(problem ? `${source}: not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}` : `${source}: not valid JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`${source}: not a license file: the JSON is ${typeName(json)}, not an object`);
  }
  const byName = new Map<string, unknown>();
  for (const [name, value] of Object.entries(json)) byName.set(name.toLowerCase(), value);

  const missing = REQUIRED.filter((name) => byName.get(name.toLowerCase()) === undefined || byName.get(name.toLowerCase()) === null);
  if (missing.length) {
    const userLicense = byName.has('premium') || byName.has('email');
    throw new InputError(`${source}: not an organization license file: missing ${missing.join(', ')}`, {
      hint: userLicense
        ? 'This looks like a user (Premium) license; bwmsp handles organization licenses.'
        : "Organization license files come from 'bwmsp license download' or the web vault's Billing > Subscription page.",
    });
  }

  const fields: Record<string, unknown> = {};
  for (const spec of FIELD_SPECS) fields[spec.key] = readField(spec, byName.get(spec.name.toLowerCase()), source);
  const licenseFields = fields as LicenseFileFields;
  const fileValues = valuesFromFields(licenseFields);

  const rawToken = licenseFields.token?.trim() ? licenseFields.token.trim() : null;
  const token = rawToken ? decodeToken(rawToken, source) : null;
  const unreadableClaims: string[] = [];
  let effective = fileValues;
  let mismatches: LicenseMismatch[] = [];
  if (token) {
    const fromClaims = valuesFromClaims(token, unreadableClaims);
    effective = fromClaims.values;
    mismatches = findMismatches(fileValues, fromClaims.values, fromClaims.present);
  }
  return {
    source,
    sizeBytes: Buffer.byteLength(text, 'utf8'),
    fields: licenseFields,
    token,
    fileValues,
    effective,
    valuesFrom: token ? 'token' : 'file',
    mismatches,
    unreadableClaims,
  };
}

/** Reads and parses a license file ('-' = stdin). */
export async function loadLicenseFile(path: string, stdin: Readable): Promise<LicenseFile> {
  const { text, source } = await readLicenseText(path, stdin);
  return parseLicenseFile(text, source);
}
