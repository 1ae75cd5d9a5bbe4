/**
 * Families-for-Enterprise sponsorships (licensing-and-selfhost.md §4) offered by an admin on
 * behalf of the organization (admin-initiated: `friendlyName` = the member's e-mail), on the cloud
 * or on a self-hosted server. The two kinds of server have separate route sets; which one applies
 * is decided from the profile (bitwarden.com / .eu are cloud) or, for any other URL, by asking the
 * self-hosted route: a cloud server refuses it with "Only allowed when self hosted.".
 *
 * On a self-hosted server an offer is stored locally and only reaches the cloud (which mails it)
 * with the daily sponsorship sync job; until then the web client labels it "Requested" (§4.4).
 */
import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import {
  getSponsorshipSyncStatus,
  listSponsored,
  offerSponsorship,
  revokeSponsorshipByName,
  type SponsorshipSide,
} from '../api/endpoints/sponsorships.js';
import type { ServerUrls } from '../config/servers.js';
import { SPONSORSHIP_STATUS_LABELS, type SponsorshipInvite, type SponsorshipStatus } from '../protocol/sponsorship.js';
import { NotFoundError, UsageError } from '../errors.js';
import { withAdminOrg, type AdminOrg, type OrgRef } from './admin-org.js';
import { requireSession, type ConnectionDeps } from './connection.js';

export type { SponsorshipSide } from '../api/endpoints/sponsorships.js';

/** The web client's status of a sponsorship (§4.4), first match wins. */
export function sponsorshipStatus(s: Pick<SponsorshipInvite, 'toDelete' | 'validUntil' | 'lastSyncDate'>, side: SponsorshipSide): SponsorshipStatus {
  if (s.toDelete && s.validUntil) return 'revoke-when-expired';
  if (s.toDelete) return 'request-removed';
  if (s.validUntil) return 'active';
  if (side === 'cloud' || s.lastSyncDate) return 'sent';
  return 'requested';
}

/** The label as the web client shows it ("Revoke when expired (date)"). */
export function sponsorshipStatusLabel(status: SponsorshipStatus, validUntil: string | null | undefined): string {
  const label = SPONSORSHIP_STATUS_LABELS[status];
  return status === 'revoke-when-expired' && validUntil ? `${label} (${validUntil.slice(0, 10)})` : label;
}

export interface SponsorshipView {
  email: string;
  friendlyName: string;
  status: SponsorshipStatus;
  statusLabel: string;
  /** True on a self-hosted server until the sync job has carried the offer to the cloud. */
  pendingSync: boolean;
  lastSyncDate: string | null;
  validUntil: string | null;
  toDelete: boolean;
  sponsoringOrganizationUserId: string;
}

export function sponsorshipView(s: SponsorshipInvite, side: SponsorshipSide): SponsorshipView {
  const status = sponsorshipStatus(s, side);
  return {
    email: s.offeredToEmail ?? '',
    friendlyName: s.friendlyName ?? '',
    status,
    statusLabel: sponsorshipStatusLabel(status, s.validUntil),
    pendingSync: side === 'self-hosted' && (s.lastSyncDate ?? null) === null,
    lastSyncDate: s.lastSyncDate ?? null,
    validUntil: s.validUntil ?? null,
    toDelete: s.toDelete,
    sponsoringOrganizationUserId: s.sponsoringOrganizationUserId,
  };
}

const ONLY_SELF_HOSTED = 'Only allowed when self hosted.';

/** Which route set the server speaks, with the current list (one request on custom URLs). */
async function sideAndList(api: ApiClient, urls: Pick<ServerUrls, 'kind'>, orgId: string): Promise<{ side: SponsorshipSide; list: SponsorshipInvite[] }> {
  if (urls.kind === 'us' || urls.kind === 'eu') return { side: 'cloud', list: await listSponsored(api, 'cloud', orgId) };
  try {
    return { side: 'self-hosted', list: await listSponsored(api, 'self-hosted', orgId) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && (error.serverMessage ?? '') === ONLY_SELF_HOSTED) {
      return { side: 'cloud', list: await listSponsored(api, 'cloud', orgId) };
    }
    throw error;
  }
}

function refused(error: unknown, org: AdminOrg): unknown {
  if (error instanceof ApiError && (error.status === 403 || error.status === 401)) {
    return new UsageError(`${org.name}: sponsorships need an Owner, an Admin or a member who may manage users`, { hint: '' });
  }
  return error;
}

async function withSponsoringOrg<T>(d: ConnectionDeps, ref: OrgRef, fn: (org: AdminOrg, side: SponsorshipSide, list: SponsorshipInvite[]) => Promise<T>): Promise<T> {
  const { settings } = await requireSession(d);
  return withAdminOrg(d, ref, { key: 'none', orgApiKey: false, why: 'sponsorships need a user login' }, async (org) => {
    let found;
    try {
      found = await sideAndList(org.api, settings.urls, org.orgId);
    } catch (error) {
      throw refused(error, org);
    }
    return fn(org, found.side, found.list);
  });
}

export interface SponsorshipListResult {
  organizationId: string;
  organization: string;
  side: SponsorshipSide;
  sponsorships: SponsorshipView[];
}

export async function listSponsorships(d: ConnectionDeps, ref: OrgRef): Promise<SponsorshipListResult> {
  return withSponsoringOrg(d, ref, async (org, side, list) => ({
    organizationId: org.orgId,
    organization: org.name,
    side,
    sponsorships: list.map((s) => sponsorshipView(s, side)),
  }));
}

