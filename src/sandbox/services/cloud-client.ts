/**
 * A self-hosted server's calls to its cloud (licensing-and-selfhost.md §3.3, §4.3, §5): an installation
 * token from `<cloud>/identity/connect/token` (`client_credentials`, `client_id=installation.<id>`), then
 * API calls with it. undici.request, because the license call is a GET with a JSON body, which WHATWG
 * fetch refuses. HTTPS trusts the system store plus NODE_EXTRA_CA_CERTS (a cloud sandbox's `ca.pem`).
 */
import { Agent, request, type Dispatcher } from 'undici';

export class CloudCallError extends Error {
  override readonly name = 'CloudCallError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: string,
  ) {
    super(message);
  }
}

const trim = (url: string): string => url.replace(/\/+$/, '');

export interface CloudClientOptions {
  /** Extra trusted CA (PEM), e.g. the cloud sandbox's `ca.pem` (SelfhostSettings.cloudCa). */
  ca?: string | null;
}

const agents = new Map<string, Agent>();

function dispatcherFor(options: CloudClientOptions): { dispatcher?: Dispatcher } {
  if (options.ca == null) return {};
  let agent = agents.get(options.ca);
  if (agent === undefined) {
    agent = new Agent({ connect: { ca: options.ca } });
    agents.set(options.ca, agent);
  }
  return { dispatcher: agent };
}

/** An access token for the installation with `scope` (`api.licensing`, `api.installation` or `api.push`). */
export async function installationToken(
  cloudUrl: string,
  installationId: string,
  installationKey: string,
  scope: string,
  options: CloudClientOptions = {},
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope,
    client_id: `installation.${installationId}`,
    client_secret: installationKey,
  });
  let response;
  try {
    response = await request(`${trim(cloudUrl)}/identity/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      ...dispatcherFor(options),
    });
  } catch (error) {
    throw new CloudCallError(`cloud identity unreachable: ${error instanceof Error ? error.message : String(error)}`, null, '');
  }
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new CloudCallError(`cloud identity answered ${response.statusCode}`, response.statusCode, text);
  let token: unknown;
  try {
    token = (JSON.parse(text) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string') throw new CloudCallError('cloud identity sent no access token', response.statusCode, text);
  return token;
}

/**
 * `<cloud>/api/<path>` with the bearer token and an optional JSON body (also on GET). Returns the
 * status and parsed JSON (undefined when the body is empty or not JSON); never throws on HTTP errors.
 */
export async function cloudApiRequest(
  cloudUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  token: string,
  body?: unknown,
  options: CloudClientOptions = {},
): Promise<{ status: number; json: unknown; text: string }> {
  let response;
  try {
    response = await request(`${trim(cloudUrl)}/api/${path.replace(/^\/+/, '')}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...dispatcherFor(options),
    });
  } catch (error) {
    throw new CloudCallError(`cloud API unreachable: ${error instanceof Error ? error.message : String(error)}`, null, '');
  }
  const text = await response.body.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, json, text };
}
