/**
 * Starts the sandbox in-process on an ephemeral port with a fresh data dir, and gives tests an
 * HTTP client that trusts the sandbox CA.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch, type RequestInit, type Response } from 'undici';
import { startSandbox, type StartSandboxOptions } from '../../src/sandbox/server.js';
import { auditKeepDatabase } from './audit.js';
import type { SandboxStore } from '../../src/sandbox/store.js';
import type { FaultSpec } from '../../src/sandbox/fault-spec.js';
import type { SandboxStats } from '../../src/sandbox/middleware/request-stats.js';

export interface SandboxEndpoint {
  url: string;
  caFile: string | null;
}

export interface TestSandbox extends SandboxEndpoint {
  dataDir: string;
  store: SandboxStore;
  /** Cloud mode: the license signing certificate (DER); null for a selfhost sandbox. */
  licenseCertFile: string | null;
  /** fetch against the sandbox (path relative to the base URL), trusting its CA. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Request counters (statuses, injected faults, rate-limit refusals). */
  stats(): SandboxStats;
  /** Turns fault injection on (a spec) or off (null) while running. */
  setFaults(spec: FaultSpec | null, seed?: number): void;
  /** Stops the server and deletes the data dir (unless `keepData`). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

const agents = new Map<string, Agent>();

/** An undici dispatcher that trusts the sandbox CA (undefined for plain HTTP). */
export function sandboxDispatcher(endpoint: SandboxEndpoint): Agent | undefined {
  if (endpoint.caFile === null) return undefined;
  let agent = agents.get(endpoint.caFile);
  if (agent === undefined) {
    agent = new Agent({ connect: { ca: readFileSync(endpoint.caFile, 'utf8') } });
    agents.set(endpoint.caFile, agent);
  }
  return agent;
}

export function sandboxFetch(endpoint: SandboxEndpoint, path: string, init: RequestInit = {}): Promise<Response> {
  const dispatcher = sandboxDispatcher(endpoint);
  return fetch(endpoint.url + path, dispatcher === undefined ? init : { ...init, dispatcher });
}

export async function startTestSandbox(options: Partial<Omit<StartSandboxOptions, 'dataDir'>> = {}): Promise<TestSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bwmsp-sandbox-'));
  const sandbox = await startSandbox({ port: 0, ...options, dataDir });
  const endpoint = { url: sandbox.url, caFile: sandbox.caFile };
  return {
    ...endpoint,
    dataDir,
    store: sandbox.store,
    licenseCertFile: sandbox.licenseCertFile,
    request: (path, init) => sandboxFetch(endpoint, path, init),
    stats: () => sandbox.stats(),
    setFaults: (spec, seed) => sandbox.setFaults(spec, seed),
    async close(closeOptions = {}) {
      await sandbox.close();
      if (sandbox.caFile !== null) {
        await agents.get(sandbox.caFile)?.close();
        agents.delete(sandbox.caFile);
      }
      auditKeepDatabase(dataDir); // debug audit mode only: the zero-knowledge scan reads it
      if (closeOptions.keepData !== true) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
