/**
 * Member use cases (admin-api.md §4): list, invite (batched, seats checked first), reinvite,
 * accept (as the invitee), confirm (org key wrapped to each member's public key, with fingerprint
 * phrases, auth-and-crypto.md §6), set-role, revoke, restore and remove. With an organization API
 * key session list, invite, set-role and remove go through the Public API (§10.1) instead.
 *
 * Every bulk verb returns one outcome per member, in the order asked: done, skipped (already in
 * the wanted state, so re-running converges) or failed (with the server's reason).
 */
import type { ApiClient } from '../api/client.js';
import { getSync } from '../api/endpoints/accounts.js';
import { getOrganization } from '../api/endpoints/organizations.js';
import {
  acceptInvitation,
  confirmMembers,
  inviteMembers,
  listMembers,
  MAX_INVITE_BATCH,
  memberPublicKeys,
  reinviteMembers,
  removeMembers,
  restoreMembers,
  revokeMembers,
  updateMember,
  type BulkResult,
  type MemberDetails,
  type Selection,
} from '../api/endpoints/members.js';
import { createPublicMember, deletePublicMember, getPublicMember, listPublicMembers, updatePublicMember, type PublicMember } from '../api/endpoints/public-members.js';
import { ApiAuthError, ApiError } from '../api/errors.js';
import { encapsulateSymmetricKey, encryptString, fingerprintPhraseString } from '../crypto/index.js';
import { BwmspError, NotFoundError, UsageError } from '../errors.js';
import { permissionFlags } from './access-level.js';
import { isGuid, type AdminOrg } from './admin-org.js';
import { findCollection, loadCollections, type CollectionEntry } from './collection.js';
import { connectAuthenticated, type ConnectionDeps } from './connection.js';
import { findGroupIn, loadGroups, type GroupInfo } from './group-info.js';
import {
  batchInvites,
  permissionWords,
  requireMembers,
  roleType,
  roleWord,
  statusWord,
  type InviteEntry,
  type NameRef,
  type PermissionField,
  type Role,
  type StatusWord,
  findMembers,
  type CollectionRef,
} from './member-input.js';
import { findOne } from './name-lookup.js';

/** Name of the personal "My Items" collection the server creates on confirm when the data-ownership policy is on (§4.7). */
const DEFAULT_USER_COLLECTION_NAME = 'My Items';

export interface MemberView {
  id: string;
  userId: string | null;
  email: string | null;
  name: string | null;
  status: StatusWord;
  role: string;
  twoFactorEnabled: boolean | null;
  /** Group names (ids when a name is unknown); null when the session cannot read memberships (Public API). */
  groups: string[] | null;
  /** Custom-role permission words (kebab-case), empty for other roles. */
  permissions: string[];
  externalId: string | null;
}

export type MemberResult = 'invited' | 'reinvited' | 'accepted' | 'confirmed' | 'updated' | 'revoked' | 'restored' | 'removed' | 'skipped' | 'failed';

export interface MemberOutcome {
  /** Organization user id; null for an invite that failed before the server made one. */
  id: string | null;
  email: string | null;
  result: MemberResult;
  /** Why it was skipped or failed. */
  reason: string | null;
  /** Confirm only: the fingerprint phrase of the member's public key. */
  fingerprint?: string | null;
}

/** A member as the bulk verbs need it, from either API. */
interface Member {
  id: string;
  userId: string | null;
  email: string | null;
  status: number;
  type: number;
}

function label(m: Pick<Member, 'id' | 'email'>): string {
  return m.email ?? m.id;
}

function outcome(m: Pick<Member, 'id' | 'email'>, result: MemberResult, reason: string | null = null): MemberOutcome {
  return { id: m.id, email: m.email, result, reason };
}

