import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { licenseVerifyOptions } from '../../../../src/commands/license/verify.js';
import { licenseViewOptions } from '../../../../src/commands/license/view.js';
import { main } from '../../../../src/main.js';
import { createTestSigner, signedLicense, type TestSigner } from '../../../helpers/license-signer.js';
import { createTestSystem } from '../../../helpers/test-system.js';

// createTestSystem's clock.
const now = new Date('2026-11-22T10:00:00Z');
let dir: string;
let signer: TestSigner;
let certPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bwmsp-license-cmd-'));
  signer = createTestSigner();
  certPath = join(dir, 'signer.pem');
  writeFileSync(certPath, signer.certPem);
});

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

async function run(argv: string[], options: { tty?: boolean; stdin?: string } = {}) {
  const system = createTestSystem({ env: { NO_COLOR: '1' }, ...options });
  const code = await main(argv, system);
  return { code, stdout: system.stdoutText(), stderr: system.stderrText() };
}

const input = (args: string[], opts: Record<string, unknown> = {}) => ({ args, opts, commandPath: 'license verify' });

describe('license options', () => {
  it('take the file argument and --cert', () => {
    expect(licenseViewOptions(input(['a.json']))).toEqual({ file: 'a.json' });
    expect(licenseVerifyOptions(input(['-'], { cert: 'dev' }))).toEqual({ file: '-', cert: 'dev' });
    expect(licenseVerifyOptions(input(['a.json']))).toEqual({ file: 'a.json' });
    expect(() => licenseVerifyOptions(input(['a.json'], { cert: ' ' }))).toThrow('--cert needs a certificate file');
  });

  it('require the file argument', async () => {
    const r = await run(['license', 'view']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });
});

describe('license view', () => {
  it.each([true, false])('tty=%s: key/value lines on stdout, warnings on stderr', async (tty) => {
    const path = write('view.json', signedLicense(signer, now, { fields: { expires: '2026-12-01T10:00:00Z' } }));
    const r = await run(['license', 'view', path], { tty });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(tty ? 'Plan type:' : 'planType\t20 (EnterpriseAnnually)');
    expect(r.stdout).toContain(tty ? '2026-12-01T10:00:00Z' : 'expires\t2026-12-01T10:00:00Z');
    expect(r.stderr).toContain('the license expires in 9 days, on 2026-12-01T10:00:00Z');
  });

  it('reads stdin with - and prints the JSON view', async () => {
    const r = await run(['license', 'view', '-', '--json'], { stdin: JSON.stringify(signedLicense(signer, now)) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: 'stdin', seats: 25, tokenNotBefore: '2026-11-22T09:59:00.000Z', tokenExpires: '2027-11-22T09:59:00.000Z', warnings: [] });
  });
});

describe('license verify', () => {
  it.each([true, false])('tty=%s: a check per row, exit 0 when all pass', async (tty) => {
    const path = write('ok.json', signedLicense(signer, now));
    const r = await run(['license', 'verify', path, '--cert', certPath], { tty });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(tty ? /signature\s+pass\s+RS256/ : /^signature\tpass\tRS256/);
    expect(r.stderr).toContain('token signature and claims are valid');
  });

  it('uses the injected clock: a token past its exp fails with exit 1', async () => {
    const exp = Math.floor(now.getTime() / 1000) - 1;
    const path = write('late.json', signedLicense(signer, now, { claims: { exp } }));
    const r = await run(['license', 'verify', path, '--cert', certPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: ' + path + ': license verification failed: expiry (the token expired on 2026-11-22T09:59:59Z (now 2026-11-22T10:00:00Z))');
  });
});
