/**
 * Confirming, revoking, restoring and removing members (admin-api.md §4.7, §4.9), one at a time or
 * in bulk. Each step throws `BadRequestError` with the official server's message; the bulk forms
 * collect those messages per member (§4.5) instead of failing the request.
 */
import { randomUUID } from 'node:crypto';
import { CollectionType } from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import { RevocationReason } from '../../protocol/member.js';
import { OrganizationUserStatusType, OrganizationUserType, PlanType } from '../../protocol/organization.js';
import { PolicyType } from '../../protocol/policy.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import type { OrganizationRecord, OrganizationUserRecord } from '../repositories/organizations.js';
import { logOrganizationEvent } from './events.js';
import { checkSeats, keepsConfirmedOwner, touchAccounts } from './member-rules.js';
import { isAdmin, isOwner, type OrgCaller } from './org-caller.js';
import { lacksRequiredTwoFactor, policyAppliesTo, policyInForce, singleOrgConflict } from './policy-rules.js';

export interface BulkOutcome {
  member: OrganizationUserRecord;
  error: string;
}

function now(ctx: SandboxContext): string {
  return ctx.clock.now().toISOString();
}

function memberEventFields(member: OrganizationUserRecord): { organizationUserId: string; userId: string | null } {
  return { organizationUserId: member.id, userId: member.userId };
}

/** Runs `step` for one member, turning its `BadRequestError` into a bulk error message. */
function attempt(member: OrganizationUserRecord, step: () => OrganizationUserRecord | void): BulkOutcome {
  try {
    const updated = step();
    return { member: updated ?? member, error: '' };
  } catch (error) {
    if (error instanceof BadRequestError) return { member, error: error.message };
    throw error;
  }
}

/** The members of this organization among `ids` (unknown ids and other organizations' are dropped). */
export function membersAmong(ctx: SandboxContext, org: OrganizationRecord, ids: readonly string[]): OrganizationUserRecord[] {
  const out: OrganizationUserRecord[] = [];
  for (const id of new Set(ids.map((value) => value.toLowerCase()))) {
    const member = ctx.store.organizations.findUser(id);
    if (member !== undefined && member.organizationId === org.id) out.push(member);
  }
  return out;
}

// ---- confirm -----------------------------------------------------------------------------------

function createDefaultCollection(
  ctx: SandboxContext,
  org: OrganizationRecord,
  member: OrganizationUserRecord,
  email: string,
  name: string | null | undefined,
): void {
  if (name == null || name.trim() === '' || !policyAppliesTo(member.type)) return;
  if (policyInForce(ctx, org.id, PolicyType.OrganizationDataOwnership) === undefined) return;
  const exists = ctx.store.collections
    .listByOrganization(org.id)
    .some((c) => c.type === CollectionType.DefaultUserCollection && c.defaultUserCollectionEmail === email);
  if (exists) return;
  const collection = ctx.store.collections.insert({
    id: randomUUID(),
    organizationId: org.id,
    name,
    externalId: null,
    type: CollectionType.DefaultUserCollection,
    defaultUserCollectionEmail: email,
    creationDate: now(ctx),
  });
  ctx.store.collections.setUserAccess(collection.id, member.id, { readOnly: false, hidePasswords: false, manage: true });
}

function confirmOne(
  ctx: SandboxContext,
  caller: OrgCaller,
  member: OrganizationUserRecord,
  key: string,
  defaultUserCollectionName: string | null | undefined,
): OrganizationUserRecord {
  const org = caller.organization;
  const user = member.userId === null ? undefined : ctx.store.users.findById(member.userId);
  if (user === undefined) throw new BadRequestError('User not valid.');
  const adminType = member.type === OrganizationUserType.Owner || member.type === OrganizationUserType.Admin;
  if (org.planType === PlanType.Free && adminType && ctx.store.organizations.countFreeOrganizationAdminships(user.id) > 0) {
    throw new BadRequestError('User can only be an admin of one free organization.');
  }
  if (lacksRequiredTwoFactor(ctx, user, org.id, member.type)) {
    throw new BadRequestError('User does not have two-step login enabled.');
  }
  const conflict = singleOrgConflict(ctx, user.id, org.id, member.type);
  if (conflict === 'member-of-other-organizations') {
    throw new BadRequestError(`${user.email} cannot be confirmed until they leave or remove all other organizations.`);
  }
  if (conflict === 'other-organization-forbids') {
    throw new BadRequestError(`${user.email} cannot be confirmed because they are in another organization which forbids it.`);
  }
  const confirmed = ctx.store.organizations.updateUser(
    member.id,
    { status: OrganizationUserStatusType.Confirmed, key, email: null },
    now(ctx),
  );
  createDefaultCollection(ctx, org, confirmed, user.email, defaultUserCollectionName);
  logOrganizationEvent(ctx, org, caller.actor, EventType.OrganizationUser_Confirmed, memberEventFields(confirmed));
  ctx.mailer.send({
    to: user.email,
    subject: `You Have Been Confirmed To ${org.name}`,
    template: 'organization-confirmed',
    text: `You have been confirmed as a member of ${org.name}. Log in (or sync) to see its shared items.\n`,
    data: { organizationId: org.id, organizationName: org.name },
  });
  touchAccounts(ctx, [user.id]);
  return confirmed;
}

