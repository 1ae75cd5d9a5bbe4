import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLIENT_COMPAT_VERSION, createApiClient, parseRetryAfter } from '../../../src/api/client.js';
import { ApiAuthError, ApiError, ApiSchemaError, ApiTimeoutError, NetworkError } from '../../../src/api/errors.js';
import type { Pacer, PacedRequest } from '../../../src/api/pacer.js';
import { AuthError } from '../../../src/errors.js';
import {
  CLOUD_URLS,
  JSON_HEADERS,
  SELF_HOSTED_URLS,
  createMockAgent,
  createTestClient,
  fakeTokens,
  recordingReply,
  type CapturedRequest,
} from './mock-api.js';

let agent: MockAgent;
let seen: CapturedRequest[];

beforeEach(() => {
  agent = createMockAgent();
  seen = [];
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const api = () => agent.get(CLOUD_URLS.api);
const identity = () => agent.get(CLOUD_URLS.identity);

describe('headers', () => {
  it('sends the headers the official CLI sends on an authenticated GET', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(recordingReply(seen, 200, { object: 'sync' }));
    const { client } = createTestClient(agent);

    await client.request({ service: 'api', method: 'GET', path: '/sync' });

    const headers = seen[0]?.headers ?? {};
    expect(headers).toMatchObject({
      accept: 'application/json',
      'device-type': '25',
      'bitwarden-client-name': 'cli',
      'bitwarden-client-version': '2026.9.0',
      'cache-control': 'no-store',
      pragma: 'no-cache',
      'user-agent': 'bwmsp/0.1.0',
      authorization: 'Bearer token-initial',
    });
    expect(headers['content-type']).toBeUndefined();
    expect(headers['device-identifier']).toBeUndefined();
  });

  it('sends a JSON body with the JSON content type and no cache headers on POST', async () => {
    api()
      .intercept({ path: '/organizations/o1/collections', method: 'POST' })
      .reply(recordingReply(seen, 200, { id: 'c1' }));
    const { client } = createTestClient(agent);

    await client.request({ service: 'api', method: 'POST', path: '/organizations/o1/collections', json: { name: '2.a|b|c' } });

    const req = seen[0];
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req?.headers['cache-control']).toBeUndefined();
    expect(req?.headers['pragma']).toBeUndefined();
    expect(JSON.parse(req?.body ?? '')).toEqual({ name: '2.a|b|c' });
  });

  it('sends a form body, cache headers and the device id, but no bearer, on an anonymous token call', async () => {
    identity()
      .intercept({ path: '/connect/token', method: 'POST' })
      .reply(recordingReply(seen, 200, { access_token: 'x', token_type: 'Bearer' }));
    const { client } = createTestClient(agent);

    await client.request({
      service: 'identity',
      method: 'POST',
      path: '/connect/token',
      auth: false,
      form: { grant_type: 'client_credentials', scope: 'api', client_id: 'user.1', client_secret: 's' },
    });

    const req = seen[0];
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(req?.headers['cache-control']).toBe('no-store');
    expect(req?.headers['pragma']).toBe('no-cache');
    expect(req?.headers['device-identifier']).toBe('d3b07384-d9a0-4c9b-8f5e-000000000001');
    expect(req?.headers['authorization']).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(req?.body ?? ''))).toEqual({
      grant_type: 'client_credentials',
      scope: 'api',
      client_id: 'user.1',
      client_secret: 's',
    });
  });

  it('lets a request add its own headers', async () => {
    api().intercept({ path: '/config', method: 'GET' }).reply(recordingReply(seen, 200, {}));
    const { client } = createTestClient(agent);

    await client.request({ service: 'api', method: 'GET', path: '/config', auth: false, headers: { 'X-Extra': 'yes' } });

    expect(seen[0]?.headers['x-extra']).toBe('yes');
  });

  it('exports a plain compat version and refuses a version the server cannot parse', () => {
    expect(CLIENT_COMPAT_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(() =>
      createApiClient({ urls: CLOUD_URLS, client: { name: 'cli', version: '0.1.0-beta', deviceType: 25 }, dispatcher: agent }),
    ).toThrow(/plain version/);
  });
});

