import type { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REDACTED,
  SECRET_KEYS,
  redactBodyText,
  redactHeaders,
  redactJson,
  redactUrl,
  truncateUtf8,
} from '../../../src/api/redact.js';
import { CLOUD_URLS, JSON_HEADERS, createMockAgent, createTestClient, fakeTokens } from './mock-api.js';

/** The keys the brief lists; every one must be redacted. */
const LISTED_KEYS = [
  'access_token',
  'refresh_token',
  'password',
  'masterPasswordHash',
  'newMasterPasswordHash',
  'key',
  'keys',
  'privateKey',
  'encryptedPrivateKey',
  'Key',
  'PrivateKey',
  'client_secret',
  'clientSecret',
  'apiKey',
  'token',
  'twoFactorToken',
  'code',
  'sessionKey',
  'secret',
  'signature',
];

/** A distinct, greppable secret per key. */
const secretFor = (key: string, side: string) => `S3CRET-${side}-${key}-x9`;

function objectWithEverySecret(side: string): Record<string, string> {
  return Object.fromEntries(LISTED_KEYS.map((key) => [key, secretFor(key, side)]));
}

const ENC_STRING = '2.AAECAwQFBgcICQoLDA0ODw==|c2VjcmV0IGNvbGxlY3Rpb24gbmFtZQ==|MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
const RSA_ENC_STRING = '4.bm90IHJlYWxseSBhbiBSU0Egd3JhcCBidXQgY2xvc2UgZW5vdWdo';
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJlLWJ5dGVz';

let agent: MockAgent;

