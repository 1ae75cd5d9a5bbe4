/**
 * Typed errors of the HTTP transport, and the one place that turns a server error body into them.
 *
 * The Bitwarden servers answer errors in three JSON shapes (protocol/admin-api.md §11.1,
 * protocol/auth-and-crypto.md §7.8) plus the odd non-JSON body from a proxy:
 *
 * 1. the API's `ErrorResponseModel`: `{object:"error", message, validationErrors, exceptionMessage, …}`
 *    (Public API variant: `errors` instead of `validationErrors`; Vaultwarden adds a camelCase `errorModel`);
 * 2. the identity/OAuth shape: `{error, error_description, ErrorModel: {Message, Object}}`;
 * 3. RFC 7807 / ASP.NET validation problems: `{type, title, status, detail?, errors: {prop: [...]}}`
 *    where the entries are strings or `{type, detail}` objects.
 *
 * Messages are one line and are scrubbed of anything that looks like a token or an EncString.
 */
import { STATUS_CODES } from 'node:http';
import { AuthError, BwmspError, ExitCode } from '../errors.js';
import { scrubText } from './redact.js';

export type ApiService = 'api' | 'identity' | 'events';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** Where a failed response came from; `route` is the path without the query string. */
export interface ApiErrorContext {
  status: number;
  method: HttpMethod;
  service: ApiService;
  route: string;
}

/** What an error body says, whatever its shape. */
export interface ParsedErrorBody {
  /** The server's message, one line; undefined when the body has none. */
  message: string | undefined;
  validationErrors: Record<string, string[]> | undefined;
  /** OAuth `error` code (`invalid_grant`, `device_error`, `invalid_client`, …) from the identity shape. */
  errorCode: string | undefined;
  /** The parsed JSON body (undefined for non-JSON bodies). */
  body: unknown;
}

const GENERIC_VALIDATION_MESSAGES = new Set([
  'The model state is invalid.',
  "The request's model state is invalid.",
  'One or more validation errors occurred.',
]);

const MAX_MESSAGE_CHARS = 500;

/** A failed HTTP exchange (status >= 300). Exit 1, or 5 for 404. 401/403 become {@link ApiAuthError}. */
export class ApiError extends BwmspError {
  override readonly exitCode: ExitCode = ExitCode.Failure;
  override readonly code: string = 'api';
  readonly status: number;
  readonly method: HttpMethod;
  readonly service: ApiService;
  /** Request path without query, relative to the service base URL (e.g. `/organizations/…/users`). */
  readonly route: string;
  /** The server's own text, before validation details were appended to `message`. */
  readonly serverMessage: string | undefined;
  readonly validationErrors: Record<string, string[]> | undefined;
  /** OAuth error code of identity errors (`invalid_grant`, `device_error`, …). */
  readonly errorCode: string | undefined;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** Parsed JSON error body, non-enumerable so it never ends up in logs or `--json` output by accident. */
  declare readonly body: unknown;

  constructor(
    context: ApiErrorContext,
    parsed: ParsedErrorBody,
    options: { hint?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(composeMessage(context, parsed), {
      hint: options.hint ?? defaultHint(context.status),
      cause: options.cause,
    });
    this.name = 'ApiError';
    this.status = context.status;
    this.method = context.method;
    this.service = context.service;
    this.route = context.route;
    this.serverMessage = parsed.message;
    this.validationErrors = parsed.validationErrors;
    this.errorCode = parsed.errorCode;
    this.retryAfterMs = options.retryAfterMs;
    Object.defineProperty(this, 'body', { value: parsed.body, enumerable: false });
    if (context.status === 404) {
      this.exitCode = ExitCode.NotFound;
      this.code = 'not_found';
    } else if (context.status === 429) {
      this.code = 'rate_limited';
    }
  }
}

/**
 * 401/403: the token or credentials were refused, or the account may not do this. Exit 4. It is an
 * `AuthError` (so `instanceof AuthError` holds) carrying the same fields as {@link ApiError}.
 */
export class ApiAuthError extends AuthError {
  readonly status: number;
  readonly method: HttpMethod;
  readonly service: ApiService;
  readonly route: string;
  readonly serverMessage: string | undefined;
  readonly validationErrors: Record<string, string[]> | undefined;
  readonly errorCode: string | undefined;
  declare readonly body: unknown;

