import type { Profile } from '../../config/profile.js';
import type { ServerUrls } from '../../config/servers.js';

/** The --json view of a profile: stable keys, nothing secret. */
export function profileView(profile: Profile, active: boolean, urls?: ServerUrls) {
  return {
    name: profile.name,
    active,
    server: profile.server,
    provider: profile.provider ?? null,
    org: profile.org ?? null,
    caFile: profile.caFile ?? null,
    email: profile.email ?? null,
    authMethod: profile.authMethod ?? null,
    ...(urls ? { urls: { vault: urls.vault, api: urls.api, identity: urls.identity, events: urls.events } } : {}),
  };
}
