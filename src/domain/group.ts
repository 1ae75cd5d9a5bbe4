/**
 * Groups (admin-api.md §6, §10.2): create, rename, delete, membership and collection access.
 * The private API replaces `collections` and `users` wholesale on PUT, so every change reads the
 * group first and sends both lists back. External ids are settable only through the Public API
 * (organization API key sessions).
 */
import type { AccessSelection } from '../api/endpoints/collections.js';
import {
  createGroup as apiCreateGroup,
  createPublicGroup,
  deleteGroup as apiDeleteGroup,
  deletePublicGroup,
  getGroupDetails,
  getGroupUserIds,
  getPublicGroupMemberIds,
  removeGroupUser,
  setPublicGroupMemberIds,
  updateGroup,
  updatePublicGroup,
} from '../api/endpoints/groups.js';
import { NotFoundError, UsageError, type ItemFailure } from '../errors.js';
import { permissionFlags, permissionOf, sameAccess, type Permission } from './access-level.js';
import type { AdminOrg } from './admin-org.js';
import { findCollection, loadCollections, type CollectionEntry, type Warn } from './collection.js';
import { findGroupIn, loadGroups, type GroupInfo } from './group-info.js';
import { loadMembers, resolveMembers, type MemberInfo } from './member-ref.js';
import { findOne } from './name-lookup.js';

export const MAX_GROUP_NAME = 100;
export const MAX_EXTERNAL_ID = 300;

export interface CollectionGrant {
  ref: string;
  permission: Permission;
}

function validateGroupName(name: string, flag: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError(`${flag}: the group name is empty`);
  if (trimmed.length > MAX_GROUP_NAME) throw new UsageError(`${flag}: group names have at most ${MAX_GROUP_NAME} characters (got ${trimmed.length})`);
  return trimmed;
}

function validateExternalId(org: AdminOrg, value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (org.kind === 'user') {
    throw new UsageError('--external-id: the server takes group external ids only through the Public API', {
      hint: "Log in with the organization's API key ('bwmsp login --org-apikey') to set external ids, or use directory sync.",
    });
  }
  const trimmed = value.trim();
  if (trimmed.length > MAX_EXTERNAL_ID) throw new UsageError(`--external-id has at most ${MAX_EXTERNAL_ID} characters`);
  return trimmed === '' ? null : trimmed;
}

export function findGroup(org: AdminOrg, groups: readonly GroupInfo[], ref: string): GroupInfo {
  return findOne(groups, ref, findGroupIn(org));
}

/** Resolves `name[:permission]` grants to selections; unknown collections fail the whole call. */
function resolveGrants(org: AdminOrg, collections: readonly CollectionEntry[], grants: readonly CollectionGrant[]): AccessSelection[] {
  const out: AccessSelection[] = [];
  const problems: string[] = [];
  for (const grant of grants) {
    try {
      const entry = findCollection(org, collections, grant.ref);
      const existing = out.findIndex((s) => s.id === entry.id);
      const selection = { id: entry.id, ...permissionFlags(grant.permission) };
      if (existing >= 0) out[existing] = selection;
      else out.push(selection);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length) throw new NotFoundError(problems.join('; '));
  return out;
}

export interface GroupView {
  id: string;
  name: string;
  externalId: string | null;
  members: { id: string; email: string | null }[];
  collections: { id: string; name: string | null; permission: Permission }[];
}

function viewOf(group: GroupInfo, memberIds: readonly string[] | null, members: readonly MemberInfo[], collections: readonly CollectionEntry[]): GroupView {
  return {
    id: group.id,
    name: group.name,
    externalId: group.externalId,
    members: (memberIds ?? [])
      .map((id) => ({ id, email: members.find((m) => m.id.toLowerCase() === id.toLowerCase())?.email ?? null }))
      .sort((a, b) => (a.email ?? a.id).localeCompare(b.email ?? b.id)),
    // Sorted by name (unknown names last), so output does not depend on the server's row order.
    collections: group.collections
      .map((c) => ({ id: c.id, name: collections.find((e) => e.id === c.id)?.name ?? null, permission: permissionOf(c) }))
      .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name))),
  };
}

async function memberIdsOf(org: AdminOrg, groupId: string): Promise<string[]> {
  return org.kind === 'organization' ? getPublicGroupMemberIds(org.api, groupId) : getGroupUserIds(org.api, org.orgId, groupId);
}

