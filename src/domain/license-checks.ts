/**
 * What a self-hosted server would say about a license file, offline:
 * - `licenseWarnings`: content problems (expiry, self-host, enabled, version, license type, top-level values
 *   that disagree with the token), from licensing-and-selfhost.md sections 2.3, 2.4 and 7 rows 8-10;
 * - `verifyLicenseFile`: authenticity. With a token: RS256 signature, `iss`, `aud`, `nbf <= now < exp`
 *   with zero clock skew (section 1.3). Without: the legacy RSA signature over the version's signature
 *   data, the recomputed hash, and the issued/expires dates the server checks (sections 1.4 and 2.4).
 */
import { readFile } from 'node:fs/promises';
import { CryptoError } from '../crypto/errors.js';
import { isSupportedLicenseVersion, licenseHash, licenseSignatureData, MAX_LICENSE_VERSION, MIN_LICENSE_VERSION } from '../crypto/license-data.js';
import { parseLicenseCertificate, verifyJwtSignature, verifyLicenseSignature, type LicenseCertificate } from '../crypto/license-signature.js';
import { InputError } from '../errors.js';
import { builtInLicenseCert, LICENSE_CERT_THUMBPRINTS, type BuiltInLicenseCert } from './license-certs.js';
import type { LicenseFile } from './license-file.js';

const DAY_MS = 86_400_000;
/** Expiry closer than this is worth a warning. */
const EXPIRY_WARNING_DAYS = 30;
/** The server reads uploads of at most 51,200 bytes including the multipart envelope (section 2.2). */
const UPLOAD_LIMIT_BYTES = 51_200;
const MULTIPART_ALLOWANCE_BYTES = 1_200;

export const LICENSE_TYPE_NAMES: Readonly<Record<number, string>> = { 0: 'User', 1: 'Organization' };

