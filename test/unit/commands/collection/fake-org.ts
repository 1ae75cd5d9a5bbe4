/**
 * A fake API client (routes matched by method and path pattern, responses checked with the
 * request's schema as the real client does) and an AdminOrg on it, for the collection, group,
 * policy and event unit tests. e2e tests use the real sandbox instead.
 */
import type { ApiClient, ApiRequest } from '../../../../src/api/client.js';
import { ApiError, parseErrorBody } from '../../../../src/api/errors.js';
import { SymmetricKey } from '../../../../src/crypto/index.js';
import type { AdminOrg } from '../../../../src/domain/admin-org.js';

export type Handler = (req: ApiRequest, params: string[]) => unknown;

export interface FakeApi {
  api: ApiClient;
  calls: ApiRequest[];
  /** 'PUT /organizations/o1/collections/c1' lines, for asserting on what was sent. */
  log(): string[];
}

export function fakeApi(routes: Record<string, Handler>): FakeApi {
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const regex = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '([^/]+)')}$`);
    return { method, regex, handler };
  });
  const calls: ApiRequest[] = [];
  const api: ApiClient = {
    async request<T>(req: ApiRequest<T>): Promise<T> {
      calls.push(req as ApiRequest);
      const route = compiled.find((r) => r.method === req.method && r.regex.test(req.path));
      if (!route) throw new Error(`unexpected request ${req.method} ${req.path}`);
      const params = (route.regex.exec(req.path) ?? []).slice(1).map(decodeURIComponent);
      const value = await route.handler(req as ApiRequest, params);
      // Round-trip through JSON like the wire, then the schema like the real client.
      const wire = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
      return (req.schema ? req.schema.parse(wire) : wire) as T;
    },
    async close() {},
  };
  return { api, calls, log: () => calls.map((c) => `${c.method} ${c.path}`) };
}

/** An ApiError as the transport throws it for a non-2xx answer. */
export function apiError(status: number, method: 'GET' | 'PUT' | 'POST' | 'DELETE', route: string, body: unknown): ApiError {
  return new ApiError({ status, method, service: 'api', route }, parseErrorBody(JSON.stringify(body), 'application/json'));
}

export const ORG_ID = '0b0e7d6e-5a1f-4c6e-9d7a-0a0a0a0a0a01';

export function fakeOrg(api: ApiClient, options: { kind?: 'user' | 'organization'; key?: boolean; orgKey?: SymmetricKey } = {}): AdminOrg {
  const kind = options.kind ?? 'user';
  return {
    kind,
    api,
    orgId: ORG_ID,
    name: 'Contoso Ltd',
    orgKey: kind === 'user' && options.key !== false ? (options.orgKey ?? SymmetricKey.generate()) : undefined,
    close: async () => {},
  };
}

export function list<T>(data: T[], continuationToken: string | null = null) {
  return { object: 'list', data, continuationToken };
}

let counter = 0;
/** A fresh GUID-shaped id with a readable tail. */
export function guid(tail?: number): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(tail ?? counter).padStart(12, '0')}`;
}
