/** Changing a group's members and collection access (private and Public API). */
import { EventType } from '../../protocol/event.js';
import type { SandboxContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { AccessRow } from '../repositories/collections.js';
import type { GroupRecord } from '../repositories/groups.js';
import { canModifyGroupAccess } from './collection-permissions.js';
import { logOrganizationEvent } from './events.js';
import { collectionsIn, memberIdsIn, rowsFor } from './member-rules.js';
import type { OrgCaller } from './org-caller.js';

/**
 * Replaces a group's members, logging `OrganizationUser_UpdatedGroups` for each member whose
 * groups changed.
 */
export function setGroupMembers(ctx: SandboxContext, caller: OrgCaller, group: GroupRecord, memberIds: readonly string[]): void {
  const before = new Set(ctx.store.groups.listUserIds(group.id));
  const after = new Set(memberIdsIn(ctx, caller.organization.id, memberIds));
  ctx.store.groups.replaceUsers(group.id, [...after]);
  for (const id of new Set([...before, ...after])) {
    if (before.has(id) === after.has(id)) continue;
    const member = ctx.store.organizations.findUser(id);
    logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.OrganizationUser_UpdatedGroups, {
      organizationUserId: id,
      userId: member?.userId ?? null,
    });
  }
}

/**
 * A group's collection access after an edit: the posted rows for collections the caller may
 * change, plus the existing rows for collections the caller may not touch.
 */
export function groupCollectionAccess(
  ctx: SandboxContext,
  caller: OrgCaller,
  group: GroupRecord | null,
  posted: readonly AccessRow[],
): AccessRow[] {
  const collections = collectionsIn(ctx, caller.organization.id, posted.map((row) => row.id));
  for (const collection of collections) {
    if (!canModifyGroupAccess(ctx, caller, collection)) throw new NotFoundError();
  }
  const valid = rowsFor(
    posted,
    collections.map((c) => c.id),
  );
  if (group === null) return valid;
  const kept = ctx.store.collections.listAccessForGroup(group.id).filter((row) => {
    const collection = ctx.store.collections.findById(row.id);
    return collection !== undefined && !canModifyGroupAccess(ctx, caller, collection);
  });
  return [...valid.filter((row) => !kept.some((k) => k.id === row.id)), ...kept];
}
