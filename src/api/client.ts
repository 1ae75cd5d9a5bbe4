/**
 * The HTTP transport (STYLE.md §6): base URLs, the headers the official CLI sends
 * (protocol/official-cli.md §3, auth-and-crypto.md §1.2), bearer auth with one refresh on 401,
 * retries with backoff that honour `Retry-After`, cloud rate-limit pacing, per-request timeouts,
 * `--debug` traces with secrets redacted, schema checks, and error bodies mapped to typed errors.
 *
 * Built on `undici.request` rather than `fetch`: the license sync needs a GET carrying a JSON body
 * (licensing-and-selfhost.md §3.3), which WHATWG fetch refuses.
 */
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { AuthError } from '../errors.js';
import {
  ApiAuthError,
  ApiError,
  ApiSchemaError,
  ApiTimeoutError,
  NetworkError,
  parseErrorBody,
  toNetworkError,
  type ApiErrorContext,
  type ApiService,
  type HttpMethod,
} from './errors.js';
import type { Pacer, PacerPermit } from './pacer.js';
import { redactBodyText, redactForm, redactHeaders, redactJson, redactUrl, truncateUtf8 } from './redact.js';

export type { ApiService, HttpMethod } from './errors.js';

/**
 * Version sent as `Bitwarden-Client-Version`: the official CLI release whose wire behaviour bwmsp
 * follows (official-cli.md). Must be a plain `major.minor.patch`; the server rejects logins whose
 * version .NET cannot parse (auth-and-crypto.md trap T2).
 */
export const CLIENT_COMPAT_VERSION = '2026.9.0';

/** Where access tokens come from. `refresh()` returns a new token, or undefined when it cannot. */
export interface TokenSource {
  accessToken(): Promise<string | undefined>;
  refresh(): Promise<string | undefined>;
}

export interface ClientIdentity {
  name: 'cli';
  /** `Bitwarden-Client-Version`, e.g. {@link CLIENT_COMPAT_VERSION}. */
  version: string;
  /** DeviceType number (23 WindowsCLI, 24 MacOsCLI, 25 LinuxCLI). */
  deviceType: number;
  /** Sent as `Device-Identifier` on unauthenticated calls. */
  deviceIdentifier?: string;
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest `Retry-After` we wait for; a longer one fails at once with the wait in the error. Default 120 s. */
  maxRetryAfterMs?: number;
}

export interface ApiClientOptions {
  /** Resolved base URLs: cloud `https://api.bitwarden.com`, self-hosted `https://host/api`, … */
  urls: { api: string; identity: string; events: string };
  tokens?: TokenSource;
  client: ClientIdentity;
  /** bwmsp's own version, for `User-Agent: bwmsp/<version>`. */
  toolVersion?: string;
  /** Receives `--debug` trace lines (already redacted). */
  debug?: (line: string) => void;
  /** Rate-limit pacing: `createCloudPacer()` for bitwarden.com/.eu, `null`/absent for self-hosted. */
  pacer?: Pacer | null;
  /** Per-request timeout covering connect, headers and body. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Tests pass a MockAgent. Otherwise the client owns one keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Extra trusted CA certificate(s) in PEM, e.g. a self-hosted internal CA or the sandbox CA. */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  /** Milliseconds since the epoch; used for `Retry-After` dates and trace durations. */
  now?: () => number;
  /** Called as each response has fully arrived, before bwmsp acts on it (the crash-resume suite's kill hook). */
  onResponse?: () => void;
}

export interface ApiRequest<T = unknown> {
  service: ApiService;
  method: HttpMethod;
  /** Path relative to the service base URL, e.g. `/organizations/{id}/users`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body (allowed on GET too). */
  json?: unknown;
  /** `application/x-www-form-urlencoded` body (the token endpoint). */
  form?: Record<string, string>;
  /** A prebuilt body (e.g. multipart/form-data from multipart.ts) with its Content-Type; sent with Content-Length. */
  raw?: { body: Buffer; contentType: string };
  /** Response schema; without one the parsed JSON is returned unchecked. */
  schema?: z.ZodType<T>;
  /** Send `Authorization: Bearer`; default true. */
  auth?: boolean;
  /** Safe to resend after a 5xx/reset; default true for GET/PUT/DELETE, false for POST/PATCH. */
  idempotent?: boolean;
  headers?: Record<string, string>;
  /** Sees the headers of the final response (e.g. `date` for a clock check); never secret-bearing. */
  onHeaders?: (headers: Readonly<Record<string, string | string[] | undefined>>) => void;
}

