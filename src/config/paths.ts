import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { envValue, type Env } from './env.js';

export const APP_NAME = 'bwmsp';
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** What `configDir` needs from the host; injectable so every platform can be tested anywhere. */
export interface HostInfo {
  platform: NodeJS.Platform;
  homedir: string;
}

function currentHost(): HostInfo {
  return { platform: process.platform, homedir: os.homedir() };
}

/**
 * The config directory: `BWMSP_CONFIG_DIR`, else the platform's config dir:
 * Linux and others `$XDG_CONFIG_HOME/bwmsp` (an absolute XDG_CONFIG_HOME only) or `~/.config/bwmsp`;
 * macOS `~/Library/Preferences/bwmsp`; Windows `%APPDATA%\bwmsp` (or `~\AppData\Roaming\bwmsp`).
 * Pure: nothing is created (see `ensureConfigDir`).
 */
export function configDir(env: Env, host: HostInfo = currentHost()): string {
  const p = host.platform === 'win32' ? path.win32 : path.posix;
  const explicit = envValue(env, 'BWMSP_CONFIG_DIR');
  if (explicit !== undefined) return p.resolve(explicit);

  switch (host.platform) {
    case 'darwin':
      return p.join(host.homedir, 'Library', 'Preferences', APP_NAME);
    case 'win32':
      return p.join(envValue(env, 'APPDATA') ?? p.join(host.homedir, 'AppData', 'Roaming'), APP_NAME);
    default: {
      const xdg = envValue(env, 'XDG_CONFIG_HOME');
      const base = xdg !== undefined && p.isAbsolute(xdg) ? xdg : p.join(host.homedir, '.config');
      return p.join(base, APP_NAME);
    }
  }
}

/**
 * Creates `dir` (and missing parents) with mode 0700 when it does not exist; an existing directory
 * is left as it is (the user may have chosen it). Returns `dir`.
 */
export function ensureConfigDir(dir: string): string {
  const created = fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  // mkdir's mode is reduced by the umask; set it exactly on the directory we made.
  if (created !== undefined && process.platform !== 'win32') fs.chmodSync(dir, DIR_MODE);
  return dir;
}
