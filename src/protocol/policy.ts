/** Policy types and the policy response models. */
import { z } from 'zod';

export const PolicyType = {
  TwoFactorAuthentication: 0,
  MasterPassword: 1,
  PasswordGenerator: 2,
  SingleOrg: 3,
  RequireSso: 4,
  OrganizationDataOwnership: 5,
  DisableSend: 6,
  SendOptions: 7,
  ResetPassword: 8,
  MaximumVaultTimeout: 9,
  DisablePersonalVaultExport: 10,
  ActivateAutofill: 11,
  AutomaticAppLogIn: 12,
  FreeFamiliesSponsorshipPolicy: 13,
  RemoveUnlockWithPin: 14,
  RestrictedItemTypesPolicy: 15,
  UriMatchDefaults: 16,
  AutotypeDefaultSetting: 17,
  AutomaticUserConfirmation: 18,
  BlockClaimedDomainAccountCreation: 19,
  OrganizationUserNotification: 20,
  SendControls: 21,
  FillAssist: 22,
} as const;
export type PolicyType = (typeof PolicyType)[keyof typeof PolicyType];

/** Entity form (`PolicyResponseModel`), as in sync `policies[]`. */
export const policyResponseSchema = z.object({
  object: z.literal('policy'),
  id: z.string(),
  organizationId: z.string(),
  type: z.int(),
  data: z.record(z.string(), z.unknown()).nullable(),
  enabled: z.boolean(),
  revisionDate: z.string().optional(),
});
export type PolicyResponse = z.infer<typeof policyResponseSchema>;

/** `data` of the MasterPassword policy (type 1). */
export const masterPasswordPolicyDataSchema = z.object({
  minComplexity: z.int().min(0).max(4).nullish(),
  minLength: z.int().min(12).max(128).nullish(),
  requireUpper: z.boolean().nullish(),
  requireLower: z.boolean().nullish(),
  requireNumbers: z.boolean().nullish(),
  requireSpecial: z.boolean().nullish(),
  enforceOnLogin: z.boolean().nullish(),
});
export type MasterPasswordPolicyData = z.infer<typeof masterPasswordPolicyDataSchema>;

/**
 * Display names of the policy types, as the official server words them in its error messages
 * (`PolicyTypeExtensions.GetName` in bitwarden/server `src/Core/AdminConsole/Enums/PolicyType.cs`).
 */
export const POLICY_DISPLAY_NAMES: Readonly<Record<PolicyType, string>> = {
  0: 'Require two-step login',
  1: 'Master password requirements',
  2: 'Password generator',
  3: 'Single organization',
  4: 'Require single sign-on (SSO)',
  5: 'Centralize organization ownership',
  6: 'Remove Send',
  7: 'Send options',
  8: 'Account recovery administration',
  9: 'Session timeout',
  10: 'Remove export',
  11: 'Enable autofill on page load',
  12: 'Automatic login with SSO',
  13: 'Remove sponsored Families plan',
  14: 'Remove Unlock with PIN',
  15: 'Remove card item type',
  16: 'Default URI match detection',
  17: 'Desktop autotype default setting',
  18: 'Automatic user confirmation',
  19: 'Block account creation for claimed domains',
  20: 'Vault banner',
  21: 'Manage Send and share',
  22: 'Activate fill assist',
};

/** Policies that need the Single organization policy (3) on first (`RequiredPolicies`, admin-api.md §7.2). */
export const POLICIES_REQUIRING_SINGLE_ORG: readonly PolicyType[] = [
  PolicyType.RequireSso,
  PolicyType.ResetPassword,
  PolicyType.MaximumVaultTimeout,
  PolicyType.UriMatchDefaults,
  PolicyType.AutomaticUserConfirmation,
  PolicyType.OrganizationUserNotification,
];

const policyDataSchema = z.record(z.string(), z.unknown());

/** SavePolicy, current servers (since 2026-04): `{policy: {enabled, data?}, metadata?}`. */
export const savePolicyRequestSchema = z.object({
  policy: z.object({
    enabled: z.boolean(),
    data: policyDataSchema.nullish(),
  }),
  metadata: policyDataSchema.nullish(),
});
export type SavePolicyRequest = z.infer<typeof savePolicyRequestSchema>;

/** SavePolicy, older servers (most self-hosted installs): flat `{type, enabled, data?}`; `type` must equal the route's. */
export const legacySavePolicyRequestSchema = z.object({
  type: z.int(),
  enabled: z.boolean(),
  data: policyDataSchema.nullish(),
});
export type LegacySavePolicyRequest = z.infer<typeof legacySavePolicyRequestSchema>;

/** Status form (`PolicyStatusResponseModel`): no `id`; a default disabled object when never saved. */
export const policyStatusResponseSchema = z.object({
  object: z.literal('policy'),
  organizationId: z.string(),
  type: z.int(),
  data: policyDataSchema.nullable(),
  enabled: z.boolean(),
  canToggleState: z.boolean(),
});
export type PolicyStatusResponse = z.infer<typeof policyStatusResponseSchema>;

/** `data` of the ResetPassword (account recovery) policy (type 8). */
export const resetPasswordPolicyDataSchema = z.object({ autoEnrollEnabled: z.boolean().nullish() });

/** `data` of the SendOptions policy (type 7). */
export const sendOptionsPolicyDataSchema = z.object({ disableHideEmail: z.boolean().nullish() });

/** `data` of the MaximumVaultTimeout policy (type 9). */
export const maximumVaultTimeoutPolicyDataSchema = z.object({
  minutes: z.int().min(1),
  action: z.enum(['lock', 'logOut']).nullish(),
});

/** `data` of the SendControls policy (type 21). */
export const sendControlsPolicyDataSchema = z.object({
  disableSend: z.boolean().nullish(),
  disableHideEmail: z.boolean().nullish(),
  whoCanAccess: z.union([z.literal(0), z.literal(1), z.literal(2)]).nullish(),
  allowedDomains: z.string().max(1000).nullish(),
  deletionHours: z.int().nullish(),
  allowedSendTypes: z.array(z.union([z.literal(0), z.literal(1), z.literal(2)])).nullish(),
});

/** `data` of the FillAssist policy (type 22); `rulesUrl` is required when enabling. */
export const fillAssistPolicyDataSchema = z.object({ rulesUrl: z.string().regex(/^https:\/\//) });

/** `metadata` of the OrganizationDataOwnership policy (type 5). */
export const organizationDataOwnershipMetadataSchema = z.object({
  defaultUserCollectionName: z.string().nullish(),
});