/** ISO 8601 to the second, for messages. */
function day(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function days(ms: number): string {
  const n = Math.max(1, Math.round(Math.abs(ms) / DAY_MS));
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** Warnings about what the file grants, in the order a reader cares about them. */
export function licenseWarnings(file: LicenseFile, now: Date): string[] {
  const out: string[] = [];
  const v = file.effective;
  const hasToken = file.token !== null;

  if (v.expires) {
    const left = v.expires.getTime() - now.getTime();
    if (left < 0) {
      out.push(
        `the license expired on ${day(v.expires)} (${days(left)} ago): ` +
          (hasToken ? 'a self-hosted server accepts it, then disables the organization at its next license check' : 'a self-hosted server refuses it ("The license has expired.")'),
      );
    } else if (left < EXPIRY_WARNING_DAYS * DAY_MS) {
      out.push(`the license expires in ${days(left)}, on ${day(v.expires)}: download a fresh one before then`);
    }
  }
  if (file.token?.expiresAt && file.token.expiresAt.getTime() <= now.getTime()) {
    out.push(`the token expired on ${day(file.token.expiresAt)}: a self-hosted server refuses the file; download a fresh license`);
  }
  if (file.token?.notBefore && file.token.notBefore.getTime() > now.getTime()) {
    out.push(`the token is not valid before ${day(file.token.notBefore)}: check this computer's and the server's clocks`);
  }
  if (!hasToken && v.issued && v.issued.getTime() > now.getTime()) {
    out.push(`the license is issued in the future (${day(v.issued)}): a self-hosted server refuses it ("The license hasn't been issued yet.")`);
  }
  if (!v.selfHost) out.push('SelfHost is false: the plan does not allow self-hosting; a self-hosted server refuses this license');
  if (!v.enabled) out.push('Enabled is false: the cloud organization is disabled; a self-hosted server refuses this license');
  if (!isSupportedLicenseVersion(file.fields.version)) {
    out.push(`Version ${file.fields.version} is not supported: self-hosted servers accept ${MIN_LICENSE_VERSION}..${MAX_LICENSE_VERSION}` + (hasToken ? ' (checked for files without a token)' : ''));
  }
  const fileType = file.fields.licenseType;
  if (fileType !== 1) {
    out.push(
      fileType === null
        ? 'LicenseType is missing: creating an organization from this file fails (the server wants 1, Organization)'
        : `LicenseType is ${fileType} (${LICENSE_TYPE_NAMES[fileType] ?? 'unknown'}), not 1 (Organization): a self-hosted server refuses it as an organization license`,
    );
  } else if (hasToken && v.licenseType !== 1) {
    out.push(`the token's LicenseType claim is ${v.licenseType === null ? 'missing' : (LICENSE_TYPE_NAMES[v.licenseType] ?? v.licenseType)}, not Organization: a self-hosted server refuses it`);
  }
  for (const m of file.mismatches) {
    out.push(
      m.file === undefined
        ? `${m.field} in the file differs from the token's; the server uses the token`
        : `${m.field} is ${m.file} in the file but ${m.token} in the token; the server uses the token`,
    );
  }
  for (const claim of file.unreadableClaims) out.push(`the token claim ${claim} cannot be read; the server treats it as its default value`);
  if (file.sizeBytes > UPLOAD_LIMIT_BYTES - MULTIPART_ALLOWANCE_BYTES) {
    out.push(`the file is ${file.sizeBytes} bytes: a self-hosted server refuses uploads over ${UPLOAD_LIMIT_BYTES} bytes including the form envelope`);
  }
  return out;
}

// ---- certificates -------------------------------------------------------------------------------

export interface SigningCertificate {
  cert: LicenseCertificate;
  /** 'production' or 'dev' when the certificate is one of Bitwarden's (embedded or the same bytes). */
  builtIn: BuiltInLicenseCert | null;
  /** What the user named: 'built-in production', 'built-in dev', or the path. */
  source: string;
}

function builtInName(thumbprint: string): BuiltInLicenseCert | null {
  if (thumbprint === LICENSE_CERT_THUMBPRINTS.production) return 'production';
  if (thumbprint === LICENSE_CERT_THUMBPRINTS.dev) return 'dev';
  return null;
}

/**
 * The certificate to verify with: `--cert` absent or `production` = Bitwarden's production certificate,
 * `dev` = Bitwarden's development certificate (both embedded), anything else a DER or PEM file.
 */
export async function loadSigningCertificate(flag: string | undefined): Promise<SigningCertificate> {
  if (flag === undefined || flag === 'production' || flag === 'dev') {
    const which = flag === 'dev' ? 'dev' : 'production';
    return { cert: parseLicenseCertificate(builtInLicenseCert(which)), builtIn: which, source: `built-in ${which}` };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(flag);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`--cert ${flag}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`, {
      hint: "Pass a certificate file (DER or PEM), or 'dev' for Bitwarden's development certificate.",
    });
  }
  try {
    const cert = parseLicenseCertificate(new Uint8Array(bytes));
    return { cert, builtIn: builtInName(cert.thumbprint), source: flag };
  } catch (error) {
    if (error instanceof CryptoError) throw new InputError(`--cert ${flag}: ${error.message}`);
    throw error;
  }
}

// ---- verification -------------------------------------------------------------------------------

export type CheckResult = 'pass' | 'fail' | 'warn' | 'skip';

export interface LicenseCheck {
  check: string;
  result: CheckResult;
  detail: string;
}

export interface LicenseVerification {
  /** 'token' when the file has a token (the only thing the server checks then), else 'legacy'. */
  mode: 'token' | 'legacy';
  checks: LicenseCheck[];
  /** No check failed. */
  valid: boolean;
}

const pass = (check: string, detail: string): LicenseCheck => ({ check, result: 'pass', detail });
const fail = (check: string, detail: string): LicenseCheck => ({ check, result: 'fail', detail });

function tokenChecks(file: LicenseFile, token: NonNullable<LicenseFile['token']>, signer: LicenseCertificate, now: Date): LicenseCheck[] {
  const checks: LicenseCheck[] = [];
  const sig = verifyJwtSignature(token.jwt, signer);
  checks.push(sig.valid ? pass('signature', `RS256 token signature made with the key of ${signer.subject} (SHA-1 ${signer.thumbprint})`) : fail('signature', sig.reason));

  checks.push(
    token.issuer === 'bitwarden'
      ? pass('issuer', 'iss is "bitwarden"')
      : fail('issuer', token.issuer === null ? 'the token has no iss claim; expected "bitwarden"' : `iss is ${JSON.stringify(token.issuer)}, expected "bitwarden"`),
  );

  // The server validates against `organization:<Id>` with the file's top-level Id as .NET prints a GUID.
  const expected = `organization:${file.fields.id ?? ''}`;
  checks.push(
    token.audiences.includes(expected)
      ? pass('audience', `aud is "${expected}"`)
      : fail(
          'audience',
          token.audiences.length === 0
            ? `the token has no aud claim; expected "${expected}"`
            : `aud is ${token.audiences.map((a) => JSON.stringify(a)).join(', ')}, expected "${expected}" (the file's Id)`,
        ),
  );

  if (token.notBefore === null) checks.push(pass('not-before', 'the token has no nbf claim'));
  else if (token.notBefore.getTime() <= now.getTime()) checks.push(pass('not-before', `valid since ${day(token.notBefore)}`));
  else checks.push(fail('not-before', `the token is not valid before ${day(token.notBefore)} (now ${day(now)}; the server allows no clock skew)`));

  if (token.expiresAt === null) checks.push(fail('expiry', 'the token has no exp claim; the server requires one'));
  else if (now.getTime() < token.expiresAt.getTime()) checks.push(pass('expiry', `the token is valid until ${day(token.expiresAt)}`));
  else checks.push(fail('expiry', `the token expired on ${day(token.expiresAt)} (now ${day(now)})`));

  checks.push({ check: 'legacy-signature', result: 'skip', detail: 'not checked: a self-hosted server ignores Hash and Signature when a token is present' });
  return checks;
}

function legacyChecks(file: LicenseFile, signer: LicenseCertificate, now: Date): LicenseCheck[] {
  const checks: LicenseCheck[] = [];
  const { fields } = file;
  if (!isSupportedLicenseVersion(fields.version)) {
    checks.push(fail('version', `Version ${fields.version} is not supported (${MIN_LICENSE_VERSION}..${MAX_LICENSE_VERSION})`));
    checks.push(fail('signature', `the signed data of version ${fields.version} is unknown, so the signature cannot be checked`));
  } else {
    checks.push(pass('version', `Version ${fields.version} (signed fields of that version)`));
    const hash = licenseHash(fields);
    if (fields.hash === null || fields.hash === '') checks.push({ check: 'hash', result: 'warn', detail: 'the file has no Hash' });
    else if (fields.hash === hash) checks.push(pass('hash', 'Hash matches the fields'));
    else checks.push({ check: 'hash', result: 'warn', detail: `Hash differs from the hash of the fields (${hash}): a field was changed or the file was written by another tool` });
    const sig = verifyLicenseSignature(licenseSignatureData(fields), fields.signature, signer);
    checks.push(sig.valid ? pass('signature', `RSA signature made with the key of ${signer.subject} (SHA-1 ${signer.thumbprint})`) : fail('signature', sig.reason));
  }
  const issued = file.fileValues.issued;
  if (issued && issued.getTime() > now.getTime()) checks.push(fail('issued', `issued ${day(issued)}, in the future (now ${day(now)}): "The license hasn't been issued yet."`));
  else checks.push(pass('issued', issued ? `issued ${day(issued)}` : 'no issue date'));
  const expires = file.fileValues.expires;
  if (expires && expires.getTime() < now.getTime()) checks.push(fail('expiry', `expired on ${day(expires)} (now ${day(now)}): "The license has expired."`));
  else checks.push(pass('expiry', expires ? `valid until ${day(expires)}` : 'no expiry date'));
  return checks;
}

/** Verifies the file's signature and validity window against `signer` at `now`. */
export function verifyLicenseFile(file: LicenseFile, signer: LicenseCertificate, now: Date): LicenseVerification {
  const checks = file.token ? tokenChecks(file, file.token, signer, now) : legacyChecks(file, signer, now);
  return { mode: file.token ? 'token' : 'legacy', checks, valid: checks.every((c) => c.result !== 'fail') };
}
