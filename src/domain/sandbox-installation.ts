/**
 * `bwmsp sandbox installation`: registers a self-hosted installation with a running cloud sandbox over
 * `POST installations` (licensing-and-selfhost.md §5), as bitwarden.com/host does for the real cloud.
 */
import { registerInstallation } from '../api/endpoints/licenses.js';
import { BwmspError } from '../errors.js';
import type { RuntimeInfo } from '../sandbox/runtime-file.js';
import { sandboxApiClient } from './sandbox-api.js';

export async function registerSandboxInstallation(info: RuntimeInfo, email: string, debug?: (line: string) => void): Promise<{ id: string; key: string }> {
  if (info.mode !== 'cloud') {
    throw new BwmspError(`the sandbox in ${info.dataDir} plays a self-hosted server; installations are registered with the cloud`, {
      hint: "Run this against the cloud sandbox's data directory (bwmsp sandbox start --mode cloud).",
    });
  }
  const api = sandboxApiClient(info, debug);
  try {
    const installation = await registerInstallation(api, email);
    if (installation.key === null) throw new BwmspError('the sandbox sent no installation key');
    return { id: installation.id, key: installation.key };
  } finally {
    await api.close();
  }
}
