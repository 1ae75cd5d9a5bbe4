/**
 * Errors a route throws; the app's one error handler turns them into the official server's
 * bodies. API errors use `ErrorResponseModel` (camelCase); identity token errors use the OAuth body
 * with a PascalCase `ErrorModel`.
 */
import { MODEL_STATE_INVALID, RESOURCE_NOT_FOUND, type ErrorResponse } from '../protocol/common.js';
import type { IdentityErrorResponse, TwoFactorRequiredResponse } from '../protocol/token.js';

export type ValidationErrors = Record<string, string[]>;

export abstract class SandboxHttpError extends Error {
  abstract readonly status: number;
}

/** A 4xx with the private API error body. */
export class ApiError extends SandboxHttpError {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly validationErrors: ValidationErrors | null;
  constructor(status: number, message: string, validationErrors: ValidationErrors | null = null) {
    super(message);
    this.status = status;
    this.validationErrors = validationErrors;
  }
}

/** 400 `BadRequestException(message)`. */
export class BadRequestError extends ApiError {
  constructor(message: string) {
    super(400, message);
  }
}

/** 400 "The model state is invalid." with `validationErrors` keyed by property. */
export class ModelStateError extends ApiError {
  constructor(validationErrors: ValidationErrors) {
    super(400, MODEL_STATE_INVALID, validationErrors);
  }
}

/** 404 "Resource not found." */
export class NotFoundError extends ApiError {
  constructor() {
    super(404, RESOURCE_NOT_FOUND);
  }
}

/** 429 with `Retry-After`. */
export class TooManyRequestsError extends ApiError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, `Slow down! Too many requests. Try again in ${formatPeriod(retryAfterSeconds)}.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 401 with an empty body and `WWW-Authenticate: Bearer` (missing or invalid token). */
export class UnauthorizedError extends SandboxHttpError {
  override readonly name = 'UnauthorizedError';
  readonly status = 401;
  readonly challenge: string;
  constructor(challenge = 'Bearer') {
    super('unauthorized');
    this.challenge = challenge;
  }
}

/** 403 with an empty body (an authorization requirement failed). */
export class ForbiddenError extends SandboxHttpError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
  constructor() {
    super('forbidden');
  }
}

/** An identity (`/connect/token`) error: OAuth body, usually HTTP 400. */
export class IdentityError extends SandboxHttpError {
  override readonly name = 'IdentityError';
  readonly status: number;
  readonly body: IdentityErrorResponse | TwoFactorRequiredResponse;
  constructor(body: IdentityErrorResponse | TwoFactorRequiredResponse, status = 400) {
    super(body.error);
    this.status = status;
    this.body = body;
  }

  /** `{error, error_description?, ErrorModel: {Message, Object}}`. */
  static of(error: string, message: string | null, description?: string): IdentityError {
    const body: IdentityErrorResponse = { error };
    if (description !== undefined) body.error_description = description;
    if (message !== null) body.ErrorModel = { Message: message, Object: 'error' };
    return new IdentityError(body);
  }
}

export function errorBody(message: string, validationErrors: ValidationErrors | null = null): ErrorResponse {
  return {
    object: 'error',
    message,
    validationErrors,
    exceptionMessage: null,
    exceptionStackTrace: null,
    innerExceptionMessage: null,
  };
}

function formatPeriod(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
