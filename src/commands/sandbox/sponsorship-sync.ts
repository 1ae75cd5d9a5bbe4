/** `sandbox sponsorship-sync`: run the self-hosted sandbox's daily sponsorship sync job now (sandbox only). */
import type { Deps } from '../../deps.js';
import { PartialFailureError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, requireRunning } from './shared.js';

export async function sandboxSponsorshipSyncRun(input: VerbInput, d: Deps): Promise<void> {
  const info = await requireRunning(d, input.opts.data);
  const { runSandboxSponsorshipSync } = await import('../../domain/sandbox-sponsorship-sync.js');
  const rows = await runSandboxSponsorshipSync(info, d.globals.debug ? d.debug : undefined);
  d.out.list(
    rows,
    [
      { header: 'Organization', value: (r) => r.organizationId },
      { header: 'Result', value: (r) => r.result },
      { header: 'Detail', value: (r) => r.detail },
    ],
    { empty: 'No organization has billing sync configured: nothing to sync.' },
  );
  const failed = rows.filter((r) => r.result === 'failed');
  if (failed.length > 0) {
    throw new PartialFailureError(`the sponsorship sync failed for ${failed.length} of ${rows.length} organizations`, failed.map((r) => ({ item: r.organizationId, error: r.detail })));
  }
}

export const sandboxSponsorshipSyncSpec: CommandSpec = {
  name: 'sponsorship-sync',
  summary: "Run a self-hosted sandbox's daily sponsorship sync now",
  description:
    "SANDBOX ONLY. A real self-hosted server syncs families sponsorships with the cloud once a day (SelfHostedSponsorshipSyncJob) and no API can trigger it. This asks the running self-hosted sandbox of the data directory to run that job now: every organization with billing sync configured sends its sponsorships to the cloud, which mails new offers. Exits 3 when some organizations fail.",
  options: [dataOption],
  examples: [
    { comment: 'Run the job of the self-hosted sandbox', command: 'bwmsp sandbox sponsorship-sync --data /tmp/selfhost' },
    { comment: 'As JSON', command: 'bwmsp sandbox sponsorship-sync --data /tmp/selfhost --json' },
  ],
  run: sandboxSponsorshipSyncRun,
};