  constructor(
    context: ApiErrorContext,
    parsed: ParsedErrorBody,
    options: { message?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? composeMessage(context, parsed), {
      hint: options.hint ?? authHint(context.status),
      cause: options.cause,
    });
    this.name = 'ApiAuthError';
    this.status = context.status;
    this.method = context.method;
    this.service = context.service;
    this.route = context.route;
    this.serverMessage = parsed.message;
    this.validationErrors = parsed.validationErrors;
    this.errorCode = parsed.errorCode;
    Object.defineProperty(this, 'body', { value: parsed.body, enumerable: false });
  }
}

/** A response did not match the expected schema. Names the route and the JSON path, never the data. */
export class ApiSchemaError extends BwmspError {
  override readonly code: string = 'api_schema';
  readonly method: HttpMethod;
  readonly route: string;
  /** JSON path of the first failing value, e.g. `$.data[3].email`. */
  readonly path: string;
  readonly issueCount: number;

  constructor(
    context: { method: HttpMethod; route: string },
    issue: { path: string; problem: string },
    issueCount: number,
  ) {
    const more = issueCount > 1 ? ` (and ${issueCount - 1} more)` : '';
    super(
      `unexpected response from ${context.method} ${context.route}: ${issue.path}: ${issue.problem}${more}`,
      {
        hint: 'The server answered with a shape bwmsp does not understand; check the server version, or rerun with --debug.',
      },
    );
    this.name = 'ApiSchemaError';
    this.method = context.method;
    this.route = context.route;
    this.path = issue.path;
    this.issueCount = issueCount;
  }
}

export type NetworkErrorKind =
  | 'refused'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'timeout'
  | 'connect-timeout'
  | 'other';

/** The request never got an HTTP answer: connection refused, DNS, TLS, reset, timeout. Exit 1. */
export class NetworkError extends BwmspError {
  override readonly code: string = 'network';
  readonly kind: NetworkErrorKind;
  readonly host: string;
  /** URL without query string. */
  readonly url: string;
  /** Node/undici error code (`ECONNREFUSED`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, …) when known. */
  readonly errno: string | undefined;

  constructor(
    message: string,
    details: { kind: NetworkErrorKind; host: string; url: string; errno?: string; hint?: string; cause?: unknown },
  ) {
    super(message, { hint: details.hint, cause: details.cause });
    this.name = 'NetworkError';
    this.kind = details.kind;
    this.host = details.host;
    this.url = details.url;
    this.errno = details.errno;
  }
}

/** No complete answer within the per-request timeout. */
export class ApiTimeoutError extends NetworkError {
  override readonly code: string = 'timeout';
  readonly timeoutMs: number;

  constructor(url: string, host: string, timeoutMs: number) {
    super(`request to ${url} timed out after ${formatDuration(timeoutMs)}`, {
      kind: 'timeout',
      host,
      url,
      hint: 'The server did not answer in time; check the server URL and your network, or try again later.',
    });
    this.name = 'ApiTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turn a low-level error from undici/Node into a {@link NetworkError} naming the host. */
export function toNetworkError(error: unknown, url: URL): NetworkError {
  if (error instanceof NetworkError) return error;
  const errno = errorCode(error);
  const host = url.host;
  const where = `${url.origin}${url.pathname}`;
  const base = { host, url: where, cause: error };
  if (errno === 'ECONNREFUSED') {
    return new NetworkError(`connection refused by ${host}`, {
      ...base,
      kind: 'refused',
      errno,
      hint: 'Is the server running, and is the server URL of this profile right?',
    });
  }
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN' || errno === 'EAI_NONAME') {
    return new NetworkError(`cannot resolve host ${url.hostname}`, {
      ...base,
      kind: 'dns',
      errno,
      hint: 'Check the server URL of this profile and your DNS/network.',
    });
  }
  if (errno !== undefined && (TLS_CODES.has(errno) || errno.startsWith('ERR_TLS_') || errno.startsWith('ERR_SSL_'))) {
    return new NetworkError(`TLS certificate of ${host} was not accepted (${errno})`, {
      ...base,
      kind: 'tls',
      errno,
      hint: 'If the server uses an internal or sandbox CA, pass --ca-file <pem> or set NODE_EXTRA_CA_CERTS=<pem>.',
    });
  }
  if (errno === 'UND_ERR_CONNECT_TIMEOUT') {
    return new NetworkError(`could not connect to ${host} (connect timeout)`, {
      ...base,
      kind: 'connect-timeout',
      errno,
      hint: 'Check the server URL and your network or proxy.',
    });
  }
  if (errno !== undefined && RESET_CODES.has(errno)) {
    return new NetworkError(`connection to ${host} was closed unexpectedly (${errno})`, {
      ...base,
      kind: 'reset',
      errno,
    });
  }
  if (errno !== undefined && TIMEOUT_CODES.has(errno)) {
    return new NetworkError(`connection to ${host} timed out (${errno})`, { ...base, kind: 'timeout', errno });
  }
  const detail = errno ?? (error instanceof Error ? error.name : 'unknown error');
  return new NetworkError(`request to ${host} failed (${detail})`, { ...base, kind: 'other', errno });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Read an error body in any of the server's shapes. Order (admin-api.md §11.1 "CLI rule"): `message`,
 * identity `ErrorModel.Message` / `error_description`, RFC 7807 `detail`/`title`; validation errors from
 * `validationErrors`, then `errors` (string arrays or `{detail}` objects).
 */
export function parseErrorBody(text: string, contentType: string | undefined): ParsedErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return { message: undefined, validationErrors: undefined, errorCode: undefined, body: undefined };
  const looksJson = /json/i.test(contentType ?? '') || trimmed.startsWith('{');
  if (looksJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (isRecord(parsed)) return fromJson(parsed);
  }
  // Non-JSON: a proxy page or plain text. HTML is never echoed; short plain text is.
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|\?xml)/i.test(trimmed)) {
    return { message: undefined, validationErrors: undefined, errorCode: undefined, body: undefined };
  }
  return { message: oneLine(trimmed), validationErrors: undefined, errorCode: undefined, body: undefined };
}

