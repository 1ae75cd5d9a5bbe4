/** An API client for a running sandbox found through its runtime file (trusting its CA). */
import { readFileSync } from 'node:fs';
import { createApiClient, CLIENT_COMPAT_VERSION, type ApiClient } from '../api/client.js';
import type { RuntimeInfo } from '../sandbox/runtime-file.js';
import { VERSION } from '../version.js';

export function sandboxApiClient(info: RuntimeInfo, debug?: (line: string) => void): ApiClient {
  return createApiClient({
    urls: { api: `${info.url}/api`, identity: `${info.url}/identity`, events: `${info.url}/events` },
    client: { name: 'cli', version: CLIENT_COMPAT_VERSION, deviceType: 25 },
    toolVersion: VERSION,
    ...(debug ? { debug } : {}),
    ...(info.caFile !== null ? { ca: readFileSync(info.caFile, 'utf8') } : {}),
  });
}