function errorText(error: unknown): string {
  if (error instanceof ApiError || error instanceof ApiAuthError) return error.serverMessage ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

function toMember(m: MemberDetails | PublicMember): Member {
  return { id: m.id, userId: m.userId ?? null, email: m.email ? m.email.toLowerCase() : null, status: m.status, type: m.type };
}

function requireUserSession(org: AdminOrg, verb: string): void {
  if (org.kind === 'organization') {
    throw new UsageError(`member ${verb} needs a user login; an organization API key reaches only member list, invite, set-role and remove`, {
      hint: "Run 'bwmsp login' (or 'bwmsp login --apikey') with a user account.",
    });
  }
}

async function loadMembers(org: AdminOrg, include: { groups?: boolean; collections?: boolean } = {}): Promise<MemberDetails[] | PublicMember[]> {
  return org.kind === 'organization' ? listPublicMembers(org.api) : listMembers(org.api, org.orgId, include);
}

/* ----------------------------------------------------------------------------------------------
 * list
 */

export interface ListFilter {
  status?: StatusWord | undefined;
  role?: Role | undefined;
}

export async function listMemberViews(org: AdminOrg, filter: ListFilter, warn: (message: string) => void): Promise<MemberView[]> {
  const rows = await loadMembers(org, { groups: true });
  const groupsOf = (r: MemberDetails | PublicMember): string[] | null => (org.kind === 'user' ? ((r as MemberDetails).groups ?? []) : null);
  let groupNames: Map<string, string> | undefined;
  if (rows.some((r) => (groupsOf(r) ?? []).length > 0)) {
    try {
      groupNames = new Map((await loadGroups(org)).map((g) => [g.id.toLowerCase(), g.name]));
    } catch (error) {
      if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
      warn(`group names are not readable (${errorText(error)}); showing group ids`);
    }
  }
  const views = rows.map((r): MemberView => {
    const groups = groupsOf(r)?.map((id) => groupNames?.get(id.toLowerCase()) ?? id) ?? null;
    return {
      id: r.id,
      userId: r.userId ?? null,
      email: r.email ? r.email.toLowerCase() : null,
      name: r.name ?? null,
      status: statusWord(r.status),
      role: roleWord(r.type),
      twoFactorEnabled: r.twoFactorEnabled ?? null,
      groups: groups ? groups.sort((a, b) => a.localeCompare(b)) : null,
      permissions: r.type === 4 ? permissionWords(r.permissions) : [],
      externalId: r.externalId ?? null,
    };
  });
  return views
    .filter((v) => (filter.status ? v.status === filter.status : true) && (filter.role ? v.role === filter.role : true))
    .sort((a, b) => (a.email ?? a.id).localeCompare(b.email ?? b.id));
}

/* ----------------------------------------------------------------------------------------------
 * invite
 */

export interface InviteInput {
  entries: InviteEntry[];
  /** From --permission, for entries whose role is custom. */
  permissions?: Record<PermissionField, boolean> | undefined;
}

interface InviteSettings {
  type: number;
  permissions?: Record<PermissionField, boolean>;
  groups: string[];
  collections: Selection[];
}

/**
 * The most members the organization may hold before an invite is refused, or null for no limit
 * bwmsp can know. Its seats (sync profile, or `GET /organizations/{id}` for owners); but a plan
 * that autoscales seats (cloud Teams/Enterprise not managed by a provider) is limited only by
 * `maxAutoscaleSeats`.
 */
export async function seatLimit(api: ApiClient, orgId: string): Promise<number | null> {
  const sync = await getSync(api);
  const same = (o: { id: string }) => o.id.toLowerCase() === orgId.toLowerCase();
  const membership = sync.profile.organizations.find(same);
  const client = sync.profile.providerOrganizations.find(same);
  const entry: Record<string, unknown> | undefined = membership ?? client;
  const managed = client !== undefined || (typeof entry?.providerId === 'string' && entry.providerId !== '');
  let seats = typeof entry?.seats === 'number' ? entry.seats : null;
  try {
    const org = await getOrganization(api, orgId);
    if (org.plan?.allowSeatAutoscale === true && !managed) return org.maxAutoscaleSeats ?? null;
    seats = org.seats ?? seats;
  } catch (error) {
    // Admins and custom users may not read the organization (owners and the provider only).
    if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
  }
  return seats !== null && Number.isInteger(seats) && seats > 0 ? seats : null;
}

/** Counts as occupying a seat: invited, accepted and confirmed (revoked and staged do not, §4.9). */
function occupiesSeat(status: number): boolean {
  return status === 0 || status === 1 || status === 2;
}

export class SeatLimitError extends BwmspError {
  override readonly code = 'seat_limit';
  readonly seats: number;
  readonly occupied: number;
  readonly requested: number;

  constructor(orgName: string, seats: number, occupied: number, requested: number) {
    super(`inviting ${requested} ${requested === 1 ? 'member' : 'members'} would exceed the seats of ${orgName}: seats ${seats}, occupied ${occupied}, requested ${requested}`, {
      hint: `Nothing was sent. Free ${occupied + requested - seats} seat(s) (revoke or remove members) or add seats to the organization.`,
    });
    this.name = 'SeatLimitError';
    this.seats = seats;
    this.occupied = occupied;
    this.requested = requested;
  }
}

function resolveGroupIds(org: AdminOrg, groups: GroupInfo[] | undefined, refs: readonly NameRef[]): string[] {
  return refs.map((ref) => {
    if (groups === undefined) return ref.name;
    try {
      return findOne(groups, ref.name, findGroupIn(org)).id;
    } catch (error) {
      if (error instanceof BwmspError) throw relabel(error, ref.where);
      throw error;
    }
  });
}

function resolveCollections(org: AdminOrg, collections: CollectionEntry[] | undefined, refs: readonly CollectionRef[]): Selection[] {
  return refs.map((ref) => {
    const flags = permissionFlags(ref.permission);
    if (collections === undefined) return { id: ref.name, ...flags };
    try {
      return { id: findCollection(org, collections, ref.name).id, ...flags };
    } catch (error) {
      if (error instanceof BwmspError) throw relabel(error, ref.where);
      throw error;
    }
  });
}

/** The same error, with where the name came from in front ('staff.csv:3:4: no group ...'). */
function relabel(error: BwmspError, where: string): BwmspError {
  const options = error.hint === undefined ? {} : { hint: error.hint };
  if (error instanceof NotFoundError) return new NotFoundError(`${where}: ${error.message}`, options);
  if (error instanceof UsageError) return new UsageError(`${where}: ${error.message}`, options);
  return error;
}

function sortedSelections(list: Selection[]): Selection[] {
  const byId = new Map(list.map((s) => [s.id.toLowerCase(), s]));
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Invites the entries not yet in the organization. Nothing is sent when a group or collection name
 * does not resolve, or when the seats would not suffice; members already present are skipped.
 * Private API: one request per ≤20 e-mails sharing the same settings; Public API: one per member.
 */
export async function inviteMemberEntries(org: AdminOrg, input: InviteInput, warn: (message: string) => void, progress: (text: string) => void = () => undefined): Promise<MemberOutcome[]> {
  const existing = (await loadMembers(org)).map(toMember);
  const publicApi = org.kind === 'organization';

  const wantsGroups = input.entries.some((e) => e.groups.some((g) => !isGuid(g.name)));
  const wantsCollections = input.entries.some((e) => e.collections.length > 0);
  if (publicApi) {
    const named = input.entries.flatMap((e) => e.collections).find((c) => !isGuid(c.name));
    if (named) {
      throw new UsageError(`${named.where}: collection '${named.name}' must be given by id with an organization API key: collection names are encrypted and the Public API cannot read them`, {
        hint: "Find the ids with 'bwmsp collection list' in a user session.",
      });
    }
  }
  const groups = wantsGroups ? await loadGroups(org) : undefined;
  const collections = wantsCollections && !publicApi ? await loadCollections(org, warn) : undefined;

  const planned: { entry: InviteEntry; settings: InviteSettings }[] = [];
  const outcomes = new Map<string, MemberOutcome>();
  for (const entry of input.entries) {
    const type = roleType(entry.role);
    const settings: InviteSettings = {
      type,
      ...(entry.role === 'custom' && input.permissions ? { permissions: input.permissions } : {}),
      groups: [...new Set(resolveGroupIds(org, groups, entry.groups).map((id) => id.toLowerCase()))].sort(),
      collections: sortedSelections(resolveCollections(org, collections, entry.collections)),
    };
    if (entry.role === 'custom' && !input.permissions) throw new UsageError(`${entry.where}: role custom needs at least one --permission`);
    const present = existing.find((m) => m.email === entry.email);
    if (present) outcomes.set(entry.email, outcome(present, 'skipped', `already a member (${statusWord(present.status)})`));
    else planned.push({ entry, settings });
  }

  if (!publicApi && planned.length) {
    const seats = await seatLimit(org.api, org.orgId);
    const occupied = existing.filter((m) => occupiesSeat(m.status)).length;
    if (seats !== null && occupied + planned.length > seats) throw new SeatLimitError(org.name, seats, occupied, planned.length);
  }

  if (publicApi) {
    let done = 0;
    for (const { entry, settings } of planned) {
      progress(`Inviting ${entry.email} (${++done}/${planned.length})`);
      try {
        const created = await createPublicMember(org.api, {
          email: entry.email,
          type: settings.type,
          ...(settings.permissions ? { permissions: settings.permissions } : {}),
          collections: settings.collections,
          groups: settings.groups,
        });
        outcomes.set(entry.email, { id: created.id, email: entry.email, result: 'invited', reason: null });
      } catch (error) {
        if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
        const reason = errorText(error);
        outcomes.set(entry.email, { id: null, email: entry.email, result: /already been invited|already a member/i.test(reason) ? 'skipped' : 'failed', reason });
      }
    }
  } else {
    const batches = batchInvites(
      planned.map((p) => ({ email: p.entry.email, settings: p.settings })),
      MAX_INVITE_BATCH,
    );
    let sent = 0;
    for (const batch of batches) {
      progress(`Inviting ${sent + 1}-${sent + batch.emails.length} of ${planned.length}`);
      try {
        await inviteMembers(org.api, org.orgId, {
          emails: batch.emails,
          type: batch.settings.type,
          ...(batch.settings.permissions ? { permissions: batch.settings.permissions } : {}),
          collections: batch.settings.collections,
          groups: batch.settings.groups,
          accessSecretsManager: false,
        });
        for (const email of batch.emails) outcomes.set(email, { id: null, email, result: 'invited', reason: null });
      } catch (error) {
        if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
        for (const email of batch.emails) outcomes.set(email, { id: null, email, result: 'failed', reason: errorText(error) });
      }
      sent += batch.emails.length;
    }
    // The invite response carries no ids (§4.4): read them back.
    if ([...outcomes.values()].some((o) => o.result === 'invited')) {
      const after = (await listMembers(org.api, org.orgId)).map(toMember);
      for (const o of outcomes.values()) {
        if (o.result === 'invited') o.id = after.find((m) => m.email === o.email)?.id ?? null;
      }
    }
  }
  return input.entries.map((e) => outcomes.get(e.email) as MemberOutcome);
}

/* ----------------------------------------------------------------------------------------------
 * bulk helpers
 */

function applyBulk(targets: readonly Member[], results: readonly BulkResult[], done: MemberResult): MemberOutcome[] {
  return targets.map((m) => {
    const r = results.find((x) => x.id.toLowerCase() === m.id.toLowerCase());
    if (!r) return outcome(m, 'failed', 'the server did not report on this member');
    return r.error ? outcome(m, 'failed', r.error) : outcome(m, done);
  });
}

/** Runs a bulk call; a refused request fails every member of it with the server's reason. */
async function bulkCall(targets: readonly Member[], done: MemberResult, call: (ids: string[]) => Promise<BulkResult[]>): Promise<MemberOutcome[]> {
  if (!targets.length) return [];
  try {
    return applyBulk(targets, await call(targets.map((m) => m.id)), done);
  } catch (error) {
    if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
    return targets.map((m) => outcome(m, 'failed', errorText(error)));
  }
}

/** Outcomes for `identifiers` in their order: skipped ones first decided, the rest from `act`. */
async function partitioned(
  members: readonly Member[],
  skip: (m: Member) => string | null,
  act: (targets: Member[]) => Promise<MemberOutcome[]>,
): Promise<MemberOutcome[]> {
  const byId = new Map<string, MemberOutcome>();
  const todo: Member[] = [];
  for (const m of members) {
    const reason = skip(m);
    if (reason !== null) byId.set(m.id, outcome(m, 'skipped', reason));
    else todo.push(m);
  }
  for (const o of await act(todo)) if (o.id) byId.set(o.id, o);
  return members.map((m) => byId.get(m.id) as MemberOutcome);
}

/* ----------------------------------------------------------------------------------------------
 * reinvite, revoke, restore, remove
 */

export async function reinvite(org: AdminOrg, identifiers: readonly string[]): Promise<MemberOutcome[]> {
  requireUserSession(org, 'reinvite');
  const targets = requireMembers((await loadMembers(org)).map(toMember), identifiers, org.name);
  return partitioned(
    targets,
    (m) => (m.status === 0 ? null : `already ${statusWord(m.status)}; only invited members get a new invitation`),
    (todo) => bulkCall(todo, 'reinvited', (ids) => reinviteMembers(org.api, org.orgId, ids)),
  );
}

export async function revoke(org: AdminOrg, identifiers: readonly string[]): Promise<MemberOutcome[]> {
  requireUserSession(org, 'revoke');
  const targets = requireMembers((await loadMembers(org)).map(toMember), identifiers, org.name);
  return partitioned(
    targets,
    (m) => (m.status === -1 ? 'already revoked' : null),
    (todo) => bulkCall(todo, 'revoked', (ids) => revokeMembers(org.api, org.orgId, ids)),
  );
}

export async function restore(org: AdminOrg, identifiers: readonly string[]): Promise<MemberOutcome[]> {
  requireUserSession(org, 'restore');
  const targets = requireMembers((await loadMembers(org)).map(toMember), identifiers, org.name);
  const defaultUserCollectionName = org.orgKey ? encryptString(DEFAULT_USER_COLLECTION_NAME, org.orgKey) : undefined;
  return partitioned(
    targets,
    (m) => (m.status === -1 ? null : `not revoked (${statusWord(m.status)})`),
    (todo) => bulkCall(todo, 'restored', (ids) => restoreMembers(org.api, org.orgId, { ids, ...(defaultUserCollectionName ? { defaultUserCollectionName } : {}) })),
  );
}

/** Removes members; one that is not (or no longer) a member is skipped, so a re-run converges. */
export async function remove(org: AdminOrg, identifiers: readonly string[]): Promise<MemberOutcome[]> {
  if (!identifiers.length) throw new UsageError('name at least one member by e-mail or id');
  const members = (await loadMembers(org)).map(toMember);
  const { found, missing } = findMembers(members, identifiers);
  let done: MemberOutcome[];
  if (org.kind === 'organization') {
    done = [];
    for (const m of found) {
      try {
        await deletePublicMember(org.api, m.id);
        done.push(outcome(m, 'removed'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) done.push(outcome(m, 'skipped', 'not a member'));
        else if (error instanceof ApiError || error instanceof ApiAuthError) done.push(outcome(m, 'failed', errorText(error)));
        else throw error;
      }
    }
  } else {
    done = await bulkCall(found, 'removed', (ids) => removeMembers(org.api, org.orgId, ids));
  }
  const skipped = missing.map((ref): MemberOutcome => ({ id: isGuid(ref) ? ref.toLowerCase() : null, email: isGuid(ref) ? null : ref.trim().toLowerCase(), result: 'skipped', reason: 'not a member' }));
  return [...done, ...skipped];
}

/* ----------------------------------------------------------------------------------------------
 * set-role
 */

export interface RoleChange {
  role: Role;
  permissions?: Record<PermissionField, boolean> | undefined;
}

function samePermissions(current: Record<string, unknown> | null | undefined, wanted: Record<PermissionField, boolean> | undefined): boolean {
  if (!wanted) return true;
  return Object.entries(wanted).every(([field, value]) => (current?.[field] === true) === value);
}

function selections(list: MemberDetails['collections']): Selection[] {
  return (list ?? []).map((s) => ({ id: s.id, readOnly: s.readOnly ?? false, hidePasswords: s.hidePasswords ?? false, manage: s.manage ?? false }));
}

/**
 * Changes the role (and custom permissions). The update routes replace collections and groups,
 * so the member's current ones are sent back unchanged (admin-api.md §4.8, §10.1).
 */
export async function setRole(org: AdminOrg, identifiers: readonly string[], change: RoleChange): Promise<MemberOutcome[]> {
  const type = roleType(change.role);
  const rows = await loadMembers(org, { groups: true, collections: true });
  const targets = requireMembers(rows, identifiers, org.name);
  const out: MemberOutcome[] = [];
  for (const row of targets) {
    const m = toMember(row);
    if (row.type === type && (type !== 4 || samePermissions(row.permissions, change.permissions))) {
      out.push(outcome(m, 'skipped', `already ${change.role}`));
      continue;
    }
    try {
      if (org.kind === 'organization') {
        const current = await getPublicMember(org.api, m.id);
        await updatePublicMember(org.api, m.id, {
          type,
          externalId: current.externalId ?? null,
          ...(change.permissions ? { permissions: change.permissions } : {}),
          collections: selections(current.collections),
        });
      } else {
        const details = row as MemberDetails;
        await updateMember(org.api, org.orgId, m.id, {
          type,
          ...(change.permissions ? { permissions: change.permissions } : {}),
          collections: selections(details.collections),
          groups: details.groups ?? [],
          accessSecretsManager: details.accessSecretsManager ?? false,
        });
      }
      out.push(outcome(m, 'updated'));
    } catch (error) {
      if (!(error instanceof ApiError || error instanceof ApiAuthError)) throw error;
      out.push(outcome(m, 'failed', errorText(error)));
    }
  }
  return out;
}

/* ----------------------------------------------------------------------------------------------
 * confirm
 */

export interface ConfirmCandidate {
  id: string;
  email: string | null;
  userId: string;
  fingerprint: string;
}

export interface ConfirmOptions {
  identifiers: readonly string[];
  allAccepted: boolean;
  /** Asked per member after its fingerprint is known; false skips it. */
  approve?: (candidate: ConfirmCandidate) => Promise<boolean>;
  /** Told each fingerprint before anything is sent. */
  onFingerprint?: (candidate: ConfirmCandidate) => void;
}

/**
 * Confirms accepted members: fetches their public keys (§4.6), wraps the org key to each (type 4,
 * §13) and sends one bulk confirm (§4.7). Confirmed members are skipped; invited or revoked ones
 * fail with the reason.
 */
export async function confirm(org: AdminOrg, options: ConfirmOptions): Promise<MemberOutcome[]> {
  requireUserSession(org, 'confirm');
  const orgKey = org.orgKey;
  if (!orgKey) throw new UsageError('confirming members needs the organization key; unlock first');
  if (options.allAccepted && options.identifiers.length) throw new UsageError('pass member e-mails or ids, or --all-accepted, not both');
  if (!options.allAccepted && !options.identifiers.length) throw new UsageError('name the members to confirm by e-mail or id, or pass --all-accepted');
  const members = (await loadMembers(org)).map(toMember);
  const targets = options.allAccepted
    ? members.filter((m) => m.status === 1).sort((a, b) => label(a).localeCompare(label(b)))
    : requireMembers(members, options.identifiers, org.name);

  const byId = new Map<string, MemberOutcome>();
  const accepted: Member[] = [];
  for (const m of targets) {
    if (m.status === 2) byId.set(m.id, outcome(m, 'skipped', 'already confirmed'));
    else if (m.status === 0) byId.set(m.id, outcome(m, 'failed', 'has not accepted the invitation yet'));
    else if (m.status === -1) byId.set(m.id, outcome(m, 'failed', 'is revoked; restore it first'));
    else if (m.status !== 1) byId.set(m.id, outcome(m, 'failed', `cannot be confirmed while ${statusWord(m.status)}`));
    else accepted.push(m);
  }

  const approved: { member: Member; candidate: ConfirmCandidate; publicKey: string }[] = [];
  if (accepted.length) {
    const keys = await memberPublicKeys(org.api, org.orgId, accepted.map((m) => m.id));
    for (const m of accepted) {
      const k = keys.find((x) => x.id.toLowerCase() === m.id.toLowerCase());
      const userId = k?.userId ?? m.userId;
      if (!k?.key || !userId) {
        byId.set(m.id, outcome(m, 'failed', 'the server has no public key for this member'));
        continue;
      }
      let fingerprint: string;
      try {
        fingerprint = fingerprintPhraseString(userId.toLowerCase(), k.key);
      } catch {
        byId.set(m.id, outcome(m, 'failed', 'the public key of this member is not valid'));
        continue;
      }
      const candidate: ConfirmCandidate = { id: m.id, email: m.email, userId, fingerprint };
      options.onFingerprint?.(candidate);
      if (options.approve && !(await options.approve(candidate))) {
        byId.set(m.id, { ...outcome(m, 'skipped', 'fingerprint not approved'), fingerprint });
        continue;
      }
      approved.push({ member: m, candidate, publicKey: k.key });
    }
  }

  if (approved.length) {
    const wrapped: { id: string; key: string }[] = [];
    for (const a of approved) {
      try {
        wrapped.push({ id: a.member.id, key: encapsulateSymmetricKey(orgKey, a.publicKey) });
      } catch {
        byId.set(a.member.id, { ...outcome(a.member, 'failed', 'could not wrap the organization key to this public key'), fingerprint: a.candidate.fingerprint });
      }
    }
    const sendable = approved.filter((a) => wrapped.some((w) => w.id === a.member.id)).map((a) => a.member);
    const results = await bulkCall(sendable, 'confirmed', () =>
      confirmMembers(org.api, org.orgId, { keys: wrapped, defaultUserCollectionName: encryptString(DEFAULT_USER_COLLECTION_NAME, orgKey) }),
    );
    for (const r of results) {
      const a = approved.find((x) => x.member.id === r.id);
      byId.set(r.id as string, { ...r, fingerprint: a?.candidate.fingerprint ?? null });
    }
  }
  return targets.map((m) => {
    const o = byId.get(m.id) as MemberOutcome;
    return { ...o, fingerprint: o.fingerprint ?? null };
  });
}

/* ----------------------------------------------------------------------------------------------
 * accept (as the invitee)
 */

export interface AcceptInput {
  orgId: string;
  organizationUserId: string;
  token: string;
}

export interface AcceptResult {
  organizationId: string;
  organizationUserId: string;
  result: 'accepted' | 'skipped';
  reason: string | null;
}

/** `POST /organizations/{org}/users/{id}/accept` with the mailed token, as the logged-in invitee. */
export async function acceptInvite(d: ConnectionDeps, input: AcceptInput): Promise<AcceptResult> {
  const conn = await connectAuthenticated(d);
  try {
    if (conn.session.authMethod === 'org-apikey') {
      throw new UsageError('member accept runs as the invited user; this profile is logged in with an organization API key', { hint: "Run 'bwmsp login EMAIL' as the invitee." });
    }
    const base = { organizationId: input.orgId, organizationUserId: input.organizationUserId };
    try {
      await acceptInvitation(conn.api, input.orgId, input.organizationUserId, { token: input.token });
      return { ...base, result: 'accepted', reason: null };
    } catch (error) {
      // Re-running converges: the official server says the invitation was already accepted.
      if (error instanceof ApiError && error.status === 400 && /already (been )?accepted|already (a )?(member|part)|already confirmed/i.test(errorText(error))) {
        return { ...base, result: 'skipped', reason: errorText(error) };
      }
      // The server invalidates the token once used (the membership no longer carries the e-mail).
      if (error instanceof ApiError && error.status === 400 && /invalid token/i.test(errorText(error))) {
        throw new BwmspError(`the server refused the invitation token: ${errorText(error)}`, {
          hint: "A token works once and for 5 days. If you did not accept yet, ask an administrator to run 'bwmsp member reinvite'.",
          cause: error,
        });
      }
      throw error;
    }
  } finally {
    await conn.api.close();
  }
}
