/**
 * A scripted ApiClient for member and org unit tests: each route answers from a function, every
 * request is recorded, and a request no route expects fails the test.
 */
import type { ApiClient, ApiRequest } from '../../../../src/api/client.js';
import { ApiAuthError, ApiError } from '../../../../src/api/errors.js';

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string | number | boolean | undefined> | undefined;
  json: unknown;
}

type Reply = (req: Recorded) => unknown;

export interface FakeApi extends ApiClient {
  calls: Recorded[];
  on(method: string, path: string | RegExp, reply: Reply): FakeApi;
  /** Calls to one route. */
  sent(method: string, path: string | RegExp): Recorded[];
}

/** Throws the error the transport would for this status and server message. */
export function fail(status: number, message: string, method = 'POST', route = '/x'): never {
  const context = { status, method: method as 'POST', service: 'api' as const, route };
  const parsed = { message, validationErrors: undefined, errorCode: undefined, body: { message } };
  if (status === 401 || status === 403) throw new ApiAuthError(context, parsed);
  throw new ApiError(context, parsed);
}

function matches(path: string | RegExp, actual: string): boolean {
  return typeof path === 'string' ? path === actual : path.test(actual);
}

export function fakeApi(): FakeApi {
  const routes: { method: string; path: string | RegExp; reply: Reply }[] = [];
  const calls: Recorded[] = [];
  const api: FakeApi = {
    calls,
    on(method, path, reply) {
      routes.unshift({ method, path, reply });
      return api;
    },
    sent(method, path) {
      return calls.filter((c) => c.method === method && matches(path, c.path));
    },
    async request<T>(req: ApiRequest<T>): Promise<T> {
      const recorded: Recorded = { method: req.method, path: req.path, query: req.query, json: req.json === undefined ? undefined : JSON.parse(JSON.stringify(req.json)) };
      calls.push(recorded);
      const route = routes.find((r) => r.method === req.method && matches(r.path, req.path));
      if (!route) throw new Error(`unexpected request ${req.method} ${req.path}`);
      const value = route.reply(recorded);
      return (req.schema ? req.schema.parse(value) : value) as T;
    },
    async close() {},
  };
  return api;
}

export const list = (data: unknown[]) => ({ object: 'list', data, continuationToken: null });
