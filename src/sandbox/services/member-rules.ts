/**
 * Rules shared by the member, collection and group routes (private and Public API): access
 * selections, ids that must belong to the organization, who may grant which role, and seats.
 */
import {
  OrganizationUserType,
  PERMISSION_NAMES,
  PlanType,
  type PermissionsRequest,
} from '../../protocol/organization.js';
import { ProviderStatusType, ProviderType } from '../../protocol/provider.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { AccessRow, CollectionRecord } from '../repositories/collections.js';
import type { OrganizationRecord } from '../repositories/organizations.js';
import { hasPermission, isAdmin, isOwner, type OrgCaller } from './org-caller.js';

const MANAGE_EXCLUSIVE =
  'The Manage property is mutually exclusive and cannot be true while the ReadOnly or HidePasswords properties are also true.';

interface SelectionInput {
  id: string;
  readOnly?: boolean | null | undefined;
  hidePasswords?: boolean | null | undefined;
  manage?: boolean | null | undefined;
}

/** Access selections as stored rows: ids lower-cased, one row per id (the last wins), flags defaulted to false. */
export function accessRows(selections: readonly SelectionInput[] | null | undefined): AccessRow[] {
  const byId = new Map<string, AccessRow>();
  for (const selection of selections ?? []) {
    const row: AccessRow = {
      id: selection.id.toLowerCase(),
      readOnly: selection.readOnly === true,
      hidePasswords: selection.hidePasswords === true,
      manage: selection.manage === true,
    };
    if (row.manage && (row.readOnly || row.hidePasswords)) throw new BadRequestError(MANAGE_EXCLUSIVE);
    byId.set(row.id, row);
  }
  return [...byId.values()];
}

function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/**
 * Collections by id, all in this organization: unknown id → 404, another organization's → 400
 * (for routes that act on the collections themselves, such as bulk access).
 */
export function collectionsOf(ctx: SandboxContext, organizationId: string, ids: readonly string[]): CollectionRecord[] {
  return uniqueIds(ids).map((id) => {
    const collection = ctx.store.collections.findById(id);
    if (collection === undefined) throw new NotFoundError();
    if (collection.organizationId !== organizationId) throw new BadRequestError('Invalid collection id(s).');
    return collection;
  });
}

/*
 * In access lists (a member's collections, a collection's users and groups, a group's members)
 * ids that do not belong to the organization are dropped, as the official server's stored
 * procedures do when they join the posted ids with the organization's rows.
 */

/** The collections among `ids` that belong to the organization. */
export function collectionsIn(ctx: SandboxContext, organizationId: string, ids: readonly string[]): CollectionRecord[] {
  return uniqueIds(ids)
    .map((id) => ctx.store.collections.findById(id))
    .filter((c): c is CollectionRecord => c !== undefined && c.organizationId === organizationId);
}

/** The ids among `ids` that are groups of the organization. */
export function groupIdsIn(ctx: SandboxContext, organizationId: string, ids: readonly string[]): string[] {
  return uniqueIds(ids).filter((id) => ctx.store.groups.findById(id)?.organizationId === organizationId);
}

/** The ids among `ids` that are members (organization users) of the organization. */
export function memberIdsIn(ctx: SandboxContext, organizationId: string, ids: readonly string[]): string[] {
  return uniqueIds(ids).filter((id) => ctx.store.organizations.findUser(id)?.organizationId === organizationId);
}

/** The rows whose id is in `ids`. */
export function rowsFor(rows: readonly AccessRow[], ids: readonly string[]): AccessRow[] {
  const keep = new Set(ids);
  return rows.filter((row) => keep.has(row.id));
}

/** Stored permissions JSON for a membership: only Custom members carry permissions. */
export function permissionsJson(type: number, permissions: PermissionsRequest | null | undefined): string | null {
  if (type !== OrganizationUserType.Custom) return null;
  const out: Record<string, boolean> = {};
  for (const name of PERMISSION_NAMES) out[name] = permissions?.[name] === true;
  return JSON.stringify(out);
}

