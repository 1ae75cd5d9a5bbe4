import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLicenseCertificate, type LicenseCertificate } from '../../../src/crypto/license-signature.js';
import { findJsonSyntaxProblem } from '../../../src/domain/json-position.js';
import { builtInLicenseCert, LICENSE_CERT_SUBJECTS, LICENSE_CERT_THUMBPRINTS } from '../../../src/domain/license-certs.js';
import { licenseWarnings, loadSigningCertificate, verifyLicenseFile } from '../../../src/domain/license-checks.js';
import { loadLicenseFile, parseClaimDate, parseLicenseFile, readLicenseText } from '../../../src/domain/license-file.js';
import { createTestSigner, signedLicense, TEST_INSTALLATION_ID, TEST_ORG_ID, type TestSigner } from '../../helpers/license-signer.js';

const now = new Date('2026-11-22T10:00:00Z');
const DAY = 86_400_000;
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/licenses/${name}`, import.meta.url), 'utf8');
const parse = (value: unknown, source = 'lic.json') => parseLicenseFile(typeof value === 'string' ? value : JSON.stringify(value, null, 2), source);

let signer: TestSigner;
let cert: LicenseCertificate;
beforeAll(() => {
  signer = createTestSigner();
  cert = parseLicenseCertificate(signer.certDer);
});

function camelCase(file: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(file).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

function tamperToken(file: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const [h, p, s] = String(file.Token).split('.') as [string, string, string];
  const payload = { ...(JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>), ...change };
  return { ...file, Token: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}` };
}