describe('base URLs', () => {
  it('joins cloud base URLs without a prefix and appends the query', async () => {
    api()
      .intercept({ path: '/sync?excludeDomains=true&n=3', method: 'GET' })
      .reply(recordingReply(seen, 200, {}));
    const { client } = createTestClient(agent);

    await client.request({
      service: 'api',
      method: 'GET',
      path: '/sync',
      query: { excludeDomains: true, skipped: undefined, n: 3 },
    });

    expect(seen[0]?.origin).toBe('https://api.bitwarden.com');
    expect(seen[0]?.path).toBe('/sync?excludeDomains=true&n=3');
  });

  it('keeps the /api, /identity and /events prefixes of a self-hosted server', async () => {
    const host = agent.get('https://vault.example.test');
    host.intercept({ path: '/api/organizations/o1', method: 'GET' }).reply(recordingReply(seen, 200, {}));
    host.intercept({ path: '/identity/connect/token', method: 'POST' }).reply(recordingReply(seen, 200, {}));
    host.intercept({ path: '/events/collect', method: 'POST' }).reply(recordingReply(seen, 200));
    const { client } = createTestClient(agent, { urls: { ...SELF_HOSTED_URLS, api: 'https://vault.example.test/api/' } });

    await client.request({ service: 'api', method: 'GET', path: '/organizations/o1' });
    await client.request({ service: 'identity', method: 'POST', path: 'connect/token', auth: false, form: { a: 'b' } });
    await client.request({ service: 'events', method: 'POST', path: '/collect', json: [] });

    expect(seen.map((r) => r.path)).toEqual(['/api/organizations/o1', '/identity/connect/token', '/events/collect']);
  });
});

