import { UsageError } from '../errors.js';

/**
 * The service URLs of one Bitwarden server (protocol/auth-and-crypto.md section 1.1). Every URL has
 * no trailing slash; endpoint paths are appended to it (`${identity}/connect/token`, `${api}/sync`).
 */
export interface ServerUrls {
  kind: 'us' | 'eu' | 'self-hosted';
  /** The configured base URL: the web vault for the cloud, `B` for a self-hosted server. */
  base: string;
  vault: string;
  api: string;
  identity: string;
  events: string;
  notifications: string;
  icons: string;
  /** Self-hosted servers have no public SCIM host the clients know of (the official client sets null). */
  scim: string | null;
  /** True for `http://`, which only the sandbox's `--http` mode should use. */
  insecure: boolean;
}

type CloudRegion = 'us' | 'eu';

const CLOUD: Readonly<Record<CloudRegion, ServerUrls>> = {
  us: {
    kind: 'us',
    base: 'https://vault.bitwarden.com',
    vault: 'https://vault.bitwarden.com',
    api: 'https://api.bitwarden.com',
    identity: 'https://identity.bitwarden.com',
    events: 'https://events.bitwarden.com',
    notifications: 'https://notifications.bitwarden.com',
    icons: 'https://icons.bitwarden.net',
    scim: 'https://scim.bitwarden.com',
    insecure: false,
  },
  eu: {
    kind: 'eu',
    base: 'https://vault.bitwarden.eu',
    vault: 'https://vault.bitwarden.eu',
    api: 'https://api.bitwarden.eu',
    identity: 'https://identity.bitwarden.eu',
    events: 'https://events.bitwarden.eu',
    notifications: 'https://notifications.bitwarden.eu',
    icons: 'https://icons.bitwarden.eu',
    scim: 'https://scim.bitwarden.eu',
    insecure: false,
  },
};

/**
 * Web-vault hosts of the cloud regions. A URL naming one of them (with no path) means that region:
 * the suffix rule would give `https://vault.bitwarden.com/api`, which is not a route to rely on.
 */
const CLOUD_HOSTS: Readonly<Record<string, CloudRegion>> = {
  'vault.bitwarden.com': 'us',
  'bitwarden.com': 'us',
  'vault.bitwarden.eu': 'eu',
  'bitwarden.eu': 'eu',
};

const SERVER_HINT = "Use 'us', 'eu' or the base URL of a self-hosted server, e.g. https://vault.example.com";

function invalid(server: string, reason: string): UsageError {
  return new UsageError(`invalid server '${server}': ${reason}`, { hint: SERVER_HINT });
}

/**
 * Normalise a server URL the way the official clients do (trim trailing `/`, prepend `https://` when
 * there is no `http://`/`https://` prefix) and check it is a usable base URL. Returns the base URL.
 */
function normaliseServerUrl(server: string): { base: string; url: URL } {
  let text = server.trim();
  if (text === '') throw invalid(server, 'it is empty');
  if (/\s/.test(text)) throw invalid(server, 'it contains whitespace');

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1];
  if (scheme === undefined) {
    text = `https://${text}`;
  } else if (!/^https?$/i.test(scheme)) {
    throw invalid(server, `scheme '${scheme}:' is not http or https`);
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(server, 'it is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(server, `scheme '${url.protocol}' is not http or https`);
  }
  if (url.hostname === '') throw invalid(server, 'it has no host');
  if (url.username !== '' || url.password !== '') {
    throw invalid(server, 'it must not contain a user name or password');
  }
  // A bare word such as `uss` or `useu` is far more likely a typo of a region than an intranet host;
  // a single-label host is accepted when the scheme or a port is written out.
  if (scheme === undefined && !url.hostname.includes('.') && url.port === '' && url.hostname !== 'localhost') {
    throw invalid(server, "it is not 'us' or 'eu' and does not look like a host name");
  }
  if (url.search !== '' || url.hash !== '' || text.endsWith('?') || text.endsWith('#')) {
    throw invalid(server, 'it must not contain a query or fragment');
  }

  // `URL` lower-cases the host and drops a default port; the path is kept (a server can live under
  // a sub-path) without its trailing slashes.
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return { base, url };
}

/**
 * The service URLs for `--server` / `BWMSP_SERVER` / a profile's server: `us`, `eu`, or a URL.
 * A URL is a self-hosted server and gets the suffix rule (`B/api`, `B/identity`, ...), except the
 * cloud web-vault URLs, which mean their region. Throws `UsageError` naming the value otherwise.
 */
export function resolveServer(server: string): ServerUrls {
  const keyword = server.trim().toLowerCase();
  if (keyword === 'us' || keyword === 'eu') return { ...CLOUD[keyword] };

  const { base, url } = normaliseServerUrl(server);
  const region = CLOUD_HOSTS[url.hostname];
  if (region !== undefined && url.protocol === 'https:' && base === `https://${url.hostname}`) {
    return { ...CLOUD[region] };
  }

  return {
    kind: 'self-hosted',
    base,
    vault: base,
    api: `${base}/api`,
    identity: `${base}/identity`,
    events: `${base}/events`,
    notifications: `${base}/notifications`,
    icons: `${base}/icons`,
    scim: null,
    insecure: url.protocol === 'http:',
  };
}

/**
 * The canonical spelling of a server: `us`, `eu`, or the normalised base URL. Two spellings of the
 * same server (`Vault.Example.com/`, `https://vault.example.com`) give the same string, so this is
 * what profiles and session files store and compare.
 */
export function serverId(urls: ServerUrls): string {
  return urls.kind === 'self-hosted' ? urls.base : urls.kind;
}

/** `resolveServer` then `serverId`: the canonical spelling of a server string. */
export function canonicalServer(server: string): string {
  return serverId(resolveServer(server));
}
