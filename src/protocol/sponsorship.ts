/**
 * Families-for-Enterprise sponsorship wire shapes (licensing-and-selfhost.md §4), shared by the
 * client and the sandbox. Responses are camelCase; dates are ISO strings.
 */
import { z } from 'zod';

/** PlanSponsorshipType (§4): 0 FamiliesForEnterprise. */
export const PlanSponsorshipType = { FamiliesForEnterprise: 0 } as const;

/** `POST organization/sponsorship[/self-hosted]/{sponsoringOrgId}/families-for-enterprise`. */
export const sponsorshipCreateRequestSchema = z.object({
  planSponsorshipType: z.literal(0),
  sponsoredEmail: z.string().min(1).max(256),
  friendlyName: z.string().max(256).nullish(),
  isAdminInitiated: z.boolean().nullish(),
  /** EncString (≤512) in the official client; the sandbox stores it as given. */
  notes: z.string().max(512).nullish(),
});
export type SponsorshipCreateRequest = z.infer<typeof sponsorshipCreateRequestSchema>;

/** What the sync batch (§4.3) carries of a sponsorship; the invite listing adds to it. */
const sponsorshipSyncFields = {
  sponsoringOrganizationUserId: z.string(),
  friendlyName: z.string().nullish(),
  offeredToEmail: z.string().nullish(),
  planSponsorshipType: z.int(),
  lastSyncDate: z.string().nullish(),
  validUntil: z.string().nullish(),
  toDelete: z.boolean(),
};

/** One entry of `GET …/{orgId}/sponsored` (`object: "organizationSponsorship"`). */
export const sponsorshipInviteSchema = z.looseObject({
  ...sponsorshipSyncFields,
  isAdminInitiated: z.boolean(),
  notes: z.string().nullish(),
  cloudSponsorshipRemoved: z.boolean().nullish(),
});
export type SponsorshipInvite = z.infer<typeof sponsorshipInviteSchema>;

/** `GET organization/sponsorship/{sponsoringOrgId}/sync-status` (cloud and self-hosted). */
export const sponsorshipSyncStatusSchema = z.looseObject({
  lastSyncDate: z.string().nullish(),
});
export type SponsorshipSyncStatus = z.infer<typeof sponsorshipSyncStatusSchema>;

/** One item of the sync batch (§4.3), keyed by the self-hosted `sponsoringOrganizationUserId`. */
export const sponsorshipSyncItemSchema = z.looseObject(sponsorshipSyncFields);
export type SponsorshipSyncItem = z.infer<typeof sponsorshipSyncItemSchema>;

/** `POST organization/sponsorship/sync` request (self-hosted → cloud, installation token). */
export const sponsorshipSyncRequestSchema = z.object({
  billingSyncKey: z.string(),
  sponsoringOrganizationCloudId: z.string(),
  sponsorshipsBatch: z.array(sponsorshipSyncItemSchema),
});
export type SponsorshipSyncRequest = z.infer<typeof sponsorshipSyncRequestSchema>;

export const sponsorshipSyncResponseItemSchema = sponsorshipSyncItemSchema.extend({
  cloudSponsorshipRemoved: z.boolean(),
  isAdminInitiated: z.boolean().nullish(),
});
export const sponsorshipSyncResponseSchema = z.looseObject({
  sponsorshipsBatch: z.array(sponsorshipSyncResponseItemSchema),
});
export type SponsorshipSyncResponse = z.infer<typeof sponsorshipSyncResponseSchema>;

/** The status words of the official web client (§4.4), first match wins. */
export type SponsorshipStatus = 'revoke-when-expired' | 'request-removed' | 'active' | 'sent' | 'requested';

export const SPONSORSHIP_STATUS_LABELS: Readonly<Record<SponsorshipStatus, string>> = {
  'revoke-when-expired': 'Revoke when expired',
  'request-removed': 'Request removed',
  active: 'Active',
  sent: 'Sent',
  requested: 'Requested',
};