export interface ApiClient {
  request<T = unknown>(req: ApiRequest<T>): Promise<T>;
  /** Close the client's own connection pool (not an injected dispatcher). */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};
/**
 * Statuses worth another attempt: 429 always (the server did nothing), 5xx only for idempotent
 * requests (500 included: the official server answers any unhandled exception, a dropped database
 * connection too, with 500; resending a GET/PUT/DELETE cannot do something twice).
 */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const TRACE_BODY_BYTES = 2048;
const PLAIN_VERSION = /^\d+\.\d+(\.\d+){0,2}$/;

const TIMEOUT = Symbol('bwmsp.timeout');

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  contentType: string | undefined;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  if (!PLAIN_VERSION.test(options.client.version)) {
    throw new TypeError(
      `Bitwarden-Client-Version must be a plain version like ${CLIENT_COMPAT_VERSION}, got "${options.client.version}"`,
    );
  }
  const bases: Record<ApiService, string> = {
    api: normaliseBase(options.urls.api, 'api'),
    identity: normaliseBase(options.urls.identity, 'identity'),
    events: normaliseBase(options.urls.events, 'events'),
  };
  // One keep-alive pool per client, unless the caller (tests: a MockAgent) brings its own.
  let ownAgent: Agent | undefined;
  let dispatcher: Dispatcher;
  if (options.dispatcher !== undefined) {
    dispatcher = options.dispatcher;
  } else {
    ownAgent = createAgent(options.ca);
    dispatcher = ownAgent;
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry: Required<RetryOptions> = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const debug = options.debug;
  const pacer = options.pacer ?? null;
  const userAgent = `bwmsp/${options.toolVersion ?? 'dev'}`;
  let refreshing: Promise<string | undefined> | undefined;

  /** One refresh at a time, shared by concurrent requests that all saw a 401. */
  function refreshShared(): Promise<string | undefined> {
    const tokens = options.tokens;
    if (tokens === undefined) return Promise.resolve(undefined);
    refreshing ??= tokens.refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function initialToken(): Promise<string | undefined> {
    const tokens = options.tokens;
    if (tokens === undefined) return undefined;
    return (await tokens.accessToken()) ?? (await refreshShared());
  }

  /** A token to retry with after a 401: a newer one someone else already got, or a refreshed one. */
  async function tokenAfter401(used: string): Promise<string | undefined> {
    const tokens = options.tokens;
    if (tokens === undefined) return undefined;
    const current = await tokens.accessToken();
    if (current !== undefined && current !== used) return current;
    return refreshShared();
  }

  function buildHeaders(req: ApiRequest<unknown>, token: string | undefined, bodyType: 'json' | 'form' | 'raw' | undefined) {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Device-Type': String(options.client.deviceType),
      'Bitwarden-Client-Name': options.client.name,
      'Bitwarden-Client-Version': options.client.version,
      'User-Agent': userAgent,
    };
    if (req.method === 'GET' || isTokenCall(req)) {
      headers['Cache-Control'] = 'no-store';
      headers['Pragma'] = 'no-cache';
    }
    if (bodyType === 'json') headers['Content-Type'] = 'application/json; charset=utf-8';
    if (bodyType === 'form') headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    if (bodyType === 'raw' && req.raw !== undefined) headers['Content-Type'] = req.raw.contentType;
    if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
    else if (options.client.deviceIdentifier !== undefined) {
      headers['Device-Identifier'] = options.client.deviceIdentifier;
    }
    return { ...headers, ...req.headers };
  }

  async function send(
    req: ApiRequest<unknown>,
    url: URL,
    route: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<RawResponse> {
    let permit: PacerPermit | undefined;
    if (pacer !== null) permit = await pacer.acquire({ service: req.service, method: req.method, path: route });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMEOUT), timeoutMs);
    const started = now();
    try {
      const res = await undiciRequest(url, {
        dispatcher,
        method: req.method,
        headers,
        body,
        signal: controller.signal,
      });
      const text = await res.body.text();
      options.onResponse?.();
      const contentType = headerValue(res.headers['content-type']);
      if (debug !== undefined) {
        const shown = redactBodyText(text, contentType, TRACE_BODY_BYTES);
        debug(`← ${res.statusCode} (${now() - started} ms)${shown === '' ? '' : ` ${shown}`}`);
      }
      return { status: res.statusCode, headers: res.headers, text, contentType };
    } catch (error) {
      const failure = controller.signal.aborted && controller.signal.reason === TIMEOUT
        ? new ApiTimeoutError(`${url.origin}${url.pathname}`, url.host, timeoutMs)
        : toNetworkError(error, url);
      debug?.(`✗ ${failure.message} (${now() - started} ms)`);
      throw failure;
    } finally {
      clearTimeout(timer);
      permit?.release();
    }
  }

  function backoff(attempt: number): number {
    const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
    return Math.floor(random() * cap);
  }

  async function request<T = unknown>(req: ApiRequest<T>): Promise<T> {
    if ([req.json, req.form, req.raw].filter((b) => b !== undefined).length > 1) {
      throw new TypeError('an API request has one body: json, form or raw');
    }
    const url = buildUrl(bases[req.service], req.path, req.query);
    const route = routeOf(req.path);
    const auth = req.auth ?? true;
    const idempotent = req.idempotent ?? (req.method !== 'POST' && req.method !== 'PATCH');
    const bodyType = req.json !== undefined ? 'json' : req.form !== undefined ? 'form' : req.raw !== undefined ? 'raw' : undefined;
    const body =
      req.json !== undefined
        ? JSON.stringify(req.json)
        : req.form !== undefined
          ? new URLSearchParams(req.form).toString()
          : req.raw?.body;
    const context = (status: number): ApiErrorContext => ({ status, method: req.method, service: req.service, route });

    let token: string | undefined;
    if (auth) {
      token = await initialToken();
      if (token === undefined) {
        throw new AuthError(`not logged in: no access token for ${req.method} ${route}`);
      }
    }

    let refreshed = false;
    let attempt = 0;
    for (;;) {
      const headers = buildHeaders(req, token, bodyType);
      if (debug !== undefined) traceRequest(debug, req, url, headers);

      let res: RawResponse;
      try {
        res = await send(req, url, route, headers, body);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        const retryable =
          error.kind === 'connect-timeout' || (idempotent && (error.kind === 'reset' || error.kind === 'timeout'));
        if (retryable && attempt < retry.retries) {
          const delay = backoff(attempt);
          attempt += 1;
          debug?.(`↻ retry ${attempt}/${retry.retries} of ${req.method} ${route} in ${delay} ms (${error.errno ?? error.kind})`);
          await sleep(delay);
          continue;
        }
        throw error;
      }

      req.onHeaders?.(res.headers);
      if (res.status >= 200 && res.status < 300) {
        return parseSuccess(req, route, res);
      }

      if (res.status === 401 && auth && token !== undefined) {
        const parsed = parseErrorBody(res.text, res.contentType);
        if (refreshed) {
          throw new ApiAuthError(context(401), parsed, {
            message: `the server refused the access token for ${req.method} ${route} (401)`,
          });
        }
        refreshed = true;
        debug?.('↻ 401: refreshing the access token');
        const next = await tokenAfter401(token);
        if (next === undefined) {
          throw new ApiAuthError(context(401), parsed, {
            message: `the session has expired and could not be refreshed (401 on ${req.method} ${route})`,
          });
        }
        token = next;
        continue;
      }

      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], now());
      if (RETRY_STATUSES.has(res.status) && (idempotent || res.status === 429) && attempt < retry.retries) {
        if (retryAfterMs === undefined || retryAfterMs <= retry.maxRetryAfterMs) {
          const delay = retryAfterMs ?? backoff(attempt);
          attempt += 1;
          debug?.(`↻ retry ${attempt}/${retry.retries} of ${req.method} ${route} in ${delay} ms (${res.status})`);
          await sleep(delay);
          continue;
        }
      }

      throw errorFor(context(res.status), res, retryAfterMs);
    }
  }

  return {
    request,
    async close(): Promise<void> {
      await ownAgent?.close();
    },
  };
}

