/**
 * Runs the sandbox on 127.0.0.1: HTTPS with the sandbox's own local CA by default (official clients
 * refuse plain HTTP), plain HTTP with `http: true`. Port 0 picks a free port.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { buildSandboxApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { SandboxMode, SecuritySettings } from './context.js';
import { createStreamLogger, type SandboxLogger } from './log.js';
import { licenseSigner, writeLicenseSignerFiles } from './license-signing.js';
import { createMailer } from './mailer.js';
import { removeRuntimeInfo, writeRuntimeInfo } from './runtime-file.js';
import type { SmtpConfig } from './smtp-client.js';
import { saveSelfhostSettings } from './services/selfhost-settings.js';
import type { FaultSpec } from './fault-spec.js';
import type { RateLimitProfile } from './middleware/rate-limits.js';
import type { SandboxStats } from './middleware/request-stats.js';
import { openStore, type SandboxStore } from './store.js';

export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  dataDir: string;
  mode?: SandboxMode;
  /** Serve plain HTTP (bwmsp-only use; the official CLI refuses it). */
  http?: boolean;
  verbose?: boolean;
  clock?: Clock;
  smtp?: SmtpConfig;
  /** Overrides the stderr logger built from `verbose`. */
  log?: SandboxLogger;
  security?: Partial<SecuritySettings>;
  /**
   * Write `<dataDir>/runtime.json` once listening and remove it on close (what a foreground
   * `bwmsp sandbox start` and `main.ts` do so `sandbox status/stop` can find the server).
   */
  runtimeFile?: boolean;
  /** Selfhost mode: the cloud (sandbox) base URL; with an installation it enables cloud communication. */
  cloudUrl?: string;
  /** Selfhost mode: `globalSettings__installation__id` / `__key` (from the cloud's `POST installations`). */
  installationId?: string;
  installationKey?: string;
  /** Selfhost mode: a CA file (PEM) to trust for the cloud's HTTPS, e.g. the cloud sandbox's `caFile`. */
  cloudCaFile?: string;
  /** Selfhost mode: certificate files (DER or PEM) trusted for licenses besides Bitwarden's `licensing.cer`. */
  licenseCerts?: readonly string[];
  /** Opt-in fault injection for reliability tests (`--faults`, fault-spec.ts). */
  faults?: FaultSpec | null;
  /** Seed of the fault draws (`--fault-seed`); default 1. */
  faultSeed?: number;
  /** `cloud`: enforce the Bitwarden cloud rate limits (`--rate-limits cloud`). */
  rateLimits?: RateLimitProfile | null;
  /** Rate-limit windows × this factor (`--time-scale`, testing); default 1. */
  timeScale?: number;
}

export interface RunningSandbox {
  /** Base URL, e.g. `https://127.0.0.1:43117` (no trailing slash). */
  url: string;
  /** CA certificate to trust for HTTPS; null with `http: true`. */
  caFile: string | null;
  dataDir: string;
  mode: SandboxMode;
  port: number;
  /** The process serving it (this one). */
  pid: number;
  /** Cloud mode: path of the license signing certificate (`<data>/licensing/signing.cer`); null in selfhost. */
  licenseCertFile: string | null;
  /** The open store (for in-process tests and tooling). */
  store: SandboxStore;
  /** Request counters (status, injected faults, rate-limit refusals); also `GET /__sandbox/stats`. */
  stats(): SandboxStats;
  /** Changes the injected faults while running (`null` turns them off). */
  setFaults(spec: FaultSpec | null, seed?: number): void;
  /** Stops accepting connections, ends open ones, waits for queued mail, closes the database. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const FORCE_CLOSE_AFTER_MS = 3000;

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const dataDir = resolve(options.dataDir);
  const mode = options.mode ?? 'cloud';
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createStreamLogger({ verbose: options.verbose ?? false });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openStore({ dataDir });
  try {
    store.refreshTokens.deleteExpired(clock.now().toISOString());
    let licenseCertFile: string | null = null;
    if (mode === 'cloud') {
      licenseCertFile = writeLicenseSignerFiles(dataDir, licenseSigner(store, clock.now()));
    } else {
      saveSelfhostSettings(store, {
        cloudUrl: options.cloudUrl ?? null,
        installationId: options.installationId ?? null,
        installationKey: options.installationKey ?? null,
        cloudCa: options.cloudCaFile === undefined ? null : readFileSync(options.cloudCaFile, 'utf8'),
        licenseCerts: (options.licenseCerts ?? []).map((file) => new Uint8Array(readFileSync(file))),
      });
    }
    const tls = options.http === true ? null : (await import('./tls.js')).ensureTlsMaterial(dataDir, clock.now());
    const mailer = createMailer({ store, smtp: options.smtp, log, clock });
    let baseUrl = '';
    const { app, stats, faults } = buildSandboxApp({
      store,
      clock,
      mode,
      baseUrl: () => baseUrl,
      mailer,
      log,
      security: options.security,
      faults: options.faults ?? null,
      ...(options.faultSeed !== undefined ? { faultSeed: options.faultSeed } : {}),
      rateLimits: options.rateLimits ? { profile: options.rateLimits, timeScale: options.timeScale ?? 1 } : null,
    });
    const server = (
      tls === null
        ? createAdaptorServer({ fetch: app.fetch, createServer: createHttpServer })
        : createAdaptorServer({
            fetch: app.fetch,
            createServer: createHttpsServer,
            serverOptions: { key: tls.keyPem, cert: tls.certPem },
          })
    ) as HttpServer;

    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 0, HOST, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    const { port } = server.address() as AddressInfo;
    baseUrl = `${tls === null ? 'http' : 'https'}://${HOST}:${port}`;
    log.info(`sandbox (${mode}) listening on ${baseUrl}, data in ${dataDir}`);
    const caFile = tls?.caFile ?? null;
    if (options.runtimeFile === true) {
      writeRuntimeInfo(dataDir, { url: baseUrl, caFile, pid: process.pid, dataDir, mode, licenseCertFile });
    }

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await new Promise<void>((resolveClose) => {
          const force = setTimeout(() => server.closeAllConnections(), FORCE_CLOSE_AFTER_MS);
          server.close(() => {
            clearTimeout(force);
            resolveClose();
          });
          server.closeIdleConnections();
        });
        if (options.runtimeFile === true) removeRuntimeInfo(dataDir);
        await mailer.flush();
        store.close();
        log.info('sandbox stopped');
      })();
      return closing;
    };

    return {
      url: baseUrl,
      caFile,
      dataDir,
      mode,
      port,
      pid: process.pid,
      licenseCertFile,
      store,
      stats: () => structuredClone(stats),
      setFaults: (spec, seed) => faults.set(spec, seed),
      close,
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

// Store helpers for CLI commands (which may import only server.js and runtime-file.js from the sandbox).
export { listMail, openStore, SANDBOX_DB_FILE, type MailRecord, type SandboxStore } from './store.js';
// The Bitwarden-staff side of providers, for `bwmsp sandbox provider-invite` (works on an open store).
export {
  inviteProviderOwner,
  type InviteProviderOwnerOptions,
  type ProviderOwnerInvitation,
} from './services/provider-staff.js';
export { smtpFromEnv } from './smtp-env.js';
// Flag parsers of `bwmsp sandbox start --faults/--fault-seed/--rate-limits/--time-scale`.
export { FaultSpecError, parseFaultSeed, parseFaultSpec, parseTimeScale, type FaultSpec } from './fault-spec.js';
