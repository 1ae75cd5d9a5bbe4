/**
 * The device identity sent with every login: a GUID persisted once per config dir (servers skip
 * new-device verification for known identifiers, auth-and-crypto.md section 7.10), and the
 * DeviceType of the official CLI on this OS (section 7.2: 23 Windows, 24 macOS, 25 Linux/other).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureConfigDir, FILE_MODE } from './paths.js';

export interface DeviceIdentity {
  deviceType: number;
  deviceIdentifier: string;
  deviceName: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function deviceTypeFor(platform: NodeJS.Platform): number {
  return platform === 'win32' ? 23 : platform === 'darwin' ? 24 : 25;
}

export function deviceIdentity(dir: string, platform: NodeJS.Platform = process.platform): DeviceIdentity {
  ensureConfigDir(dir);
  const file = join(dir, 'device-id');
  let id: string | undefined;
  try {
    id = readFileSync(file, 'utf8').trim();
  } catch {
    id = undefined;
  }
  if (!id || !GUID.test(id)) {
    id = randomUUID();
    writeFileSync(file, `${id}\n`, { mode: FILE_MODE });
  }
  return { deviceType: deviceTypeFor(platform), deviceIdentifier: id, deviceName: platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'linux' };
}
