import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../../../src/sandbox/tls.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bwmsp-tls-'));
  dirs.push(dir);
  return dir;
}

describe('sandbox TLS material', () => {
  it('creates a local CA and a server certificate for 127.0.0.1 and localhost', () => {
    const dir = dataDir();
    const tls = ensureTlsMaterial(dir);
    expect(tls.caFile).toBe(join(dir, 'tls', 'ca.pem'));
    const ca = new X509Certificate(readFileSync(tls.caFile));
    const cert = new X509Certificate(tls.certPem);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(ca.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years = (Date.parse(ca.validTo) - Date.now()) / (365 * 86_400_000);
    expect(years).toBeGreaterThan(9.9);
    expect(cert.keyUsage ?? []).toContain('1.3.6.1.5.5.7.3.1');
  });

  it('keeps private keys readable by the owner only', () => {
    const dir = dataDir();
    ensureTlsMaterial(dir);
    expect(statSync(join(dir, 'tls', 'server-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'tls', 'ca-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'tls')).mode & 0o777).toBe(0o700);
  });

  it('reuses the material on the next start', () => {
    const dir = dataDir();
    const first = ensureTlsMaterial(dir);
    const second = ensureTlsMaterial(dir);
    expect(second).toEqual(first);
  });

  it('re-issues a lost server certificate from the same CA', () => {
    const dir = dataDir();
    const first = ensureTlsMaterial(dir);
    unlinkSync(join(dir, 'tls', 'server.pem'));
    const second = ensureTlsMaterial(dir);
    expect(second.caPem).toBe(first.caPem);
    expect(second.certPem).not.toBe(first.certPem);
    expect(new X509Certificate(second.certPem).checkIssued(new X509Certificate(second.caPem))).toBe(true);
  });

  it('renews a server certificate close to expiry', () => {
    const dir = dataDir();
    const first = ensureTlsMaterial(dir);
    const later = new Date(Date.now() + 800 * 86_400_000);
    const renewed = ensureTlsMaterial(dir, later);
    expect(renewed.caPem).toBe(first.caPem);
    expect(renewed.certPem).not.toBe(first.certPem);
  });
});
