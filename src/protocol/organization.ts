/** Organization and membership enums, permissions and `profileOrganization` (sync / `GET /organizations`). */
import { z } from 'zod';
import { keysRequestSchema } from './account-keys.js';
import { emailSchema, encStringSchema, guidSchema, secretVerificationRequestSchema } from './common.js';

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

/** Plan types a new organization may be created with today (the older ones are legacy, kept for reads). */
export const CURRENT_PLAN_TYPES: readonly PlanType[] = [
  PlanType.Free,
  PlanType.TeamsMonthly,
  PlanType.TeamsAnnually,
  PlanType.EnterpriseMonthly,
  PlanType.EnterpriseAnnually,
  PlanType.FamiliesAnnually,
];

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

/**
 * Custom-role permissions (all booleans; meaningful only for type 4), in the server's order
 * (`Core/AdminConsole/Models/Data/Permissions.cs`). `manageAccessRules` is stored and returned like
 * the others; the server only uses it today in the rule that custom users grant no permission
 * they lack (`OrganizationService.ValidateCustomPermissionsGrant`).
 */
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
  'manageAccessRules',
] as const;
export type PermissionName = (typeof PERMISSION_NAMES)[number];

/** One schema per flag type, keyed by every permission name. */
function permissionFlags<T extends z.ZodType>(flag: T): Record<PermissionName, T> {
  return Object.fromEntries(PERMISSION_NAMES.map((name) => [name, flag])) as Record<PermissionName, T>;
}

export const permissionsSchema = z.object(permissionFlags(z.boolean()));
export type Permissions = z.infer<typeof permissionsSchema>;

/**
 * The capability flags and collection-management settings that `profileOrganization` and
 * `organization` both carry, as real booleans (the official SDK refuses null for them).
 */
const organizationFeatureFlags = {
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
  useRiskInsights: z.boolean(),
  useOrganizationDomains: z.boolean(),
  useAdminSponsoredFamilies: z.boolean(),
  useAutomaticUserConfirmation: z.boolean(),
  usePhishingBlocker: z.boolean(),
  selfHost: z.boolean(),
  limitCollectionCreation: z.boolean(),
  limitCollectionDeletion: z.boolean(),
  limitItemDeletion: z.boolean(),
  allowAdminAccessToAllCollectionItems: z.boolean(),
};

/**
 * `profileOrganization` (SRV `BaseProfileOrganizationResponseModel`). Every capability flag is a
 * real boolean: the official SDK refuses null for them.
 */
export const profileOrganizationSchema = z.object({
  ...organizationFeatureFlags,
  object: z.string(),
  id: guidSchema,
  name: z.string(),
  useActivateAutofillPolicy: z.boolean(),
  useDisableSMAdsForUsers: z.boolean(),
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
  userIsClaimedByOrganization: z.boolean(),
  ssoEnabled: z.boolean(),
  ssoMemberDecryptionType: z.int().nullable(),
  isAdminInitiated: z.boolean(),
});
export type ProfileOrganization = z.infer<typeof profileOrganizationSchema>;

/** ASP.NET's `[StringLength]` message, which the official server returns in `validationErrors`. */
function maxLength(field: string, max: number): { error: string } {
  return { error: `The field ${field} must be a string with a maximum length of ${max}.` };
}

/** `permissions` in requests: every flag optional (missing = false). */
export const permissionsRequestSchema = z.object(permissionFlags(z.boolean().nullish()));
export type PermissionsRequest = z.infer<typeof permissionsRequestSchema>;

/**
 * `POST /organizations` (`OrganizationCreateRequestModel`, admin-api.md §3.1). `key` is the new org
 * key RSA-wrapped (type 4) to the creator; `keys` is the org key pair; `collectionName` an
 * EncString under the org key. Payment fields are accepted (and ignored by the sandbox).
 */
export const organizationCreateRequestSchema = z.object({
  name: z.string().min(1).max(50, maxLength('Name', 50)),
  businessName: z.string().max(50, maxLength('BusinessName', 50)).nullish(),
  billingEmail: emailSchema,
  planType: z.int().min(0).nullish(),
  key: encStringSchema,
  keys: keysRequestSchema,
  collectionName: encStringSchema.max(1000).nullish(),
  paymentMethodType: z.int().nullish(),
  paymentToken: z.string().nullish(),
  billingAddressCountry: z.string().max(2).nullish(),
  billingAddressPostalCode: z.string().nullish(),
  billingAddressLine1: z.string().nullish(),
  billingAddressLine2: z.string().nullish(),
  billingAddressCity: z.string().nullish(),
  billingAddressState: z.string().nullish(),
  taxIdNumber: z.string().nullish(),
  additionalSeats: z.int().min(0).nullish(),
  additionalStorageGb: z.int().min(0).max(99).nullish(),
  premiumAccessAddon: z.boolean().nullish(),
  maxAutoscaleSeats: z.int().nullish(),
  useSecretsManager: z.boolean().nullish(),
  additionalSmSeats: z.int().min(0).nullish(),
  additionalServiceAccounts: z.int().min(0).nullish(),
  isFromSecretsManagerTrial: z.boolean().nullish(),
  skipTrial: z.boolean().nullish(),
  trialLength: z.int().min(0).max(30).nullish(),
  initiationPath: z.string().nullish(),
  coupons: z.array(z.string()).nullish(),
});
export type OrganizationCreateRequest = z.infer<typeof organizationCreateRequestSchema>;

