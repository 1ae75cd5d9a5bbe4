/**
 * The real socket path, on loopback only: a custom CA is trusted through the `ca` option, an unknown
 * CA is reported with a --ca-file hint, and a GET with a JSON body reaches a real Node server.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_COMPAT_VERSION, createApiClient, type ApiClient } from '../../../src/api/client.js';
import { NetworkError } from '../../../src/api/errors.js';

interface Pki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function rsaPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(pem),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    pem,
  };
}

function makePki(): Pki {
  const caKeys = rsaPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date(Date.now() - 60_000);
  ca.validity.notAfter = new Date(Date.now() + 86_400_000);
  const caName = [{ name: 'commonName', value: 'bwmsp test CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const leafKeys = rsaPair();
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = leafKeys.publicKey;
  leaf.serialNumber = '02';
  leaf.validity.notBefore = new Date(Date.now() - 60_000);
  leaf.validity.notAfter = new Date(Date.now() + 86_400_000);
  leaf.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  leaf.setIssuer(caName);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
  leaf.sign(caKeys.privateKey, forge.md.sha256.create());

  return { caPem: forge.pki.certificateToPem(ca), certPem: forge.pki.certificateToPem(leaf), keyPem: leafKeys.pem };
}

let server: Server;
let base: string;
let pki: Pki;
const received: Array<{ method: string | undefined; url: string | undefined; body: string }> = [];

beforeAll(async () => {
  pki = makePki();
  server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: true, echo: body === '' ? null : (JSON.parse(body) as unknown) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function clientFor(ca?: string): ApiClient {
  return createApiClient({
    urls: { api: `${base}/api`, identity: `${base}/identity`, events: `${base}/events` },
    client: { name: 'cli', version: CLIENT_COMPAT_VERSION, deviceType: 25 },
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    timeoutMs: 5_000,
    ...(ca === undefined ? {} : { ca }),
  });
}

describe('TLS and real sockets', () => {
  it('trusts a server certificate signed by the CA given in `ca`, and sends a GET with a JSON body', async () => {
    const client = clientFor(pki.caPem);
    try {
      const answer = await client.request({
        service: 'api',
        method: 'GET',
        path: '/licenses/organization/o1',
        auth: false,
        json: { licenseKey: 'lk', billingSyncKey: 'bsk' },
      });
      expect(answer).toEqual({ ok: true, echo: { licenseKey: 'lk', billingSyncKey: 'bsk' } });
      expect(received.at(-1)).toMatchObject({ method: 'GET', url: '/api/licenses/organization/o1' });
    } finally {
      await client.close();
    }
  });

  it('reports an untrusted certificate as a NetworkError with a --ca-file hint', async () => {
    const client = clientFor();
    try {
      const error = await client
        .request({ service: 'api', method: 'GET', path: '/config', auth: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      const network = error as NetworkError;
      expect(network.kind).toBe('tls');
      expect(network.message).toContain('127.0.0.1');
      expect(network.hint).toMatch(/--ca-file.*NODE_EXTRA_CA_CERTS/);
    } finally {
      await client.close();
    }
  });

  it('reports a refused connection naming the host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createApiClient({
      urls: { api: `https://127.0.0.1:${port}/api`, identity: `https://127.0.0.1:${port}/identity`, events: `https://127.0.0.1:${port}/events` },
      client: { name: 'cli', version: CLIENT_COMPAT_VERSION, deviceType: 25 },
    });
    try {
      const error = await client
        .request({ service: 'api', method: 'GET', path: '/config', auth: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).kind).toBe('refused');
      expect((error as NetworkError).message).toBe(`connection refused by 127.0.0.1:${port}`);
    } finally {
      await client.close();
    }
  });
});
