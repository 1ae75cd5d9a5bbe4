import type { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiAuthError, ApiError, parseErrorBody } from '../../../src/api/errors.js';
import { AuthError, exitCodeFor } from '../../../src/errors.js';
import { CLOUD_URLS, JSON_HEADERS, createMockAgent, createTestClient } from './mock-api.js';

let agent: MockAgent;

beforeEach(() => {
  agent = createMockAgent();
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

async function failWith(
  status: number,
  body: unknown,
  options: { service?: 'api' | 'identity'; headers?: Record<string, string>; method?: 'GET' | 'POST' } = {},
): Promise<unknown> {
  const service = options.service ?? 'api';
  const method = options.method ?? 'POST';
  const path = service === 'identity' ? '/connect/token' : '/organizations/o1/users/invite';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  agent
    .get(CLOUD_URLS[service])
    .intercept({ path, method })
    .reply(status, text, { headers: options.headers ?? JSON_HEADERS });
  const { client } = createTestClient(agent);
  return client
    .request(
      service === 'identity'
        ? { service, method, path, auth: false, form: { grant_type: 'password' } }
        : { service, method, path, json: { emails: [] } },
    )
    .catch((e: unknown) => e);
}

describe('error bodies', () => {
  it('maps the API ErrorResponseModel with validation errors', async () => {
    const error = await failWith(400, {
      object: 'error',
      message: 'The model state is invalid.',
      validationErrors: { Emails: ['You cannot invite more than 20 users at once.'], '$.type': ['Invalid type.'] },
      exceptionMessage: null,
      exceptionStackTrace: null,
      innerExceptionMessage: null,
    });

    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(400);
    expect(api.method).toBe('POST');
    expect(api.route).toBe('/organizations/o1/users/invite');
    expect(api.serverMessage).toBe('The model state is invalid.');
    expect(api.validationErrors).toEqual({
      Emails: ['You cannot invite more than 20 users at once.'],
      '$.type': ['Invalid type.'],
    });
    expect(api.message).toBe(
      'The model state is invalid: Emails: You cannot invite more than 20 users at once.; $.type: Invalid type.',
    );
    expect(api.exitCode).toBe(1);
    expect(exitCodeFor(api)).toBe(1);
  });

  it('maps a plain BadRequestException message', async () => {
    const error = (await failWith(400, {
      object: 'error',
      message: 'Only allowed when not self hosted.',
      validationErrors: null,
    })) as ApiError;

    expect(error.message).toBe('Only allowed when not self hosted.');
    expect(error.validationErrors).toBeUndefined();
  });

  it('maps the identity OAuth shape, taking the message from ErrorModel.Message', async () => {
    const error = (await failWith(
      400,
      {
        error: 'invalid_grant',
        error_description: 'invalid_username_or_password',
        ErrorModel: { Message: 'Username or password is incorrect. Try again.', Object: 'error' },
      },
      { service: 'identity' },
    )) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.service).toBe('identity');
    expect(error.route).toBe('/connect/token');
    expect(error.errorCode).toBe('invalid_grant');
    expect(error.message).toBe('Username or password is incorrect. Try again.');
  });

  it('keeps the identity two-factor body readable for the login flow, but out of serialisation', async () => {
    const body = {
      error: 'invalid_grant',
      error_description: 'Two factor required.',
      TwoFactorProviders: ['0'],
      TwoFactorProviders2: { '0': null },
      SsoEmail2faSessionToken: 'sso-session-secret',
    };
    const error = (await failWith(400, body, { service: 'identity' })) as ApiError;

    expect(error.message).toBe('Two factor required.');
    expect(error.errorCode).toBe('invalid_grant');
    expect(error.body).toEqual(body);
    expect(JSON.stringify(error)).not.toContain('sso-session-secret');
  });

  it('maps an RFC 7807 validation problem with {type, detail} entries', async () => {
    const error = (await failWith(400, {
      type: 'validation_error',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { Name: [{ type: 'name_too_long', detail: 'Name must be at most 50 characters.' }] },
    })) as ApiError;

    expect(error.validationErrors).toEqual({ Name: ['Name must be at most 50 characters.'] });
    expect(error.serverMessage).toBe('One or more validation errors occurred.');
    expect(error.message).toBe('One or more validation errors occurred: Name: Name must be at most 50 characters.');
  });

  it('maps the plain ASP.NET {errors: {field: [...]}} shape, and the Public API one', async () => {
    const problem = (await failWith(
      400,
      { title: 'One or more validation errors occurred.', status: 400, errors: { Email: ['The Email field is required.'] } },
      { headers: { 'content-type': 'application/problem+json; charset=utf-8' } },
    )) as ApiError;
    expect(problem.validationErrors).toEqual({ Email: ['The Email field is required.'] });

    const publicApi = parseErrorBody(
      JSON.stringify({ object: 'error', message: "The request's model state is invalid.", errors: { type: ['Required.'] } }),
      'application/json',
    );
    expect(publicApi.message).toBe("The request's model state is invalid.");
    expect(publicApi.validationErrors).toEqual({ type: ['Required.'] });
  });

  it("does not repeat Vaultwarden's message under the empty validation key", () => {
    const parsed = parseErrorBody(
      JSON.stringify({
        message: 'User already invited.',
        validationErrors: { '': ['User already invited.'] },
        errorModel: { message: 'User already invited.', object: 'error' },
        error: '',
        error_description: '',
        object: 'error',
      }),
      'application/json',
    );
    expect(parsed.message).toBe('User already invited.');
    expect(parsed.errorCode).toBeUndefined();
  });

  it('never echoes an HTML error page; the message names route and status instead', async () => {
    const error = (await failWith(502, '<!DOCTYPE html><html><body>Bad gateway from cloudflare</body></html>', {
      headers: { 'content-type': 'text/html' },
    })) as ApiError;

    expect(error.message).toBe('POST /organizations/o1/users/invite failed: HTTP 502 Bad Gateway');
    expect(error.message).not.toContain('cloudflare');
  });

  it('uses a short plain-text body as the message, on one line', async () => {
    const error = (await failWith(400, 'Invalid license.\nLicense is expired.\nInstallation mismatch.', {
      headers: { 'content-type': 'text/plain' },
    })) as ApiError;
    expect(error.message).toBe('Invalid license.; License is expired.; Installation mismatch.');
  });

  it('never puts a token or an EncString into the message', () => {
    const parsed = parseErrorBody(
      JSON.stringify({
        message: 'bad value eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl and 2.AAAAAAAAAAAAAAAAAAAAAA==|BBBBBBBBBBBBBBBB|CCCC',
      }),
      'application/json',
    );
    expect(parsed.message).not.toContain('eyJ');
    expect(parsed.message).not.toContain('AAAAAAAA');
    expect(parsed.message).toContain('[REDACTED]');
  });

  it('gives 404 exit code 5', async () => {
    const error = (await failWith(404, { object: 'error', message: 'Resource not found.', validationErrors: null }, { method: 'GET' })) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.exitCode).toBe(5);
    expect(error.code).toBe('not_found');
    expect(exitCodeFor(error)).toBe(5);
    expect(error.message).toBe('Resource not found.');
  });

  it.each([401, 403])('turns %i into an AuthError (exit 4) carrying the request fields', async (status) => {
    // 403 from a failed authorization requirement has an empty body (admin-api.md §11.1).
    const error = await failWith(status, '', { headers: {} });

    expect(error).toBeInstanceOf(AuthError);
    expect(error).toBeInstanceOf(ApiAuthError);
    const auth = error as ApiAuthError;
    expect(auth.exitCode).toBe(4);
    expect(auth.status).toBe(status);
    expect(auth.route).toBe('/organizations/o1/users/invite');
    expect(auth.message).not.toMatch(/\n/);
    expect(auth.message).not.toContain('token-initial');
  });

  it('turns an identity 401 (unauthenticated token call) into an AuthError with the OAuth message', async () => {
    const error = (await failWith(401, { error: 'invalid_client' }, { service: 'identity' })) as ApiAuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.errorCode).toBe('invalid_client');
    expect(error.message).toBe('invalid_client');
  });

  it('marks 429 as rate limited with the Retry-After wait', async () => {
    agent
      .get(CLOUD_URLS.api)
      .intercept({ path: '/sync', method: 'GET' })
      .reply(429, { message: 'Slow down! Too many requests. Try again in 1m.' }, { headers: { ...JSON_HEADERS, 'retry-after': '60' } })
      .times(2);
    const { client } = createTestClient(agent, { retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 10 } });

    const error = (await client.request({ service: 'api', method: 'GET', path: '/sync' }).catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.message).toBe('Slow down! Too many requests. Try again in 1m.');
  });
});
