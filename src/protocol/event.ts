/** Event types, the event response model and the client event upload (`POST {events}/collect`). */
import { z } from 'zod';

/** EventType numbers used so far (clients must tolerate unknown ones). */
export const EventType = {
  User_LoggedIn: 1000,
  User_ChangedPassword: 1001,
  User_Updated2fa: 1002,
  User_Disabled2fa: 1003,
  User_Recovered2fa: 1004,
  User_FailedLogIn: 1005,
  User_FailedLogIn2fa: 1006,
  User_ClientExportedVault: 1007,
  Cipher_ClientViewed: 1107,
  Collection_Created: 1300,
  Collection_Updated: 1301,
  Collection_Deleted: 1302,
  Group_Created: 1400,
  Group_Updated: 1401,
  Group_Deleted: 1402,
  OrganizationUser_Invited: 1500,
  OrganizationUser_Confirmed: 1501,
  OrganizationUser_Updated: 1502,
  OrganizationUser_Removed: 1503,
  OrganizationUser_UpdatedGroups: 1504,
  OrganizationUser_ResetPassword_Enroll: 1506,
  OrganizationUser_ResetPassword_Withdraw: 1507,
  OrganizationUser_Revoked: 1511,
  OrganizationUser_Restored: 1512,
  OrganizationUser_Left: 1516,
  OrganizationUser_Revoked_TwoFactorNonCompliance: 1520,
  OrganizationUser_Revoked_SingleOrganizationNonCompliance: 1521,
  Organization_Updated: 1600,
  Organization_PurgedVault: 1601,
  Organization_VaultAccessed: 1603,
  Organization_SponsorshipsSynced: 1608,
  Organization_CollectionManagement_LimitCollectionCreationEnabled: 1610,
  Organization_CollectionManagement_LimitCollectionCreationDisabled: 1611,
  Organization_CollectionManagement_LimitCollectionDeletionEnabled: 1612,
  Organization_CollectionManagement_LimitCollectionDeletionDisabled: 1613,
  Organization_CollectionManagement_LimitItemDeletionEnabled: 1614,
  Organization_CollectionManagement_LimitItemDeletionDisabled: 1615,
  Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsEnabled: 1616,
  Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsDisabled: 1617,
  Policy_Updated: 1700,
  ProviderUser_Invited: 1800,
  ProviderUser_Confirmed: 1801,
  ProviderUser_Updated: 1802,
  ProviderUser_Removed: 1803,
  ProviderOrganization_Created: 1900,
  ProviderOrganization_Added: 1901,
  ProviderOrganization_Removed: 1902,
  ProviderOrganization_VaultAccessed: 1903,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** EventSystemUser: who acted when no user did. */
export const EventSystemUser = {
  Unknown: 0,
  SCIM: 1,
  DomainVerification: 2,
  PublicApi: 3,
  TwoFactorDisabled: 4,
  BitwardenPortal: 5,
} as const;
export type EventSystemUser = (typeof EventSystemUser)[keyof typeof EventSystemUser];

/** Events come in pages of this many (server-side, not settable). */
export const EVENT_PAGE_SIZE = 50;

/** `event` (private API, admin-api.md §8.1). */
export const eventResponseSchema = z.object({
  object: z.literal('event'),
  type: z.int(),
  userId: z.string().nullable(),
  organizationId: z.string().nullable(),
  providerId: z.string().nullable(),
  cipherId: z.string().nullable(),
  collectionId: z.string().nullable(),
  groupId: z.string().nullable(),
  policyId: z.string().nullable(),
  organizationUserId: z.string().nullable(),
  providerUserId: z.string().nullable(),
  providerOrganizationId: z.string().nullable(),
  actingUserId: z.string().nullable(),
  installationId: z.string().nullable(),
  date: z.string(),
  deviceType: z.int().nullable(),
  ipAddress: z.string().nullable(),
  systemUser: z.int().nullable(),
  domainName: z.string().nullable(),
  secretId: z.string().nullable(),
  projectId: z.string().nullable(),
  serviceAccountId: z.string().nullable(),
  grantedServiceAccountId: z.string().nullable(),
  sendId: z.string().nullable(),
});
export type EventResponse = z.infer<typeof eventResponseSchema>;

/** One item of the `POST {events}/collect` array. */
export const eventCollectItemSchema = z.object({
  type: z.int(),
  cipherId: z.string().nullish(),
  date: z.string(),
  organizationId: z.string().nullish(),
});
export const eventCollectRequestSchema = z.array(eventCollectItemSchema);