export interface SponsorshipOfferResult {
  organizationId: string;
  organization: string;
  side: SponsorshipSide;
  result: 'offered' | 'unchanged';
  sponsorship: SponsorshipView;
  /** Notes for stderr (e.g. the self-hosted sync caveat). */
  warnings: string[];
}

function findByEmail(list: readonly SponsorshipInvite[], email: string): SponsorshipInvite | undefined {
  return list.find((s) => (s.friendlyName ?? '').toLowerCase() === email.toLowerCase());
}

function checkEmail(email: string): string {
  const value = email.trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw new UsageError(`--member ${email}: not an e-mail address`);
  if (value.length > 256) throw new UsageError('--member: at most 256 characters');
  return value;
}

/**
 * An admin-initiated offer (`isAdminInitiated: true`, `friendlyName` = e-mail). The official server
 * takes the sponsoring member from the caller's own membership, so the caller must be a confirmed
 * member of the organization (a provider user who is not makes it fail with a 500).
 */
export async function offerFamiliesSponsorship(d: ConnectionDeps, ref: OrgRef, memberEmail: string): Promise<SponsorshipOfferResult> {
  const email = checkEmail(memberEmail);
  return withSponsoringOrg(d, ref, async (org, side, list) => {
    if (org.self?.organizationUserId == null) {
      throw new UsageError(`${org.name}: you are not a member of this organization; sponsorships are offered by a confirmed member (Owner, Admin or user manager)`, {
        hint: 'Log in as a member of the organization (a provider user who is not a member cannot offer).',
      });
    }
    const existing = findByEmail(list, email);
    if (existing !== undefined) {
      return { organizationId: org.orgId, organization: org.name, side, result: 'unchanged' as const, sponsorship: sponsorshipView(existing, side), warnings: [] };
    }
    const warnings: string[] = [];
    const mine = list.filter((s) => s.sponsoringOrganizationUserId.toLowerCase() === org.self?.organizationUserId?.toLowerCase());
    if (side === 'self-hosted' && mine.length > 0) {
      // Both ends of the sync key sponsorships by the sponsoring member (§4.3): a second one from
      // the same member makes the daily sync fail on the self-hosted server.
      warnings.push(`you already sponsor ${mine.length} other member(s) here; the self-hosted sponsorship sync keys sponsorships by sponsoring member, so the daily sync may fail`);
    }
    try {
      await offerSponsorship(org.api, side, org.orgId, { planSponsorshipType: 0, sponsoredEmail: email, friendlyName: email, isAdminInitiated: true });
    } catch (error) {
      throw refused(error, org);
    }
    const created = findByEmail(await listSponsored(org.api, side, org.orgId), email);
    if (created === undefined) throw new NotFoundError(`${org.name}: the offer to ${email} was accepted but is not listed`);
    if (side === 'self-hosted') warnings.push('self-hosted: the offer reaches the cloud (which e-mails it) with the daily sponsorship sync; until then it is "Requested"');
    return { organizationId: org.orgId, organization: org.name, side, result: 'offered' as const, sponsorship: sponsorshipView(created, side), warnings };
  });
}

export interface SponsorshipRevokeResult {
  organizationId: string;
  organization: string;
  side: SponsorshipSide;
  email: string;
  /** `removed`: gone at once; `marked`: kept with toDelete until it expires or the next sync. */
  result: 'removed' | 'marked';
  sponsorship: SponsorshipView | null;
}

export async function revokeFamiliesSponsorship(d: ConnectionDeps, ref: OrgRef, memberEmail: string): Promise<SponsorshipRevokeResult> {
  const email = checkEmail(memberEmail);
  return withSponsoringOrg(d, ref, async (org, side, list) => {
    const existing = findByEmail(list, email);
    if (existing === undefined) {
      throw new NotFoundError(`${org.name}: no sponsorship offered to ${email}`, { hint: `Run 'bwmsp sponsorship list' for the organization.` });
    }
    try {
      await revokeSponsorshipByName(org.api, side, org.orgId, existing.friendlyName ?? email);
    } catch (error) {
      throw refused(error, org);
    }
    const after = findByEmail(await listSponsored(org.api, side, org.orgId), email);
    return {
      organizationId: org.orgId,
      organization: org.name,
      side,
      email,
      result: after === undefined ? ('removed' as const) : ('marked' as const),
      sponsorship: after === undefined ? null : sponsorshipView(after, side),
    };
  });
}

export interface SponsorshipStatusResult {
  organizationId: string;
  organization: string;
  side: SponsorshipSide;
  /** Newest sync of the organization's sponsorships (`sync-status`), null = never. */
  lastSyncDate: string | null;
  counts: Record<SponsorshipStatus, number>;
  /** Self-hosted offers the cloud has not seen yet ("Requested" or "Request removed"). */
  pendingSync: number;
  sponsorships: SponsorshipView[];
}

export async function sponsorshipSyncState(d: ConnectionDeps, ref: OrgRef): Promise<SponsorshipStatusResult> {
  return withSponsoringOrg(d, ref, async (org, side, list) => {
    const lastSyncDate = await getSponsorshipSyncStatus(org.api, org.orgId);
    const sponsorships = list.map((s) => sponsorshipView(s, side));
    const counts: Record<SponsorshipStatus, number> = { 'revoke-when-expired': 0, 'request-removed': 0, active: 0, sent: 0, requested: 0 };
    for (const s of sponsorships) counts[s.status] += 1;
    const pendingSync = side === 'self-hosted' ? sponsorships.filter((s) => s.status === 'requested' || s.status === 'request-removed').length : 0;
    return { organizationId: org.orgId, organization: org.name, side, lastSyncDate, counts, pendingSync, sponsorships };
  });
}
