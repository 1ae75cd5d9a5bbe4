import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { auditDir, auditHarvestRun, auditKeepConfigDir, auditKeepRun, withoutDebugLines } from './audit.js';

export const bin = fileURLToPath(new URL('../../bin/bwmsp.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Cli {
  configDir: string;
  env: Record<string, string>;
  run(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<CliResult>;
  /** Runs and parses stdout as JSON, failing with stderr when the exit code is not 0. */
  json<T = unknown>(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<T>;
}

/**
 * The built CLI as a user runs it: a fresh config dir, no inherited env beyond PATH, CI=1, NO_COLOR=1.
 * In the debug audit mode (`BWMSP_TEST_AUDIT_DIR`, see audit.ts) every run gets `--debug`, its
 * output is kept for the secret scan, and the `[debug]` lines are removed from the stderr returned.
 */
export function createCli(extraEnv: Record<string, string> = {}): Cli {
  const configDir = mkdtempSync(join(tmpdir(), 'bwmsp-cfg-'));
  auditKeepConfigDir(configDir);
  const env = { PATH: process.env.PATH ?? '', HOME: configDir, BWMSP_CONFIG_DIR: configDir, CI: '1', NO_COLOR: '1', ...extraEnv };
  const run: Cli['run'] = async (args, options = {}) => {
    const audit = auditDir() !== null;
    const addDebug = audit && !args.includes('--debug');
    const r = await execa(process.execPath, [bin, ...args, ...(addDebug ? ['--debug'] : [])], {
      env: { ...env, ...options.env },
      extendEnv: false,
      reject: false,
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
    });
    const exitCode = r.exitCode ?? -1;
    const stdout = String(r.stdout);
    const stderr = String(r.stderr);
    if (!audit) return { exitCode, stdout, stderr };
    const id = auditKeepRun(args, stdout, stderr);
    auditHarvestRun(id, args, exitCode, stdout);
    return { exitCode, stdout, stderr: addDebug ? withoutDebugLines(stderr) : stderr };
  };
  return {
    configDir,
    env,
    run,
    async json<T>(args: string[], options = {}) {
      const r = await run([...args, '--json'], options);
      if (r.exitCode !== 0) throw new Error(`bwmsp ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
  };
}