function fromJson(json: Record<string, unknown>): ParsedErrorBody {
  const errorModel = pick(json, 'ErrorModel', 'errorModel');
  const errorModelMessage = isRecord(errorModel) ? stringOf(pick(errorModel, 'Message', 'message')) : undefined;
  const oauthError = stringOf(json['error']);
  const oauthDescription = stringOf(json['error_description']);
  const message =
    stringOf(pick(json, 'message', 'Message')) ??
    errorModelMessage ??
    oauthDescription ??
    stringOf(json['detail']) ??
    stringOf(json['title']) ??
    oauthError;

  const validationErrors =
    toValidationErrors(pick(json, 'validationErrors', 'ValidationErrors')) ??
    (isRecord(errorModel) ? toValidationErrors(pick(errorModel, 'ValidationErrors', 'validationErrors')) : undefined) ??
    toValidationErrors(json['errors']);

  return {
    message: message === undefined ? undefined : oneLine(message),
    validationErrors,
    errorCode: oauthError,
    body: json,
  };
}

function toValidationErrors(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string[]> = {};
  let any = false;
  for (const [field, entries] of Object.entries(value)) {
    const list = Array.isArray(entries) ? entries : [entries];
    const messages: string[] = [];
    for (const entry of list) {
      if (typeof entry === 'string') messages.push(oneLine(entry));
      else if (isRecord(entry)) {
        const text = stringOf(pick(entry, 'detail', 'message', 'Message')) ?? stringOf(entry['type']);
        if (text !== undefined) messages.push(oneLine(text));
      }
    }
    if (messages.length > 0) {
      out[field] = messages;
      any = true;
    }
  }
  return any ? out : undefined;
}

function composeMessage(context: ApiErrorContext, parsed: ParsedErrorBody): string {
  const details = validationSummary(parsed.validationErrors, parsed.message);
  if (parsed.message === undefined) {
    const base = `${context.method} ${context.route} failed: ${statusText(context.status)}`;
    return truncate(details === undefined ? base : `${base}: ${details}`);
  }
  if (details === undefined) return parsed.message;
  if (GENERIC_VALIDATION_MESSAGES.has(parsed.message)) {
    return truncate(`${parsed.message.replace(/\.$/, '')}: ${details}`);
  }
  return truncate(`${parsed.message} (${details})`);
}

function validationSummary(errors: Record<string, string[]> | undefined, message: string | undefined): string | undefined {
  if (errors === undefined) return undefined;
  const parts: string[] = [];
  for (const [field, messages] of Object.entries(errors)) {
    for (const text of messages) {
      if (text === message) continue; // Vaultwarden repeats the message under the "" key
      parts.push(field === '' ? text : `${field}: ${text}`);
    }
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}

function statusText(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `HTTP ${status}` : `HTTP ${status} ${text}`;
}

function defaultHint(status: number): string | undefined {
  if (status === 404) {
    return 'Check the id; the server also answers 404 when your account may not see the object.';
  }
  if (status === 429) return 'Bitwarden cloud rate limit reached; wait a minute and run the command again.';
  if (status >= 500) return 'The server failed; try again later, or rerun with --debug.';
  return undefined;
}

function authHint(status: number): string {
  return status === 403
    ? "Your account may not do this here. After a role change, run 'bwmsp login' again to get a fresh token."
    : "Run 'bwmsp login' again.";
}

/** One line, no tokens, bounded length. */
function oneLine(text: string): string {
  return truncate(scrubText(text.replace(/\s*[\r\n]+\s*/g, '; ').replace(/\s+/g, ' ').trim()));
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

function pick(record: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) {
    if (record[key] !== undefined && record[key] !== null) return record[key];
  }
  return undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