beforeEach(() => {
  agent = createMockAgent();
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('debug trace', () => {
  it('never shows a listed secret of a JSON request or response body', async () => {
    const requestBody = {
      ...objectWithEverySecret('req'),
      name: ENC_STRING,
      nested: { users: [{ id: 'u1', key: RSA_ENC_STRING, email: 'alice@example.com' }] },
    };
    const responseBody = { ...objectWithEverySecret('res'), list: [ENC_STRING, 'plain-value'], note: JWT };
    agent
      .get(CLOUD_URLS.api)
      .intercept({ path: '/organizations/o1/users/confirm', method: 'POST' })
      .reply(200, JSON.stringify(responseBody), { headers: JSON_HEADERS });
    const { client, debugLines } = createTestClient(agent, { tokens: fakeTokens(JWT) });

    await client.request({ service: 'api', method: 'POST', path: '/organizations/o1/users/confirm', json: requestBody });

    const trace = debugLines.join('\n');
    for (const key of LISTED_KEYS) {
      expect(trace).not.toContain(secretFor(key, 'req'));
      expect(trace).not.toContain(secretFor(key, 'res'));
    }
    expect(trace).not.toContain(ENC_STRING);
    expect(trace).not.toContain(RSA_ENC_STRING);
    expect(trace).not.toContain(JWT);
    expect(trace).not.toContain('c2VjcmV0IGNvbGxlY3Rpb24gbmFtZQ');
    // What is not secret stays readable.
    expect(trace).toContain('alice@example.com');
    expect(trace).toContain('plain-value');
    expect(trace).toContain(`"Authorization":"Bearer ${REDACTED}"`);
  });

  it('never shows a listed secret of a token form or a token response', async () => {
    const form = {
      grant_type: 'password',
      username: 'alice@example.com',
      password: 'bWFzdGVyLXBhc3N3b3JkLWhhc2g=',
      client_id: 'cli',
      client_secret: 'client-secret-value',
      twoFactorToken: '123456',
      code: 'auth-code-value',
      deviceIdentifier: 'dev-1',
    };
    const tokenResponse = {
      access_token: JWT,
      refresh_token: 'opaque-refresh-token-value',
      token_type: 'Bearer',
      Key: ENC_STRING,
      PrivateKey: 'private-key-value',
      TwoFactorToken: 'remember-me-token-value',
      AccountKeys: { publicKeyEncryptionKeyPair: { wrappedPrivateKey: ENC_STRING, publicKey: 'MIIBIjANBgkq' } },
    };
    agent
      .get(CLOUD_URLS.identity)
      .intercept({ path: '/connect/token', method: 'POST' })
      .reply(200, JSON.stringify(tokenResponse), { headers: JSON_HEADERS });
    const { client, debugLines } = createTestClient(agent);

    await client.request({ service: 'identity', method: 'POST', path: '/connect/token', auth: false, form });

    const trace = debugLines.join('\n');
    for (const secret of [
      form.password,
      form.client_secret,
      form.twoFactorToken,
      form.code,
      JWT,
      tokenResponse.refresh_token,
      tokenResponse.PrivateKey,
      tokenResponse.TwoFactorToken,
      ENC_STRING,
    ]) {
      expect(trace).not.toContain(secret);
    }
    expect(trace).toContain('alice@example.com');
    expect(trace).toContain('MIIBIjANBgkq');
  });

  it('writes one request line and one response line in the documented format', async () => {
    agent
      .get(CLOUD_URLS.identity)
      .intercept({ path: '/connect/token', method: 'POST' })
      .reply(200, JSON.stringify({ token_type: 'Bearer' }), { headers: JSON_HEADERS });
    const { client, debugLines } = createTestClient(agent);

    await client.request({
      service: 'identity',
      method: 'POST',
      path: '/connect/token',
      auth: false,
      form: { grant_type: 'refresh_token', refresh_token: 'rt-value' },
    });

    expect(debugLines[0]).toBe(
      `→ POST https://identity.bitwarden.com/connect/token {"grant_type":"refresh_token","refresh_token":"${REDACTED}"}`,
    );
    expect(debugLines[1]).toMatch(/^ {2}headers \{/);
    expect(debugLines[2]).toMatch(/^← 200 \(\d+ ms\) \{"token_type":"Bearer"\}$/);
  });

  it('truncates long response bodies to 2 KB', async () => {
    const big = { data: Array.from({ length: 500 }, (_, i) => ({ id: `item-${i}` })) };
    agent
      .get(CLOUD_URLS.api)
      .intercept({ path: '/organizations/o1/collections', method: 'GET' })
      .reply(200, JSON.stringify(big), { headers: JSON_HEADERS });
    const { client, debugLines } = createTestClient(agent);

    await client.request({ service: 'api', method: 'GET', path: '/organizations/o1/collections' });

    const response = debugLines.find((line) => line.startsWith('←')) ?? '';
    const body = response.replace(/^← 200 \(\d+ ms\) /, '');
    expect(body).toMatch(/… \[\d+ more bytes\]$/);
    expect(Buffer.byteLength(body.replace(/… \[\d+ more bytes\]$/, ''))).toBeLessThanOrEqual(2048);
  });

  it('redacts secret query parameters in the URL', async () => {
    agent
      .get(CLOUD_URLS.api)
      .intercept({ path: '/accounts/verify?token=query-token-value&email=a%40b.c', method: 'GET' })
      .reply(200, '');
    const { client, debugLines } = createTestClient(agent);

    await client.request({ service: 'api', method: 'GET', path: '/accounts/verify', query: { token: 'query-token-value', email: 'a@b.c' }, auth: false });

    expect(debugLines.join('\n')).not.toContain('query-token-value');
    expect(debugLines[0]).toContain(`token=${REDACTED}`);
  });
});

describe('redactJson', () => {
  it('matches secret keys case-insensitively, at any depth, and redacts whole subtrees', () => {
    const out = redactJson({
      PASSWORD: 'p',
      Keys: { publicKey: 'pub', encryptedPrivateKey: 'epk' },
      outer: [{ ClientSecret: 'cs', fine: 1 }],
      masterpasswordhash: 'h',
      count: 3,
      empty: null,
      key: null,
    });
    expect(out).toEqual({
      PASSWORD: REDACTED,
      Keys: REDACTED,
      outer: [{ ClientSecret: REDACTED, fine: 1 }],
      masterpasswordhash: REDACTED,
      count: 3,
      empty: null,
      key: null,
    });
  });

  it('redacts billing sync tokens in connection configs (PascalCase as stored) and license sync bodies', () => {
    const out = redactJson({
      config: { BillingSyncKey: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123', CloudOrganizationId: 'c1', LastLicenseSync: null },
      licenseKey: 'k'.repeat(20),
      billingSyncKey: 'b'.repeat(30),
      apiKey: 'a'.repeat(30),
    });
    expect(out).toEqual({ config: { BillingSyncKey: REDACTED, CloudOrganizationId: 'c1', LastLicenseSync: null }, licenseKey: REDACTED, billingSyncKey: REDACTED, apiKey: REDACTED });
  });

  it('redacts EncStrings of every type under any key, but keeps ordinary strings', () => {
    const values = ['0.abc|def', '2.iv|ct|mac', '4.b64b64==', '7.Y29zZQ==', '6.x|y'];
    for (const value of values) expect(redactJson({ name: value })).toEqual({ name: REDACTED });
    expect(redactJson({ name: '8.notenc' })).toEqual({ name: '8.notenc' });
    expect(redactJson({ version: '2026.9.0' })).toEqual({ version: '2026.9.0' });
    expect(redactJson({ name: 'Acme Corp' })).toEqual({ name: 'Acme Corp' });
  });

  it('covers every listed key', () => {
    for (const key of LISTED_KEYS) {
      expect(SECRET_KEYS.map((k) => k.toLowerCase())).toContain(key.toLowerCase());
      expect(redactJson({ [key]: 'v' })).toEqual({ [key]: REDACTED });
    }
  });
});

describe('other redaction helpers', () => {
  it('redacts the Authorization and cookie headers', () => {
    expect(
      redactHeaders({ Authorization: `Bearer ${JWT}`, Cookie: 'a=b', 'Set-Cookie': ['x=y'], Accept: 'application/json' }),
    ).toEqual({ Authorization: `Bearer ${REDACTED}`, Cookie: REDACTED, 'Set-Cookie': REDACTED, Accept: 'application/json' });
  });

  it('redacts forms and non-JSON text bodies', () => {
    expect(redactBodyText('grant_type=password&password=abc&username=u', 'application/x-www-form-urlencoded')).toBe(
      `{"grant_type":"password","password":"${REDACTED}","username":"u"}`,
    );
    const text = redactBodyText(`token is ${JWT} and key ${ENC_STRING}`, 'text/plain');
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('c2VjcmV0IGNvbGxlY3Rpb24gbmFtZQ');
  });

  it('redacts the registration hash and the invitation tokens', () => {
    const body = JSON.stringify({
      emailVerificationToken: 'eyJwIjoicmVnaXN0ZXIifQ.c2ln',
      masterPasswordAuthentication: { masterPasswordAuthenticationHash: 'awQSZSBktlEWsAjvUGOWWa2b1M2+SthPQEWXIAe5fZk=', salt: 'a@b.example' },
      orgInviteToken: 'invite-token-value',
    });
    const shown = redactBodyText(body, 'application/json');
    expect(shown).not.toContain('awQSZSBktlEWsAjvUGOWWa2b1M2');
    expect(shown).not.toContain('eyJwIjoicmVnaXN0ZXIifQ');
    expect(shown).not.toContain('invite-token-value');
    expect(shown).toContain('"salt":"a@b.example"');
  });

  it('redacts a body that is one bare JSON string (the e-mail verification token)', () => {
    const token = 'eyJwIjoicmVnaXN0ZXItdmVyaWZ5LWVtYWlsIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
    expect(redactBodyText(JSON.stringify(token), 'application/json; charset=utf-8')).toBe(JSON.stringify(REDACTED));
    expect(redactBodyText('{"object":"list","data":[]}', 'application/json')).toBe('{"object":"list","data":[]}');
  });

  it('leaves URLs without secrets unchanged', () => {
    const url = 'https://api.bitwarden.com/organizations/o1/events?start=2026-01-01&continuationToken=abc';
    expect(redactUrl(url)).toBe(url);
  });

  it('truncates on a UTF-8 boundary', () => {
    const out = truncateUtf8('é'.repeat(10), 5);
    expect(out.startsWith('éé')).toBe(true);
    expect(out).not.toContain('\uFFFD');
  });
});
