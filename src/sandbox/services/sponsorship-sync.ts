/**
 * The sponsorship sync (licensing-and-selfhost.md §4.3), both ends:
 * - cloud: `CloudSyncSponsorshipsCommand`, keyed by the self-hosted `sponsoringOrganizationUserId`;
 * - self-hosted: `SelfHostedSponsorshipSyncJob` + `SelfHostedSyncSponsorshipsCommand`, run daily by
 *   the real server. The sandbox runs it only when asked (the sandbox-only job route), as a stand-in
 *   for that daily job; no Bitwarden API triggers it.
 *
 * Both ends build a dictionary by sponsoring member, as the official code does: two sponsorships
 * from the same member make the sync fail ("An item with the same key has already been added").
 */
import { randomUUID } from 'node:crypto';
import { EventType } from '../../protocol/event.js';
import { ProductTierType } from '../../protocol/organization.js';
import type { SponsorshipSyncItem, SponsorshipSyncRequest } from '../../protocol/sponsorship.js';
import { sponsorshipSyncResponseSchema } from '../../protocol/sponsorship.js';
import { OrganizationConnectionType } from '../../protocol/sso.js';
import { Scope } from '../../protocol/token.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import type { OrganizationRecord } from '../repositories/organizations.js';
import type { SponsorshipRecord } from '../repositories/sponsorships.js';
import { validBillingSyncConfig } from './billing-sync-validation.js';
import { cloudApiRequest, installationToken } from './cloud-client.js';
import { logOrganizationEvent } from './events.js';
import { cloudCommunicationEnabled, selfhostSettings } from './selfhost-settings.js';
import { sendSponsorshipOffer, sponsorshipSyncItem } from './sponsorships.js';

const DAY_MS = 86_400_000;
const BATCH = 1000;

function byMember(rows: readonly SponsorshipRecord[]): Map<string, SponsorshipRecord> {
  const map = new Map<string, SponsorshipRecord>();
  for (const row of rows) {
    const key = row.sponsoringOrganizationUserId.toLowerCase();
    if (map.has(key)) throw new Error('An item with the same key has already been added.');
    map.set(key, row);
  }
  return map;
}

export type SyncedItem = SponsorshipSyncItem & { cloudSponsorshipRemoved: boolean; isAdminInitiated: boolean };

/** Cloud side: creates/updates/deletes the cloud rows and answers the batch (dates set to now). */
export function cloudSyncSponsorships(ctx: SandboxContext, org: OrganizationRecord, items: readonly SponsorshipSyncItem[]): SyncedItem[] {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const existing = byMember(ctx.store.sponsorships.listBySponsoringOrganization(org.id));
  const answered: SyncedItem[] = [];
  const toOffer: SponsorshipRecord[] = [];
  ctx.store.transaction(() => {
    for (const item of items) {
      if (org.productTierType !== ProductTierType.Enterprise) continue;
      let row = existing.get(item.sponsoringOrganizationUserId.toLowerCase());
      let isNew = false;
      if (row === undefined) {
        if (item.toDelete && (item.lastSyncDate ?? null) === null) continue;
        const expiration = org.expirationDate === null ? null : Date.parse(org.expirationDate);
        if (!org.enabled && (expiration === null || now.getTime() - expiration > 93 * DAY_MS)) continue;
        isNew = true;
        row = {
          id: randomUUID(),
          sponsoringOrganizationId: org.id,
          sponsoringOrganizationUserId: item.sponsoringOrganizationUserId,
          sponsoredOrganizationId: null,
          friendlyName: item.friendlyName ?? null,
          offeredToEmail: item.offeredToEmail ?? null,
          planSponsorshipType: item.planSponsorshipType,
          lastSyncDate: nowIso,
          validUntil: null,
          toDelete: false,
          isAdminInitiated: false,
          notes: null,
        };
      } else {
        row = { ...row, lastSyncDate: nowIso };
      }
      let removed = false;
      if (item.toDelete) {
        if (row.sponsoredOrganizationId === null) removed = true;
        else row = { ...row, toDelete: true };
      }
      if (removed) {
        if (!isNew) ctx.store.sponsorships.delete(row.id);
      } else {
        ctx.store.sponsorships.upsert(row);
        if (isNew) toOffer.push(row);
      }
      answered.push({ ...item, validUntil: row.validUntil, lastSyncDate: nowIso, cloudSponsorshipRemoved: removed, isAdminInitiated: false });
    }
    logOrganizationEvent(ctx, org, { userId: null, providerId: null, systemUser: null, deviceType: null, ipAddress: null }, EventType.Organization_SponsorshipsSynced);
  });
  for (const row of toOffer) sendSponsorshipOffer(ctx, org.name, row);
  return answered;
}

