/** Provider (MSP) enums and the provider parts of the profile (sync). */
import { z } from 'zod';
import { guidSchema } from './common.js';
import { profileOrganizationSchema } from './organization.js';

export const ProviderType = {
  Msp: 0,
  Reseller: 1,
  BusinessUnit: 2,
} as const;
export type ProviderType = (typeof ProviderType)[keyof typeof ProviderType];

export const ProviderStatusType = {
  Pending: 0,
  Created: 1,
  Billable: 2,
} as const;
export type ProviderStatusType = (typeof ProviderStatusType)[keyof typeof ProviderStatusType];

export const ProviderUserType = {
  ProviderAdmin: 0,
  ServiceUser: 1,
} as const;
export type ProviderUserType = (typeof ProviderUserType)[keyof typeof ProviderUserType];

export const ProviderUserStatusType = {
  Invited: 0,
  Accepted: 1,
  Confirmed: 2,
} as const;
export type ProviderUserStatusType = (typeof ProviderUserStatusType)[keyof typeof ProviderUserStatusType];

/** `profileProvider` (sync `profile.providers[]`): `key` is the provider key RSA-wrapped (type 4) to this user. */
export const profileProviderSchema = z.object({
  object: z.literal('profileProvider'),
  id: guidSchema,
  name: z.string(),
  key: z.string().nullable(),
  status: z.int(),
  type: z.int(),
  enabled: z.boolean(),
  permissions: z.record(z.string(), z.boolean()),
  userId: z.string().nullable(),
  useEvents: z.boolean(),
  providerStatus: z.int(),
  providerType: z.int(),
});
export type ProfileProvider = z.infer<typeof profileProviderSchema>;

/**
 * `profileProviderOrganization` (sync `profile.providerOrganizations[]`): the organization shape with
 * `key` = org key wrapped (type 2) by the provider key, `type` Owner and `status` Confirmed.
 */
export const profileProviderOrganizationSchema = profileOrganizationSchema.extend({
  object: z.literal('profileProviderOrganization'),
});
export type ProfileProviderOrganization = z.infer<typeof profileProviderOrganizationSchema>;
