import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCli, type Cli } from '../helpers/cli.js';
import { createTestSigner, signedLicense, TEST_INSTALLATION_ID, TEST_ORG_ID, type TestSigner } from '../helpers/license-signer.js';

const PRODUCTION_THUMBPRINT = 'B34876439FCDA2846505B2EFBBA6C4A951313EBE';
const DEV_THUMBPRINT = '207E64A231E8AA32AAF68A61037C075EBEBD553F';

interface Check {
  check: string;
  result: string;
  detail: string;
}
interface Verification {
  file: string;
  mode: string;
  valid: boolean;
  certificate: { subject: string; thumbprint: string; builtIn: string | null; source: string };
  checks: Check[];
}

let dir: string;
let signer: TestSigner;
let cli: Cli;
let certPem: string;
let certDer: string;
const now = new Date();
const nowSec = Math.floor(now.getTime() / 1000);

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function tamperToken(file: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const [h, p, s] = String(file.Token).split('.') as [string, string, string];
  const payload = { ...(JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>), ...change };
  return { ...file, Token: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}` };
}

const failedChecks = (v: Verification) => v.checks.filter((c) => c.result === 'fail').map((c) => c.check);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bwmsp-license-'));
  signer = createTestSigner();
  certPem = write('signer.pem', signer.certPem);
  certDer = join(dir, 'signer.cer');
  writeFileSync(certDer, signer.certDer);
  cli = createCli();
});

describe('bwmsp license view', () => {
  it('shows the token values of a license as JSON, never the license key or token', async () => {
    const path = write('contoso.json', signedLicense(signer, now));
    const view = await cli.json<Record<string, unknown>>(['license', 'view', path]);
    expect(view).toMatchObject({
      file: path,
      id: TEST_ORG_ID,
      name: 'Contoso Ltd',
      plan: 'Enterprise (Annually)',
      planType: 20,
      planTypeName: 'EnterpriseAnnually',
      seats: 25,
      maxCollections: null,
      trial: false,
      selfHost: true,
      enabled: true,
      installationId: TEST_INSTALLATION_ID,
      version: 15,
      licenseType: 1,
      licenseTypeName: 'Organization',
      hasToken: true,
      valuesFrom: 'token',
      warnings: [],
    });
    expect(view.features).toEqual(expect.arrayContaining(['groups', 'sso', 'scim', 'myItems']));
    expect(view.features).not.toContain('secretsManager');
    expect(Date.parse(String(view.expires)) - now.getTime()).toBeGreaterThan(400 * 86_400_000);
    const text = JSON.stringify(view);
    expect(text).not.toContain('K7Qx2mP9vR4tY8wZ1aB3');
    expect(text).not.toContain('eyJ');
  });

  it('prints key/value rows on a pipe and warnings on stderr; reads stdin with -', async () => {
    const license = { ...signedLicense(signer, now, { fields: { selfHost: false } }), Seats: 100, LicenseType: 0 };
    const r = await cli.run(['license', 'view', '-'], { input: JSON.stringify(license) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('file\tstdin\n');
    expect(r.stdout).toContain('seats\t25\n');
    expect(r.stdout).toContain('planType\t20 (EnterpriseAnnually)\n');
    expect(r.stdout).toMatch(/token\tpresent \(values from the token, valid until /);
    expect(r.stderr).toContain('SelfHost is false');
    expect(r.stderr).toContain('LicenseType is 0 (User), not 1 (Organization)');
    expect(r.stderr).toContain('Seats is 100 in the file but 25 in the token; the server uses the token');
    expect(r.stdout).not.toContain('K7Qx2mP9vR4tY8wZ1aB3');
  });

  it('reads the server fixture files (PascalCase, legacy) and warns that they expired', async () => {
    const fixture = new URL('../fixtures/licenses/server-fixture-v14.json', import.meta.url).pathname;
    const r = await cli.run(['license', 'view', fixture, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 14, planType: 11, planTypeName: 'EnterpriseAnnually2020', hasToken: false, valuesFrom: 'file' });
    expect(r.stderr).toContain('the license expired on 2023-12-21T02:03:33Z');
  });

  it.each([
    ['bad.json', () => '{\n  "Id": "x",\n  "Name" "Contoso"\n}', 'bad.json: not valid JSON at line 3, column 10'],
    ['user.json', () => ({ LicenseKey: 'k', Id: TEST_ORG_ID, Name: 'n', Email: 'a@b.c', Premium: true, Version: 1 }), 'user.json: not an organization license file: missing InstallationId, PlanType'],
    ['typed.json', () => ({ ...signedLicense(signer, now), Seats: 'ten' }), 'typed.json: Seats must be a whole number or null, not the string "ten"'],
  ])('refuses %s with exit 2 naming the problem', async (name, content, message) => {
    const path = write(name, content());
    const r = await cli.run(['license', 'view', path]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('names a missing file (exit 2) and reports JSON errors as JSON with --json', async () => {
    const r = await cli.run(['license', 'view', join(dir, 'nope.json'), '--json']);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'invalid_input', message: `${join(dir, 'nope.json')}: no such file` } });
  });
});

describe('bwmsp license verify', () => {
  it('passes a token license signed by the --cert key (PEM or DER) and exits 0', async () => {
    const path = write('good.json', signedLicense(signer, now));
    for (const cert of [certPem, certDer]) {
      const r = await cli.run(['license', 'verify', path, '--cert', cert, '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      const v = JSON.parse(r.stdout) as Verification;
      expect(v).toMatchObject({ mode: 'token', valid: true, certificate: { thumbprint: signer.thumbprint, builtIn: null, source: cert } });
      expect(v.checks.map((c) => `${c.check}:${c.result}`)).toEqual(['signature:pass', 'issuer:pass', 'audience:pass', 'not-before:pass', 'expiry:pass', 'legacy-signature:skip']);
    }
  });

  it('prints a check table on a pipe with the certificate on stderr', async () => {
    const path = write('good-tsv.json', signedLicense(signer, now));
    const r = await cli.run(['license', 'verify', path, '--cert', certPem]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^signature\tpass\tRS256 token signature made with the key of CN=bwmsp test license signer/);
    expect(r.stderr).toContain(`with ${certPem}: CN=bwmsp test license signer, SHA-1 ${signer.thumbprint}`);
    expect(r.stderr).toContain('token signature and claims are valid');
  });

  it('fails a token whose seats were changed after signing (exit 1, says signature)', async () => {
    const path = write('more-seats.json', tamperToken(signedLicense(signer, now), { Seats: '1000' }));
    const r = await cli.run(['license', 'verify', path, '--cert', certPem, '--json']);
    expect(r.exitCode).toBe(1);
    const v = JSON.parse(r.stdout) as Verification;
    expect(v.valid).toBe(false);
    expect(failedChecks(v)).toEqual(['signature']);
    expect(JSON.parse(r.stderr).error.message).toContain("license verification failed: signature (the token's signature does not match the key of CN=bwmsp test license signer");
  });

  it('fails an expired token and a wrong audience, naming the claim', async () => {
    const expired = write('expired.json', signedLicense(signer, now, { claims: { nbf: nowSec - 400 * 86400, iat: nowSec - 400 * 86400, exp: nowSec - 35 * 86400 } }));
    let r = await cli.run(['license', 'verify', expired, '--cert', certPem]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^expiry\tfail\tthe token expired on /m);
    expect(r.stderr).toContain('license verification failed: expiry (the token expired on');

    const otherOrg = write('other-org.json', signedLicense(signer, now, { claims: { aud: 'organization:0b6e0000-0000-4000-8000-000000000001' } }));
    r = await cli.run(['license', 'verify', otherOrg, '--cert', certPem, '--json']);
    expect(r.exitCode).toBe(1);
    expect(failedChecks(JSON.parse(r.stdout) as Verification)).toEqual(['audience']);
    expect(r.stderr).toContain(`aud is \\"organization:0b6e0000-0000-4000-8000-000000000001\\", expected \\"organization:${TEST_ORG_ID}\\"`);
  });

  it('verifies a legacy license (no token) and fails it once a top-level field changes', async () => {
    const legacy = signedLicense(signer, now, { token: false });
    const good = write('legacy.json', legacy);
    let r = await cli.run(['license', 'verify', good, '--cert', certDer, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Verification).checks.map((c) => `${c.check}:${c.result}`)).toEqual(['version:pass', 'hash:pass', 'signature:pass', 'issued:pass', 'expiry:pass']);

    const changed = write('legacy-changed.json', { ...legacy, MaxCollections: 500 });
    r = await cli.run(['license', 'verify', changed, '--cert', certDer, '--json']);
    expect(r.exitCode).toBe(1);
    const v = JSON.parse(r.stdout) as Verification;
    expect(failedChecks(v)).toEqual(['signature']);
    expect(v.checks.find((c) => c.check === 'hash')?.result).toBe('warn');
    expect(JSON.parse(r.stderr).error.message).toContain("signature (the signature does not match the file's fields");
  });

  it("defaults to Bitwarden's production certificate, which refuses a license signed by another key", async () => {
    const path = write('sandbox-signed.json', signedLicense(signer, now));
    const r = await cli.run(['license', 'verify', path, '--json']);
    expect(r.exitCode).toBe(1);
    const v = JSON.parse(r.stdout) as Verification;
    expect(v.certificate).toEqual({ subject: 'CN=bitwarden License', thumbprint: PRODUCTION_THUMBPRINT, builtIn: 'production', source: 'built-in production' });
    expect(failedChecks(v)).toEqual(['signature']);
    const error = JSON.parse(r.stderr).error as { message: string; hint: string };
    expect(error.message).toContain('(SHA-1 B34876439FCDA2846505B2EFBBA6C4A951313EBE)');
    expect(error.hint).toContain('--cert');
  });

  it('selects the embedded dev certificate with --cert dev, and fails a signature made by a wrong certificate', async () => {
    const path = write('dev.json', signedLicense(signer, now));
    const r = await cli.run(['license', 'verify', path, '--cert', 'dev', '--json']);
    expect(r.exitCode).toBe(1);
    expect((JSON.parse(r.stdout) as Verification).certificate).toMatchObject({ thumbprint: DEV_THUMBPRINT, builtIn: 'dev' });

    const stranger = createTestSigner('stranger');
    const strangerCert = write('stranger.pem', stranger.certPem);
    const s = await cli.run(['license', 'verify', path, '--cert', strangerCert]);
    expect(s.exitCode).toBe(1);
    expect(s.stderr).toContain('The file was changed after signing, or was signed with another key');
  });

  it('refuses a --cert that is not a certificate, and a missing one, with exit 2', async () => {
    const path = write('any.json', signedLicense(signer, now));
    const junk = write('junk.cer', 'not a certificate');
    let r = await cli.run(['license', 'verify', path, '--cert', junk]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`--cert ${junk}: not an X.509 certificate (DER or PEM)`);
    r = await cli.run(['license', 'verify', path, '--cert', join(dir, 'missing.pem')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`--cert ${join(dir, 'missing.pem')}: no such file`);
    expect(readFileSync(path, 'utf8')).toContain('"Token"');
  });
});
