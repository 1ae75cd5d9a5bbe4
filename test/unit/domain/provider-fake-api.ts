/**
 * A scripted ApiClient for domain tests: each route ("METHOD /path") answers from a handler, every
 * request is recorded, and an unscripted route fails the test.
 */
import type { ApiClient, ApiRequest } from '../../../src/api/client.js';
import { ApiAuthError, ApiError, type HttpMethod } from '../../../src/api/errors.js';
import type { Sync } from '../../../src/api/endpoints/accounts.js';
import { KeyRing, SymmetricKey } from '../../../src/crypto/index.js';
import type { ProviderContext, ProviderMembership } from '../../../src/domain/provider.js';
import type { AuthenticatedConnection } from '../../../src/domain/connection.js';

export interface Recorded {
  method: string;
  path: string;
  json: unknown;
}

export type Handler = (json: unknown, call: number) => unknown;

export function fakeApi(routes: Record<string, Handler>): { api: ApiClient; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const counts = new Map<string, number>();
  const api: ApiClient = {
    async request<T>(req: ApiRequest<T>): Promise<T> {
      const key = `${req.method} ${req.path}`;
      calls.push({ method: req.method, path: req.path, json: req.json });
      const handler = routes[key];
      if (!handler) throw new Error(`unscripted request ${key}`);
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      const value = handler(req.json, n);
      return (req.schema ? req.schema.parse(value) : value) as T;
    },
    async close() {},
  };
  return { api, calls };
}

export function apiError(status: number, method: HttpMethod, route: string, message?: string): ApiError {
  return new ApiError({ status, method, service: 'api', route }, { message, validationErrors: undefined, errorCode: undefined, body: undefined });
}

export function apiAuthError(status: number, method: HttpMethod, route: string, message?: string): ApiAuthError {
  return new ApiAuthError({ status, method, service: 'api', route }, { message, validationErrors: undefined, errorCode: undefined, body: undefined });
}

export const PROVIDER_ID = '6f1c0000-0000-4000-8000-000000000001';

export function membership(overrides: Partial<ProviderMembership> = {}): ProviderMembership {
  return {
    id: PROVIDER_ID,
    name: 'Acme MSP',
    role: 'admin',
    status: 'confirmed',
    enabled: true,
    useEvents: true,
    providerStatus: 'billable',
    providerType: 0,
    hasKey: true,
    ...overrides,
  };
}

/** A provider context over a fake api, with a provider key in the key ring. */
export function fakeContext(api: ApiClient, options: { membership?: ProviderMembership; sync?: Partial<Sync['profile']>; providerKey?: SymmetricKey } = {}): ProviderContext & { providerKey: SymmetricKey } {
  const providerKey = options.providerKey ?? SymmetricKey.generate();
  const keys = new KeyRing(SymmetricKey.generate(), null);
  keys.setProviderKey(PROVIDER_ID, providerKey);
  const sync = {
    profile: { id: 'u1', email: 'admin@msp.example', organizations: [], providers: [], providerOrganizations: [], ...options.sync },
    collections: [],
  } as unknown as Sync;
  const m = options.membership ?? membership();
  return {
    conn: {} as AuthenticatedConnection,
    api,
    sync,
    providerId: PROVIDER_ID,
    membership: m,
    name: m.name,
    keys,
    providerKey,
    close: async () => {},
  };
}
