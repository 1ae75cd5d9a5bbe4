/**
 * The sandbox as a Hono app (no listening): one base URL serving `/identity`, `/api` and `/events`
 * the way a self-hosted Bitwarden server does, with one error handler producing the official
 * server's error bodies.
 */
import { Hono } from 'hono';
import { loadServerSecrets } from './auth/secrets.js';
import { systemClock, type Clock } from './clock.js';
import {
  DEFAULT_SECURITY,
  type SandboxContext,
  type SandboxEnv,
  type SandboxMode,
  type SecuritySettings,
} from './context.js';
import { apiErrorResponse } from './error-handlers.js';
import { silentLogger, type SandboxLogger } from './log.js';
import { createMailer, type Mailer } from './mailer.js';
import type { FaultSpec } from './fault-spec.js';
import { createFaultInjector, type FaultInjector } from './middleware/faults.js';
import { rateLimiter, type RateLimitProfile } from './middleware/rate-limits.js';
import { emptyStats, requestStats, type SandboxStats } from './middleware/request-stats.js';
import { accountRoutes } from './routes/accounts.js';
import { aliveRoutes } from './routes/alive.js';
import { cipherRoutes } from './routes/ciphers.js';
import { configRoutes } from './routes/config.js';
import { connectTokenRoutes } from './routes/connect-token.js';
import { collectionRoutes } from './routes/collections.js';
import { deviceRoutes } from './routes/devices.js';
import { eventCollectRoutes } from './routes/events.js';
import { groupRoutes } from './routes/groups.js';
import { installationRoutes } from './routes/installations.js';
import { licenseRoutes } from './routes/licenses.js';
import { organizationApiKeyRoutes } from './routes/organization-api-keys.js';
import { organizationConnectionRoutes } from './routes/organization-connections.js';
import { organizationEventRoutes } from './routes/organization-events.js';
import { organizationSsoRoutes } from './routes/organization-sso.js';
import { organizationUserRoutes } from './routes/organization-users.js';
import { organizationRoutes } from './routes/organizations.js';
import { policyRoutes } from './routes/policies.js';
import { preloginRoutes } from './routes/prelogin.js';
import { providerBillingRoutes } from './routes/provider-billing.js';
import { providerClientRoutes } from './routes/provider-clients.js';
import { providerEventRoutes } from './routes/provider-events.js';
import { providerUserRoutes } from './routes/provider-users.js';
import { providerRoutes } from './routes/providers.js';
import { publicApiRoutes } from './routes/public-api.js';
import { registrationRoutes } from './routes/registration.js';
import { licenseSyncRoutes } from './routes/license-sync.js';
import { selfHostedLicenseRoutes } from './routes/self-hosted-licenses.js';
import { sponsorshipSyncRoutes } from './routes/sponsorship-sync.js';
import { sponsorshipRoutes } from './routes/sponsorships.js';
import { syncRoutes } from './routes/sync.js';
import { twoFactorRoutes } from './routes/two-factor.js';
import { userRoutes } from './routes/users.js';
import type { SandboxStore } from './store.js';

export interface SandboxAppOptions {
  store: SandboxStore;
  clock?: Clock;
  mode?: SandboxMode;
  /** Public base URL; a function when it is only known after listening (port 0). */
  baseUrl: string | (() => string);
  /** Defaults to an outbox-only mailer over `store`. */
  mailer?: Mailer;
  log?: SandboxLogger;
  security?: Partial<SecuritySettings>;
  /** Opt-in fault injection (testing); can be changed later through `SandboxApp.faults`. */
  faults?: FaultSpec | null;
  faultSeed?: number;
  /** Enforce the Bitwarden cloud rate limits (admin-api.md §11.4), windows × `timeScale`. */
  rateLimits?: { profile: RateLimitProfile; timeScale?: number } | null;
}

