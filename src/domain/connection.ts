/**
 * Opens an API client for the resolved profile: base URLs, extra CA, the cloud pacer, --debug
 * traces, and (when authenticated) tokens from the session file with refresh and rotation.
 */
import { readFileSync } from 'node:fs';
import { createApiClient, CLIENT_COMPAT_VERSION, type ApiClient, type TokenSource } from '../api/client.js';
import { createCloudPacer } from '../api/pacer.js';
import { requestBareToken } from '../api/endpoints/identity.js';
import { deviceIdentity, type DeviceIdentity } from '../config/device.js';
import { rateTimeScale } from '../config/env.js';
import type { Session, SessionStore } from '../config/session-store.js';
import type { ResolvedSettings } from '../config/settings.js';
import { credentialsFromEnv } from '../config/settings.js';
import { serverId } from '../config/servers.js';
import type { Deps } from '../deps.js';
import { AuthError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';

export type ConnectionDeps = Pick<Deps, 'settings' | 'sessions' | 'config' | 'env' | 'debug' | 'clock'>;

export interface Connection {
  settings: ResolvedSettings;
  device: DeviceIdentity;
  api: ApiClient;
}

export interface AuthenticatedConnection extends Connection {
  session: Session;
  sessions: SessionStore;
  /**
   * Gets a new access token now (refresh grant, or API-key client_credentials) and uses it for later
   * requests. The official server writes org/provider claims at issuance, so after a confirm or role
   * change the old token lacks them (admin-api.md §0.2). Resolves false when no refresh is possible.
   */
  refreshAccessToken(): Promise<boolean>;
}

function readCa(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`CA file ${file} cannot be read`, { hint: 'Fix the path with `bwmsp profile add NAME --ca-file FILE --force` or BWMSP_CA_FILE.' });
  }
}

/**
 * BWMSP_TEST_KILL_AFTER_REQUESTS=N — test-only (test/e2e/crash-resume.test.ts): the process kills
 * itself with SIGKILL the moment the N-th HTTP response (counted over every API client of the run)
 * has arrived, before bwmsp acts on it — the server did the work, bwmsp never learnt it.
 */
let responsesSeen = 0;
function testKillHook(env: Deps['env']): (() => void) | undefined {
  const limit = Number(env.BWMSP_TEST_KILL_AFTER_REQUESTS ?? '');
  if (!Number.isInteger(limit) || limit < 1) return undefined;
  return () => {
    responsesSeen += 1;
    if (responsesSeen === limit) process.kill(process.pid, 'SIGKILL');
  };
}

function baseClient(settings: ResolvedSettings, device: DeviceIdentity, d: ConnectionDeps, tokens?: TokenSource): ApiClient {
  const ca = readCa(settings.caFile);
  const cloud = settings.urls.kind !== 'self-hosted';
  // BWMSP_PACE=1 paces a self-hosted URL too (the sandbox with --rate-limits cloud); BWMSP_RATE_TIME_SCALE is a testing knob.
  const pacer = cloud || d.env.BWMSP_PACE === '1' ? createCloudPacer({ timeScale: rateTimeScale(d.env) }) : null;
  return createApiClient({
    urls: settings.urls,
    client: { name: 'cli', version: CLIENT_COMPAT_VERSION, deviceType: device.deviceType, deviceIdentifier: device.deviceIdentifier },
    toolVersion: VERSION,
    debug: d.debug,
    pacer,
    onResponse: testKillHook(d.env),
    ...(ca ? { ca } : {}),
    ...(tokens ? { tokens } : {}),
  });
}

/** A client for anonymous calls (prelogin, token grants). */
export async function connect(d: ConnectionDeps): Promise<Connection> {
  const settings = await d.settings();
  const device = deviceIdentity((await d.config()).dir);
  return { settings, device, api: baseClient(settings, device, d) };
}

/** The session of the resolved profile, or an AuthError saying how to log in. */
export async function requireSession(d: ConnectionDeps): Promise<{ session: Session; sessions: SessionStore; settings: ResolvedSettings }> {
  const [settings, sessions] = await Promise.all([d.settings(), d.sessions()]);
  const session = sessions.read(settings.profileName);
  if (!session) throw new AuthError(`not logged in (profile ${settings.profileName})`, { hint: `Run 'bwmsp login' (or 'bwmsp login --apikey') with profile ${settings.profileName}.` });
  if (session.server !== serverId(settings.urls)) {
    throw new AuthError(`the session of profile ${settings.profileName} is for ${session.server}, not ${serverId(settings.urls)}`, { hint: "Run 'bwmsp login' again, or pick the matching profile." });
  }
  return { session, sessions, settings };
}

/**
 * A client carrying the session's access token. On 401 it refreshes once: with the refresh token
 * (rotated into the session file), or for API-key sessions by re-running client_credentials with
 * BWMSP_CLIENT_ID / BWMSP_CLIENT_SECRET when they are set.
 */
export async function connectAuthenticated(d: ConnectionDeps): Promise<AuthenticatedConnection> {
  const { session: initial, sessions, settings } = await requireSession(d);
  const device = deviceIdentity((await d.config()).dir);
  let session = initial;
  const anonymous = baseClient(settings, device, d);
  const tokens: TokenSource = {
    accessToken: async () => session.accessToken,
    refresh: async () => {
      const form = refreshForm(session, device, d.env);
      if (!form) return undefined;
      try {
        const token = await requestBareToken(anonymous, form);
        const patch = {
          accessToken: token.access_token,
          accessTokenExpiresAt: new Date(d.clock.now().getTime() + token.expires_in * 1000).toISOString(),
          ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
        };
        sessions.update(settings.profileName, patch);
        session = { ...session, ...patch };
        return session.accessToken;
      } catch (error) {
        d.debug(`token refresh failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
  };
  const api = baseClient(settings, device, d, tokens);
  const close = api.close.bind(api);
  api.close = async () => {
    await Promise.all([close(), anonymous.close()]);
  };
  return {
    settings,
    device,
    api,
    sessions,
    get session() {
      return session;
    },
    refreshAccessToken: async () => (await tokens.refresh()) !== undefined,
  };
}

function refreshForm(session: Session, device: DeviceIdentity, env: Deps['env']): Record<string, string> | undefined {
  if (session.refreshToken) return { grant_type: 'refresh_token', client_id: 'cli', refresh_token: session.refreshToken };
  const creds = credentialsFromEnv(env);
  if (session.clientId && creds.clientId === session.clientId && creds.clientSecret) {
    return {
      grant_type: 'client_credentials',
      client_id: session.clientId,
      client_secret: creds.clientSecret,
      scope: session.authMethod === 'org-apikey' ? 'api.organization' : 'api',
      deviceType: String(device.deviceType),
      deviceIdentifier: device.deviceIdentifier,
      deviceName: device.deviceName,
    };
  }
  return undefined;
}
