/** `GET {api}/config`: server version, environment URLs, feature flags (kept empty), push and settings. */
import { Hono } from 'hono';
import type { ConfigResponse } from '../../protocol/config.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { cloudCommunicationEnabled, selfhostSettings } from '../services/selfhost-settings.js';

/** The official server version the sandbox reports (a plain `YYYY.M.P`). */
export const SANDBOX_SERVER_VERSION = '2026.9.0';

export function configRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/config', (c) => {
    const base = ctx.baseUrl();
    // The cloud reports its region (US); a self-hosted server reports `globalSettings__baseServiceUri__cloudRegion`,
    // which the installer writes (US or EU) — the sandbox says US when it has a cloud configured, else null.
    const cloudRegion =
      ctx.mode === 'cloud' || cloudCommunicationEnabled(selfhostSettings(ctx.store)) ? 'US' : null;
    const response: ConfigResponse = {
      object: 'config',
      version: SANDBOX_SERVER_VERSION,
      gitHash: 'sandbox',
      server: null,
      environment: {
        cloudRegion,
        vault: base,
        api: `${base}/api`,
        identity: `${base}/identity`,
        notifications: `${base}/notifications`,
        sso: `${base}/sso`,
      },
      // Empty on purpose: every client flag keeps its built-in default.
      featureStates: {},
      push: { pushTechnology: 0, vapidPublicKey: null },
      communication: null,
      settings: { disableUserRegistration: false, suppressOnboardingInterstitials: false },
    };
    return c.json(response);
  });
  return app;
}