export interface SandboxApp {
  app: Hono<SandboxEnv>;
  context: SandboxContext;
  /** Request counters (also at `GET /__sandbox/stats`). */
  stats: SandboxStats;
  faults: FaultInjector;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Builds the context and the app; `createSandboxApp` returns only the app. */
export function buildSandboxApp(options: SandboxAppOptions): SandboxApp {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const baseUrl = options.baseUrl;
  const context: SandboxContext = {
    store: options.store,
    clock,
    mode: options.mode ?? 'cloud',
    baseUrl: typeof baseUrl === 'string' ? () => trimSlash(baseUrl) : () => trimSlash(baseUrl()),
    mailer: options.mailer ?? createMailer({ store: options.store, log, clock }),
    log,
    secrets: loadServerSecrets(options.store),
    security: {
      ...DEFAULT_SECURITY,
      ...options.security,
      loginThrottle: { ...DEFAULT_SECURITY.loginThrottle, ...options.security?.loginThrottle },
    },
  };

  const app = new Hono<SandboxEnv>();
  const stats = emptyStats();
  const faults = createFaultInjector(stats, options.faults ?? null, options.faultSeed);
  app.use(requestStats(stats));
  app.use(faults.middleware);
  if (options.rateLimits) app.use(rateLimiter(stats, { timeScale: options.rateLimits.timeScale ?? 1 }));

  if (log.verbose) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      const ms = (performance.now() - started).toFixed(1);
      const client = c.req.header('Bitwarden-Client-Name') ?? '-';
      log.info(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${ms}ms client=${client}`);
    });
  }

  const identity = new Hono<SandboxEnv>();
  identity.route('/', aliveRoutes(context));
  identity.route('/', preloginRoutes(context));
  identity.route('/', registrationRoutes(context));
  identity.route('/', connectTokenRoutes(context));

  const api = new Hono<SandboxEnv>();
  api.route('/', aliveRoutes(context));
  api.route('/', configRoutes(context));
  api.route('/', accountRoutes(context));
  api.route('/', syncRoutes(context));
  api.route('/', userRoutes(context));
  api.route('/', deviceRoutes(context));
  api.route('/', twoFactorRoutes(context));
  api.route('/', licenseSyncRoutes(context));
  api.route('/', selfHostedLicenseRoutes(context)); // before `/organizations/:id/...` routes
  api.route('/', licenseRoutes(context));
  api.route('/', installationRoutes(context));
  api.route('/', organizationConnectionRoutes(context)); // before `/organizations/:id/...` routes
  api.route('/', organizationRoutes(context));
  api.route('/', organizationSsoRoutes(context));
  api.route('/', organizationApiKeyRoutes(context));
  api.route('/', organizationUserRoutes(context));
  api.route('/', collectionRoutes(context));
  api.route('/', groupRoutes(context));
  api.route('/', cipherRoutes(context));
  api.route('/', policyRoutes(context));
  api.route('/', organizationEventRoutes(context));
  api.route('/', providerRoutes(context));
  api.route('/', providerUserRoutes(context));
  api.route('/', providerClientRoutes(context));
  api.route('/', providerBillingRoutes(context));
  api.route('/', providerEventRoutes(context));
  api.route('/', sponsorshipSyncRoutes(context)); // before `organization/sponsorship/:orgId/...`
  api.route('/', sponsorshipRoutes(context));
  api.route('/public', publicApiRoutes(context));

  const events = new Hono<SandboxEnv>();
  events.route('/', aliveRoutes(context));
  events.route('/', eventCollectRoutes(context));

  app.route('/identity', identity);
  app.route('/api', api);
  app.route('/events', events);

  app.notFound((c) => c.body(null, 404));
  app.onError((error, c) => apiErrorResponse(error, c, log));

  return { app, context, stats, faults };
}

/** The sandbox request handler: `app.fetch` / `app.request(...)`. */
export function createSandboxApp(options: SandboxAppOptions): Hono<SandboxEnv> {
  return buildSandboxApp(options).app;
}
