import { UsageError } from '../errors.js';
import { envValue, type Env } from './env.js';
import { profileNotFound, validateProfileName, type ConfigStore, type Profile } from './profile.js';
import { resolveServer, serverId, type ServerUrls } from './servers.js';

export const DEFAULT_PROFILE = 'default';
export const DEFAULT_SERVER = 'us';

/** Where a setting came from, for `profile view` and `status`. */
export type SettingSource = 'flag' | 'env' | 'profile' | 'default';
/** Where the profile name came from: `--profile`, `BWMSP_PROFILE`, the active profile, or `default`. */
export type ProfileSource = 'flag' | 'env' | 'active' | 'default';

export interface SettingsFlags {
  profile?: string | undefined;
  server?: string | undefined;
  caFile?: string | undefined;
}

export interface ResolveSettingsInput {
  flags: SettingsFlags;
  env: Env;
  store: Pick<ConfigStore, 'getProfile' | 'getActiveProfile' | 'listProfiles'>;
}

export interface ResolvedSettings {
  profileName: string;
  /** Absent when no profile of that name exists (a server came from a flag, env or the default). */
  profile?: Profile;
  /** Canonical server: `us`, `eu` or the normalised self-hosted base URL. */
  server: string;
  urls: ServerUrls;
  caFile?: string;
  provider?: string;
  org?: string;
  source: {
    profile: ProfileSource;
    server: SettingSource;
    /** Absent when no CA file is configured. */
    caFile?: SettingSource;
  };
}

export interface EnvCredentials {
  clientId?: string;
  clientSecret?: string;
  password?: string;
  /** The session key printed by `bwmsp unlock`, base64. */
  sessionKey?: string;
}

/** Credentials a non-interactive run passes through the environment (never on argv). */
export function credentialsFromEnv(env: Env): EnvCredentials {
  const credentials: EnvCredentials = {};
  const clientId = envValue(env, 'BWMSP_CLIENT_ID');
  const clientSecret = envValue(env, 'BWMSP_CLIENT_SECRET');
  const password = envValue(env, 'BWMSP_PASSWORD');
  const sessionKey = envValue(env, 'BWMSP_SESSION');
  if (clientId !== undefined) credentials.clientId = clientId;
  if (clientSecret !== undefined) credentials.clientSecret = clientSecret;
  if (password !== undefined) credentials.password = password;
  if (sessionKey !== undefined) credentials.sessionKey = sessionKey;
  return credentials;
}

function pick<T>(
  candidates: ReadonlyArray<readonly [T | undefined, SettingSource]>,
): { value: T; source: SettingSource } | undefined {
  for (const [value, source] of candidates) {
    if (value !== undefined) return { value, source };
  }
  return undefined;
}

function resolveServerFrom(server: string, source: SettingSource): ServerUrls {
  try {
    return resolveServer(server);
  } catch (error) {
    if (error instanceof UsageError && source === 'env') {
      throw new UsageError(`BWMSP_SERVER: ${error.message}`, error.hint === undefined ? {} : { hint: error.hint });
    }
    throw error;
  }
}

/**
 * Settings for one run, each from the first of: flag, env, profile, default.
 * Profile name: `--profile` > `BWMSP_PROFILE` > active profile > `default`.
 * Server: `--server` > `BWMSP_SERVER` > profile.server > `us`.
 * CA file: `--ca-file` > `BWMSP_CA_FILE` > profile.caFile (NODE_EXTRA_CA_CERTS is Node's own).
 * A profile named by flag, env or as active that does not exist is a `NotFoundError`, unless a
 * server is given by flag or env (e.g. `bwmsp login --profile new --server eu`). The `default`
 * profile may be absent.
 */
export function resolveSettings({ flags, env, store }: ResolveSettingsInput): ResolvedSettings {
  const flagProfile = flags.profile;
  const envProfile = envValue(env, 'BWMSP_PROFILE');
  let profileName: string;
  let profileSource: ProfileSource;
  if (flagProfile !== undefined) {
    profileName = flagProfile;
    profileSource = 'flag';
  } else if (envProfile !== undefined) {
    profileName = envProfile;
    profileSource = 'env';
  } else {
    const active = store.getActiveProfile();
    profileName = active ?? DEFAULT_PROFILE;
    profileSource = active === undefined ? 'default' : 'active';
  }
  if (profileSource === 'env') {
    try {
      validateProfileName(profileName);
    } catch (error) {
      if (error instanceof UsageError) {
        throw new UsageError(`BWMSP_PROFILE: ${error.message}`, error.hint === undefined ? {} : { hint: error.hint });
      }
      throw error;
    }
  } else {
    validateProfileName(profileName);
  }

  const profile = store.getProfile(profileName);
  const flagServer = flags.server === '' ? undefined : flags.server;
  const envServer = envValue(env, 'BWMSP_SERVER');

  if (profile === undefined && profileSource !== 'default' && flagServer === undefined && envServer === undefined) {
    throw profileNotFound(
      profileName,
      store.listProfiles().map((p) => p.name),
    );
  }

  const server = pick<string>([
    [flagServer, 'flag'],
    [envServer, 'env'],
    [profile?.server, 'profile'],
  ]) ?? { value: DEFAULT_SERVER, source: 'default' as const };
  const urls = resolveServerFrom(server.value, server.source);

  const caFile = pick<string>([
    [flags.caFile === '' ? undefined : flags.caFile, 'flag'],
    [envValue(env, 'BWMSP_CA_FILE'), 'env'],
    [profile?.caFile, 'profile'],
  ]);

  const resolved: ResolvedSettings = {
    profileName,
    server: serverId(urls),
    urls,
    source: { profile: profileSource, server: server.source },
  };
  if (profile !== undefined) resolved.profile = profile;
  if (caFile !== undefined) {
    resolved.caFile = caFile.value;
    resolved.source.caFile = caFile.source;
  }
  if (profile?.provider !== undefined) resolved.provider = profile.provider;
  if (profile?.org !== undefined) resolved.org = profile.org;
  return resolved;
}
