import { resolve } from 'node:path';
import type { Deps } from '../../deps.js';
import { BwmspError, UsageError } from '../../errors.js';

export const dataOption = { flags: '--data <dir>', description: 'sandbox data directory (default: <config dir>/sandbox)', complete: 'dirs' as const };

/** --data, or the sandbox folder of the config dir. */
export async function sandboxDir(d: Pick<Deps, 'config'>, data: unknown): Promise<string> {
  if (typeof data === 'string' && data !== '') return resolve(data);
  const { defaultSandboxDir } = await import('../../domain/sandbox-control.js');
  return defaultSandboxDir((await d.config()).dir);
}

/** The running sandbox of a data dir, or an error saying how to start one. */
export async function requireRunning(d: Pick<Deps, 'config'>, data: unknown) {
  const dir = await sandboxDir(d, data);
  const { runningSandbox } = await import('../../domain/sandbox-control.js');
  const info = runningSandbox(dir);
  if (!info) throw new BwmspError(`no sandbox is running in ${dir}`, { hint: `Start one with 'bwmsp sandbox start --detach${typeof data === 'string' ? ` --data ${data}` : ''}'.` });
  return info;
}

export function parsePort(value: unknown): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${String(value)}: not a port number (0-65535; 0 picks a free port)`);
  return port;
}

export function runtimeView(info: { url: string; caFile: string | null; pid: number; dataDir: string; mode: string; licenseCertFile?: string | null | undefined }) {
  return { url: info.url, caFile: info.caFile, pid: info.pid, dataDir: info.dataDir, mode: info.mode, licenseCertFile: info.licenseCertFile ?? null };
}
