/** Provider (MSP) enums and the provider parts of the profile (sync). */
import { z } from 'zod';
import { emailSchema, encStringSchema, guidSchema } from './common.js';
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

/** Longest provider name / business name the server accepts (`StringLength(50)`). */
export const PROVIDER_NAME_MAX_LENGTH = 50;

/**
 * `provider` (`GET/PUT /providers/{id}`, `POST /providers/{id}/setup`). Status and enabled are not
 * part of it: read them from sync `profile.providers[].providerStatus`.
 */
export const providerResponseSchema = z.object({
  object: z.literal('provider'),
  id: guidSchema,
  name: z.string().nullable(),
  businessName: z.string().nullable(),
  businessAddress1: z.string().nullable(),
  businessAddress2: z.string().nullable(),
  businessAddress3: z.string().nullable(),
  businessCountry: z.string().nullable(),
  businessTaxNumber: z.string().nullable(),
  billingEmail: z.string().nullable(),
  creationDate: z.string(),
  type: z.int(),
});
export type ProviderResponse = z.infer<typeof providerResponseSchema>;

const providerNameSchema = z
  .string({ error: 'The Name field is required.' })
  .max(PROVIDER_NAME_MAX_LENGTH, 'The field Name exceeds the maximum length.');
const providerBusinessNameSchema = z
  .string()
  .max(PROVIDER_NAME_MAX_LENGTH, 'The field Business Name exceeds the maximum length.')
  .nullish();

/** `ProviderUpdateRequestModel` (`PUT /providers/{id}`). */
export const providerUpdateRequestSchema = z.object({
  name: providerNameSchema,
  businessName: providerBusinessNameSchema,
  billingEmail: emailSchema,
});
export type ProviderUpdateRequest = z.infer<typeof providerUpdateRequestSchema>;

/** Payment method types a provider setup may carry (tokenized by Stripe / Braintree on the real server). */
export const TOKENIZED_PAYMENT_METHOD_TYPES = ['bankAccount', 'card', 'payPal'] as const;
export type TokenizedPaymentMethodType = (typeof TOKENIZED_PAYMENT_METHOD_TYPES)[number];

/** `MinimalTokenizedPaymentMethodRequest`: `{type, token}`. */
export const tokenizedPaymentMethodSchema = z.object({
  type: z.enum(TOKENIZED_PAYMENT_METHOD_TYPES, {
    error: `Payment method type must be one of: ${TOKENIZED_PAYMENT_METHOD_TYPES.join(', ')}`,
  }),
  token: z.string(),
});
export type TokenizedPaymentMethod = z.infer<typeof tokenizedPaymentMethodSchema>;

/** `BillingAddressRequest`: country (2 letters) and postal code required, the rest optional. */
export const billingAddressSchema = z.object({
  country: z.string().length(2, 'Country code must be 2 characters long.'),
  postalCode: z.string(),
  line1: z.string().nullish(),
  line2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  taxId: z.object({ code: z.string(), value: z.string() }).nullish(),
});
export type BillingAddress = z.infer<typeof billingAddressSchema>;

/**
 * `ProviderSetupRequestModel` (`POST /providers/{id}/setup`). `key` is the new provider key RSA-wrapped
 * (type 4) to the caller's own public key. The official server requires `paymentMethod` and
 * `billingAddress`; the sandbox (no payment processor) also accepts the request without them.
 */
export const providerSetupRequestSchema = z.object({
  name: providerNameSchema,
  businessName: providerBusinessNameSchema,
  billingEmail: emailSchema,
  token: z.string(),
  key: encStringSchema,
  paymentMethod: tokenizedPaymentMethodSchema.nullish(),
  billingAddress: billingAddressSchema.nullish(),
});
export type ProviderSetupRequest = z.infer<typeof providerSetupRequestSchema>;
