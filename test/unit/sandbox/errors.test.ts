import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../../src/protocol/common.js';
import { configResponseSchema } from '../../../src/protocol/config.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('error handling and anonymous routes', () => {
  it('answers unknown routes with an empty 404', async () => {
    const response = await h.get('/api/no-such-route');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
    expect((await h.get('/not-a-prefix/config')).status).toBe(404);
  });

  it('turns malformed JSON into a model-state error', async () => {
    const response = await h.fetch('/identity/accounts/prelogin/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email":',
    });
    expect(response.status).toBe(400);
    expect(errorResponseSchema.parse(await response.json())).toMatchObject({
      object: 'error',
      message: 'The model state is invalid.',
      exceptionMessage: null,
      exceptionStackTrace: null,
      innerExceptionMessage: null,
    });
  });

  it('binds PascalCase JSON bodies like the official server', async () => {
    const response = await h.postJson('/identity/accounts/prelogin/password', { Email: 'case@example.com' });
    expect(response.status).toBe(200);
  });

  it('says only "internal error" on a 500', async () => {
    h.store.close();
    const response = await h.postJson('/identity/accounts/prelogin/password', { email: 'x@example.com' });
    expect(response.status).toBe(500);
    const body = errorResponseSchema.parse(await response.json());
    expect(body).toEqual({
      object: 'error',
      message: 'internal error',
      validationErrors: null,
      exceptionMessage: null,
      exceptionStackTrace: null,
      innerExceptionMessage: null,
    });
  });

  it('serves /api/config with empty feature flags and the sandbox URLs', async () => {
    const response = await h.get('/api/config');
    const body = configResponseSchema.parse(await response.json());
    expect(body).toMatchObject({
      object: 'config',
      version: expect.stringMatching(/^\d{4}\.\d+\.\d+$/),
      server: null,
      featureStates: {},
      environment: {
        vault: 'https://127.0.0.1:8443',
        api: 'https://127.0.0.1:8443/api',
        identity: 'https://127.0.0.1:8443/identity',
        notifications: 'https://127.0.0.1:8443/notifications',
      },
      push: { pushTechnology: 0, vapidPublicKey: null },
    });
  });

  it('answers /alive on every service', async () => {
    for (const prefix of ['/api', '/identity', '/events']) {
      const response = await h.get(`${prefix}/alive`);
      expect(response.status).toBe(200);
      expect(await response.json()).toBe(h.clock.now().toISOString());
    }
  });

  it('accepts client events at /events/collect for signed-in users only', async () => {
    const body = JSON.stringify([{ type: 1107, cipherId: null, date: new Date().toISOString(), organizationId: null }]);
    const anonymous = await h.fetch('/events/collect', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(anonymous.status).toBe(401);
  });
});
