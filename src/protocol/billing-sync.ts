/**
 * Billing sync wire shapes (licensing-and-selfhost.md §3): the cloud token is an organization API
 * key of type 1 (BillingSync); the self-hosted server keeps it in an organization connection of
 * type 1 (CloudBillingSync) whose `config` is stored and returned PascalCase.
 */
import { z } from 'zod';

/** Request body `config` of a type-1 connection: the web client sends only `billingSyncKey`. */
export const billingSyncConfigRequestSchema = z.looseObject({
  billingSyncKey: z.string().nullish(),
  cloudOrganizationId: z.string().nullish(),
  lastLicenseSync: z.string().nullish(),
});
export type BillingSyncConfigRequest = z.infer<typeof billingSyncConfigRequestSchema>;

/** `GET organizations/{id}/subscription` (self-hosted fields, §1.2/§2.1); other fields pass through. */
export const organizationSubscriptionResponseSchema = z.looseObject({
  expiration: z.string().nullish(),
  expirationWithoutGracePeriod: z.string().nullish(),
  seats: z.int().nullish(),
  maxCollections: z.int().nullish(),
  plan: z.looseObject({ name: z.string().nullish() }).nullish(),
  planType: z.int().nullish(),
});
export type OrganizationSubscriptionResponse = z.infer<typeof organizationSubscriptionResponseSchema>;

/**
 * The one message a self-hosted server answers for every failure of the cloud leg of a license
 * sync (§3.3 step 5); the real cause is only in the self-hosted API log.
 */
export const GENERIC_SYNC_FAILURE = 'An error has occurred. Check your internet connection and ensure the billing token is correct.';
