/**
 * Controls sandbox processes for `bwmsp sandbox start --detach|stop|status|reset`: a detached
 * server is `node dist/sandbox/main.js`, which writes a runtime file (url, caFile, pid, dataDir,
 * mode) under its data dir and prints the same as one JSON line once it listens.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BwmspError } from '../errors.js';
import { readRuntimeInfo, removeRuntimeInfo, type RuntimeInfo } from '../sandbox/runtime-file.js';

export type { RuntimeInfo };

export interface SandboxStartOptions {
  port: number;
  dataDir: string;
  mode: 'cloud' | 'selfhost';
  http: boolean;
  verbose: boolean;
  /** Selfhost mode: the cloud sandbox and the installation registered there (licensing). */
  cloudUrl?: string | undefined;
  installationId?: string | undefined;
  installationKey?: string | undefined;
  cloudCaFile?: string | undefined;
  licenseCerts?: readonly string[] | undefined;
  /** Testing knobs, passed through to the server process as given (already validated). */
  faults?: string | undefined;
  faultSeed?: number | undefined;
  rateLimits?: 'cloud' | undefined;
  timeScale?: number | undefined;
}

export function defaultSandboxDir(configDir: string): string {
  return join(configDir, 'sandbox');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The runtime info of a live sandbox in `dataDir`; a stale file (dead pid) is removed. */
export function runningSandbox(dataDir: string): RuntimeInfo | undefined {
  const info = readRuntimeInfo(resolve(dataDir));
  if (!info) return undefined;
  if (isAlive(info.pid)) return info;
  removeRuntimeInfo(resolve(dataDir));
  return undefined;
}

export function mainArgs(o: SandboxStartOptions): string[] {
  const entry = fileURLToPath(new URL('../sandbox/main.js', import.meta.url));
  return [
    entry, '--data', resolve(o.dataDir), '--port', String(o.port), '--mode', o.mode,
    ...(o.http ? ['--http'] : []),
    ...(o.verbose ? ['--verbose'] : []),
    ...(o.cloudUrl !== undefined ? ['--cloud-url', o.cloudUrl] : []),
    ...(o.installationId !== undefined ? ['--installation-id', o.installationId] : []),
    ...(o.installationKey !== undefined ? ['--installation-key', o.installationKey] : []),
    ...(o.cloudCaFile !== undefined ? ['--cloud-ca', resolve(o.cloudCaFile)] : []),
    ...(o.licenseCerts ?? []).flatMap((file) => ['--license-cert', resolve(file)]),
    ...(o.faults !== undefined ? ['--faults', o.faults] : []),
    ...(o.faultSeed !== undefined ? ['--fault-seed', String(o.faultSeed)] : []),
    ...(o.rateLimits !== undefined ? ['--rate-limits', o.rateLimits] : []),
    ...(o.timeScale !== undefined ? ['--time-scale', String(o.timeScale)] : []),
  ];
}

/** Starts a detached server and waits for its "listening" line (or its exit). */
export async function startDetached(o: SandboxStartOptions, timeoutMs = 30_000): Promise<RuntimeInfo> {
  const dataDir = resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = openSync(join(dataDir, 'sandbox.log'), 'a', 0o600);
  const child = spawn(process.execPath, mainArgs({ ...o, dataDir }), { detached: true, stdio: ['ignore', 'pipe', log] });
  return new Promise<RuntimeInfo>((resolvePromise, reject) => {
    let buffer = '';
    const timer = setTimeout(() => fail(`the sandbox did not start within ${timeoutMs / 1000} s; see ${join(dataDir, 'sandbox.log')}`), timeoutMs);
    function fail(message: string) {
      clearTimeout(timer);
      child.stdout?.destroy();
      reject(new BwmspError(message));
    }
    child.once('exit', (code) => fail(`the sandbox exited with code ${code ?? 'null'} before listening; see ${join(dataDir, 'sandbox.log')}`));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout?.destroy();
        child.unref();
        try {
          resolvePromise(JSON.parse(line) as RuntimeInfo);
        } catch {
          reject(new BwmspError(`the sandbox printed an unexpected first line: ${line.slice(0, 200)}`));
        }
      }
    });
  });
}

/** Sends SIGTERM and waits until the process is gone (SIGKILL after `graceMs`). */
export async function stopSandbox(info: RuntimeInfo, graceMs = 10_000): Promise<void> {
  try {
    process.kill(info.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(info.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(info.pid)) process.kill(info.pid, 'SIGKILL');
  removeRuntimeInfo(info.dataDir);
}

/** Deletes the SQLite files (and WAL/SHM) of a stopped sandbox; keeps its TLS material. */
export function resetSandboxData(dataDir: string): string[] {
  const removed: string[] = [];
  for (const name of ['sandbox.db', 'sandbox.db-wal', 'sandbox.db-shm', 'sandbox.log']) {
    const file = join(resolve(dataDir), name);
    if (existsSync(file)) {
      rmSync(file);
      removed.push(file);
    }
  }
  return removed;
}
