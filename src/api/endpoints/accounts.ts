/**
 * Account endpoints the CLI reads: /sync (the key chain) and /accounts/profile.
 * The schemas here keep only what bwmsp uses, so extra or newer fields of real servers pass.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';

const membership = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  key: z.string().nullish(),
  status: z.int().nullish(),
  type: z.int().nullish(),
});

export const syncProfileSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string().nullish(),
  key: z.string().nullish(),
  privateKey: z.string().nullish(),
  organizations: z.array(membership.extend({ providerId: z.string().nullish() })).default([]),
  providers: z.array(membership).default([]),
  providerOrganizations: z.array(membership.extend({ providerId: z.string() })).default([]),
});
export type SyncProfile = z.infer<typeof syncProfileSchema>;

export const syncSchema = z.looseObject({
  profile: syncProfileSchema,
  collections: z.array(z.looseObject({ id: z.string(), organizationId: z.string(), name: z.string() })).default([]),
});
export type Sync = z.infer<typeof syncSchema>;

export function getSync(api: ApiClient): Promise<Sync> {
  return api.request({ service: 'api', method: 'GET', path: '/sync', query: { excludeDomains: true }, schema: syncSchema });
}