/** `PUT /organizations/{id}`: every field optional; `billingEmail` needs the right to edit the subscription. */
export const organizationUpdateRequestSchema = z.object({
  name: z.string().min(1).max(50, maxLength('Name', 50)).nullish(),
  businessName: z.string().max(50, maxLength('BusinessName', 50)).nullish(),
  billingEmail: emailSchema.nullish(),
  keys: keysRequestSchema.nullish(),
});
export type OrganizationUpdateRequest = z.infer<typeof organizationUpdateRequestSchema>;

/** `PUT /organizations/{id}/collection-management`. */
export const collectionManagementRequestSchema = z.object({
  limitCollectionCreation: z.boolean().nullish(),
  limitCollectionDeletion: z.boolean().nullish(),
  limitItemDeletion: z.boolean().nullish(),
  allowAdminAccessToAllCollectionItems: z.boolean().nullish(),
});
export type CollectionManagementRequest = z.infer<typeof collectionManagementRequestSchema>;

/** `POST /organizations/{id}/api-key` and `/rotate-api-key`: the key type plus a secret verification. */
export const organizationApiKeyRequestSchema = secretVerificationRequestSchema.extend({
  type: z.union([z.literal(0), z.literal(1), z.literal(2)]).nullish(),
});
export type OrganizationApiKeyRequest = z.infer<typeof organizationApiKeyRequestSchema>;

/** `keyInformation` (`GET /organizations/{id}/api-key-information/{type?}`): never the secret. */
export const organizationKeyInformationResponseSchema = z.object({
  object: z.literal('keyInformation'),
  keyType: z.int(),
  revisionDate: z.string(),
});
export type OrganizationKeyInformationResponse = z.infer<typeof organizationKeyInformationResponseSchema>;

/** `GET /organizations/{id}/public-key` → `organizationPublicKey`. */
export const organizationPublicKeyResponseSchema = z.object({
  object: z.literal('organizationPublicKey'),
  publicKey: z.string().nullable(),
});
export type OrganizationPublicKeyResponse = z.infer<typeof organizationPublicKeyResponseSchema>;

/** `POST /organizations/{id}/keys` → `organizationKeys`. */
export const organizationKeysResponseSchema = z.object({
  object: z.literal('organizationKeys'),
  publicKey: z.string().nullable(),
  privateKey: z.string().nullable(),
});
export type OrganizationKeysResponse = z.infer<typeof organizationKeysResponseSchema>;

/** `plan` inside the organization response (a subset of the server's `PlanResponseModel`). */
export const planResponseSchema = z.looseObject({
  object: z.literal('plan'),
  type: z.int(),
  productTier: z.int(),
  name: z.string(),
  isAnnual: z.boolean(),
  passwordManager: z.looseObject({
    baseSeats: z.int(),
    maxSeats: z.int().nullable(),
    maxCollections: z.int().nullable(),
    hasAdditionalSeatsOption: z.boolean(),
    allowSeatAutoscale: z.boolean(),
  }),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

/** `organization` (`OrganizationResponseModel`, admin-api.md §3.2). */
export const organizationResponseSchema = z.object({
  ...organizationFeatureFlags,
  object: z.literal('organization'),
  id: guidSchema,
  name: z.string(),
  businessName: z.string().nullable(),
  businessAddress1: z.string().nullable(),
  businessAddress2: z.string().nullable(),
  businessAddress3: z.string().nullable(),
  businessCountry: z.string().nullable(),
  businessTaxNumber: z.string().nullable(),
  billingEmail: z.string(),
  plan: planResponseSchema.nullable(),
  secretsManagerPlan: z.unknown().nullable(),
  planType: z.int(),
  seats: z.int().nullable(),
  maxAutoscaleSeats: z.int().nullable(),
  maxCollections: z.int().nullable(),
  maxStorageGb: z.int().nullable(),
  hasPublicAndPrivateKeys: z.boolean(),
  smSeats: z.int().nullable(),
  smServiceAccounts: z.int().nullable(),
  maxAutoscaleSmSeats: z.int().nullable(),
  maxAutoscaleSmServiceAccounts: z.int().nullable(),
  useDisableSmAdsForUsers: z.boolean(),
  useMyItems: z.boolean(),
  useInviteLinks: z.boolean(),
  usePam: z.boolean(),
});
export type OrganizationResponse = z.infer<typeof organizationResponseSchema>;
