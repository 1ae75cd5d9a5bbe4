// A sandbox in this process (so its request counters can be read) with the seeded demo accounts,
// a logged-in provider admin driving the built CLI, and a provider set up — the same steps as
// scripts/demo.js. CLI runs are asynchronous: the sandbox serves them from this event loop.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Agent, fetch } from 'undici';
import { startSandbox } from '../dist/sandbox/server.js';

export const bin = fileURLToPath(new URL('../bin/bwmsp.js', import.meta.url));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (x, digits = 1) => +x.toFixed(digits);

/** `options`: sandbox options (rateLimits, timeScale). `env`: extra env of every CLI run. */
export async function startBenchWorld(options = {}, env = {}) {
  const work = mkdtempSync(join(tmpdir(), 'bwmsp-bench-'));
  const sandbox = await startSandbox({ port: 0, dataDir: join(work, 'sandbox'), runtimeFile: true, ...options });
  const configDir = join(work, 'config');
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: work, BWMSP_CONFIG_DIR: configDir, CI: '1', NO_COLOR: '1', ...env };
  const agent = new Agent({ connect: { ca: readFileSync(sandbox.caFile, 'utf8') }, keepAliveTimeout: 10_000 });
  let sessionKey = '';

  async function run(args, { input, env: extra = {}, check = true } = {}) {
    const started = performance.now();
    const r = await execa(process.execPath, [bin, ...args], {
      env: { ...baseEnv, ...(sessionKey ? { BWMSP_SESSION: sessionKey } : {}), ...extra },
      extendEnv: false,
      reject: false,
      ...(input !== undefined ? { input } : { stdin: 'ignore' }),
    });
    const ms = performance.now() - started;
    if (check && r.exitCode !== 0) throw new Error(`bwmsp ${args.join(' ')} exited ${r.exitCode}: ${String(r.stderr).slice(-1500)}`);
    return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr), ms };
  }
  const json = async (args, opts) => JSON.parse((await run([...args, '--json'], opts)).stdout);

  const seeded = await json(['sandbox', 'seed', '--data', sandbox.dataDir]);
  const admin = seeded.accounts.find((a) => a.role === 'provider-admin');
  await run(['profile', 'add', 'bench', '--server', sandbox.url, '--ca-file', sandbox.caFile, '--use']);
  sessionKey = (await run(['login', admin.email, '--password-stdin'], { input: `${admin.password}\n` })).stdout.trim();
  const invite = await json(['sandbox', 'provider-invite', admin.email, '--name', 'Bench MSP', '--data', sandbox.dataDir]);
  await run(['provider', 'setup', '--provider', invite.providerId, '--token', invite.token, '--name', 'Bench MSP', '--billing-email', 'billing@msp.example']);

  return {
    sandbox,
    work,
    configDir,
    admin,
    providerId: invite.providerId,
    run,
    json,
    /** The admin's current access token (plain in the session file), for raw requests. */
    accessToken: () => JSON.parse(readFileSync(join(configDir, 'sessions', 'bench.json'), 'utf8')).accessToken,
    /** A raw request to the sandbox over the same kind of keep-alive TLS connection bwmsp uses. */
    fetch: (path, init = {}) => fetch(sandbox.url + path, { ...init, dispatcher: agent }),
    async close() {
      await agent.close();
      await sandbox.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Median round trip of a trivial request (`GET /api/alive`), the transport baseline. */
export async function roundTripMs(world, samples = 200) {
  for (let i = 0; i < 20; i++) await (await world.fetch('/api/alive')).text();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await (await world.fetch('/api/alive')).text();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Requests the sandbox answered since `before` (a stats snapshot): all, and changing ones on the API. */
export function requestsSince(world, before) {
  const now = world.sandbox.stats();
  const count = (stats, service, methods) => methods.reduce((n, m) => n + (stats.byService?.[service]?.[m] ?? 0), 0);
  const changing = ['POST', 'PUT', 'DELETE', 'PATCH'];
  return {
    total: now.requests - before.requests,
    changing: count(now, 'api', changing) - count(before, 'api', changing),
    rateLimited: now.rateLimited - before.rateLimited,
  };
}
