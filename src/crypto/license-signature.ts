/**
 * Signatures of organization license files (licensing-and-selfhost.md sections 1.3 to 1.5):
 * - the `token`: a JWT signed RS256 (RSASSA-PKCS1-v1_5 + SHA-256) with the licensing certificate's key;
 * - the legacy `signature`: RSASSA-PKCS1-v1_5 + SHA-256 over the signature data (license-data.ts).
 * Verification takes the signer's X.509 certificate (DER or PEM). Pure: bytes in, results out.
 */
import { createPrivateKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { b64encode, utf8Decode, utf8Encode } from './encoding.js';
import { CryptoError } from './errors.js';

/** A parsed signing certificate: what messages show, and the public key. */
export interface LicenseCertificate {
  /** Distinguished name, e.g. `CN=bitwarden License`. */
  subject: string;
  /** SHA-1 of the DER bytes, upper-case hex without separators (how the server names certificates). */
  thumbprint: string;
  validFrom: Date;
  validTo: Date;
  publicKey: KeyObject;
}

/** Reads an X.509 certificate from DER or PEM bytes; the key must be RSA. */
export function parseLicenseCertificate(bytes: Uint8Array): LicenseCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(bytes));
  } catch {
    throw new CryptoError('not an X.509 certificate (DER or PEM)');
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa') throw new CryptoError(`the certificate's key is ${cert.publicKey.asymmetricKeyType ?? 'unknown'}, not RSA`);
  return {
    subject: cert.subject.split('\n').join(', '),
    thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
    publicKey: cert.publicKey,
  };
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload` as sent: what the signature covers. */
  signingInput: string;
  signature: Uint8Array;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function b64urlDecode(part: string, what: string): Uint8Array {
  if (!B64URL.test(part) || part.length % 4 === 1) throw new CryptoError(`the token's ${what} is not base64url`);
  return new Uint8Array(Buffer.from(part, 'base64url'));
}

function jsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new CryptoError(`the token's ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CryptoError(`the token's ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** Splits and decodes a compact JWS without verifying it. Throws CryptoError naming the bad part. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new CryptoError(`the token has ${parts.length} part${parts.length === 1 ? '' : 's'}; a JWT has 3 (header.payload.signature)`);
  const [header = '', payload = '', signature = ''] = parts;
  return {
    header: jsonObject(b64urlDecode(header, 'header'), 'header'),
    payload: jsonObject(b64urlDecode(payload, 'payload'), 'payload'),
    signingInput: `${header}.${payload}`,
    signature: b64urlDecode(signature, 'signature'),
  };
}

export type SignatureResult = { valid: true } | { valid: false; reason: string };

/** Checks a decoded JWT's RS256 signature with the certificate's key. Any other `alg` is refused. */
export function verifyJwtSignature(jwt: DecodedJwt, cert: LicenseCertificate): SignatureResult {
  const alg = jwt.header.alg;
  if (alg !== 'RS256') return { valid: false, reason: `the token's algorithm is ${typeof alg === 'string' ? alg : 'missing'}, not RS256` };
  if (jwt.signature.length === 0) return { valid: false, reason: 'the token has no signature' };
  const ok = verify('sha256', utf8Encode(jwt.signingInput), cert.publicKey, jwt.signature);
  return ok ? { valid: true } : { valid: false, reason: `the token's signature does not match the key of ${cert.subject} (SHA-1 ${cert.thumbprint})` };
}

/** Checks the legacy `signature` (base64, RSASSA-PKCS1-v1_5 + SHA-256) over the signature data bytes. */
export function verifyLicenseSignature(signatureData: Uint8Array, signatureB64: string | null, cert: LicenseCertificate): SignatureResult {
  if (!signatureB64) return { valid: false, reason: 'the file has no signature' };
  // Convert.FromBase64String: whitespace ignored, padding required.
  const text = signatureB64.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return { valid: false, reason: 'the signature is not base64' };
  const bytes = Buffer.from(text, 'base64');
  const ok = verify('sha256', signatureData, cert.publicKey, bytes);
  return ok ? { valid: true } : { valid: false, reason: `the signature does not match the file's fields and the key of ${cert.subject} (SHA-1 ${cert.thumbprint})` };
}

function loadPrivateKey(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CryptoError('the license signing key is not a PKCS#8 RSA private key');
  }
}

/** Signs claims as an RS256 JWT (`{"alg":"RS256","typ":"JWT"}`), for license signers such as the sandbox. */
export function signJwtRs256(claims: Record<string, unknown>, privateKeyPkcs8: Uint8Array): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = sign('sha256', utf8Encode(input), loadPrivateKey(privateKeyPkcs8));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

/** The legacy `signature` value: base64 RSASSA-PKCS1-v1_5 + SHA-256 over the signature data. */
export function signLicenseData(signatureData: Uint8Array, privateKeyPkcs8: Uint8Array): string {
  return b64encode(new Uint8Array(sign('sha256', signatureData, loadPrivateKey(privateKeyPkcs8))));
}
