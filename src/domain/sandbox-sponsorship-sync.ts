/**
 * `bwmsp sandbox sponsorship-sync`: asks a running self-hosted sandbox to run its daily
 * sponsorship sync job now (licensing-and-selfhost.md §4.3). SANDBOX ONLY: a real self-hosted
 * server has no route for this (its job runs once a day; the admin portal's TriggerBillingSync
 * needs an admin cookie), so the route used here exists only in the sandbox.
 */
import { z } from 'zod';
import { BwmspError } from '../errors.js';
import type { RuntimeInfo } from '../sandbox/runtime-file.js';
import { sandboxApiClient } from './sandbox-api.js';

const jobSchema = z.object({
  organizations: z.array(z.object({ organizationId: z.string(), result: z.enum(['synced', 'skipped', 'failed']), detail: z.string() })),
});
export type SponsorshipSyncJobResult = z.infer<typeof jobSchema>['organizations'];

export async function runSandboxSponsorshipSync(info: RuntimeInfo, debug?: (line: string) => void): Promise<SponsorshipSyncJobResult> {
  if (info.mode !== 'selfhost') {
    throw new BwmspError(`the sandbox in ${info.dataDir} plays the cloud; the sponsorship sync job runs on a self-hosted server`, {
      hint: "Run this against the self-hosted sandbox's data directory (bwmsp sandbox start --mode selfhost).",
    });
  }
  const api = sandboxApiClient(info, debug);
  try {
    const job = await api.request({ service: 'api', method: 'POST', path: '/sandbox/jobs/sponsorship-sync', auth: false, schema: jobSchema });
    return job.organizations;
  } finally {
    await api.close();
  }
}