describe("Bitwarden's embedded license certificates", () => {
  it.each([
    ['production', 'B34876439FCDA2846505B2EFBBA6C4A951313EBE', 'CN=bitwarden License'],
    ['dev', '207E64A231E8AA32AAF68A61037C075EBEBD553F', 'CN=bitwarden License Dev'],
  ] as const)('%s has the SHA-1 thumbprint the server hard-codes', (which, thumbprint, subject) => {
    const parsed = parseLicenseCertificate(builtInLicenseCert(which));
    expect(parsed.thumbprint).toBe(thumbprint);
    expect(LICENSE_CERT_THUMBPRINTS[which]).toBe(thumbprint);
    expect(parsed.subject).toBe(subject);
    expect(LICENSE_CERT_SUBJECTS[which]).toBe(subject);
    expect(parsed.publicKey.asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(parsed.validTo.getUTCFullYear()).toBe(2047);
  });

  it('loadSigningCertificate defaults to production, takes dev, and reads DER or PEM files', async () => {
    expect((await loadSigningCertificate(undefined)).cert.thumbprint).toBe(LICENSE_CERT_THUMBPRINTS.production);
    expect(await loadSigningCertificate('dev')).toMatchObject({ builtIn: 'dev', source: 'built-in dev' });
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-cert-'));
    writeFileSync(join(dir, 'signer.pem'), signer.certPem);
    writeFileSync(join(dir, 'prod.cer'), builtInLicenseCert('production'));
    expect(await loadSigningCertificate(join(dir, 'signer.pem'))).toMatchObject({ builtIn: null, cert: { thumbprint: signer.thumbprint } });
    expect(await loadSigningCertificate(join(dir, 'prod.cer'))).toMatchObject({ builtIn: 'production' });
    await expect(loadSigningCertificate(join(dir, 'nope.cer'))).rejects.toThrow(`--cert ${join(dir, 'nope.cer')}: no such file`);
    writeFileSync(join(dir, 'junk.cer'), 'junk');
    await expect(loadSigningCertificate(join(dir, 'junk.cer'))).rejects.toThrow('junk.cer: not an X.509 certificate (DER or PEM)');
  });
});

describe('parsing license files', () => {
  it('reads the server fixture (PascalCase, \\u002B escapes) into typed fields', () => {
    const file = parse(fixture('server-fixture-v14.json'), 'v14.json');
    expect(file.fields).toMatchObject({ id: '12300000-0000-0000-0000-000000000456', version: 14, planType: 11, seats: 10, selfHost: true, licenseType: 1, token: null, hash: 'EZl4IvJaa1E5mPmlfp4p5twAtlmaxlF1yoZzVYP4vog=' });
    expect(file.valuesFrom).toBe('file');
    expect(file.effective.expires?.toISOString()).toBe('2023-12-21T02:03:33.374Z');
  });

  it('binds property names case-insensitively: PascalCase and camelCase give the same license', () => {
    const pascal = signedLicense(signer, now);
    const a = parse(pascal);
    const b = parse(camelCase(pascal));
    const c = parse(Object.fromEntries(Object.entries(pascal).map(([k, v]) => [k.toUpperCase(), v])));
    expect(b.fields).toEqual(a.fields);
    expect(c.fields).toEqual(a.fields);
    expect(b.effective).toEqual(a.effective);
  });

  it('uses the C# defaults for absent properties', () => {
    const file = parse({ Id: TEST_ORG_ID, InstallationId: TEST_INSTALLATION_ID, LicenseKey: 'k', Name: 'n', PlanType: 0, Version: 1 });
    expect(file.fields).toMatchObject({ enabled: false, seats: null, issued: '0001-01-01T00:00:00Z', limitCollectionCreationDeletion: true, allowAdminAccessToAllCollectionItems: true, licenseType: null });
  });

  it('takes the effective values from the token claims and reports disagreeing top-level values', () => {
    const file = parse({ ...signedLicense(signer, now), Seats: 500, UseSso: false, LicenseKey: 'changed', Issued: new Date(now.getTime() - 30_000).toISOString() });
    expect(file.valuesFrom).toBe('token');
    expect(file.effective.seats).toBe(25);
    expect(file.fileValues.seats).toBe(500);
    expect(file.effective.useSso).toBe(true);
    expect(file.effective.useMyItems).toBe(true); // claim only; the JSON never carries it
    expect(file.mismatches).toEqual([
      { field: 'LicenseKey' },
      { field: 'Seats', file: '500', token: '25' },
      { field: 'UseSso', file: 'false', token: 'true' },
    ]);
  });

  it('reads claims as the server does: missing or unreadable values become defaults', () => {
    const file = parse(signedLicense(signer, now, { claims: { Seats: 'lots', SelfHost: 'yes', Trial: undefined } }));
    expect(file.effective).toMatchObject({ seats: null, selfHost: false, trial: false });
    expect(file.unreadableClaims).toEqual(['Seats="lots"', 'SelfHost="yes"']);
  });

  it('parses claim dates in the invariant culture format', () => {
    expect(parseClaimDate('03/01/2025 00:00:00')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(parseClaimDate('12/31/2026 23:59:59')?.toISOString()).toBe('2026-12-31T23:59:59.000Z');
    expect(parseClaimDate('2025-03-01T00:00:00Z')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(parseClaimDate('13/01/2025 00:00:00')).toBeUndefined();
  });

  it.each([
    ['{\n  "Id": "x",\n  "Name" "Contoso"\n}', 'lic.json: not valid JSON at line 3, column 10: expected \':\' after the property name, found "\\""'],
    ['', 'lic.json: not valid JSON at line 1, column 1: the input is empty'],
    ["{\n'Id': 1}", 'lic.json: not valid JSON at line 2, column 1: expected a double-quoted property name'],
    ['{"Id": 1,}', 'lic.json: not valid JSON at line 1, column 10: trailing comma before }'],
    ['[1, 2]', 'lic.json: not a license file: the JSON is an array, not an object'],
  ])('names the source, line and column of bad JSON: %j', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('does not echo the file in JSON errors (it holds the license key)', () => {
    expect(() => parse('{"LicenseKey": "SECRETKEY123", oops}')).toThrow(/^lic\.json: not valid JSON at line 1, column 32: expected a double-quoted property name, unexpected character "o"$/);
  });

  it('names every missing required field, with a hint for user licenses', () => {
    expect(() => parse({ Name: 'x' })).toThrow('lic.json: not an organization license file: missing Id, InstallationId, LicenseKey, PlanType, Version');
    try {
      parse({ LicenseKey: 'k', Id: TEST_ORG_ID, Name: 'n', Email: 'a@b.c', Premium: true, Version: 1 });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('lic.json: not an organization license file: missing InstallationId, PlanType');
      expect((error as { hint?: string }).hint).toContain('user (Premium) license');
      expect((error as { exitCode?: number }).exitCode).toBe(2);
    }
  });

  it.each([
    [{ Seats: 'ten' }, 'lic.json: Seats must be a whole number or null, not the string "ten"'],
    [{ SelfHost: 'true' }, 'lic.json: SelfHost must be true or false, not the string "true"'],
    [{ SelfHost: null }, 'lic.json: SelfHost must be true or false, not null'],
    [{ MaxCollections: 40000 }, 'lic.json: MaxCollections must be a whole number up to 32767 or null, not number 40000'],
    [{ Expires: '31/12/2026' }, 'lic.json: Expires must be an ISO 8601 date, not the string "31/12/2026"'],
    [{ InstallationId: 'not-a-guid' }, 'lic.json: InstallationId must be a GUID, not the string "not-a-guid"'],
    [{ LicenseKey: 12345 }, 'lic.json: LicenseKey must be a string or null, not number'],
    [{ Token: 'abc.def' }, 'lic.json: Token is not a valid JWT: the token has 2 parts; a JWT has 3'],
  ])('refuses wrongly typed values: %j', (change, message) => {
    expect(() => parse({ ...signedLicense(signer, now), ...change })).toThrow(message);
  });

  it('reads files and stdin, naming missing files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-lic-'));
    const path = join(dir, 'contoso.json');
    writeFileSync(path, `\uFEFF${JSON.stringify(signedLicense(signer, now))}`);
    expect((await loadLicenseFile(path, new PassThrough())).effective.name).toBe('Contoso Ltd');
    const stdin = new PassThrough();
    stdin.end(JSON.stringify(signedLicense(signer, now)));
    expect((await loadLicenseFile('-', stdin)).source).toBe('stdin');
    await expect(readLicenseText(join(dir, 'missing.json'), new PassThrough())).rejects.toThrow(`${join(dir, 'missing.json')}: no such file`);
    await expect(readLicenseText(dir, new PassThrough())).rejects.toThrow(`${dir}: is a directory`);
  });
});

describe('license warnings', () => {
  it('has none for a current, self-hostable organization license', () => {
    expect(licenseWarnings(parse(signedLicense(signer, now)), now)).toEqual([]);
  });

  it.each([
    [{ fields: { expires: new Date(now.getTime() + 10 * DAY).toISOString() } }, 'the license expires in 10 days, on 2026-12-02T10:00:00Z'],
    [{ fields: { expires: new Date(now.getTime() - 3 * DAY).toISOString() } }, 'the license expired on 2026-11-19T10:00:00Z (3 days ago): a self-hosted server accepts it, then disables'],
    [{ token: false, fields: { expires: new Date(now.getTime() - 3 * DAY).toISOString() } }, 'a self-hosted server refuses it ("The license has expired.")'],
    [{ fields: { selfHost: false } }, 'SelfHost is false'],
    [{ fields: { enabled: false } }, 'Enabled is false'],
    [{ fields: { version: 17 } }, 'Version 17 is not supported: self-hosted servers accept 1..16 (checked for files without a token)'],
    [{ extra: { LicenseType: 0 } }, 'LicenseType is 0 (User), not 1 (Organization)'],
    [{ extra: { LicenseType: null } }, 'LicenseType is missing'],
    [{ claims: { LicenseType: 'User' } }, "the token's LicenseType claim is User, not Organization"],
    [{ extra: { Seats: 100 } }, 'Seats is 100 in the file but 25 in the token; the server uses the token'],
    [{ claims: { exp: Math.floor(now.getTime() / 1000) - 10 } }, 'the token expired on 2026-11-22T09:59:50Z'],
    [{ claims: { nbf: Math.floor(now.getTime() / 1000) + 3600 } }, 'the token is not valid before 2026-11-22T11:00:00Z'],
    [{ extra: { Padding: 'x'.repeat(51_000) } }, 'a self-hosted server refuses uploads over 51200 bytes'],
  ])('warns for %j', (options, message) => {
    const warnings = licenseWarnings(parse(signedLicense(signer, now, options)), now);
    expect(warnings.join('\n')).toContain(message);
  });
});

describe('verifying licenses', () => {
  const verify = (file: Record<string, unknown>, at = now, withCert = cert) => verifyLicenseFile(parse(file), withCert, at);
  const failed = (file: Record<string, unknown>, at = now, withCert = cert) =>
    verify(file, at, withCert)
      .checks.filter((c) => c.result === 'fail')
      .map((c) => `${c.check}: ${c.detail}`);

  it('passes a token license signed by the certificate', () => {
    const result = verify(signedLicense(signer, now));
    expect(result).toMatchObject({ mode: 'token', valid: true });
    expect(result.checks.map((c) => [c.check, c.result])).toEqual([
      ['signature', 'pass'],
      ['issuer', 'pass'],
      ['audience', 'pass'],
      ['not-before', 'pass'],
      ['expiry', 'pass'],
      ['legacy-signature', 'skip'],
    ]);
  });

  it('ignores top-level changes when a token is present (as the server does)', () => {
    expect(verify({ ...signedLicense(signer, now), Seats: 1000 }).valid).toBe(true);
  });

  it('fails a token whose payload was changed (more seats)', () => {
    expect(failed(tamperToken(signedLicense(signer, now), { Seats: '1000' }))).toEqual([
      `signature: the token's signature does not match the key of CN=bwmsp test license signer (SHA-1 ${signer.thumbprint})`,
    ]);
  });

  it('fails against another certificate, including Bitwarden production', () => {
    const production = parseLicenseCertificate(builtInLicenseCert('production'));
    expect(failed(signedLicense(signer, now), now, production)).toEqual([
      "signature: the token's signature does not match the key of CN=bitwarden License (SHA-1 B34876439FCDA2846505B2EFBBA6C4A951313EBE)",
    ]);
  });

  it.each([
    [{ iss: 'evil' }, 'issuer: iss is "evil", expected "bitwarden"'],
    [{ iss: undefined }, 'issuer: the token has no iss claim; expected "bitwarden"'],
    [{ aud: 'organization:00000000-0000-0000-0000-000000000001' }, `audience: aud is "organization:00000000-0000-0000-0000-000000000001", expected "organization:${TEST_ORG_ID}" (the file's Id)`],
    [{ aud: undefined }, `audience: the token has no aud claim; expected "organization:${TEST_ORG_ID}"`],
    [{ exp: undefined }, 'expiry: the token has no exp claim; the server requires one'],
  ])('fails claims %j', (claims, message) => {
    expect(failed(signedLicense(signer, now, { claims }))).toEqual([message]);
  });

  it('checks nbf <= now < exp with zero skew', () => {
    const file = signedLicense(signer, now);
    const token = parse(file).token;
    const nbf = token?.notBefore as Date;
    const exp = token?.expiresAt as Date;
    expect(failed(file, nbf)).toEqual([]);
    expect(failed(file, new Date(nbf.getTime() - 1000))).toEqual([`not-before: the token is not valid before ${nbf.toISOString().replace('.000', '')} (now ${new Date(nbf.getTime() - 1000).toISOString().replace('.000', '')}; the server allows no clock skew)`]);
    expect(failed(file, new Date(exp.getTime() - 1000))).toEqual([]);
    expect(failed(file, exp)).toEqual([`expiry: the token expired on ${exp.toISOString().replace('.000', '')} (now ${exp.toISOString().replace('.000', '')})`]);
  });

  it('is case-insensitive about the file but compares the audience with the GUID as .NET prints it', () => {
    expect(verify({ ...signedLicense(signer, now), Id: TEST_ORG_ID.toUpperCase() }).valid).toBe(true);
  });

  it('passes a legacy license (no token) and checks hash, signature and dates', () => {
    const result = verify(signedLicense(signer, now, { token: false }));
    expect(result.mode).toBe('legacy');
    expect(result.checks.map((c) => [c.check, c.result])).toEqual([
      ['version', 'pass'],
      ['hash', 'pass'],
      ['signature', 'pass'],
      ['issued', 'pass'],
      ['expiry', 'pass'],
    ]);
  });

  it('fails a legacy license whose top-level field was changed, and flags the stale hash', () => {
    const result = verify({ ...signedLicense(signer, now, { token: false }), Seats: 26 });
    expect(result.valid).toBe(false);
    expect(result.checks.find((c) => c.check === 'hash')).toMatchObject({ result: 'warn', detail: expect.stringContaining('Hash differs from the hash of the fields') });
    expect(failed({ ...signedLicense(signer, now, { token: false }), Seats: 26 })).toEqual([
      `signature: the signature does not match the file's fields and the key of CN=bwmsp test license signer (SHA-1 ${signer.thumbprint})`,
    ]);
  });

  it('verifies legacy licenses of older versions over their own field set', () => {
    // Version 5 leaves UsePolicies out of the signed data: changing it keeps the signature valid.
    const v5 = signedLicense(signer, now, { token: false, fields: { version: 5 } });
    expect(verify(v5).valid).toBe(true);
    expect(verify({ ...v5, UsePolicies: false }).valid).toBe(true);
    expect(verify({ ...v5, UseApi: false }).valid).toBe(false);
  });

  it.each([
    [{ fields: { version: 17 } }, ['version: Version 17 is not supported (1..16)', 'signature: the signed data of version 17 is unknown, so the signature cannot be checked']],
    [{ fields: { expires: '2026-11-01T00:00:00Z' } }, ['expiry: expired on 2026-11-01T00:00:00Z (now 2026-11-22T10:00:00Z): "The license has expired."']],
    [{ fields: { issued: '2026-12-01T00:00:00Z' } }, ['issued: issued 2026-12-01T00:00:00Z, in the future (now 2026-11-22T10:00:00Z): "The license hasn\'t been issued yet."']],
  ])('fails legacy %j', (options, messages) => {
    expect(failed(signedLicense(signer, now, { token: false, ...options }))).toEqual(messages);
  });
});

describe('JSON syntax positions', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['{"a": [1, 2, {"b": null}], "c": "\\u00e9\\n"}', undefined],
    ['{"a": 01}', { line: 1, column: 8, reason: "expected ',' or '}' after the property value, found \"1\"" }],
    ['{"a": "x\ny"}', { line: 1, column: 9, reason: 'control character in a string (newlines must be written \\n)' }],
    ['{"a": tru}', { line: 1, column: 7, reason: 'unexpected character "t"' }],
    ['{"a": 1} x', { line: 1, column: 10, reason: 'unexpected text after the JSON value' }],
    ['{"a": [1,]}', { line: 1, column: 10, reason: 'trailing comma before ]' }],
    ['{"a": "x', { line: 1, column: 9, reason: 'unterminated string' }],
  ])('%j', (text, problem) => {
    expect(findJsonSyntaxProblem(text)).toEqual(problem);
    if (problem) expect(() => JSON.parse(text)).toThrow();
    else expect(() => JSON.parse(text)).not.toThrow();
  });
});
