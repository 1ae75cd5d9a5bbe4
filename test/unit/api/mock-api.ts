/** Shared fixtures for the API transport tests: a MockAgent with net connect disabled and a client on it. */
import { MockAgent } from 'undici';
import type { MockInterceptor } from 'undici/types/mock-interceptor.js';
import { CLIENT_COMPAT_VERSION, createApiClient, type ApiClient, type ApiClientOptions, type TokenSource } from '../../../src/api/client.js';

export const CLOUD_URLS = {
  api: 'https://api.bitwarden.com',
  identity: 'https://identity.bitwarden.com',
  events: 'https://events.bitwarden.com',
} as const;

export const SELF_HOSTED_URLS = {
  api: 'https://vault.example.test/api',
  identity: 'https://vault.example.test/identity',
  events: 'https://vault.example.test/events',
} as const;

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export interface CapturedRequest {
  method: string;
  path: string;
  origin: string | undefined;
  headers: Record<string, string>;
  body: string | undefined;
}

export function createMockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

/** Lower-cased header map from whatever undici hands the reply callback. */
export function normaliseHeaders(headers: MockInterceptor.MockResponseCallbackOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    return out;
  }
  if (headers instanceof Headers) {
    headers.forEach((value, key) => {
      out[key.toLowerCase()] = value;
    });
    return out;
  }
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = String(value);
  return out;
}

/** A reply callback that records the request and answers with `status`/`data`. */
export function recordingReply(
  log: CapturedRequest[],
  status: number,
  data?: unknown,
  headers: Record<string, string> = JSON_HEADERS,
): MockInterceptor.MockReplyOptionsCallback {
  return (opts) => {
    log.push({
      method: opts.method,
      path: opts.path,
      origin: opts.origin,
      headers: normaliseHeaders(opts.headers),
      body: typeof opts.body === 'string' ? opts.body : opts.body == null ? undefined : String(opts.body),
    });
    const body = data === undefined ? '' : typeof data === 'string' ? data : JSON.stringify(data);
    return { statusCode: status, data: body, responseOptions: { headers } };
  };
}

export interface TestTokens extends TokenSource {
  refreshCalls: number;
  current: string | undefined;
}

/** A token source whose refresh hands out the next token of `refreshed` (undefined when exhausted). */
export function fakeTokens(initial: string | undefined, refreshed: Array<string | undefined> = []): TestTokens {
  const queue = [...refreshed];
  const source: TestTokens = {
    refreshCalls: 0,
    current: initial,
    async accessToken() {
      return source.current;
    },
    async refresh() {
      source.refreshCalls += 1;
      const next = queue.shift();
      if (next !== undefined) source.current = next;
      return next;
    },
  };
  return source;
}

export interface TestClient {
  client: ApiClient;
  sleeps: number[];
  debugLines: string[];
}

export function createTestClient(agent: MockAgent, overrides: Partial<ApiClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const debugLines: string[] = [];
  const client = createApiClient({
    urls: CLOUD_URLS,
    client: { name: 'cli', version: CLIENT_COMPAT_VERSION, deviceType: 25, deviceIdentifier: 'd3b07384-d9a0-4c9b-8f5e-000000000001' },
    toolVersion: '0.1.0',
    dispatcher: agent,
    tokens: fakeTokens('token-initial'),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    debug: (line) => debugLines.push(line),
    retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
    ...overrides,
  });
  return { client, sleeps, debugLines };
}
