/**
 * The two error-body families: the private API's `ErrorResponseModel` (`validationErrors`) and the
 * Public API's (`errors`, "The request's model state is invalid.", 404 with an empty body).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PUBLIC_MODEL_STATE_INVALID, type PublicErrorResponse } from '../protocol/common.js';
import type { SandboxEnv } from './context.js';
import {
  ApiError,
  ForbiddenError,
  IdentityError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  errorBody,
} from './errors.js';
import type { SandboxLogger } from './log.js';

/** The private API and identity error handler (admin-api.md §11.1). */
export function apiErrorResponse(error: Error, c: Context<SandboxEnv>, log: SandboxLogger): Response {
  if (error instanceof IdentityError) {
    return c.json(error.body, error.status as 400);
  }
  if (error instanceof TooManyRequestsError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return c.json(errorBody(error.message, error.validationErrors), 429);
  }
  if (error instanceof ApiError) {
    return c.json(errorBody(error.message, error.validationErrors), error.status as 400);
  }
  if (error instanceof UnauthorizedError) {
    c.header('WWW-Authenticate', error.challenge);
    return c.body(null, 401);
  }
  if (error instanceof ForbiddenError) {
    return c.body(null, 403);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(errorBody(error.message === '' ? 'Bad request.' : error.message), error.status);
  }
  log.error(`${c.req.method} ${new URL(c.req.url).pathname} failed`, error);
  return c.json(errorBody('internal error'), 500);
}

/** The Public API error handler (admin-api.md §10, §11.1): its own body, and "not found" is an empty 404. */
export function publicApiErrorResponse(error: Error, c: Context<SandboxEnv>, log: SandboxLogger): Response {
  if (error instanceof NotFoundError) return c.body(null, 404);
  if (error instanceof ApiError && !(error instanceof TooManyRequestsError)) {
    const body: PublicErrorResponse =
      error.validationErrors === null
        ? { object: 'error', message: error.message }
        : { object: 'error', message: PUBLIC_MODEL_STATE_INVALID, errors: error.validationErrors };
    return c.json(body, error.status as 400);
  }
  return apiErrorResponse(error, c, log);
}
