/**
 * The runtime file of a running sandbox (`<dataDir>/runtime.json`, mode 0600): how a detached
 * server tells `bwmsp sandbox status/stop` where it listens.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const RUNTIME_FILE = 'runtime.json';

export const runtimeInfoSchema = z.object({
  url: z.string(),
  caFile: z.string().nullable(),
  pid: z.int(),
  dataDir: z.string(),
  mode: z.enum(['cloud', 'selfhost']),
  /** Cloud mode: the license signing certificate (DER) a selfhost sandbox and `license verify` trust. */
  licenseCertFile: z.string().nullable().optional(),
});
export type RuntimeInfo = z.infer<typeof runtimeInfoSchema>;

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, RUNTIME_FILE);
}

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  writeFileSync(runtimeFilePath(dataDir), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

/** The runtime info, or undefined when there is no (valid) runtime file. */
export function readRuntimeInfo(dataDir: string): RuntimeInfo | undefined {
  let text: string;
  try {
    text = readFileSync(runtimeFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = runtimeInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function removeRuntimeInfo(dataDir: string): void {
  rmSync(runtimeFilePath(dataDir), { force: true });
}
