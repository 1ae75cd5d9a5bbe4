/**
 * `POST organizations/licenses/self-hosted/{orgId}/sync` (licensing-and-selfhost.md §3.3), a
 * self-hosted server pulling its organization's license from the cloud with billing sync:
 * Owner and a CloudBillingSync connection (else 404); self-hosted, cloud communication and a valid
 * connection (400s with the official texts); then an installation token (`api.licensing`) and
 * `GET licenses/organization/{CloudOrganizationId}` with a JSON body. Any failure of that cloud leg
 * is only logged: the caller gets the one generic 400. The license is then applied like an update
 * (§2.4) and `LastLicenseSync` is set.
 */
import { Hono } from 'hono';
import { GENERIC_SYNC_FAILURE } from '../../protocol/billing-sync.js';
import type { SelfHostedLicenseRequest } from '../../protocol/license.js';
import { OrganizationConnectionType } from '../../protocol/sso.js';
import { EventType } from '../../protocol/event.js';
import { Scope } from '../../protocol/token.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import { selfHostedOnly } from '../middleware/self-hosted.js';
import { lastLicenseSyncValue } from '../services/billing-sync-connection.js';
import { validBillingSyncConfig } from '../services/billing-sync-validation.js';
import { cloudApiRequest, installationToken } from '../services/cloud-client.js';
import { logOrganizationEvent } from '../services/events.js';
import { applyLicenseToOrganization, licensedValues } from '../services/license-apply.js';
import { LICENSE_IN_USE, invalidLicenseMessage, licenseCapacityError, parseUploadedLicense, validateLicense, type UploadedLicense } from '../services/license-validation.js';
import { touchOrganizationAccounts } from '../services/member-rules.js';
import { authorize, isOwner, organizationParam, userOrgCaller } from '../services/org-caller.js';
import { cloudCommunicationEnabled, selfhostSettings } from '../services/selfhost-settings.js';

export function licenseSyncRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  // The controller's `[SelfHosted(SelfHostedOnly = true)]` filter runs before the action's checks.
  app.post('/organizations/licenses/self-hosted/:id/sync', requireUser(ctx), selfHostedOnly(ctx), async (c) => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('id')));
    authorize(isOwner(caller), 'notFound');
    const org = caller.organization;
    const connection = ctx.store.organizationConnections.findByType(org.id, OrganizationConnectionType.CloudBillingSync);
    if (connection === undefined) throw new NotFoundError();
    if (ctx.mode !== 'selfhost') throw new BadRequestError('This action is only available for self-hosted.');
    const settings = selfhostSettings(ctx.store);
    if (!cloudCommunicationEnabled(settings)) throw new BadRequestError('Cloud communication is disabled in global settings');
    const config = validBillingSyncConfig(connection);

    let license: UploadedLicense | null = null;
    try {
      const token = await installationToken(settings.cloudUrl ?? '', settings.installationId ?? '', settings.installationKey ?? '', Scope.ApiLicensing, { ca: settings.cloudCa });
      const body: SelfHostedLicenseRequest = { licenseKey: org.licenseKey ?? '', billingSyncKey: config.BillingSyncKey };
      const response = await cloudApiRequest(settings.cloudUrl ?? '', 'GET', `licenses/organization/${config.CloudOrganizationId}`, token, body, { ca: settings.cloudCa });
      if (response.status >= 200 && response.status < 300) license = parseUploadedLicense(response.text);
      else ctx.log.info(`license sync of ${org.id}: the cloud answered ${response.status} ${response.text.slice(0, 200)}`);
    } catch (error) {
      ctx.log.info(`license sync of ${org.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (license === null) throw new BadRequestError(GENERIC_SYNC_FAILURE);

    // UpdateOrganizationLicenseCommand, as for an uploaded update.
    const values = licensedValues(license);
    if (values.licenseKey !== null && ctx.store.licensing.organizationsWithLicenseKey(values.licenseKey).some((o) => o.id !== org.id)) {
      throw new BadRequestError(LICENSE_IN_USE);
    }
    const lines = validateLicense(license, settings, ctx.clock.now());
    if (lines.length > 0) throw new BadRequestError(invalidLicenseMessage(lines));
    const capacity = licenseCapacityError(ctx.store, org.id, values);
    if (capacity !== null) throw new BadRequestError(capacity);
    const synced = license;
    ctx.store.transaction(() => {
      applyLicenseToOrganization(ctx.store, org.id, synced, ctx.clock.now());
      const current = ctx.store.organizationConnections.findById(connection.id) ?? connection;
      const stored = JSON.parse(current.config ?? '{}') as Record<string, unknown>;
      ctx.store.organizationConnections.update({ ...current, config: JSON.stringify({ ...stored, LastLicenseSync: lastLicenseSyncValue(ctx.clock.now()) }) });
      logOrganizationEvent(ctx, organizationParam(ctx, org.id), caller.actor, EventType.Organization_Updated);
    });
    touchOrganizationAccounts(ctx, org.id);
    return c.body(null, 200);
  });

  return app;
}
