/**
 * Cloud license routes (licensing-and-selfhost.md §1.1):
 * - `GET organizations/{orgId}/license?installationId=` — Application; Owner or provider user (else 404);
 *   records the organization ↔ installation tie;
 * - `GET licenses/organization/{cloudOrgId}` — Licensing scope (installation token), JSON body on a GET
 *   `{licenseKey, billingSyncKey}` (§3.3 step 4); the license is for the token's installation.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { selfHostedLicenseRequestSchema } from '../../protocol/license.js';
import { OrganizationApiKeyType } from '../../protocol/organization.js';
import { Scope } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import { requireScope, tokenInstallationId } from '../middleware/installation-token.js';
import { cloudOnly } from '../middleware/self-hosted.js';
import { readGetJson } from '../services/get-body.js';
import { issueOrganizationLicense } from '../services/license-issuer.js';
import { authorize, isOwner, organizationParam, userOrgCaller } from '../services/org-caller.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
/** The official server waits 2 s before answering a wrong license key. */
export const WRONG_KEY_DELAY_MS = 2000;

function equalSecrets(a: string, b: string): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

export function licenseRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const cloud = cloudOnly(ctx);

  app.get('/organizations/:id/license', requireUser(ctx), cloud, (c) => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
    authorize(isOwner(caller), 'notFound');
    const raw = c.req.query('installationId') ?? '';
    const installationId = GUID.test(raw) ? raw.toLowerCase() : EMPTY_GUID;
    const now = ctx.clock.now();
    const license = issueOrganizationLicense(ctx.store, {
      organizationId: caller.organization.id,
      installationId,
      now,
    });
    ctx.store.licensing.linkInstallation({
      id: randomUUID(),
      organizationId: caller.organization.id,
      installationId,
      now: now.toISOString(),
    });
    return c.json(license);
  });

  app.get('/licenses/organization/:id', requireScope(ctx, Scope.ApiLicensing), cloud, async (c) => {
    const installationId = tokenInstallationId(c);
    const org = ctx.store.organizations.findById(c.req.param('id'));
    if (org === undefined) throw new NotFoundError();
    const parsed = selfHostedLicenseRequestSchema.safeParse((await readGetJson(c)) ?? {});
    const body = parsed.success ? parsed.data : {};
    if (!equalSecrets(body.licenseKey ?? '', org.licenseKey ?? '') || org.licenseKey === null) {
      await new Promise((resolve) => setTimeout(resolve, WRONG_KEY_DELAY_MS));
      throw new BadRequestError('Invalid license key.');
    }
    const billingSync = ctx.store.organizations.findApiKey(org.id, OrganizationApiKeyType.BillingSync);
    // The official controller dereferences the missing key: an unhandled error (500).
    if (billingSync === undefined) throw new Error(`organization ${org.id} has no billing sync key`);
    if (!equalSecrets(body.billingSyncKey ?? '', billingSync.apiKey)) throw new BadRequestError('Invalid Billing Sync Key');
    return c.json(issueOrganizationLicense(ctx.store, { organizationId: org.id, installationId, now: ctx.clock.now() }));
  });

  return app;
}
