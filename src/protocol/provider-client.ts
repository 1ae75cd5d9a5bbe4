/**
 * Provider clients (client organizations): `/providers/{pid}/organizations` (list, add existing,
 * detach) and the consolidated-billing `/providers/{pid}/clients` routes. The `id` of a client in
 * these routes is the ProviderOrganization id (the link row), not the organization id.
 */
import { z } from 'zod';
import { guidSchema, listResponseSchema } from './common.js';
import { PlanType } from './organization.js';

/** Plan types `POST /providers/{pid}/clients` accepts at all (the provider type narrows them further). */
export const CLIENT_PLAN_TYPES = [PlanType.TeamsMonthly, PlanType.EnterpriseMonthly, PlanType.EnterpriseAnnually] as const;

/** `CreateClientOrganizationRequestBody` (`POST /providers/{pid}/clients`). */
export const createClientOrganizationRequestSchema = z.object({
  name: z.string({ error: "'name' must be provided" }),
  ownerEmail: z.string({ error: "'ownerEmail' must be provided" }),
  planType: z
    .int()
    .refine((value) => (CLIENT_PLAN_TYPES as readonly number[]).includes(value), {
      error: "'planType' must be Teams (Monthly), Enterprise (Monthly) or Enterprise (Annually)",
    }),
  seats: z.int().min(1, "'seats' must be greater than 0"),
  /** The new org key wrapped (type 2) with the provider key. */
  key: z.string({ error: "'key' must be provided" }),
  keyPair: z.object(
    {
      publicKey: z.string({ error: "'publicKey' must be provided" }),
      encryptedPrivateKey: z.string({ error: "'encryptedPrivateKey' must be provided" }),
    },
    { error: "'keyPair' must be provided" },
  ),
  /** Name of the first collection, encrypted with the org key. */
  collectionName: z.string({ error: "'collectionName' must be provided" }),
});
export type CreateClientOrganizationRequest = z.infer<typeof createClientOrganizationRequestSchema>;

/** `AddExistingOrganizationRequestBody` (`POST /providers/{pid}/clients/existing`). */
export const addExistingOrganizationRequestSchema = z.object({
  key: z.string({ error: "'key' must be provided" }),
  organizationId: z.string({ error: "'organizationId' must be provided" }).pipe(guidSchema),
});
export type AddExistingOrganizationRequest = z.infer<typeof addExistingOrganizationRequestSchema>;

/** `ProviderOrganizationAddRequestModel` (`POST /providers/{pid}/organizations/add`, legacy). */
export const providerOrganizationAddRequestSchema = z.object({
  organizationId: guidSchema,
  key: z.string(),
});
export type ProviderOrganizationAddRequest = z.infer<typeof providerOrganizationAddRequestSchema>;

/** `UpdateClientOrganizationRequestBody` (`PUT /providers/{pid}/clients/{providerOrganizationId}`). */
export const updateClientOrganizationRequestSchema = z.object({
  assignedSeats: z.int().min(0, 'You cannot assign negative seats to a client organization.'),
  name: z.string(),
});
export type UpdateClientOrganizationRequest = z.infer<typeof updateClientOrganizationRequestSchema>;

/** `providerOrganization` (the link row). */
export const providerOrganizationResponseSchema = z.object({
  object: z.string(),
  id: guidSchema,
  providerId: guidSchema,
  organizationId: guidSchema,
  /** The org key wrapped (type 2) with the provider key. */
  key: z.string().nullable(),
  settings: z.string().nullable(),
  creationDate: z.string(),
  revisionDate: z.string(),
});
export type ProviderOrganizationResponse = z.infer<typeof providerOrganizationResponseSchema>;

/**
 * `providerOrganizationOrganizationDetail` (`GET /providers/{pid}/organizations`): the link row plus
 * the client's name, plan display name and seat numbers.
 */
export const providerOrganizationOrganizationDetailsResponseSchema = providerOrganizationResponseSchema.extend({
  object: z.literal('providerOrganizationOrganizationDetail'),
  organizationName: z.string().nullable(),
  /** Members with status Confirmed. */
  userCount: z.int(),
  /** `Organization.Seats`: seats the provider assigned. */
  seats: z.int().nullable(),
  /** Members with status Invited, Accepted or Confirmed. */
  occupiedSeats: z.int().nullable(),
  remainingSeats: z.int().nullable(),
  plan: z.string().nullable(),
});
export type ProviderOrganizationOrganizationDetailsResponse = z.infer<
  typeof providerOrganizationOrganizationDetailsResponseSchema
>;
export const providerOrganizationListResponseSchema = listResponseSchema(
  providerOrganizationOrganizationDetailsResponseSchema,
);

/** One item of `GET /providers/{pid}/clients/addable` (a raw array, no list wrapper, no `object`). */
export const addableOrganizationSchema = z.object({
  id: guidSchema,
  name: z.string(),
  plan: z.string(),
  seats: z.int(),
  disabled: z.boolean(),
});
export type AddableOrganization = z.infer<typeof addableOrganizationSchema>;
export const addableOrganizationListSchema = z.array(addableOrganizationSchema);