/** Best effort: a list the caller may not read leaves names out instead of failing. */
async function optional<T>(load: () => Promise<T[]>, warn: Warn, what: string): Promise<T[]> {
  try {
    return await load();
  } catch (error) {
    warn(`${what} are not shown: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

export async function listGroups(org: AdminOrg, warn: Warn): Promise<GroupView[]> {
  const groups = await loadGroups(org);
  if (groups.length === 0) return [];
  const [members, collections, memberIds] = await Promise.all([
    optional(() => loadMembers(org), warn, 'member e-mails'),
    org.orgKey ? optional(() => loadCollections(org, warn), warn, 'collection names') : Promise.resolve([]),
    Promise.all(groups.map((g) => memberIdsOf(org, g.id))),
  ]);
  return groups.map((g, i) => viewOf(g, memberIds[i] ?? [], members, collections));
}

export interface GroupCreateResult {
  group: GroupView;
  created: boolean;
}

/** Creates a group unless one of that name exists (then `created: false`, nothing changes). */
export async function createGroup(
  org: AdminOrg,
  rawName: string,
  options: { externalId?: string | undefined; collections: readonly CollectionGrant[]; warn: Warn },
): Promise<GroupCreateResult> {
  const name = validateGroupName(rawName, '<name>');
  const externalId = validateExternalId(org, options.externalId);
  const groups = await loadGroups(org);
  const existing = groups.find((g) => g.name === name);
  const collections = options.collections.length ? await loadCollections(org, options.warn) : [];
  if (existing) {
    return { group: viewOf(existing, await memberIdsOf(org, existing.id), [], collections), created: false };
  }
  const selections = resolveGrants(org, collections, options.collections);
  const made =
    org.kind === 'organization'
      ? await createPublicGroup(org.api, { name, externalId: externalId ?? null, collections: selections })
      : await apiCreateGroup(org.api, org.orgId, { name, collections: selections, users: [] });
  const info: GroupInfo = { id: made.id, name: made.name, externalId: made.externalId ?? null, collections: selections };
  return { group: viewOf(info, [], [], collections), created: true };
}

/** Everything a private PUT must send back: details (collections) and member ids. */
async function readGroup(org: AdminOrg, group: GroupInfo): Promise<{ info: GroupInfo; users: string[] }> {
  if (org.kind === 'organization') return { info: group, users: await getPublicGroupMemberIds(org.api, group.id) };
  const [details, users] = await Promise.all([getGroupDetails(org.api, org.orgId, group.id), getGroupUserIds(org.api, org.orgId, group.id)]);
  return {
    info: {
      id: details.id,
      name: details.name,
      externalId: details.externalId ?? null,
      collections: (details.collections ?? []).map((c) => ({ id: c.id, readOnly: c.readOnly, hidePasswords: c.hidePasswords, manage: c.manage })),
    },
    users,
  };
}

async function writeGroup(org: AdminOrg, info: GroupInfo, users: string[]): Promise<void> {
  if (org.kind === 'organization') {
    await updatePublicGroup(org.api, info.id, { name: info.name, externalId: info.externalId, collections: info.collections });
  } else {
    await updateGroup(org.api, org.orgId, info.id, { name: info.name, collections: info.collections, users });
  }
}

export async function editGroup(
  org: AdminOrg,
  ref: string,
  changes: { name?: string | undefined; externalId?: string | undefined },
): Promise<{ group: GroupView; changed: boolean }> {
  if (changes.name === undefined && changes.externalId === undefined) throw new UsageError('nothing to change: pass --name and/or --external-id');
  const name = changes.name === undefined ? undefined : validateGroupName(changes.name, '--name');
  const externalId = validateExternalId(org, changes.externalId);
  const group = findGroup(org, await loadGroups(org), ref);
  const { info, users } = await readGroup(org, group);
  const next: GroupInfo = { ...info, name: name ?? info.name, externalId: externalId === undefined ? info.externalId : externalId };
  if (next.name === info.name && next.externalId === info.externalId) return { group: viewOf(info, users, [], []), changed: false };
  await writeGroup(org, next, users);
  return { group: viewOf(next, users, [], []), changed: true };
}

export async function deleteGroup(org: AdminOrg, group: GroupInfo): Promise<void> {
  if (org.kind === 'organization') await deletePublicGroup(org.api, group.id);
  else await apiDeleteGroup(org.api, org.orgId, group.id);
}

export type MembershipResult = 'added' | 'removed' | 'already-member' | 'not-member';

export interface MembershipChange {
  ref: string;
  id: string;
  email: string | null;
  result: MembershipResult;
}

export interface MembershipOutcome {
  group: GroupView;
  changes: MembershipChange[];
  failures: ItemFailure[];
}

/**
 * `add` and `remove` apply what resolves and report the rest as failures; `set` makes the group
 * contain exactly the named members, and changes nothing if any of them cannot be found.
 */
export async function changeGroupMembers(org: AdminOrg, ref: string, mode: 'add' | 'remove' | 'set', memberRefs: readonly string[]): Promise<MembershipOutcome> {
  if (memberRefs.length === 0 && mode !== 'set') throw new UsageError('name at least one member (e-mail or id)');
  const group = findGroup(org, await loadGroups(org), ref);
  const [{ info, users: current }, members] = await Promise.all([readGroup(org, group), loadMembers(org)]);
  const { resolved, failures } = resolveMembers(org, members, memberRefs);
  if (mode === 'set' && failures.length) {
    throw new NotFoundError(`group members set: nothing changed; ${failures.map((f) => f.error).join('; ')}`);
  }
  const has = (id: string) => current.some((u) => u.toLowerCase() === id.toLowerCase());
  const byId = (id: string) => members.find((m) => m.id.toLowerCase() === id.toLowerCase());
  const changes: MembershipChange[] = [];
  const seen = new Set<string>();
  for (const { ref: memberRef, item } of resolved) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const inGroup = has(item.id);
    const result: MembershipResult = mode === 'remove' ? (inGroup ? 'removed' : 'not-member') : inGroup ? 'already-member' : 'added';
    changes.push({ ref: memberRef, id: item.id, email: item.email, result });
  }
  if (mode === 'set') {
    for (const id of current) {
      if (!seen.has(byId(id)?.id ?? id)) changes.push({ ref: id, id, email: byId(id)?.email ?? null, result: 'removed' });
    }
  }

  const removedIds = new Set(changes.filter((c) => c.result === 'removed').map((c) => c.id.toLowerCase()));
  const addedIds = changes.filter((c) => c.result === 'added').map((c) => c.id);
  const nextUsers = [...current.filter((u) => !removedIds.has(u.toLowerCase())), ...addedIds];

  if (addedIds.length || removedIds.size) {
    if (org.kind === 'organization') {
      await setPublicGroupMemberIds(org.api, info.id, nextUsers);
    } else if (mode === 'remove') {
      // The documented per-member route; one failure does not stop the others.
      for (const change of changes.filter((c) => c.result === 'removed')) {
        try {
          await removeGroupUser(org.api, org.orgId, info.id, change.id);
        } catch (error) {
          failures.push({ item: change.ref, error: error instanceof Error ? error.message : String(error) });
          changes.splice(changes.indexOf(change), 1);
          nextUsers.push(change.id);
        }
      }
    } else {
      await updateGroup(org.api, org.orgId, info.id, { name: info.name, collections: info.collections, users: nextUsers });
    }
  }
  return { group: viewOf(info, nextUsers, members, []), changes, failures };
}

export type GroupAccessResult = 'granted' | 'updated' | 'unchanged' | 'revoked' | 'absent';

export interface GroupAccessChange {
  collection: string;
  id: string;
  name: string | null;
  result: GroupAccessResult;
  permission: Permission | null;
  previous: Permission | null;
}

/** Grants and revokes collection access of one group in one update. Unknown collections fail the call. */
export async function changeGroupAccess(
  org: AdminOrg,
  ref: string,
  request: { grant: readonly CollectionGrant[]; revoke: readonly string[] },
  warn: Warn,
): Promise<{ group: GroupView; changes: GroupAccessChange[] }> {
  if (request.grant.length === 0 && request.revoke.length === 0) throw new UsageError('pass at least one --grant or --revoke');
  const group = findGroup(org, await loadGroups(org), ref);
  const [{ info, users }, collections] = await Promise.all([readGroup(org, group), loadCollections(org, warn)]);
  const grants = resolveGrants(org, collections, request.grant);
  const revokes = request.revoke.map((r) => findCollection(org, collections, r));
  for (const r of revokes) {
    if (grants.some((g) => g.id === r.id)) throw new UsageError(`collection '${r.name ?? r.id}' is both granted and revoked`);
  }
  let list = info.collections;
  const changes: GroupAccessChange[] = [];
  const nameOf = (id: string) => collections.find((c) => c.id === id)?.name ?? null;
  for (const grant of grants) {
    const current = list.find((s) => s.id === grant.id);
    const permission = permissionOf(grant);
    const previous = current ? permissionOf(current) : null;
    const result: GroupAccessResult = current ? (sameAccess(current, grant) ? 'unchanged' : 'updated') : 'granted';
    if (result !== 'unchanged') list = current ? list.map((s) => (s === current ? grant : s)) : [...list, grant];
    changes.push({ collection: nameOf(grant.id) ?? grant.id, id: grant.id, name: nameOf(grant.id), result, permission, previous });
  }
  for (const entry of revokes) {
    const current = list.find((s) => s.id === entry.id);
    changes.push({ collection: entry.name ?? entry.id, id: entry.id, name: entry.name, result: current ? 'revoked' : 'absent', permission: null, previous: current ? permissionOf(current) : null });
    if (current) list = list.filter((s) => s !== current);
  }
  const next = { ...info, collections: list };
  if (changes.some((c) => c.result !== 'unchanged' && c.result !== 'absent')) await writeGroup(org, next, users);
  return { group: viewOf(next, users, [], collections), changes };
}
