import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';

export async function statusRun(d: Deps): Promise<void> {
  const [settings, sessions, { openUserKey }, { credentialsFromEnv }] = await Promise.all([
    d.settings(),
    d.sessions(),
    import('../../domain/auth.js'),
    import('../../config/settings.js'),
  ]);
  const session = sessions.read(settings.profileName);
  let status: 'unauthenticated' | 'locked' | 'unlocked' | 'authenticated' = 'unauthenticated';
  if (session) {
    if (session.authMethod === 'org-apikey') status = 'authenticated';
    else {
      try {
        openUserKey(session, credentialsFromEnv(d.env).sessionKey);
        status = 'unlocked';
      } catch {
        status = 'locked';
      }
    }
  }
  const expiresAt = session ? new Date(session.accessTokenExpiresAt) : undefined;
  const view = {
    profile: settings.profileName,
    server: settings.server,
    serverUrl: settings.urls.vault,
    status,
    email: session?.email ?? null,
    userId: session?.userId ?? null,
    authMethod: session?.authMethod ?? null,
    accessTokenExpiresAt: session?.accessTokenExpiresAt ?? null,
    accessTokenExpired: expiresAt ? expiresAt.getTime() <= d.clock.now().getTime() : null,
    refreshable: session ? Boolean(session.refreshToken) : null,
  };
  d.out.object(view);
}

export const statusSpec: CommandSpec = {
  name: 'status',
  summary: 'Show server, account and lock state',
  description: 'Status is unauthenticated, locked (logged in, BWMSP_SESSION missing or stale), unlocked, or authenticated (organization API key, no vault).',
  examples: [
    { comment: 'Who am I, where, and is the vault unlocked', command: 'bwmsp status' },
    { comment: 'For scripts', command: 'bwmsp status --json' },
  ],
  run: (_input, deps) => statusRun(deps),
};
