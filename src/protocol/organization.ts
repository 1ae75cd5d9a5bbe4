/** Organization and membership enums, permissions and `profileOrganization` (sync / `GET /organizations`). */
import { z } from 'zod';
import { guidSchema } from './common.js';

export const OrganizationUserType = {
  Owner: 0,
  Admin: 1,
  User: 2,
  Custom: 4,
} as const;
export type OrganizationUserType = (typeof OrganizationUserType)[keyof typeof OrganizationUserType];
export const organizationUserTypeSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(4)]);

export const OrganizationUserStatusType = {
  Revoked: -1,
  Invited: 0,
  Accepted: 1,
  Confirmed: 2,
  Staged: 3,
} as const;
export type OrganizationUserStatusType = (typeof OrganizationUserStatusType)[keyof typeof OrganizationUserStatusType];

/** Organization.Status. */
export const OrganizationStatusType = {
  Pending: 0,
  Created: 1,
  Managed: 2,
} as const;
export type OrganizationStatusType = (typeof OrganizationStatusType)[keyof typeof OrganizationStatusType];

export const PlanType = {
  Free: 0,
  FamiliesAnnually2019: 1,
  TeamsMonthly2019: 2,
  TeamsAnnually2019: 3,
  EnterpriseMonthly2019: 4,
  EnterpriseAnnually2019: 5,
  Custom: 6,
  FamiliesAnnually2025: 7,
  TeamsMonthly2020: 8,
  TeamsAnnually2020: 9,
  EnterpriseMonthly2020: 10,
  EnterpriseAnnually2020: 11,
  TeamsMonthly2023: 12,
  TeamsAnnually2023: 13,
  EnterpriseMonthly2023: 14,
  EnterpriseAnnually2023: 15,
  TeamsStarter2023: 16,
  TeamsMonthly: 17,
  TeamsAnnually: 18,
  EnterpriseMonthly: 19,
  EnterpriseAnnually: 20,
  TeamsStarter: 21,
  FamiliesAnnually: 22,
} as const;
export type PlanType = (typeof PlanType)[keyof typeof PlanType];

export const ProductTierType = {
  Free: 0,
  Families: 1,
  Teams: 2,
  Enterprise: 3,
  TeamsStarter: 4,
} as const;
export type ProductTierType = (typeof ProductTierType)[keyof typeof ProductTierType];

export const OrganizationApiKeyType = {
  Default: 0,
  BillingSync: 1,
  Scim: 2,
} as const;
export type OrganizationApiKeyType = (typeof OrganizationApiKeyType)[keyof typeof OrganizationApiKeyType];

/** Custom-role permissions (all booleans; meaningful only for type 4). */
export const PERMISSION_NAMES = [
  'accessEventLogs',
  'accessImportExport',
  'accessReports',
  'createNewCollections',
  'editAnyCollection',
  'deleteAnyCollection',
  'manageGroups',
  'managePolicies',
  'manageSso',
  'manageUsers',
  'manageResetPassword',
  'manageScim',
] as const;
export type PermissionName = (typeof PERMISSION_NAMES)[number];

export const permissionsSchema = z.object({
  accessEventLogs: z.boolean(),
  accessImportExport: z.boolean(),
  accessReports: z.boolean(),
  createNewCollections: z.boolean(),
  editAnyCollection: z.boolean(),
  deleteAnyCollection: z.boolean(),
  manageGroups: z.boolean(),
  managePolicies: z.boolean(),
  manageSso: z.boolean(),
  manageUsers: z.boolean(),
  manageResetPassword: z.boolean(),
  manageScim: z.boolean(),
});
export type Permissions = z.infer<typeof permissionsSchema>;

/**
 * `profileOrganization` (SRV `BaseProfileOrganizationResponseModel`). Every capability flag is a
 * real boolean: the official SDK refuses null for them.
 */
export const profileOrganizationSchema = z.object({
  object: z.string(),
  id: guidSchema,
  name: z.string(),
  usePolicies: z.boolean(),
  useSso: z.boolean(),
  useKeyConnector: z.boolean(),
  useScim: z.boolean(),
  useGroups: z.boolean(),
  useDirectory: z.boolean(),
  useEvents: z.boolean(),
  useTotp: z.boolean(),
  use2fa: z.boolean(),
  useApi: z.boolean(),
  useResetPassword: z.boolean(),
  useSecretsManager: z.boolean(),
  usePasswordManager: z.boolean(),
  usersGetPremium: z.boolean(),
  useCustomPermissions: z.boolean(),
  useActivateAutofillPolicy: z.boolean(),
  useRiskInsights: z.boolean(),
  useOrganizationDomains: z.boolean(),
  useAdminSponsoredFamilies: z.boolean(),
  useAutomaticUserConfirmation: z.boolean(),
  useDisableSMAdsForUsers: z.boolean(),
  usePhishingBlocker: z.boolean(),
  selfHost: z.boolean(),
  seats: z.int().nullable(),
  maxCollections: z.int().nullable(),
  maxStorageGb: z.int().nullable(),
  key: z.string().nullable(),
  status: z.int(),
  type: z.int(),
  enabled: z.boolean(),
  ssoBound: z.boolean(),
  identifier: z.string().nullable(),
  permissions: permissionsSchema,
  resetPasswordEnrolled: z.boolean(),
  userId: z.string().nullable(),
  organizationUserId: z.string().nullable(),
  hasPublicAndPrivateKeys: z.boolean(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  providerType: z.int().nullable(),
  familySponsorshipFriendlyName: z.string().nullable(),
  familySponsorshipAvailable: z.boolean(),
  productTierType: z.int(),
  keyConnectorEnabled: z.boolean(),
  keyConnectorUrl: z.string().nullable(),
  familySponsorshipLastSyncDate: z.string().nullable(),
  familySponsorshipValidUntil: z.string().nullable(),
  familySponsorshipToDelete: z.boolean().nullable(),
  accessSecretsManager: z.boolean(),
  limitCollectionCreation: z.boolean(),
  limitCollectionDeletion: z.boolean(),
  limitItemDeletion: z.boolean(),
  allowAdminAccessToAllCollectionItems: z.boolean(),
  userIsClaimedByOrganization: z.boolean(),
  ssoEnabled: z.boolean(),
  ssoMemberDecryptionType: z.int().nullable(),
  isAdminInitiated: z.boolean(),
});
export type ProfileOrganization = z.infer<typeof profileOrganizationSchema>;
