/**
 * Reads and writes `<bwdata>/env/global.override.env`, keeping the file's mode (installers make it
 * 0600) and writing atomically.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotFoundError, UsageError } from '../errors.js';
import { formatEnvFile, parseEnvFile, type EnvFile } from './env-file.js';

export function overrideEnvPath(bwdata: string): string {
  return join(resolve(bwdata), 'env', 'global.override.env');
}

/** --bwdata, or ./bwdata when it holds an override file. */
export function resolveBwdata(flag: string | undefined): string {
  if (flag) return resolve(flag);
  if (existsSync(overrideEnvPath('bwdata'))) return resolve('bwdata');
  throw new UsageError('--bwdata is required: the bwdata directory of the installation (the one holding env/global.override.env)');
}

export function readOverrideEnv(bwdata: string): { path: string; file: EnvFile; mode: number } {
  const path = overrideEnvPath(bwdata);
  if (!existsSync(resolve(bwdata))) throw new NotFoundError(`--bwdata ${bwdata}: no such directory`);
  if (!existsSync(path)) throw new NotFoundError(`${path} does not exist`, { hint: 'Is this the bwdata directory of an installation? `./bitwarden.sh install` creates env/global.override.env.' });
  return { path, file: parseEnvFile(readFileSync(path, 'utf8')), mode: statSync(path).mode & 0o777 };
}

export function writeOverrideEnv(path: string, file: EnvFile, mode: number): void {
  const temp = `${path}.bwmsp-${process.pid}.tmp`;
  writeFileSync(temp, formatEnvFile(file), { mode });
  renameSync(temp, path);
}
