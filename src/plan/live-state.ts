/**
 * The live state of one client organization as the onboarding diff needs it: collections
 * (decrypted names, external ids), groups with their collection access, saved policies and members.
 * Read only through the domain modules (GET requests only).
 */
import { permissionOf, type Permission } from '../domain/access-level.js';
import type { AdminOrg } from '../domain/admin-org.js';
import { loadCollections, CollectionType } from '../domain/collection.js';
import { loadGroups } from '../domain/group-info.js';
import { listMemberViews } from '../domain/member.js';
import { listPolicyStates } from '../domain/policy.js';
import { readScimState } from '../domain/scim.js';
import { readSsoState } from '../domain/sso.js';
import type { OrganizationSsoResponse } from '../protocol/sso.js';

export interface LiveClient {
  id: string;
  providerOrganizationId: string;
  name: string;
  seats: number | null;
}

export interface LiveCollection {
  id: string;
  /** Null when the name does not decrypt. */
  name: string | null;
  externalId: string | null;
}

export interface LiveGroup {
  id: string;
  name: string;
  externalId: string | null;
  collections: { collectionId: string; permission: Permission }[];
}

export interface LivePolicy {
  type: number;
  enabled: boolean;
  data: Record<string, unknown> | null;
}

export interface LiveMember {
  id: string;
  email: string;
  /** invited, accepted, confirmed, revoked, staged. */
  status: string;
  role: string;
  permissions: string[];
  /** Group names. */
  groups: string[];
}

export interface LiveState {
  /** Null: the client does not exist yet (everything is to be created). */
  client: LiveClient | null;
  collections: LiveCollection[];
  groups: LiveGroup[];
  policies: LivePolicy[];
  members: LiveMember[];
  /** SSO configuration: undefined = not read (new client), null = the server has no such endpoint. */
  sso?: OrganizationSsoResponse | null;
  /** SCIM connection enabled: undefined = not read, null = the server has no such endpoint. */
  scim?: boolean | null;
}

export function emptyLiveState(client: LiveClient | null = null): LiveState {
  return { client, collections: [], groups: [], policies: [], members: [] };
}

/** Reads everything the diff compares, from an organization opened with its key. */
export async function readLiveState(org: AdminOrg, client: LiveClient, warn: (message: string) => void): Promise<LiveState> {
  const [collections, groups, policies, members, sso, scim] = await Promise.all([
    loadCollections(org, warn),
    loadGroups(org),
    listPolicyStates(org),
    listMemberViews(org, {}, warn),
    readSsoState(org),
    readScimState(org),
  ]);
  return {
    client,
    collections: collections.filter((c) => c.type === CollectionType.Shared).map((c) => ({ id: c.id, name: c.name, externalId: c.externalId })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      externalId: g.externalId,
      collections: g.collections.map((s) => ({ collectionId: s.id, permission: permissionOf(s) })),
    })),
    policies: policies.map((p) => ({ type: p.type, enabled: p.enabled, data: p.data })),
    members: members
      .filter((m) => m.email !== null)
      .map((m) => ({ id: m.id, email: (m.email as string).toLowerCase(), status: m.status, role: m.role, permissions: m.permissions, groups: m.groups ?? [] })),
    sso,
    scim,
  };
}
