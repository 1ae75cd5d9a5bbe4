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
