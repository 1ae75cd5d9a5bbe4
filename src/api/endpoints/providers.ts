/**
 * The provider object and its event log (admin-api.md §1.2, §1.4, §8.1). Status and "enabled" are
 * not part of the `provider` response; they come from `/sync` `profile.providers[]` (§2.6).
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import type { Page } from '../pagination.js';
import { listSchema } from '../pagination.js';
import { eventSchema, type EventResponse, type EventWindow } from './events.js';

/** `provider` (§1.2), the fields bwmsp reads. */
export const providerSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  businessName: z.string().nullish(),
  billingEmail: z.string().nullish(),
  creationDate: z.string().nullish(),
  type: z.int().nullish(),
});
export type ProviderResponse = z.infer<typeof providerSchema>;

/** ProviderUpdate (§1.2): `name` (≤50) and `billingEmail` are required, `businessName` optional. */
export interface ProviderUpdateRequest {
  name: string;
  businessName?: string | null;
  billingEmail: string;
}

/**
 * ProviderSetup (§1.2). `key` is the new provider key RSA-wrapped (type 4) to the caller's own
 * public key. `paymentMethod` and `billingAddress` are required by the official server: on the cloud
 * the payment token comes from Stripe/Braintree tokenization in the web vault.
 */
export interface ProviderSetupRequest {
  name: string;
  businessName?: string;
  billingEmail: string;
  token: string;
  key: string;
  paymentMethod: { type: 'card' | 'bankAccount' | 'payPal'; token: string };
  billingAddress: { country: string; postalCode: string; line1?: string; line2?: string; city?: string; state?: string };
}

function providerPath(providerId: string, rest = ''): string {
  return `/providers/${encodeURIComponent(providerId)}${rest}`;
}

export function getProvider(api: ApiClient, providerId: string): Promise<ProviderResponse> {
  return api.request({ service: 'api', method: 'GET', path: providerPath(providerId), schema: providerSchema });
}

export function updateProvider(api: ApiClient, providerId: string, body: ProviderUpdateRequest): Promise<ProviderResponse> {
  return api.request({ service: 'api', method: 'PUT', path: providerPath(providerId), json: body, schema: providerSchema });
}

export function setupProvider(api: ApiClient, providerId: string, body: ProviderSetupRequest): Promise<ProviderResponse> {
  return api.request({ service: 'api', method: 'POST', path: providerPath(providerId, '/setup'), json: body, schema: providerSchema });
}

/** `GET /providers/{pid}/events` (ProviderAdmin), pages of 50 (§8.1). */
export function listProviderEvents(api: ApiClient, providerId: string, window: EventWindow): Promise<Page<EventResponse>> {
  return api.request({
    service: 'api',
    method: 'GET',
    path: providerPath(providerId, '/events'),
    query: { start: window.start, end: window.end, continuationToken: window.continuationToken },
    schema: listSchema(eventSchema),
  });
}