/**
 * Confirms members with the org key wrapped to each one's public key. Only Accepted members of
 * this organization linked to an account take part; the others are left out of the result, as
 * on the official server.
 */
export function confirmMembers(
  ctx: SandboxContext,
  caller: OrgCaller,
  keys: ReadonlyMap<string, string>,
  defaultUserCollectionName: string | null | undefined,
): BulkOutcome[] {
  const valid = membersAmong(ctx, caller.organization, [...keys.keys()]).filter(
    (m) => m.status === OrganizationUserStatusType.Accepted && m.userId !== null,
  );
  return ctx.store.transaction(() =>
    valid.map((member) =>
      attempt(member, () => confirmOne(ctx, caller, member, keys.get(member.id) ?? '', defaultUserCollectionName)),
    ),
  );
}

// ---- revoke ------------------------------------------------------------------------------------

function revokeOne(ctx: SandboxContext, caller: OrgCaller, member: OrganizationUserRecord, checkOwners: boolean): OrganizationUserRecord {
  if (caller.user !== null && member.userId === caller.user.id) throw new BadRequestError('You cannot revoke yourself.');
  if (member.type === OrganizationUserType.Owner && !isOwner(caller)) {
    throw new BadRequestError('Only owners can revoke other owners.');
  }
  if (member.type === OrganizationUserType.Admin && !isAdmin(caller)) {
    throw new BadRequestError('Custom users can not revoke admins.');
  }
  if (member.status === OrganizationUserStatusType.Revoked) throw new BadRequestError('Already revoked.');
  if (checkOwners && !keepsConfirmedOwner(ctx, caller.organization, [member.id])) {
    throw new BadRequestError('Organization must have at least one confirmed owner.');
  }
  const revoked = ctx.store.organizations.updateUser(
    member.id,
    { status: OrganizationUserStatusType.Revoked, revocationReason: RevocationReason.Manual },
    now(ctx),
  );
  logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.OrganizationUser_Revoked, memberEventFields(revoked));
  touchAccounts(ctx, [revoked.userId]);
  return revoked;
}

export function revokeMember(ctx: SandboxContext, caller: OrgCaller, member: OrganizationUserRecord): OrganizationUserRecord {
  return ctx.store.transaction(() => revokeOne(ctx, caller, member, true));
}

export function revokeMembers(ctx: SandboxContext, caller: OrgCaller, ids: readonly string[]): BulkOutcome[] {
  const members = membersAmong(ctx, caller.organization, ids);
  if (members.length === 0) throw new BadRequestError('Users invalid.');
  if (!keepsConfirmedOwner(ctx, caller.organization, members.map((m) => m.id))) {
    throw new BadRequestError('Organization must have at least one confirmed owner.');
  }
  return ctx.store.transaction(() => members.map((member) => attempt(member, () => revokeOne(ctx, caller, member, false))));
}

// ---- restore -----------------------------------------------------------------------------------

/** The status a revoked membership returns to: Confirmed with a key, Accepted with an account, else Invited. */
function priorStatus(member: OrganizationUserRecord): number {
  if (member.key !== null) return OrganizationUserStatusType.Confirmed;
  if (member.userId !== null) return OrganizationUserStatusType.Accepted;
  return OrganizationUserStatusType.Invited;
}

