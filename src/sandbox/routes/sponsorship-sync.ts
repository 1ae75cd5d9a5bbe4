/**
 * Sponsorship sync routes (licensing-and-selfhost.md §4.3):
 * - `POST organization/sponsorship/sync` — the cloud end, Installation policy (scope `api.installation`);
 * - `POST sandbox/jobs/sponsorship-sync` — SANDBOX ONLY, no Bitwarden server has it: runs the
 *   self-hosted server's daily `SelfHostedSponsorshipSyncJob` now (`bwmsp sandbox sponsorship-sync`).
 */
import { Hono } from 'hono';
import { OrganizationApiKeyType } from '../../protocol/organization.js';
import { sponsorshipSyncRequestSchema } from '../../protocol/sponsorship.js';
import { Scope } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError } from '../errors.js';
import { requireScope, tokenInstallationId } from '../middleware/installation-token.js';
import { readBody } from '../services/request.js';
import { cloudSyncSponsorships, runSponsorshipSyncJob } from '../services/sponsorship-sync.js';

export function sponsorshipSyncRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.post('/organization/sponsorship/sync', requireScope(ctx, Scope.ApiInstallation), async (c) => {
    tokenInstallationId(c);
    const body = await readBody(c, sponsorshipSyncRequestSchema);
    const org = ctx.store.organizations.findById(body.sponsoringOrganizationCloudId);
    if (org === undefined) throw new BadRequestError('Invalid organization');
    const key = ctx.store.organizations.findApiKey(org.id, OrganizationApiKeyType.BillingSync);
    if (body.billingSyncKey.trim() !== '' && key === undefined) {
      // The official command dereferences the missing key: an unhandled error (500).
      throw new Error(`organization ${org.id} has no billing sync key`);
    }
    if (key === undefined || key.apiKey !== body.billingSyncKey) throw new BadRequestError('Invalid Billing Sync Key');
    const batch = cloudSyncSponsorships(ctx, org, body.sponsorshipsBatch);
    return c.json({ sponsorshipsBatch: batch });
  });

  // SANDBOX ONLY: the stand-in for the self-hosted daily job. Loopback sandbox, no credentials.
  app.post('/sandbox/jobs/sponsorship-sync', async (c) => {
    const organizations = await runSponsorshipSyncJob(ctx);
    return c.json({ object: 'sandboxJob', job: 'SelfHostedSponsorshipSyncJob', organizations });
  });

  return app;
}
