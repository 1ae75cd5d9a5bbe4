/**
 * Collections (admin-api.md §5, §10.3): names are EncStrings under the organization key, decrypted
 * here for display and encrypted here before they are sent. Bitwarden nests collections by name
 * alone ("Finance/Banking" sits under "Finance"); like the web vault, creating a nested name does
 * not create its parents unless asked (`parents: true`).
 */
import {
  createCollection as apiCreateCollection,
  deleteCollection as apiDeleteCollection,
  deletePublicCollection,
  getCollectionDetails,
  listCollectionDetails,
  listPublicCollections,
  updateCollection,
  updatePublicCollection,
  type AccessSelection,
  type CollectionResponse,
} from '../api/endpoints/collections.js';
import { getPublicMember, updatePublicMemberCollections } from '../api/endpoints/public-members.js';
import { CryptoError, decryptString, encryptString } from '../crypto/index.js';
import { PartialFailureError, UsageError, type ItemFailure } from '../errors.js';
import { permissionFlags, permissionOf, sameAccess, type Permission } from './access-level.js';
import { isGuid, type AdminOrg } from './admin-org.js';
import { findGroupIn, loadGroups, type GroupInfo } from './group-info.js';
import { loadMembers, memberLabel, resolveMembers, type MemberInfo } from './member-ref.js';
import { findOne, tryFindOne, type LookupSpec } from './name-lookup.js';

export const CollectionType = { Shared: 0, DefaultUser: 1 } as const;

/** The encrypted-length limit of collection names (admin-api.md §5). */
export const MAX_ENCRYPTED_NAME = 1000;

export interface CollectionEntry {
  id: string;
  /** Decrypted name; null when the organization key is not at hand or the name does not decrypt. */
  name: string | null;
  /** The EncString as stored (null through the Public API). */
  encryptedName: string | null;
  externalId: string | null;
  type: number;
  groups: AccessSelection[];
  /** Member (organization user) access; null when the session cannot see it (Public API). */
  users: AccessSelection[] | null;
}

export type Warn = (message: string) => void;

type LooseSelection = { id: string; readOnly?: boolean | null; hidePasswords?: boolean | null; manage?: boolean | null };

function selection(s: LooseSelection): AccessSelection {
  return { id: s.id, readOnly: s.readOnly ?? false, hidePasswords: s.hidePasswords ?? false, manage: s.manage ?? false };
}

function decryptName(org: AdminOrg, c: { id: string; name: string }, warn: Warn): string | null {
  if (!org.orgKey) return null;
  try {
    return decryptString(c.name, org.orgKey);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    warn(`could not decrypt the name of collection ${c.id}`);
    return null;
  }
}

function toEntry(org: AdminOrg, c: CollectionResponse, warn: Warn, knownName?: string): CollectionEntry {
  return {
    id: c.id,
    name: knownName ?? decryptName(org, c, warn),
    encryptedName: c.name,
    externalId: c.externalId ?? null,
    type: c.type ?? CollectionType.Shared,
    groups: (c.groups ?? []).map(selection),
    users: (c.users ?? []).map(selection),
  };
}

