/**
 * What a caller may do with a collection (the official `BulkCollectionAuthorizationHandler`,
 * admin-api.md §5): Owners/Admins (when admins may access all items), the custom
 * edit/delete-any permissions, members with Manage on the collection, and provider users.
 */
import { OrganizationUserType } from '../../protocol/organization.js';
import type { SandboxContext } from '../context.js';
import type { CollectionAccess, CollectionRecord } from '../repositories/collections.js';
import { hasCustomPermission, isAdmin, type OrgCaller } from './org-caller.js';

/** The caller's own merged access (direct and through groups), or null when not assigned. */
export function callerAccess(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): CollectionAccess | null {
  const member = caller.membership;
  if (member === null) return null;
  return memberAccess(ctx, member.id, collection.id);
}

/** A member's merged access to a collection: least restrictive wins across direct and group rows. */
export function memberAccess(ctx: SandboxContext, organizationUserId: string, collectionId: string): CollectionAccess | null {
  const rows: CollectionAccess[] = [];
  const direct = ctx.store.collections.listUserAccess(collectionId).find((row) => row.id === organizationUserId);
  if (direct !== undefined) rows.push(direct);
  const groups = new Set(ctx.store.groups.listGroupIdsForMember(organizationUserId));
  for (const row of ctx.store.collections.listGroupAccess(collectionId)) if (groups.has(row.id)) rows.push(row);
  if (rows.length === 0) return null;
  return {
    readOnly: rows.every((row) => row.readOnly),
    hidePasswords: rows.every((row) => row.hidePasswords),
    manage: rows.some((row) => row.manage),
  };
}

/** No member or group has Manage on the collection. */
export function isOrphaned(ctx: SandboxContext, collection: CollectionRecord): boolean {
  return (
    !ctx.store.collections.listUserAccess(collection.id).some((row) => row.manage) &&
    !ctx.store.collections.listGroupAccess(collection.id).some((row) => row.manage)
  );
}

function viaProviderOrKey(caller: OrgCaller): boolean {
  return caller.providerId !== null || caller.organizationApiKey;
}

/** Owner or Admin by role (not through a provider). */
function ownerOrAdminRole(caller: OrgCaller): boolean {
  return caller.role === OrganizationUserType.Owner || caller.role === OrganizationUserType.Admin;
}

/**
 * ReadAll (`CollectionAuthorizationHandler.CanReadAllAsync`): every shared collection — Owner,
 * Admin, Custom with editAny/deleteAny/accessImportExport/manageGroups, provider.
 */
export function canReadAllCollections(caller: OrgCaller): boolean {
  return (
    isAdmin(caller) ||
    hasCustomPermission(caller, 'editAnyCollection') ||
    hasCustomPermission(caller, 'deleteAnyCollection') ||
    hasCustomPermission(caller, 'accessImportExport') ||
    hasCustomPermission(caller, 'manageGroups')
  );
}

/**
 * ReadAllWithAccess (`CanReadAllWithAccessAsync`): every collection with its access lists — Owner,
 * Admin, Custom with editAny/deleteAny/manageUsers/manageGroups, provider.
 */
export function canReadAllCollectionsWithAccess(caller: OrgCaller): boolean {
  return (
    isAdmin(caller) ||
    hasCustomPermission(caller, 'editAnyCollection') ||
    hasCustomPermission(caller, 'deleteAnyCollection') ||
    hasCustomPermission(caller, 'manageUsers') ||
    hasCustomPermission(caller, 'manageGroups')
  );
}

/** The caller has Manage on the collection (directly or through a group). */
function manages(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  return callerAccess(ctx, caller, collection)?.manage === true;
}

export function canCreateCollection(caller: OrgCaller): boolean {
  if (isAdmin(caller) || hasCustomPermission(caller, 'createNewCollections')) return true;
  return !caller.organization.limitCollectionCreation && caller.role !== null;
}

/**
 * Read / ReadAccess (`BulkCollectionAuthorizationHandler.CanReadAsync`, also `GET /{id}/users`):
 * Owner, Admin, Custom with editAny/deleteAny, members with Manage on it, provider.
 */
export function canReadCollection(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  return (
    isAdmin(caller) ||
    hasCustomPermission(caller, 'editAnyCollection') ||
    hasCustomPermission(caller, 'deleteAnyCollection') ||
    manages(ctx, caller, collection)
  );
}

/**
 * ReadWithAccess (`CanReadWithAccessAsync`, `GET /{id}/details`): Read plus Custom with manageUsers
 * (not manageGroups).
 */
export function canReadCollectionWithAccess(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  return canReadCollection(ctx, caller, collection) || hasCustomPermission(caller, 'manageUsers');
}

export function canUpdateCollection(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  if (viaProviderOrKey(caller) || hasCustomPermission(caller, 'editAnyCollection')) return true;
  const adminLike = ownerOrAdminRole(caller);
  if (adminLike && caller.organization.allowAdminAccessToAllCollectionItems) return true;
  if (manages(ctx, caller, collection)) return true;
  return adminLike && isOrphaned(ctx, collection);
}

/** ModifyUserAccess: update, or Custom with manageUsers. */
export function canModifyUserAccess(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  return canUpdateCollection(ctx, caller, collection) || hasCustomPermission(caller, 'manageUsers');
}

/** ModifyGroupAccess: update, or Custom with manageGroups. */
export function canModifyGroupAccess(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  return canUpdateCollection(ctx, caller, collection) || hasCustomPermission(caller, 'manageGroups');
}

export function canDeleteCollection(ctx: SandboxContext, caller: OrgCaller, collection: CollectionRecord): boolean {
  if (viaProviderOrKey(caller) || hasCustomPermission(caller, 'deleteAnyCollection')) return true;
  const adminLike = caller.role === OrganizationUserType.Owner || caller.role === OrganizationUserType.Admin;
  if (adminLike && caller.organization.allowAdminAccessToAllCollectionItems) return true;
  const manages = callerAccess(ctx, caller, collection)?.manage === true;
  return manages && (adminLike || !caller.organization.limitCollectionDeletion);
}
