/**
 * Local TLS for the sandbox (the official clients refuse plain HTTP): a local CA (RSA 2048,
 * 10 years) and a server certificate for IP:127.0.0.1 and DNS:localhost signed by it, kept in
 * `<dataDir>/tls/` and reused on later starts. The server certificate is re-issued from the same CA
 * when it is missing, expiring or invalid, so trust in `ca.pem` survives.
 *
 * Keys come from node:crypto (fast, native); node-forge builds and signs the certificates.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface TlsMaterial {
  /** Path of the CA certificate to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export const TLS_DIR = 'tls';
const CA_FILE = 'ca.pem';
const CA_KEY_FILE = 'ca-key.pem';
const CERT_FILE = 'server.pem';
const KEY_FILE = 'server-key.pem';

const DAY_MS = 86_400_000;
const CA_LIFETIME_DAYS = 3650;
const SERVER_LIFETIME_DAYS = 825;
const RENEW_BEFORE_DAYS = 30;

function newRsaKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return privateKey;
}

function serialNumber(): string {
  // positive, 16 bytes
  return '01' + randomBytes(15).toString('hex');
}

function subject(commonName: string): forge.pki.CertificateField[] {
  return [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'bwmsp sandbox' },
  ];
}

function createCa(now: Date): { caPem: string; caKeyPem: string } {
  const caKeyPem = newRsaKeyPem();
  const key = forge.pki.privateKeyFromPem(caKeyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + CA_LIFETIME_DAYS * DAY_MS);
  const name = subject(`bwmsp sandbox local CA ${randomBytes(4).toString('hex')}`);
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { caPem: forge.pki.certificateToPem(cert), caKeyPem };
}

function createServerCert(caPem: string, caKeyPem: string, now: Date): { certPem: string; keyPem: string } {
  const caCert = forge.pki.certificateFromPem(caPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keyPem = newRsaKeyPem();
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + SERVER_LIFETIME_DAYS * DAY_MS);
  cert.setSubject(subject('127.0.0.1'));
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

function usableCa(caPem: string, now: Date): boolean {
  try {
    const ca = new X509Certificate(caPem);
    return ca.ca && Date.parse(ca.validTo) - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
  } catch {
    return false;
  }
}

function usableServerCert(certPem: string, keyPem: string, caPem: string, now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return (
      cert.checkIssued(ca) &&
      cert.verify(ca.publicKey) &&
      cert.checkIP('127.0.0.1') !== undefined &&
      cert.checkHost('localhost') !== undefined &&
      Date.parse(cert.validTo) - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS &&
      cert.checkPrivateKey(createPrivateKey(keyPem))
    );
  } catch {
    return false;
  }
}

function readIfExists(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function writeFile(file: string, data: string, mode: number): void {
  writeFileSync(file, data, { mode });
  chmodSync(file, mode);
}

/** Loads the sandbox TLS material from `<dataDir>/tls/`, creating or renewing what is missing. */
export function ensureTlsMaterial(dataDir: string, now: Date = new Date()): TlsMaterial {
  const dir = join(dataDir, TLS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caFile = join(dir, CA_FILE);
  const caKeyFile = join(dir, CA_KEY_FILE);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);

  let caPem = readIfExists(caFile);
  let caKeyPem = readIfExists(caKeyFile);
  let certPem = readIfExists(certFile);
  let keyPem = readIfExists(keyFile);

  if (caPem === null || caKeyPem === null || !usableCa(caPem, now)) {
    ({ caPem, caKeyPem } = createCa(now));
    writeFile(caKeyFile, caKeyPem, 0o600);
    writeFile(caFile, caPem, 0o644);
    certPem = null;
  }
  if (certPem === null || keyPem === null || !usableServerCert(certPem, keyPem, caPem, now)) {
    ({ certPem, keyPem } = createServerCert(caPem, caKeyPem, now));
    writeFile(keyFile, keyPem, 0o600);
    writeFile(certFile, certPem, 0o644);
  }
  return { caFile, caPem, certPem, keyPem };
}
