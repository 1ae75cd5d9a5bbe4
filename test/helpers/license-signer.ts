/**
 * Throw-away license signing material for tests: an RSA key and a self-signed certificate made on the
 * spot, and license files signed with them the way the cloud signs (RS256 token with string claims, and
 * the legacy RSASSA-PKCS1-v1_5/SHA-256 signature over the signature data). Signing uses node:crypto
 * directly, so the verifier under test does not check its own output.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { isSupportedLicenseVersion, licenseHash, licenseSignatureData, type LicenseSignedFields } from '../../src/crypto/license-data.js';

export interface TestSigner {
  privateKey: KeyObject;
  certPem: string;
  certDer: Uint8Array;
  /** SHA-1 of the DER, upper-case hex. */
  thumbprint: string;
}

export function createTestSigner(commonName = 'bwmsp test license signer'): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2020-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2050-01-01T00:00:00Z');
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer([{ name: 'commonName', value: commonName }]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const certDer = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
  return { privateKey, certPem, certDer, thumbprint: createHash('sha1').update(certDer).digest('hex').toUpperCase() };
}

export const TEST_ORG_ID = '5d9c7a52-3f0e-4b8a-9a61-2f4c1e7b8d30';
export const TEST_INSTALLATION_ID = 'a1b2c3d4-0000-4000-8000-00000000beef';

/** `MM/dd/yyyy HH:mm:ss`, UTC: how the cloud writes date claims. */
export function claimDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

export function signJwt(payload: Record<string, unknown>, key: KeyObject, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

const DAY = 86_400_000;

/** A license's signed fields as the cloud would write them at `now` (Enterprise, 25 seats, annual). */
export function licenseFields(now: Date, overrides: Partial<LicenseSignedFields> = {}): LicenseSignedFields {
  return {
    licenseKey: 'K7Qx2mP9vR4tY8wZ1aB3',
    installationId: TEST_INSTALLATION_ID,
    id: TEST_ORG_ID,
    name: 'Contoso Ltd',
    billingEmail: 'billing@contoso.example',
    businessName: 'Contoso',
    enabled: true,
    plan: 'Enterprise (Annually)',
    planType: 20,
    seats: 25,
    maxCollections: null,
    useGroups: true,
    useDirectory: true,
    useTotp: true,
    usersGetPremium: true,
    useEvents: true,
    use2fa: true,
    useApi: true,
    usePolicies: true,
    useSso: true,
    useResetPassword: true,
    useKeyConnector: true,
    useScim: true,
    useCustomPermissions: true,
    maxStorageGb: 1,
    selfHost: true,
    version: 15,
    issued: new Date(now.getTime() - 60_000).toISOString(),
    refresh: new Date(now.getTime() + 30 * DAY).toISOString(),
    expires: new Date(now.getTime() + 425 * DAY).toISOString(),
    expirationWithoutGracePeriod: new Date(now.getTime() + 365 * DAY).toISOString(),
    usePasswordManager: true,
    useSecretsManager: false,
    smSeats: null,
    smServiceAccounts: null,
    limitCollectionCreationDeletion: false,
    allowAdminAccessToAllCollectionItems: true,
    trial: false,
    hash: null,
    ...overrides,
  };
}

const pascal = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/** The claims the cloud puts in the token for `fields` (all string-valued), plus iss/aud/nbf/exp. */
export function licenseClaims(fields: LicenseSignedFields, now: Date, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const nowSec = Math.floor(now.getTime() / 1000) - 60;
  const claims: Record<string, unknown> = { LicenseType: 'Organization' };
  for (const [key, value] of Object.entries(fields)) {
    if (['hash', 'version'].includes(key) || value === null) continue;
    if (['issued', 'refresh', 'expires', 'expirationWithoutGracePeriod'].includes(key)) claims[pascal(key)] = claimDate(new Date(String(value)));
    else if (typeof value === 'boolean') claims[pascal(key)] = value ? 'True' : 'False';
    else claims[pascal(key)] = String(value);
  }
  return { ...claims, UseRiskInsights: 'False', UseMyItems: 'True', jti: 'b5b1c1c8-0f5e-4a0c-9c55-1d7c4f0b2a11', nbf: nowSec, exp: nowSec + 365 * 86400, iat: nowSec, iss: 'bitwarden', aud: `organization:${fields.id}`, ...overrides };
}

/** A license file object (PascalCase, as on disk): legacy Hash + Signature, and a token unless `token: false`. */
export function signedLicense(
  signer: TestSigner,
  now: Date,
  options: { fields?: Partial<LicenseSignedFields>; claims?: Record<string, unknown>; token?: boolean; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const base = licenseFields(now, options.fields);
  const signable = isSupportedLicenseVersion(base.version);
  const fields = { ...base, hash: signable ? licenseHash(base) : null };
  const signature = signable ? sign('sha256', licenseSignatureData(fields), signer.privateKey).toString('base64') : '';
  const file: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) file[pascal(key)] = value;
  Object.assign(file, { UseRiskInsights: false, LicenseType: 1, Signature: signature, Token: options.token === false ? null : signJwt(licenseClaims(fields, now, options.claims), signer.privateKey) }, options.extra);
  return file;
}
