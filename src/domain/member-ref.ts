/**
 * Members as the collection, group and event verbs name them: by e-mail or by id (organization
 * user id, or the account's user id). Loaded from `GET /organizations/{id}/users`, or
 * `GET /public/members` with an organization API key.
 */
import { listMembers } from '../api/endpoints/members.js';
import { listPublicMembers } from '../api/endpoints/public-members.js';
import type { AdminOrg } from './admin-org.js';
import { findOne, tryFindOne, type LookupSpec } from './name-lookup.js';

export interface MemberInfo {
  /** Organization user id ("member id"). */
  id: string;
  /** Account id; null while invited. */
  userId: string | null;
  email: string | null;
  name: string | null;
  status: number | null;
}

export async function loadMembers(org: AdminOrg): Promise<MemberInfo[]> {
  const rows = org.kind === 'organization' ? await listPublicMembers(org.api) : await listMembers(org.api, org.orgId);
  return rows.map((r) => ({ id: r.id, userId: r.userId ?? null, email: r.email ?? null, name: r.name ?? null, status: r.status ?? null }));
}

function memberSpec(org: Pick<AdminOrg, 'name'>): LookupSpec<MemberInfo> {
  // A user id also names the member (events carry user ids).
  return { kind: 'member', where: ` in ${org.name}`, id: (m) => m.id, names: (m) => [m.email, m.userId] };
}

export function findMember(org: Pick<AdminOrg, 'name'>, members: readonly MemberInfo[], ref: string): MemberInfo {
  return findOne(members, ref, memberSpec(org));
}

export interface Resolved<T> {
  ref: string;
  item: T;
}

/** Resolves every ref; the ones that fail come back as failures (for PartialFailureError). */
export function resolveMembers(org: Pick<AdminOrg, 'name'>, members: readonly MemberInfo[], refs: readonly string[]) {
  const resolved: Resolved<MemberInfo>[] = [];
  const failures: { item: string; error: string }[] = [];
  for (const ref of refs) {
    const found = tryFindOne(members, ref, memberSpec(org));
    if ('item' in found) resolved.push({ ref, item: found.item });
    else failures.push({ item: ref, error: found.error });
  }
  return { resolved, failures };
}

/** What to show for a member: the e-mail, else the id. */
export function memberLabel(member: Pick<MemberInfo, 'id' | 'email'>): string {
  return member.email ?? member.id;
}