export interface SponsorshipSyncJobRow {
  organizationId: string;
  result: 'synced' | 'skipped' | 'failed';
  detail: string;
}

/** Self-hosted side for one organization (`SelfHostedSyncSponsorshipsCommand.SyncOrganization`). */
async function syncOrganization(ctx: SandboxContext, orgId: string, cloudOrgId: string, billingSyncKey: string): Promise<number> {
  const settings = selfhostSettings(ctx.store);
  if (!cloudCommunicationEnabled(settings)) throw new BadRequestError('Failed to sync instance with cloud - Cloud communication is disabled in global settings');
  const rows = byMember(ctx.store.sponsorships.listBySponsoringOrganization(orgId));
  if (rows.size === 0) return 0;
  const token = await installationToken(settings.cloudUrl ?? '', settings.installationId ?? '', settings.installationKey ?? '', Scope.ApiInstallation, { ca: settings.cloudCa });
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    const body: SponsorshipSyncRequest = {
      billingSyncKey,
      sponsoringOrganizationCloudId: cloudOrgId,
      sponsorshipsBatch: batch.map(sponsorshipSyncItem),
    };
    const response = await cloudApiRequest(settings.cloudUrl ?? '', 'POST', 'organization/sponsorship/sync', token, body, { ca: settings.cloudCa });
    const parsed = sponsorshipSyncResponseSchema.safeParse(response.json);
    if (response.status < 200 || response.status >= 300 || !parsed.success) {
      throw new BadRequestError(`Organization sync failed (cloud answered ${response.status})`);
    }
    ctx.store.transaction(() => {
      for (const item of parsed.data.sponsorshipsBatch) {
        const row = rows.get(item.sponsoringOrganizationUserId.toLowerCase());
        if (row === undefined) continue;
        if (item.cloudSponsorshipRemoved) ctx.store.sponsorships.delete(row.id);
        else ctx.store.sponsorships.upsert({ ...row, lastSyncDate: item.lastSyncDate ?? null, validUntil: item.validUntil ?? null, toDelete: item.toDelete });
      }
    });
  }
  return all.length;
}

/**
 * `SelfHostedSponsorshipSyncJob`: every enabled organization with a CloudBillingSync connection;
 * a failing organization is logged and the job goes on (the official job catches per organization).
 */
export async function runSponsorshipSyncJob(ctx: SandboxContext): Promise<SponsorshipSyncJobRow[]> {
  if (ctx.mode !== 'selfhost') throw new BadRequestError('The sponsorship sync job runs on a self-hosted server.');
  const out: SponsorshipSyncJobRow[] = [];
  for (const connection of ctx.store.organizationConnections.listByType(OrganizationConnectionType.CloudBillingSync)) {
    const org = ctx.store.organizations.findById(connection.organizationId);
    if (org === undefined || !org.enabled) continue;
    try {
      const config = validBillingSyncConfig(connection);
      const count = await syncOrganization(ctx, org.id, config.CloudOrganizationId, config.BillingSyncKey);
      out.push({ organizationId: org.id, result: count === 0 ? 'skipped' : 'synced', detail: count === 0 ? 'no sponsorships' : `${count} sponsorship(s) synced` });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      ctx.log.info(`sponsorship sync of ${org.id} failed: ${detail}`);
      out.push({ organizationId: org.id, result: 'failed', detail });
    }
  }
  return out;
}
