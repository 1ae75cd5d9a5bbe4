/**
 * Families-for-Enterprise sponsorship rules shared by the cloud and self-hosted routes
 * (licensing-and-selfhost.md §4): `CreateSponsorshipCommand` and the revoke commands.
 */
import { randomUUID } from 'node:crypto';
import { OrganizationUserStatusType, OrganizationUserType, ProductTierType } from '../../protocol/organization.js';
import type { SponsorshipCreateRequest, SponsorshipInvite, SponsorshipSyncItem } from '../../protocol/sponsorship.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError, UnauthorizedError } from '../errors.js';
import type { OrganizationRecord } from '../repositories/organizations.js';
import type { SponsorshipRecord } from '../repositories/sponsorships.js';
import type { UserRecord } from '../repositories/users.js';
import { hasPermission, type OrgCaller } from './org-caller.js';

/** What the self-hosted server sends of a sponsorship in the sync batch (§4.3). */
export function sponsorshipSyncItem(s: SponsorshipRecord): SponsorshipSyncItem {
  return {
    sponsoringOrganizationUserId: s.sponsoringOrganizationUserId,
    friendlyName: s.friendlyName,
    offeredToEmail: s.offeredToEmail,
    planSponsorshipType: s.planSponsorshipType,
    lastSyncDate: s.lastSyncDate,
    validUntil: s.validUntil,
    toDelete: s.toDelete,
  };
}

/** `OrganizationSponsorshipInvitesResponseModel` (`object: "organizationSponsorship"`). */
export function sponsorshipModel(s: SponsorshipRecord): SponsorshipInvite & { object: string } {
  return {
    object: 'organizationSponsorship',
    ...sponsorshipSyncItem(s),
    isAdminInitiated: s.isAdminInitiated,
    notes: s.notes,
    cloudSponsorshipRemoved: false,
  };
}

/**
 * `CreateSponsorshipCommand`, in the official order. The sponsoring member is the caller's own
 * membership; a caller with none (e.g. a provider user who is not a member) makes the official
 * server dereference null, an unhandled 500 — reproduced as a plain error.
 */
export function createSponsorship(
  ctx: SandboxContext,
  org: OrganizationRecord,
  caller: OrgCaller,
  user: UserRecord,
  body: SponsorshipCreateRequest,
): SponsorshipRecord {
  const member = ctx.store.organizations.findUserByAccount(org.id, user.id);
  if (member === undefined) throw new Error('sponsoring organization user not found (NullReferenceException on the official server)');
  if (user.email.toLowerCase() === body.sponsoredEmail.trim().toLowerCase()) {
    throw new BadRequestError('Cannot offer a Families Organization Sponsorship to yourself. Choose a different email.');
  }
  if (org.productTierType !== ProductTierType.Enterprise) {
    throw new BadRequestError('Specified Organization cannot sponsor other organizations.');
  }
  if (member.status !== OrganizationUserStatusType.Confirmed) {
    throw new BadRequestError('Only confirmed users can sponsor other organizations.');
  }
  const friendlyName = body.friendlyName ?? null;
  const existing = ctx.store.sponsorships.listBySponsoringOrganization(org.id).find((s) => s.friendlyName === friendlyName);
  if (existing !== undefined) return existing;
  const adminInitiated = body.isAdminInitiated ?? false;
  if (adminInitiated) {
    const role = caller.role;
    if (!hasPermission(caller, 'manageUsers') && role !== OrganizationUserType.Owner && role !== OrganizationUserType.Admin) {
      // CreateSponsorshipCommand.ValidateAdminInitiatedSponsorship: UnauthorizedAccessException → 401.
      throw new UnauthorizedError();
    }
    if (!org.useAdminSponsoredFamilies) {
      throw new BadRequestError('Sponsoring organization cannot send admin-initiated sponsorship invitations');
    }
  }
  let id: string = randomUUID();
  if (!adminInitiated) {
    const own = ctx.store.sponsorships.findBySponsoringMember(member.id);
    if (own?.sponsoredOrganizationId != null) throw new BadRequestError('Can only sponsor one organization per Organization User.');
    if (own !== undefined) id = own.id;
  }
  return ctx.store.sponsorships.upsert({
    id,
    sponsoringOrganizationId: org.id,
    sponsoringOrganizationUserId: member.id,
    sponsoredOrganizationId: null,
    friendlyName,
    offeredToEmail: body.sponsoredEmail.trim(),
    planSponsorshipType: body.planSponsorshipType,
    lastSyncDate: null,
    validUntil: null,
    toDelete: false,
    isAdminInitiated: adminInitiated,
    notes: body.notes ?? null,
  });
}

/**
 * Cloud revoke: never redeemed → deleted, redeemed → marked `toDelete`. Self-hosted revoke: never
 * synced (`lastSyncDate` null) → deleted, else marked until the next sync.
 */
export function revokeSponsorship(ctx: SandboxContext, sponsorship: SponsorshipRecord | undefined): void {
  if (sponsorship === undefined) throw new BadRequestError('You are not currently sponsoring an organization.');
  const keep = ctx.mode === 'selfhost' ? sponsorship.lastSyncDate !== null : sponsorship.sponsoredOrganizationId !== null;
  if (keep) ctx.store.sponsorships.upsert({ ...sponsorship, toDelete: true });
  else ctx.store.sponsorships.delete(sponsorship.id);
}

/** The offer mail the cloud sends (the link's token is opaque to clients, §4.4). */
export function sendSponsorshipOffer(ctx: SandboxContext, sponsoringOrgName: string, sponsorship: SponsorshipRecord): void {
  if (sponsorship.offeredToEmail === null) return;
  const token = `BWOrganizationSponsorship_${randomUUID().replaceAll('-', '')}`;
  const link = `${ctx.baseUrl()}/#/setup/families-for-enterprise?token=${encodeURIComponent(token)}&email=${encodeURIComponent(sponsorship.offeredToEmail)}`;
  ctx.mailer.send({
    to: sponsorship.offeredToEmail,
    subject: 'Accept your free Families subscription',
    template: 'families-for-enterprise-offer',
    text: `${sponsoringOrgName} offers you a free Bitwarden Families organization.\n\n${link}\n`,
    token,
    data: { sponsoringOrganizationName: sponsoringOrgName, sponsorshipId: sponsorship.id, link },
  });
}
