/**
 * Policy endpoints (admin-api.md §7.1, private API; §10.4, Public API) and the server version
 * from `GET /config`, which picks the SavePolicy body shape.
 */
import { z } from 'zod';
import type { ApiClient } from '../client.js';
import { listSchema } from '../pagination.js';

const dataSchema = z.record(z.string(), z.unknown()).nullish();

/**
 * A policy in any of its forms: status (`organizationId, type, data, enabled, canToggleState`, no
 * id), entity (`id, organizationId, type, data, enabled, revisionDate`) or public (`id, type,
 * enabled, data`).
 */
export const policySchema = z.looseObject({
  id: z.string().nullish(),
  organizationId: z.string().nullish(),
  type: z.int(),
  enabled: z.boolean(),
  data: dataSchema,
  canToggleState: z.boolean().nullish(),
  revisionDate: z.string().nullish(),
});
export type PolicyResponse = z.infer<typeof policySchema>;

/** SavePolicy as current servers (since 2026-04) and Vaultwarden take it. */
export interface WrappedSavePolicy {
  policy: { enabled: boolean; data: Record<string, unknown> | null };
  metadata?: Record<string, unknown>;
}
/** SavePolicy as older servers (up to early 2026, most self-hosted installs) take it. */
export interface FlatSavePolicy {
  type: number;
  enabled: boolean;
  data: Record<string, unknown> | null;
}
export type SavePolicyBody = WrappedSavePolicy | FlatSavePolicy;

const base = (orgId: string) => `/organizations/${encodeURIComponent(orgId)}/policies`;

export async function listPolicies(api: ApiClient, orgId: string): Promise<PolicyResponse[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: base(orgId), schema: listSchema(policySchema) });
  return list.data;
}

/** The status form; the server answers a default disabled object for a policy never saved. */
export function getPolicy(api: ApiClient, orgId: string, type: number): Promise<PolicyResponse> {
  return api.request({ service: 'api', method: 'GET', path: `${base(orgId)}/${type}`, schema: policySchema });
}

export function savePolicy(api: ApiClient, orgId: string, type: number, body: SavePolicyBody): Promise<PolicyResponse> {
  return api.request({ service: 'api', method: 'PUT', path: `${base(orgId)}/${type}`, json: body, schema: policySchema });
}

export async function listPublicPolicies(api: ApiClient): Promise<PolicyResponse[]> {
  const list = await api.request({ service: 'api', method: 'GET', path: '/public/policies', schema: listSchema(policySchema) });
  return list.data;
}

/** `PUT /public/policies/{type}`: always the flat `{enabled, data, metadata}` body. */
export function savePublicPolicy(
  api: ApiClient,
  type: number,
  body: { enabled: boolean; data: Record<string, unknown> | null; metadata?: Record<string, unknown> },
): Promise<PolicyResponse> {
  return api.request({ service: 'api', method: 'PUT', path: `/public/policies/${type}`, json: body, schema: policySchema });
}

const configVersionSchema = z.looseObject({ version: z.string().nullish() });

/** `GET /config` → `version` (e.g. "2026.9.0"); undefined when the server does not say. */
export async function getServerVersion(api: ApiClient): Promise<string | undefined> {
  const config = await api.request({ service: 'api', method: 'GET', path: '/config', schema: configVersionSchema });
  return config.version ?? undefined;
}
