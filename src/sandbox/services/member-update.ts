/**
 * Changing a member's role, permissions, collection access and groups (admin-api.md §4.8, and the
 * Public API's `PUT /public/members/{id}`, §10.1).
 */
import { EventType } from '../../protocol/event.js';
import { OrganizationUserType, type PermissionsRequest } from '../../protocol/organization.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { AccessRow } from '../repositories/collections.js';
import type { OrganizationUserRecord } from '../repositories/organizations.js';
import { canModifyUserAccess } from './collection-permissions.js';
import { logOrganizationEvent } from './events.js';
import {
  checkCustomPermissionsEnabled,
  checkRoleChange,
  collectionsIn,
  groupIdsIn,
  keepsConfirmedOwner,
  permissionsJson,
  rowsFor,
  touchAccounts,
} from './member-rules.js';
import type { OrgCaller } from './org-caller.js';

export interface MemberUpdate {
  type: number;
  permissions: PermissionsRequest | null | undefined;
  accessSecretsManager: boolean;
  /** Full replacement of direct collection access (null: leave as is). */
  collections: readonly AccessRow[] | null;
  /** Full replacement of group membership (null: leave as is). */
  groups: readonly string[] | null;
  /** Public API only (undefined: leave as is). */
  externalId?: string | null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((id) => left.has(id));
}

/** Replaces a member's groups; logs `OrganizationUser_UpdatedGroups` when they change. */
export function setMemberGroups(
  ctx: SandboxContext,
  caller: OrgCaller,
  member: OrganizationUserRecord,
  groupIds: readonly string[],
): void {
  const ids = groupIdsIn(ctx, caller.organization.id, groupIds);
  const before = ctx.store.groups.listGroupIdsForMember(member.id);
  if (sameSet(before, ids)) return;
  ctx.store.groups.replaceGroupsForMember(member.id, ids);
  logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.OrganizationUser_UpdatedGroups, {
    organizationUserId: member.id,
    userId: member.userId,
  });
}

export function updateMember(
  ctx: SandboxContext,
  caller: OrgCaller,
  member: OrganizationUserRecord,
  update: MemberUpdate,
): OrganizationUserRecord {
  const org = caller.organization;
  checkCustomPermissionsEnabled(org, update.type);
  checkRoleChange(caller, update.type, member.type, update.permissions);
  if (
    member.type === OrganizationUserType.Owner &&
    update.type !== OrganizationUserType.Owner &&
    !keepsConfirmedOwner(ctx, org, [member.id])
  ) {
    throw new BadRequestError('Organization must have at least one confirmed owner.');
  }
  const editingSelf = caller.user !== null && member.userId === caller.user.id;
  const selfRestricted = editingSelf && !org.allowAdminAccessToAllCollectionItems;

  let collections: AccessRow[] | null = null;
  if (update.collections !== null) {
    const current = ctx.store.collections.listAccessForMember(member.id);
    const currentIds = new Set(current.map((row) => row.id));
    if (selfRestricted && update.collections.some((row) => !currentIds.has(row.id))) {
      throw new BadRequestError('You cannot add yourself to a collection.');
    }
    const posted = collectionsIn(ctx, org.id, update.collections.map((row) => row.id));
    for (const collection of posted) {
      if (!canModifyUserAccess(ctx, caller, collection)) throw new NotFoundError();
    }
    // Access to collections the caller may not manage is kept as it was.
    const kept = current.filter((row) => {
      const collection = ctx.store.collections.findById(row.id);
      return collection !== undefined && !canModifyUserAccess(ctx, caller, collection);
    });
    const edited = rowsFor(
      update.collections,
      posted.map((c) => c.id),
    ).filter((row) => !kept.some((k) => k.id === row.id));
    collections = [...edited, ...kept];
  }
  const groups = update.groups !== null && !selfRestricted ? update.groups : null;

  return ctx.store.transaction(() => {
    const updated = ctx.store.organizations.updateUser(
      member.id,
      {
        type: update.type,
        permissions: permissionsJson(update.type, update.permissions),
        accessSecretsManager: update.accessSecretsManager,
        ...(update.externalId !== undefined ? { externalId: update.externalId } : {}),
      },
      ctx.clock.now().toISOString(),
    );
    if (collections !== null) ctx.store.collections.replaceAccessForMember(member.id, collections);
    logOrganizationEvent(ctx, org, caller.actor, EventType.OrganizationUser_Updated, {
      organizationUserId: member.id,
      userId: member.userId,
    });
    if (groups !== null) setMemberGroups(ctx, caller, updated, groups);
    touchAccounts(ctx, [member.userId]);
    return updated;
  });
}
