import { beforeAll, describe, expect, it } from 'vitest';
import { licenseHash, licenseSignatureData } from '../../../src/crypto/license-data.js';
import {
  decodeJwt,
  parseLicenseCertificate,
  signJwtRs256,
  signLicenseData,
  verifyJwtSignature,
  verifyLicenseSignature,
  type LicenseCertificate,
} from '../../../src/crypto/license-signature.js';
import { createTestSigner, licenseFields, signJwt, type TestSigner } from '../../helpers/license-signer.js';

const now = new Date('2026-11-22T10:00:00Z');
let signer: TestSigner;
let other: TestSigner;
let cert: LicenseCertificate;

beforeAll(() => {
  signer = createTestSigner();
  other = createTestSigner('someone else');
  cert = parseLicenseCertificate(signer.certDer);
});

function tamperPayload(token: string, change: Record<string, unknown>): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const payload = { ...(JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>), ...change };
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

describe('license certificates', () => {
  it('reads DER and PEM alike, with subject and SHA-1 thumbprint', () => {
    const fromPem = parseLicenseCertificate(new TextEncoder().encode(signer.certPem));
    expect(cert.subject).toBe('CN=bwmsp test license signer');
    expect(cert.thumbprint).toBe(signer.thumbprint);
    expect(fromPem.thumbprint).toBe(signer.thumbprint);
    expect(cert.validTo.toISOString()).toBe('2050-01-01T00:00:00.000Z');
  });

  it('refuses bytes that are not a certificate', () => {
    expect(() => parseLicenseCertificate(new TextEncoder().encode('hello'))).toThrow('not an X.509 certificate (DER or PEM)');
  });
});

describe('the RS256 token', () => {
  it('verifies a token signed with the certificate key (signed independently with node:crypto)', () => {
    const token = signJwt({ iss: 'bitwarden', Seats: '10' }, signer.privateKey);
    const jwt = decodeJwt(token);
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(jwt.payload).toEqual({ iss: 'bitwarden', Seats: '10' });
    expect(verifyJwtSignature(jwt, cert)).toEqual({ valid: true });
  });

  it('fails when a claim was changed after signing', () => {
    const token = tamperPayload(signJwt({ Seats: '10' }, signer.privateKey), { Seats: '500' });
    expect(verifyJwtSignature(decodeJwt(token), cert)).toEqual({ valid: false, reason: `the token's signature does not match the key of CN=bwmsp test license signer (SHA-1 ${signer.thumbprint})` });
  });

  it('fails against another certificate', () => {
    const token = signJwt({ Seats: '10' }, other.privateKey);
    expect(verifyJwtSignature(decodeJwt(token), cert).valid).toBe(false);
  });

  it.each([
    [{ alg: 'none' }, "the token's algorithm is none, not RS256"],
    [{ alg: 'HS256' }, "the token's algorithm is HS256, not RS256"],
    [{}, "the token's algorithm is missing, not RS256"],
  ])('refuses header %j', (header, reason) => {
    const token = signJwt({ Seats: '10' }, signer.privateKey, header);
    expect(verifyJwtSignature(decodeJwt(token), cert)).toEqual({ valid: false, reason });
  });

  it('refuses an unsigned token', () => {
    const token = signJwt({ Seats: '10' }, signer.privateKey).replace(/\.[^.]+$/, '.');
    expect(verifyJwtSignature(decodeJwt(token), cert)).toEqual({ valid: false, reason: 'the token has no signature' });
  });

  it.each([
    ['abc', 'the token has 1 part; a JWT has 3 (header.payload.signature)'],
    ['a.b', 'the token has 2 parts'],
    ['e30.!!!.sig', "the token's payload is not base64url"],
    [`${Buffer.from('[1]').toString('base64url')}.e30.c2ln`, "the token's header is not a JSON object"],
    [`e30.${Buffer.from('{nope').toString('base64url')}.c2ln`, "the token's payload is not JSON"],
  ])('decodeJwt(%s) names the bad part', (token, message) => {
    expect(() => decodeJwt(token)).toThrow(message);
  });

  it('signJwtRs256 makes tokens that verify', () => {
    const pkcs8 = new Uint8Array(signer.privateKey.export({ type: 'pkcs8', format: 'der' }));
    const jwt = decodeJwt(signJwtRs256({ iss: 'bitwarden' }, pkcs8));
    expect(jwt.header.alg).toBe('RS256');
    expect(verifyJwtSignature(jwt, cert)).toEqual({ valid: true });
  });
});

describe('the legacy signature', () => {
  const fields = () => {
    const base = licenseFields(now);
    return { ...base, hash: licenseHash(base) };
  };

  it('verifies a signature over the signature data and fails when a field changes', () => {
    const pkcs8 = new Uint8Array(signer.privateKey.export({ type: 'pkcs8', format: 'der' }));
    const license = fields();
    const signature = signLicenseData(licenseSignatureData(license), pkcs8);
    expect(verifyLicenseSignature(licenseSignatureData(license), signature, cert)).toEqual({ valid: true });
    expect(verifyLicenseSignature(licenseSignatureData({ ...license, seats: 26 }), signature, cert)).toMatchObject({ valid: false, reason: expect.stringContaining("does not match the file's fields") });
    expect(verifyLicenseSignature(licenseSignatureData(license), signature, parseLicenseCertificate(other.certDer)).valid).toBe(false);
  });

  it.each([
    [null, 'the file has no signature'],
    ['', 'the file has no signature'],
    ['***', 'the signature is not base64'],
    ['AAA', 'the signature is not base64'],
  ])('refuses signature %j', (signature, reason) => {
    expect(verifyLicenseSignature(licenseSignatureData(fields()), signature, cert)).toEqual({ valid: false, reason });
  });
});
