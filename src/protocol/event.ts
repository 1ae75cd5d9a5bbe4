/** Event types and the client event upload (`POST {events}/collect`). */
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
  OrganizationUser_Revoked: 1511,
  OrganizationUser_Restored: 1512,
  Organization_Updated: 1600,
  Organization_PurgedVault: 1601,
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

/** One item of the `POST {events}/collect` array. */
export const eventCollectItemSchema = z.object({
  type: z.int(),
  cipherId: z.string().nullish(),
  date: z.string(),
  organizationId: z.string().nullish(),
});
export const eventCollectRequestSchema = z.array(eventCollectItemSchema);