/** Custom roles need the organization's `useCustomPermissions` (Enterprise). */
export function checkCustomPermissionsEnabled(org: OrganizationRecord, type: number): void {
  if (type === OrganizationUserType.Custom && !org.useCustomPermissions) {
    throw new BadRequestError('To enable custom permissions the organization must be on an Enterprise plan.');
  }
}

/**
 * Who may give or change which role (the official `ValidateOrganizationUserUpdatePermissions`):
 * only Owners touch Owners, Custom users with manageUsers cannot touch Admins and grant only the
 * permissions they hold themselves.
 */
export function checkRoleChange(
  caller: OrgCaller,
  newType: number,
  oldType: number | null,
  permissions: PermissionsRequest | null | undefined,
): void {
  if (isOwner(caller)) return;
  if (oldType === OrganizationUserType.Owner || newType === OrganizationUserType.Owner) {
    throw new BadRequestError("Only an Owner can configure another Owner's account.");
  }
  if (isAdmin(caller)) return;
  if (!hasPermission(caller, 'manageUsers')) {
    throw new BadRequestError('Your account does not have permission to manage users.');
  }
  if (oldType === OrganizationUserType.Admin || newType === OrganizationUserType.Admin) {
    throw new BadRequestError('Custom users can not manage Admins or Owners.');
  }
  if (newType === OrganizationUserType.Custom) {
    const exceeds = PERMISSION_NAMES.some((name) => permissions?.[name] === true && !caller.permissions[name]);
    if (exceeds) throw new BadRequestError('Custom users can only grant the same custom permissions that they have.');
  }
}

/**
 * The official server's message when a seat is needed and none can be added. The sandbox has no
 * payment processor, so where the cloud would buy seats (autoscale) it refuses instead; Free and
 * Families plans never add seats; billable providers and resellers buy them for their clients.
 */
function seatLimitMessage(ctx: SandboxContext, org: OrganizationRecord): string {
  const link = ctx.store.providers.findOrganizationLink(org.id);
  if (link !== undefined && link.provider.enabled) {
    const billable =
      link.provider.status === ProviderStatusType.Billable &&
      (link.provider.type === ProviderType.Msp || link.provider.type === ProviderType.BusinessUnit);
    if (billable) return 'Seat limit has been reached. Please contact your provider to add more seats.';
    if (link.provider.type === ProviderType.Reseller) {
      return 'Seat limit has been reached. Contact your provider to purchase additional seats.';
    }
  }
  if (org.planType === PlanType.Free || org.planType === PlanType.FamiliesAnnually) {
    return 'Plan does not allow additional seats.';
  }
  return 'Seat limit has been reached.';
}

/** Throws 400 when `needed` more occupied seats would exceed the organization's seats. */
export function checkSeats(ctx: SandboxContext, org: OrganizationRecord, needed: number): void {
  if (org.seats === null || needed <= 0) return;
  const occupied = ctx.store.organizations.countOccupiedSeats(org.id);
  if (occupied + needed > org.seats) throw new BadRequestError(seatLimitMessage(ctx, org));
}

/** True when the organization keeps at least one confirmed owner besides `exceptIds` (a managing provider counts). */
export function keepsConfirmedOwner(ctx: SandboxContext, org: OrganizationRecord, exceptIds: readonly string[]): boolean {
  if (ctx.store.organizations.countConfirmedOwners(org.id, exceptIds) > 0) return true;
  return ctx.store.providers.findOrganizationLink(org.id) !== undefined;
}

/** Marks accounts' vault data as changed so clients re-sync (`/accounts/revision-date`). */
export function touchAccounts(ctx: SandboxContext, userIds: readonly (string | null)[]): void {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length > 0) ctx.store.users.touchAccountRevision(ids, ctx.clock.now().toISOString());
}

/** Touches every account linked to the organization. */
export function touchOrganizationAccounts(ctx: SandboxContext, organizationId: string): void {
  touchAccounts(
    ctx,
    ctx.store.organizations.listUsers(organizationId).map((member) => member.userId),
  );
}