function restoreOne(
  ctx: SandboxContext,
  caller: OrgCaller,
  member: OrganizationUserRecord,
  defaultUserCollectionName: string | null | undefined,
): OrganizationUserRecord {
  const org = caller.organization;
  if (member.status !== OrganizationUserStatusType.Revoked) throw new BadRequestError('Already active.');
  if (caller.user !== null && member.userId === caller.user.id) throw new BadRequestError('You cannot restore yourself.');
  if (member.type === OrganizationUserType.Owner && !isOwner(caller)) {
    throw new BadRequestError('Only owners can restore other owners.');
  }
  if (member.type === OrganizationUserType.Admin && !isAdmin(caller)) {
    throw new BadRequestError('Custom users can not restore admins.');
  }
  const status = priorStatus(member);
  const user = member.userId === null ? undefined : ctx.store.users.findById(member.userId);
  if (status !== OrganizationUserStatusType.Invited && user !== undefined) {
    const conflict = singleOrgConflict(ctx, user.id, org.id, member.type);
    const twoFactorMissing = lacksRequiredTwoFactor(ctx, user, org.id, member.type);
    if (conflict !== null && twoFactorMissing) {
      throw new BadRequestError(`${user.email} is not compliant with the single organization and two-step login policy`);
    }
    if (conflict === 'member-of-other-organizations') {
      throw new BadRequestError(`${user.email} cannot be restored until they leave or remove all other organizations.`);
    }
    if (conflict === 'other-organization-forbids') {
      throw new BadRequestError(`${user.email} cannot be restored because they are in another organization which forbids it.`);
    }
    if (twoFactorMissing) throw new BadRequestError(`${user.email} is not compliant with the two-step login policy`);
  }
  const adminType = member.type === OrganizationUserType.Owner || member.type === OrganizationUserType.Admin;
  if (org.planType === PlanType.Free && adminType && user !== undefined) {
    if (ctx.store.organizations.countFreeOrganizationAdminships(user.id, org.id) > 0) {
      throw new BadRequestError(
        'User is an owner/admin of another free organization. Please have them upgrade to a paid plan to restore their account.',
      );
    }
  }
  const restored = ctx.store.organizations.updateUser(member.id, { status, revocationReason: null }, now(ctx));
  if (status === OrganizationUserStatusType.Confirmed && user !== undefined) {
    createDefaultCollection(ctx, org, restored, user.email, defaultUserCollectionName);
  }
  logOrganizationEvent(ctx, org, caller.actor, EventType.OrganizationUser_Restored, memberEventFields(restored));
  touchAccounts(ctx, [restored.userId]);
  return restored;
}

export function restoreMember(
  ctx: SandboxContext,
  caller: OrgCaller,
  member: OrganizationUserRecord,
  defaultUserCollectionName?: string | null,
): OrganizationUserRecord {
  if (member.status === OrganizationUserStatusType.Revoked) checkSeats(ctx, caller.organization, 1);
  return ctx.store.transaction(() => restoreOne(ctx, caller, member, defaultUserCollectionName));
}

export function restoreMembers(
  ctx: SandboxContext,
  caller: OrgCaller,
  ids: readonly string[],
  defaultUserCollectionName?: string | null,
): BulkOutcome[] {
  const members = membersAmong(ctx, caller.organization, ids);
  if (members.length === 0) throw new BadRequestError('Users invalid.');
  checkSeats(ctx, caller.organization, members.filter((m) => m.status === OrganizationUserStatusType.Revoked).length);
  return ctx.store.transaction(() =>
    members.map((member) => attempt(member, () => restoreOne(ctx, caller, member, defaultUserCollectionName))),
  );
}

// ---- remove ------------------------------------------------------------------------------------

function removeOne(ctx: SandboxContext, caller: OrgCaller, member: OrganizationUserRecord, checkOwners: boolean): void {
  if (caller.user !== null && member.userId === caller.user.id) throw new BadRequestError('You cannot remove yourself.');
  if (member.type === OrganizationUserType.Owner && !isOwner(caller)) {
    throw new BadRequestError('Only owners can remove other owners.');
  }
  if (member.type === OrganizationUserType.Admin && !isAdmin(caller)) {
    throw new BadRequestError('Custom users can not remove admins.');
  }
  if (checkOwners && !keepsConfirmedOwner(ctx, caller.organization, [member.id])) {
    throw new BadRequestError('Organization must have at least one confirmed owner.');
  }
  ctx.store.organizations.deleteUser(member.id);
  logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.OrganizationUser_Removed, memberEventFields(member));
  touchAccounts(ctx, [member.userId]);
}

export function removeMember(ctx: SandboxContext, caller: OrgCaller, member: OrganizationUserRecord): void {
  ctx.store.transaction(() => removeOne(ctx, caller, member, true));
}

export function removeMembers(ctx: SandboxContext, caller: OrgCaller, ids: readonly string[]): BulkOutcome[] {
  const members = membersAmong(ctx, caller.organization, ids);
  if (members.length === 0) throw new BadRequestError('Users invalid.');
  if (!keepsConfirmedOwner(ctx, caller.organization, members.map((m) => m.id))) {
    throw new BadRequestError('Organization must have at least one confirmed owner.');
  }
  return ctx.store.transaction(() =>
    members.map((member) => attempt(member, () => removeOne(ctx, caller, member, false))),
  );
}