/** Sorted by name (undecrypted ones last), as the web vault shows them. */
export function sortCollections(entries: CollectionEntry[]): CollectionEntry[] {
  return [...entries].sort((a, b) => {
    if (a.name === null || b.name === null) return a.name === b.name ? a.id.localeCompare(b.id) : a.name === null ? 1 : -1;
    return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
}

export async function loadCollections(org: AdminOrg, warn: Warn): Promise<CollectionEntry[]> {
  if (org.kind === 'organization') {
    const list = await listPublicCollections(org.api);
    return sortCollections(
      list.map((c) => ({ id: c.id, name: null, encryptedName: null, externalId: c.externalId ?? null, type: CollectionType.Shared, groups: (c.groups ?? []).map(selection), users: null })),
    );
  }
  const list = await listCollectionDetails(org.api, org.orgId);
  return sortCollections(list.map((c) => toEntry(org, c, warn)));
}

function collectionSpec(org: AdminOrg): LookupSpec<CollectionEntry> {
  return { kind: 'collection', where: ` in ${org.name}`, id: (c) => c.id, names: (c) => [c.name, c.externalId] };
}

/** The collection `ref` names: id, decrypted name, or external id. */
export function findCollection(org: AdminOrg, entries: readonly CollectionEntry[], ref: string): CollectionEntry {
  if (!org.orgKey && !isGuid(ref) && !entries.some((e) => e.externalId === ref.trim())) {
    throw new UsageError(`cannot find collection '${ref}' by name: names are encrypted and ${org.kind === 'organization' ? 'an organization API key has no key to read them' : 'the vault is locked'}`, {
      hint: org.kind === 'organization' ? 'Name the collection by id or external id.' : "Export BWMSP_SESSION (from 'bwmsp unlock'), or name the collection by id.",
    });
  }
  return findOne(entries, ref, collectionSpec(org));
}

export function validateCollectionName(name: string, flag = '<name>'): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new UsageError(`${flag}: the collection name is empty`);
  if (trimmed.startsWith('/') || trimmed.endsWith('/') || trimmed.split('/').some((part) => part.trim() === '')) {
    throw new UsageError(`${flag}: '${name}' has an empty level; nested names look like 'Finance/Banking'`);
  }
  return trimmed;
}

function encryptName(org: AdminOrg, name: string): string {
  if (!org.orgKey) throw new UsageError('encrypting a collection name needs the organization key');
  const enc = encryptString(name, org.orgKey);
  if (enc.length > MAX_ENCRYPTED_NAME) {
    throw new UsageError(`collection name '${name.slice(0, 40)}…' is too long (${enc.length} encrypted characters, at most ${MAX_ENCRYPTED_NAME})`);
  }
  return enc;
}

/** Names of the parents of a nested name: 'A/B/C' → ['A', 'A/B']. */
export function parentNames(name: string): string[] {
  const parts = name.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

export interface CreateResult {
  collection: CollectionEntry;
  created: boolean;
  /** Parents created on the way (with `parents: true`). */
  parentsCreated: string[];
  /** Parents that do not exist and were not created. */
  parentsMissing: string[];
}

/** Creates a collection unless one of that exact name exists (then `created: false`). */
export async function createCollection(
  org: AdminOrg,
  rawName: string,
  options: { externalId?: string | undefined; parents?: boolean; warn: Warn },
): Promise<CreateResult> {
  const name = validateCollectionName(rawName);
  if (options.externalId !== undefined && options.externalId.length > 300) throw new UsageError('--external-id is longer than 300 characters');
  const entries = await loadCollections(org, options.warn);
  const existing = entries.find((e) => e.name === name);
  if (existing) return { collection: existing, created: false, parentsCreated: [], parentsMissing: [] };

  // As `bw create org-collection` does (official-cli.md, sync `organizationUserId`): a creator who is a
  // member of the organization gets Manage, so the collection is not orphaned.
  const users: AccessSelection[] = org.self?.organizationUserId ? [{ id: org.self.organizationUserId, readOnly: false, hidePasswords: false, manage: true }] : [];
  const parentsCreated: string[] = [];
  const parentsMissing: string[] = [];
  for (const parent of parentNames(name)) {
    if (entries.some((e) => e.name === parent)) continue;
    if (!options.parents) {
      parentsMissing.push(parent);
      continue;
    }
    const made = await apiCreateCollection(org.api, org.orgId, { name: encryptName(org, parent), externalId: null, groups: [], users });
    entries.push(toEntry(org, made, options.warn, parent));
    parentsCreated.push(parent);
  }
  const made = await apiCreateCollection(org.api, org.orgId, {
    name: encryptName(org, name),
    externalId: options.externalId ?? null,
    groups: [],
    users,
  });
  return { collection: toEntry(org, made, options.warn, name), created: true, parentsCreated, parentsMissing };
}

export interface EditResult {
  collection: CollectionEntry;
  changed: boolean;
}

/** Renames (re-encrypting the name) and/or sets the external id; access stays as it is. */
export async function editCollection(
  org: AdminOrg,
  ref: string,
  changes: { name?: string | undefined; externalId?: string | undefined },
  warn: Warn,
): Promise<EditResult> {
  if (changes.name === undefined && changes.externalId === undefined) throw new UsageError('nothing to change: pass --name and/or --external-id');
  const newName = changes.name === undefined ? undefined : validateCollectionName(changes.name, '--name');
  const newExternalId = changes.externalId === undefined ? undefined : changes.externalId.trim() === '' ? null : changes.externalId.trim();
  if (newExternalId && newExternalId.length > 300) throw new UsageError('--external-id is longer than 300 characters');
  if (org.kind === 'organization' && newName !== undefined) {
    throw new UsageError('renaming a collection needs the organization key; an organization API key session cannot encrypt names', {
      hint: "Log in as a user ('bwmsp login') and export BWMSP_SESSION.",
    });
  }
  const entries = await loadCollections(org, warn);
  const entry = findCollection(org, entries, ref);
  if (newName !== undefined && entry.type === CollectionType.DefaultUser) {
    throw new UsageError(`collection ${entry.id} is a member's default collection; Bitwarden does not rename those`);
  }
  const nameChanges = newName !== undefined && newName !== entry.name;
  const externalChanges = newExternalId !== undefined && newExternalId !== entry.externalId;
  if (!nameChanges && !externalChanges) return { collection: entry, changed: false };

  if (org.kind === 'organization') {
    const updated = await updatePublicCollection(org.api, entry.id, { externalId: newExternalId ?? entry.externalId, groups: entry.groups });
    return { collection: { ...entry, externalId: updated.externalId ?? null, groups: (updated.groups ?? entry.groups).map(selection) }, changed: true };
  }
  if (!nameChanges && entry.encryptedName === null) throw new UsageError(`collection ${entry.id} has no name to send back`);
  const updated = await updateCollection(org.api, org.orgId, entry.id, {
    name: nameChanges ? encryptName(org, newName) : (entry.encryptedName as string),
    externalId: externalChanges ? newExternalId : entry.externalId,
    groups: entry.groups,
    users: entry.users ?? [],
  });
  const after = toEntry(org, updated, warn, nameChanges ? newName : (entry.name ?? undefined));
  // Providers may get empty access lists back (§5): keep what we sent.
  return { collection: { ...after, groups: entry.groups, users: entry.users }, changed: true };
}

export async function deleteCollection(org: AdminOrg, entry: CollectionEntry): Promise<void> {
  if (org.kind === 'organization') await deletePublicCollection(org.api, entry.id);
  else await apiDeleteCollection(org.api, org.orgId, entry.id);
}

export type AccessResult = 'granted' | 'updated' | 'unchanged' | 'revoked' | 'absent';

export interface AccessChange {
  kind: 'group' | 'member';
  /** As given on the command line. */
  ref: string;
  id: string;
  /** Group name or member e-mail. */
  label: string;
  result: AccessResult;
  /** The permission after the change (null once revoked or when there was none). */
  permission: Permission | null;
  /** The permission before. */
  previous: Permission | null;
}

export interface AccessOutcome {
  collection: CollectionEntry;
  changes: AccessChange[];
  failures: ItemFailure[];
}

interface AccessRequest {
  groups: readonly string[];
  members: readonly string[];
  /** Grant with this permission; undefined revokes. */
  permission?: Permission;
}

function applyTo(list: AccessSelection[], id: string, permission: Permission | undefined): { result: AccessResult; previous: Permission | null; list: AccessSelection[] } {
  const current = list.find((s) => s.id.toLowerCase() === id.toLowerCase());
  const previous = current ? permissionOf(current) : null;
  if (permission === undefined) {
    if (!current) return { result: 'absent', previous, list };
    return { result: 'revoked', previous, list: list.filter((s) => s !== current) };
  }
  const flags = permissionFlags(permission);
  if (current && sameAccess(current, flags)) return { result: 'unchanged', previous, list };
  const next = { id: current?.id ?? id, ...flags };
  return { result: current ? 'updated' : 'granted', previous, list: current ? list.map((s) => (s === current ? next : s)) : [...list, next] };
}

/**
 * Grants (or with no permission, revokes) access to one collection for groups and members. Refs
 * that do not resolve are failures; the others are applied in one update. Already-done items come
 * back `unchanged` / `absent`. Throws PartialFailureError after applying when some refs failed.
 */
export async function changeCollectionAccess(org: AdminOrg, ref: string, request: AccessRequest, warn: Warn): Promise<AccessOutcome> {
  if (request.groups.length === 0 && request.members.length === 0) throw new UsageError('name at least one --group or --member');
  const entries = await loadCollections(org, warn);
  const entry = findCollection(org, entries, ref);
  const failures: ItemFailure[] = [];
  const changes: AccessChange[] = [];

  let groups = entry.groups;
  if (request.groups.length) {
    const known: GroupInfo[] = await loadGroups(org);
    for (const groupRef of request.groups) {
      const found = tryFindOne(known, groupRef, findGroupIn(org));
      if ('error' in found) {
        failures.push({ item: `group ${groupRef}`, error: found.error });
        continue;
      }
      const step = applyTo(groups, found.item.id, request.permission);
      groups = step.list;
      changes.push({ kind: 'group', ref: groupRef, id: found.item.id, label: found.item.name, result: step.result, permission: request.permission ?? null, previous: step.previous });
    }
  }

  if (request.members.length) {
    const members = await loadMembers(org);
    const { resolved, failures: missing } = resolveMembers(org, members, request.members);
    failures.push(...missing.map((f) => ({ item: `member ${f.item}`, error: f.error })));
    for (const { ref: memberRef, item } of resolved) {
      changes.push({ kind: 'member', ref: memberRef, id: item.id, label: memberLabel(item), result: 'unchanged', permission: request.permission ?? null, previous: null });
    }
  }

  let users = entry.users ?? [];
  if (org.kind === 'user') {
    for (const change of changes.filter((c) => c.kind === 'member')) {
      const step = applyTo(users, change.id, request.permission);
      users = step.list;
      change.result = step.result;
      change.previous = step.previous;
    }
    if (changes.some((c) => c.result !== 'unchanged' && c.result !== 'absent')) {
      if (entry.encryptedName === null) throw new UsageError(`collection ${entry.id} has no name to send back`);
      await updateCollection(org.api, org.orgId, entry.id, { name: entry.encryptedName, externalId: entry.externalId, groups, users });
    }
  } else {
    if (changes.some((c) => c.kind === 'group' && c.result !== 'unchanged' && c.result !== 'absent')) {
      await updatePublicCollection(org.api, entry.id, { externalId: entry.externalId, groups });
    }
    // The Public API sets member access on the member (MemberUpdate.collections), one call each.
    for (const change of changes.filter((c) => c.kind === 'member')) {
      try {
        const member = await getPublicMember(org.api, change.id);
        const step = applyTo((member.collections ?? []).map(selection), entry.id, request.permission);
        change.result = step.result;
        change.previous = step.previous;
        if (step.result !== 'unchanged' && step.result !== 'absent') await updatePublicMemberCollections(org.api, member, step.list);
      } catch (error) {
        failures.push({ item: `member ${change.ref}`, error: error instanceof Error ? error.message : String(error) });
        changes.splice(changes.indexOf(change), 1);
      }
    }
    users = [];
  }

  const collection: CollectionEntry = { ...entry, groups, users: org.kind === 'user' ? users : null };
  return { collection, changes, failures };
}

/** Throws PartialFailureError when some items of an access change failed. */
export function assertNoAccessFailures(outcome: AccessOutcome, verb: string): void {
  if (outcome.failures.length === 0) return;
  const total = outcome.failures.length + outcome.changes.length;
  throw new PartialFailureError(
    `${verb}: ${outcome.failures.length} of ${total} failed: ${outcome.failures.map((f) => `${f.item}: ${f.error}`).join('; ')}`,
    outcome.failures,
  );
}

/** Re-reads one collection (access lists as the server now has them). */
export async function reloadCollection(org: AdminOrg, entry: CollectionEntry, warn: Warn): Promise<CollectionEntry> {
  if (org.kind === 'organization') return entry;
  const fresh = await getCollectionDetails(org.api, org.orgId, entry.id);
  return toEntry(org, fresh, warn, entry.name ?? undefined);
}

export interface CollectionView {
  id: string;
  name: string | null;
  externalId: string | null;
  type: 'shared' | 'default-user';
  groups: { id: string; name: string | null; label: string; permission: Permission }[];
  /** Null when the session cannot see member access (Public API). */
  members: { id: string; email: string | null; label: string; permission: Permission }[] | null;
}

async function bestEffort<T>(load: () => Promise<T[]>, warn: Warn, what: string): Promise<T[]> {
  try {
    return await load();
  } catch (error) {
    warn(`${what} are not shown: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** Collections with group names and member e-mails for their access lists (best effort). */
export async function collectionViews(org: AdminOrg, entries: readonly CollectionEntry[], warn: Warn): Promise<CollectionView[]> {
  const needGroups = entries.some((e) => e.groups.length > 0);
  const needMembers = entries.some((e) => (e.users ?? []).length > 0);
  const [groups, members] = await Promise.all([
    needGroups ? bestEffort(() => loadGroups(org), warn, 'group names') : Promise.resolve([] as GroupInfo[]),
    needMembers ? bestEffort(() => loadMembers(org), warn, 'member e-mails') : Promise.resolve([] as MemberInfo[]),
  ]);
  return entries.map((e) => collectionViewOf(e, groups, members));
}

export function collectionViewOf(e: CollectionEntry, groups: readonly GroupInfo[], members: readonly MemberInfo[]): CollectionView {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    id: e.id,
    name: e.name,
    externalId: e.externalId,
    type: e.type === CollectionType.DefaultUser ? 'default-user' : 'shared',
    groups: e.groups.map((s) => {
      const name = groups.find((g) => same(g.id, s.id))?.name ?? null;
      return { id: s.id, name, label: name ?? s.id, permission: permissionOf(s) };
    }),
    members:
      e.users === null
        ? null
        : e.users.map((s) => {
            const email = members.find((m) => same(m.id, s.id))?.email ?? null;
            return { id: s.id, email, label: email ?? s.id, permission: permissionOf(s) };
          }),
  };
}
