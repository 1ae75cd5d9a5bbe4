/**
 * The cloud sandbox's license signer (licensing-and-selfhost.md §1.5, §8): an RSA-2048 key and a
 * self-signed certificate, made once and kept in the store's server settings. A started cloud sandbox
 * also writes them to `<dataDir>/licensing/`: `signing.key` (PKCS#8 PEM, mode 0600) and `signing.cer`
 * (DER X.509, like Bitwarden's `licensing.cer`) — the file a selfhost sandbox trusts via `--license-cert`
 * and `bwmsp license verify --cert` checks with. A real self-hosted server never trusts it.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import type { SandboxStore } from './store.js';

export const LICENSING_DIR = 'licensing';
export const LICENSE_CERT_FILE = 'signing.cer';
const KEY_FILE = 'signing.key';
const KEY_SETTING = 'license_signing_key';
const CERT_SETTING = 'license_signing_cert';
const DAY_MS = 86_400_000;

export interface LicenseSigner {
  /** PKCS#8 DER of the private key (what crypto/license-signature.ts signs with). */
  privateKeyPkcs8: Uint8Array;
  keyPem: string;
  certPem: string;
}

function createSigner(now: Date): { keyPem: string; certPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + 30 * 365 * DAY_MS);
  const name = [{ name: 'commonName', value: `bwmsp sandbox License ${randomBytes(4).toString('hex')}` }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** The store's license signer, created on first use. */
export function licenseSigner(store: SandboxStore, now: Date = new Date()): LicenseSigner {
  let created: { keyPem: string; certPem: string } | undefined;
  const make = () => (created ??= createSigner(now));
  const keyPem = store.settings.getOrCreate(KEY_SETTING, () => make().keyPem);
  const certPem = store.settings.getOrCreate(CERT_SETTING, () => make().certPem);
  const key = createPrivateKey(keyPem);
  return { privateKeyPkcs8: new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })), keyPem, certPem };
}

/** Writes the signer under `<dataDir>/licensing/` and returns the certificate file's path. */
export function writeLicenseSignerFiles(dataDir: string, signer: LicenseSigner): string {
  const dir = join(dataDir, LICENSING_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, KEY_FILE), signer.keyPem, { mode: 0o600 });
  const certFile = join(dir, LICENSE_CERT_FILE);
  writeFileSync(certFile, new X509Certificate(signer.certPem).raw, { mode: 0o644 });
  return certFile;
}