describe('bodies', () => {
  it('sends a GET that carries a JSON body (license sync)', async () => {
    const body = { licenseKey: 'lk', billingSyncKey: 'bsk' };
    api()
      .intercept({ path: '/licenses/organization/o1', method: 'GET', body: JSON.stringify(body) })
      .reply(recordingReply(seen, 200, { id: 'o1' }));
    const { client } = createTestClient(agent);

    const license = await client.request({
      service: 'api',
      method: 'GET',
      path: '/licenses/organization/o1',
      json: body,
      schema: z.object({ id: z.string() }),
    });

    expect(license).toEqual({ id: 'o1' });
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual(body);
  });

  it.each([
    [204, ''],
    [200, ''],
    [200, '   '],
  ])('returns undefined for an empty %i response', async (status, text) => {
    api().intercept({ path: '/organizations/o1/users/u1', method: 'DELETE' }).reply(status, text);
    const { client } = createTestClient(agent);

    await expect(client.request({ service: 'api', method: 'DELETE', path: '/organizations/o1/users/u1' })).resolves.toBeUndefined();
  });

  it('returns the schema output when the response matches', async () => {
    api()
      .intercept({ path: '/organizations/o1', method: 'GET' })
      .reply(200, { id: 'o1', seats: 10, extra: true }, { headers: JSON_HEADERS });
    const { client } = createTestClient(agent);

    const org = await client.request({
      service: 'api',
      method: 'GET',
      path: '/organizations/o1',
      schema: z.object({ id: z.string(), seats: z.number() }),
    });

    expect(org).toEqual({ id: 'o1', seats: 10 });
  });

  it('throws ApiSchemaError naming the JSON path and route, not the data', async () => {
    api()
      .intercept({ path: '/organizations/o1/users?includeGroups=true', method: 'GET' })
      .reply(
        200,
        { object: 'list', data: [{ email: 'a@example.com' }, { email: 4242424242 }], continuationToken: null },
        { headers: JSON_HEADERS },
      );
    const { client } = createTestClient(agent);

    const error = await client
      .request({
        service: 'api',
        method: 'GET',
        path: '/organizations/o1/users',
        query: { includeGroups: true },
        schema: z.object({ data: z.array(z.object({ email: z.string() })) }),
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiSchemaError);
    const schemaError = error as ApiSchemaError;
    expect(schemaError.path).toBe('$.data[1].email');
    expect(schemaError.route).toBe('/organizations/o1/users');
    expect(schemaError.message).toContain('GET /organizations/o1/users');
    expect(schemaError.message).toContain('$.data[1].email');
    expect(schemaError.message).not.toContain('4242424242');
    expect(schemaError.message).not.toContain('a@example.com');
    expect(schemaError.exitCode).toBe(1);
  });

  it('throws ApiSchemaError when a JSON response is not JSON', async () => {
    api().intercept({ path: '/config', method: 'GET' }).reply(200, '{oops', { headers: JSON_HEADERS });
    const { client } = createTestClient(agent);

    await expect(client.request({ service: 'api', method: 'GET', path: '/config', auth: false })).rejects.toThrow(
      ApiSchemaError,
    );
  });
});

describe('authentication', () => {
  it('refreshes once on 401 and retries with the new token', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(recordingReply(seen, 401, ''));
    api().intercept({ path: '/sync', method: 'GET' }).reply(recordingReply(seen, 200, { ok: true }));
    const tokens = fakeTokens('old-token', ['new-token']);
    const { client } = createTestClient(agent, { tokens });

    await expect(client.request({ service: 'api', method: 'GET', path: '/sync' })).resolves.toEqual({ ok: true });

    expect(tokens.refreshCalls).toBe(1);
    expect(seen.map((r) => r.headers['authorization'])).toEqual(['Bearer old-token', 'Bearer new-token']);
  });

  it('retries a 401 POST after refreshing too (the server refused it before doing anything)', async () => {
    api().intercept({ path: '/organizations/o1/users/invite', method: 'POST' }).reply(recordingReply(seen, 401, ''));
    api().intercept({ path: '/organizations/o1/users/invite', method: 'POST' }).reply(recordingReply(seen, 200, ''));
    const tokens = fakeTokens('old-token', ['new-token']);
    const { client } = createTestClient(agent, { tokens });

    await client.request({ service: 'api', method: 'POST', path: '/organizations/o1/users/invite', json: { emails: [] } });

    expect(seen).toHaveLength(2);
    expect(seen[1]?.body).toBe('{"emails":[]}');
  });

  it('throws AuthError (exit 4) when the token cannot be refreshed', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(recordingReply(seen, 401, ''));
    const tokens = fakeTokens('old-token', []);
    const { client } = createTestClient(agent, { tokens });

    const error = await client.request({ service: 'api', method: 'GET', path: '/sync' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toBeInstanceOf(ApiAuthError);
    expect((error as AuthError).exitCode).toBe(4);
    expect((error as AuthError).message).not.toContain('old-token');
    expect(tokens.refreshCalls).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('throws AuthError when the refreshed token is refused as well, without refreshing twice', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(recordingReply(seen, 401, '')).times(2);
    const tokens = fakeTokens('old-token', ['new-token', 'newer-token']);
    const { client } = createTestClient(agent, { tokens });

    const error = await client.request({ service: 'api', method: 'GET', path: '/sync' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthError);
    expect((error as ApiAuthError).status).toBe(401);
    expect(tokens.refreshCalls).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it('throws AuthError without sending anything when there is no token at all', async () => {
    const { client } = createTestClient(agent, { tokens: fakeTokens(undefined, []) });

    await expect(client.request({ service: 'api', method: 'GET', path: '/sync' })).rejects.toBeInstanceOf(AuthError);
  });

  it('shares one refresh between concurrent requests that all got 401', async () => {
    api().intercept({ path: '/a', method: 'GET' }).reply(recordingReply(seen, 401, ''));
    api().intercept({ path: '/b', method: 'GET' }).reply(recordingReply(seen, 401, ''));
    api().intercept({ path: '/a', method: 'GET' }).reply(recordingReply(seen, 200, {}));
    api().intercept({ path: '/b', method: 'GET' }).reply(recordingReply(seen, 200, {}));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let refreshCalls = 0;
    let current = 'old';
    const tokens = {
      accessToken: async () => current,
      refresh: async () => {
        refreshCalls += 1;
        await gate;
        current = 'new';
        return current;
      },
    };
    const { client } = createTestClient(agent, { tokens });

    const both = Promise.all([
      client.request({ service: 'api', method: 'GET', path: '/a' }),
      client.request({ service: 'api', method: 'GET', path: '/b' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await both;

    expect(refreshCalls).toBe(1);
    expect(seen.filter((r) => r.headers['authorization'] === 'Bearer new')).toHaveLength(2);
  });
});

describe('retries', () => {
  it('retries a 429 after the Retry-After seconds', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(429, { message: 'Slow down! Too many requests. Try again in 1m.' }, {
      headers: { ...JSON_HEADERS, 'retry-after': '2' },
    });
    api().intercept({ path: '/sync', method: 'GET' }).reply(200, { ok: 1 }, { headers: JSON_HEADERS });
    const { client, sleeps } = createTestClient(agent);

    await expect(client.request({ service: 'api', method: 'GET', path: '/sync' })).resolves.toEqual({ ok: 1 });
    expect(sleeps).toEqual([2000]);
  });

  it('retries a 429 on a non-idempotent POST, honouring an HTTP-date Retry-After', async () => {
    const now = Date.parse('2026-09-01T10:00:00Z');
    api()
      .intercept({ path: '/organizations/o1/users/invite', method: 'POST' })
      .reply(429, '', { headers: { 'retry-after': 'Tue, 01 Sep 2026 10:00:07 GMT' } });
    api().intercept({ path: '/organizations/o1/users/invite', method: 'POST' }).reply(200, '');
    const { client, sleeps } = createTestClient(agent, { now: () => now });

    await client.request({ service: 'api', method: 'POST', path: '/organizations/o1/users/invite', json: { emails: ['a@b.c'] } });
    expect(sleeps).toEqual([7000]);
  });

  it('gives up at once when Retry-After is longer than it is willing to wait', async () => {
    api()
      .intercept({ path: '/organizations/o1/users/invite', method: 'POST' })
      .reply(429, { message: 'Slow down! Too many requests. Try again in 1d.' }, {
        headers: { ...JSON_HEADERS, 'retry-after': '86400' },
      });
    const { client, sleeps } = createTestClient(agent);

    const error = await client
      .request({ service: 'api', method: 'POST', path: '/organizations/o1/users/invite', json: {} })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).retryAfterMs).toBe(86_400_000);
    expect((error as ApiError).hint).toContain('24 h');
    expect(sleeps).toEqual([]);
  });

  it('backs off with full jitter within exponential bounds on 503, then fails', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(503, '').times(4);
    const draws = [0.99, 0.5, 0.999, 0];
    const { client, sleeps } = createTestClient(agent, {
      random: () => draws.shift() ?? 0,
      retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 250 },
    });

    const error = await client.request({ service: 'api', method: 'GET', path: '/sync' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    const caps = [100, 200, 250];
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(caps[i] ?? 0);
    });
    expect(sleeps).toEqual([99, 100, 249]);
  });

  it.each([502, 504])('retries a GET on %i', async (status) => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(status, '');
    api().intercept({ path: '/sync', method: 'GET' }).reply(200, '{}', { headers: JSON_HEADERS });
    const { client, sleeps } = createTestClient(agent);

    await client.request({ service: 'api', method: 'GET', path: '/sync' });
    expect(sleeps).toHaveLength(1);
  });

  it('does not retry a POST that failed with 500', async () => {
    api()
      .intercept({ path: '/organizations/o1/collections', method: 'POST' })
      .reply(500, { message: 'An unhandled server error has occurred.' }, { headers: JSON_HEADERS });
    const { client, sleeps } = createTestClient(agent);

    const error = await client
      .request({ service: 'api', method: 'POST', path: '/organizations/o1/collections', json: {} })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect(sleeps).toEqual([]);
  });

  it('retries a GET that failed with 500 (resending it cannot do anything twice), up to the retry limit', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(500, '');
    api().intercept({ path: '/sync', method: 'GET' }).reply(200, '{}', { headers: JSON_HEADERS });
    const { client, sleeps } = createTestClient(agent);
    await client.request({ service: 'api', method: 'GET', path: '/sync' });
    expect(sleeps).toHaveLength(1);

    api().intercept({ path: '/sync', method: 'GET' }).reply(500, '').times(4);
    const again = createTestClient(agent);
    await expect(again.client.request({ service: 'api', method: 'GET', path: '/sync' })).rejects.toBeInstanceOf(ApiError);
    expect(again.sleeps).toHaveLength(3);
  });

  it('does not retry a POST on 503 unless it is marked idempotent', async () => {
    api().intercept({ path: '/x', method: 'POST' }).reply(503, '');
    api().intercept({ path: '/y', method: 'POST' }).reply(503, '');
    api().intercept({ path: '/y', method: 'POST' }).reply(200, '');
    const { client, sleeps } = createTestClient(agent);

    await expect(client.request({ service: 'api', method: 'POST', path: '/x', json: {} })).rejects.toBeInstanceOf(ApiError);
    await client.request({ service: 'api', method: 'POST', path: '/y', json: {}, idempotent: true });
    expect(sleeps).toHaveLength(1);
  });

  it('retries a GET after a connection reset, but not a POST', async () => {
    const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    api().intercept({ path: '/sync', method: 'GET' }).replyWithError(reset());
    api().intercept({ path: '/sync', method: 'GET' }).reply(200, '{}', { headers: JSON_HEADERS });
    api().intercept({ path: '/organizations', method: 'POST' }).replyWithError(reset());
    const { client, sleeps } = createTestClient(agent);

    await client.request({ service: 'api', method: 'GET', path: '/sync' });
    const error = await client.request({ service: 'api', method: 'POST', path: '/organizations', json: {} }).catch((e: unknown) => e);

    expect(sleeps).toHaveLength(1);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('reset');
    expect((error as NetworkError).message).toContain('api.bitwarden.com');
  });
});

describe('network failures', () => {
  it('times out with an error naming the URL and the timeout', async () => {
    api().intercept({ path: '/organizations/o1?x=1', method: 'POST' }).reply(200, '{}').delay(150);
    const { client } = createTestClient(agent, { timeoutMs: 40 });

    const error = await client
      .request({ service: 'api', method: 'POST', path: '/organizations/o1', query: { x: 1 }, json: {} })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as ApiTimeoutError).timeoutMs).toBe(40);
    expect((error as ApiTimeoutError).message).toBe('request to https://api.bitwarden.com/organizations/o1 timed out after 40 ms');
    await new Promise((resolve) => setTimeout(resolve, 150));
  });

  it('retries an idempotent request that timed out', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).reply(200, '{}').delay(150);
    api().intercept({ path: '/sync', method: 'GET' }).reply(200, '{"ok":true}', { headers: JSON_HEADERS });
    const { client, sleeps } = createTestClient(agent, { timeoutMs: 40 });

    await expect(client.request({ service: 'api', method: 'GET', path: '/sync' })).resolves.toEqual({ ok: true });
    expect(sleeps).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
  });

  it('names the host when the connection is refused', async () => {
    api().intercept({ path: '/sync', method: 'GET' }).replyWithError(
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    );
    const { client, sleeps } = createTestClient(agent);

    const error = await client.request({ service: 'api', method: 'GET', path: '/sync' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe('connection refused by api.bitwarden.com');
    expect((error as NetworkError).exitCode).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('suggests --ca-file and NODE_EXTRA_CA_CERTS for certificate errors', async () => {
    agent
      .get('https://vault.example.test')
      .intercept({ path: '/api/sync', method: 'GET' })
      .replyWithError(Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }));
    const { client } = createTestClient(agent, { urls: SELF_HOSTED_URLS });

    const error = await client.request({ service: 'api', method: 'GET', path: '/sync' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    const network = error as NetworkError;
    expect(network.kind).toBe('tls');
    expect(network.message).toContain('vault.example.test');
    expect(network.hint).toContain('--ca-file');
    expect(network.hint).toContain('NODE_EXTRA_CA_CERTS');
  });
});

describe('pacing', () => {
  it('asks the pacer for every attempt with the route and releases the permit', async () => {
    api().intercept({ path: '/organizations/o1/users/invite', method: 'POST' }).reply(429, '', { headers: { 'retry-after': '1' } });
    api().intercept({ path: '/organizations/o1/users/invite', method: 'POST' }).reply(200, '');
    const asked: PacedRequest[] = [];
    let released = 0;
    const pacer: Pacer = {
      async acquire(request) {
        asked.push(request);
        return {
          release() {
            released += 1;
          },
        };
      },
    };
    const { client } = createTestClient(agent, { pacer });

    await client.request({ service: 'api', method: 'POST', path: '/organizations/o1/users/invite', json: {} });

    expect(asked).toEqual([
      { service: 'api', method: 'POST', path: '/organizations/o1/users/invite' },
      { service: 'api', method: 'POST', path: '/organizations/o1/users/invite' },
    ]);
    expect(released).toBe(2);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-09-01T10:00:00Z');
    expect(parseRetryAfter('60', now)).toBe(60_000);
    expect(parseRetryAfter(['3'], now)).toBe(3000);
    expect(parseRetryAfter('Tue, 01 Sep 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Sep 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