function errorFor(context: ApiErrorContext, res: RawResponse, retryAfterMs: number | undefined): Error {
  const parsed = parseErrorBody(res.text, res.contentType);
  if (context.status === 401 || context.status === 403) return new ApiAuthError(context, parsed);
  if (context.status === 429 && retryAfterMs !== undefined) {
    return new ApiError(context, parsed, {
      retryAfterMs,
      hint: `Bitwarden cloud rate limit reached; the server asks to wait ${formatWait(retryAfterMs)} before trying again.`,
    });
  }
  return new ApiError(context, parsed, retryAfterMs === undefined ? {} : { retryAfterMs });
}

function parseSuccess<T>(req: ApiRequest<T>, route: string, res: RawResponse): T {
  const trimmed = res.text.trim();
  let value: unknown;
  if (trimmed === '' || res.status === 204) {
    value = undefined;
  } else if (/json/i.test(res.contentType ?? '') || /^[[{]/.test(trimmed)) {
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new ApiSchemaError({ method: req.method, route }, { path: '$', problem: 'the body is not valid JSON' }, 1);
    }
  } else {
    value = res.text;
  }
  if (req.schema === undefined) return value as T;
  const result = req.schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new ApiSchemaError(
    { method: req.method, route },
    {
      path: first === undefined ? '$' : jsonPath(first.path),
      problem: first === undefined ? 'invalid' : first.message,
    },
    result.error.issues.length,
  );
}

function traceRequest(
  debug: (line: string) => void,
  req: ApiRequest<unknown>,
  url: URL,
  headers: Record<string, string>,
): void {
  let shown = '';
  if (req.json !== undefined) shown = truncateUtf8(JSON.stringify(redactJson(req.json)), TRACE_BODY_BYTES);
  else if (req.form !== undefined) shown = truncateUtf8(JSON.stringify(redactForm(req.form)), TRACE_BODY_BYTES);
  else if (req.raw !== undefined) shown = `[${req.raw.contentType.split(';')[0] ?? 'body'}, ${req.raw.body.length} bytes, not shown]`;
  debug(`→ ${req.method} ${redactUrl(url.toString())}${shown === '' ? '' : ` ${shown}`}`);
  debug(`  headers ${JSON.stringify(redactHeaders(headers))}`);
}

/** `$.data[3].email` from a zod issue path. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const raw = headerValue(value)?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function isTokenCall(req: ApiRequest<unknown>): boolean {
  return req.service === 'identity' && /\/connect\/token\/?$/.test(routeOf(req.path));
}

function routeOf(path: string): string {
  const noQuery = path.split('?')[0] ?? '';
  return noQuery.startsWith('/') ? noQuery : `/${noQuery}`;
}

function normaliseBase(base: string, service: ApiService): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TypeError(`invalid ${service} base URL: ${base}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${service} base URL must be http(s): ${base}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** `base` + `path` (+ query), keeping any path prefix of the base (`https://host/api` + `/sync`). */
export function buildUrl(
  base: string,
  path: string,
  query?: Record<string, string | number | boolean | undefined>,
): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function formatWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.ceil(minutes / 60)} h`;
}

function createAgent(ca: ApiClientOptions['ca']): Agent {
  if (ca === undefined) return new Agent({ keepAliveTimeout: 10_000 });
  // A `ca` option replaces Node's default trust store, so start from the defaults
  // (bundled roots + NODE_EXTRA_CA_CERTS) and add the custom CA.
  const extra = typeof ca === 'string' || Buffer.isBuffer(ca) ? [ca] : [...ca];
  return new Agent({ keepAliveTimeout: 10_000, connect: { ca: [...defaultCaCertificates(), ...extra] } });
}

function defaultCaCertificates(): string[] {
  if (typeof tls.getCACertificates === 'function') return tls.getCACertificates('default');
  // Node < 22.15: bundled roots plus NODE_EXTRA_CA_CERTS read by hand.
  const certs = [...tls.rootCertificates];
  const extraPath = process.env['NODE_EXTRA_CA_CERTS'];
  if (extraPath !== undefined && extraPath !== '') {
    try {
      certs.push(readFileSync(extraPath, 'utf8'));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; do the same (silently).
    }
  }
  return certs;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
