/** `GET {api}/config` (anonymous or authenticated). */
import { z } from 'zod';

export const PushTechnologyType = {
  SignalR: 0,
  WebPush: 1,
} as const;

export const configResponseSchema = z.object({
  object: z.literal('config'),
  version: z.string(),
  gitHash: z.string().nullable(),
  server: z.object({ name: z.string(), url: z.string() }).nullable(),
  environment: z.object({
    cloudRegion: z.string().nullable(),
    vault: z.string(),
    api: z.string(),
    identity: z.string(),
    notifications: z.string(),
    sso: z.string(),
  }),
  featureStates: z.record(z.string(), z.unknown()),
  push: z.object({
    pushTechnology: z.int(),
    vapidPublicKey: z.string().nullable(),
  }),
  communication: z.unknown().nullable(),
  settings: z.object({
    disableUserRegistration: z.boolean(),
    suppressOnboardingInterstitials: z.boolean().optional(),
  }),
});
export type ConfigResponse = z.infer<typeof configResponseSchema>;
