/**
 * Organization licenses and installations on the wire (licensing-and-selfhost.md §1.2, §2.1, §5).
 * The API emits the license camelCase in this property order; on disk it is PascalCase.
 */
import { z } from 'zod';

/** `LicenseType`: 0 User (premium), 1 Organization. */
export const LicenseType = { User: 0, Organization: 1 } as const;

/** The license file format the cloud emits (frozen) and the range a self-hosted server accepts. */
export const CLOUD_LICENSE_VERSION = 15;

/** Self-hosted uploads: the whole multipart request must carry a Content-Length of at most this (§2.2). */
export const LICENSE_UPLOAD_MAX_BYTES = 51_200;

/** Days of grace added to an annual subscription's end (`OrganizationSelfHostSubscriptionGracePeriodDays`). */
export const SELF_HOST_GRACE_PERIOD_DAYS = 60;

export const organizationLicenseSchema = z.looseObject({
  licenseKey: z.string().nullable(),
  installationId: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  billingEmail: z.string().nullable(),
  businessName: z.string().nullable(),
  enabled: z.boolean(),
  plan: z.string().nullable(),
  planType: z.number(),
  seats: z.number().nullable(),
  maxCollections: z.number().nullable(),
  useGroups: z.boolean(),
  useDirectory: z.boolean(),
  useTotp: z.boolean(),
  usersGetPremium: z.boolean(),
  useEvents: z.boolean(),
  use2fa: z.boolean(),
  useApi: z.boolean(),
  usePolicies: z.boolean(),
  useSso: z.boolean(),
  useResetPassword: z.boolean(),
  useKeyConnector: z.boolean(),
  useScim: z.boolean(),
  useCustomPermissions: z.boolean(),
  maxStorageGb: z.number().nullable(),
  selfHost: z.boolean(),
  version: z.number(),
  issued: z.string(),
  refresh: z.string().nullable(),
  expires: z.string().nullable(),
  expirationWithoutGracePeriod: z.string().nullable(),
  usePasswordManager: z.boolean(),
  useSecretsManager: z.boolean(),
  smSeats: z.number().nullable(),
  smServiceAccounts: z.number().nullable(),
  useRiskInsights: z.boolean(),
  usePhishingBlocker: z.boolean(),
  limitCollectionCreationDeletion: z.boolean(),
  allowAdminAccessToAllCollectionItems: z.boolean(),
  trial: z.boolean(),
  licenseType: z.number().nullable(),
  useOrganizationDomains: z.boolean(),
  useAdminSponsoredFamilies: z.boolean(),
  useAutomaticUserConfirmation: z.boolean(),
  useDisableSmAdsForUsers: z.boolean(),
  useMyItems: z.boolean(),
  useInviteLinks: z.boolean(),
  usePam: z.boolean(),
  hash: z.string().nullable(),
  signature: z.string().nullable(),
  token: z.string().nullable(),
});
export type OrganizationLicense = z.infer<typeof organizationLicenseSchema>;

/** `GET licenses/organization/{id}` body (a JSON body on a GET, §3.3). */
export const selfHostedLicenseRequestSchema = z.looseObject({
  licenseKey: z.string().nullish(),
  billingSyncKey: z.string().nullish(),
});
export type SelfHostedLicenseRequest = z.infer<typeof selfHostedLicenseRequestSchema>;

export const installationRequestSchema = z.looseObject({
  email: z.string().min(1).max(256),
});

export const installationResponseSchema = z.object({
  id: z.string(),
  key: z.string().nullable(),
  enabled: z.boolean(),
  object: z.literal('installation'),
});
export type InstallationResponse = z.infer<typeof installationResponseSchema>;

/** `POST organizations/{id}/keys` (§2.1). */
export const organizationKeysRequestSchema = z.looseObject({
  publicKey: z.string().min(1),
  encryptedPrivateKey: z.string().min(1),
});
