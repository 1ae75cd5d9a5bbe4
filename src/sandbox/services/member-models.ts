/** Response models for members: private list/details/mini views, public keys, bulk results and the Public API `member`. */
import type {
  OrganizationBulkResult,
  OrganizationUserDetailsResponse,
  OrganizationUserMiniDetailsResponse,
  OrganizationUserUserDetailsResponse,
  SelectionResponse,
} from '../../protocol/member.js';
import { OrganizationUserType, type Permissions } from '../../protocol/organization.js';
import type { PublicMemberResponse } from '../../protocol/public-api.js';
import type { SandboxContext } from '../context.js';
import type { AccessRow } from '../repositories/collections.js';
import type { OrganizationUserRecord } from '../repositories/organizations.js';
import type { UserRecord } from '../repositories/users.js';
import { parsePermissions } from './models.js';
import { enabledTwoFactorTypes } from './two-factor.js';

function selections(rows: readonly AccessRow[]): SelectionResponse[] {
  return rows.map((row) => ({ id: row.id, readOnly: row.readOnly, hidePasswords: row.hidePasswords, manage: row.manage }));
}

function accountOf(ctx: SandboxContext, member: OrganizationUserRecord): UserRecord | undefined {
  return member.userId === null ? undefined : ctx.store.users.findById(member.userId);
}

/** `permissions` is omitted when the membership stores none. */
function permissionsOf(member: OrganizationUserRecord): { permissions?: Permissions } {
  return member.permissions === null ? {} : { permissions: parsePermissions(member.permissions) };
}

/** The fields both detail models start with (`organizationUserFields` in protocol/member.ts). */
function memberFields(member: OrganizationUserRecord, account: UserRecord | undefined) {
  return {
    id: member.id,
    userId: member.userId,
    type: member.type,
    status: member.status,
    externalId: member.externalId,
    accessSecretsManager: member.accessSecretsManager,
    accessPam: false,
    ...permissionsOf(member),
    resetPasswordEnrolled: member.resetPasswordKey !== null,
    usesKeyConnector: account?.usesKeyConnector ?? false,
    hasMasterPassword: account === undefined ? false : account.masterPassword !== null,
  };
}

export function memberUserDetailsModel(
  ctx: SandboxContext,
  member: OrganizationUserRecord,
  include: { collections: boolean; groups: boolean },
): OrganizationUserUserDetailsResponse {
  const account = accountOf(ctx, member);
  return {
    object: 'organizationUserUserDetails',
    ...memberFields(member, account),
    name: account?.name ?? null,
    email: account?.email ?? member.email,
    avatarColor: account?.avatarColor ?? null,
    twoFactorEnabled: account === undefined ? false : enabledTwoFactorTypes(account).length > 0,
    ssoBound: false,
    claimedByOrganization: false,
    collections: include.collections ? selections(ctx.store.collections.listAccessForMember(member.id)) : [],
    groups: include.groups ? ctx.store.groups.listGroupIdsForMember(member.id) : [],
    revocationReason: member.revocationReason,
    creationDate: member.creationDate,
  };
}

export function memberDetailsModel(
  ctx: SandboxContext,
  member: OrganizationUserRecord,
  includeGroups: boolean,
): OrganizationUserDetailsResponse {
  const account = accountOf(ctx, member);
  return {
    object: 'organizationUserDetails',
    ...memberFields(member, account),
    claimedByOrganization: false,
    ssoExternalId: null,
    collections: selections(ctx.store.collections.listAccessForMember(member.id)),
    ...(includeGroups ? { groups: ctx.store.groups.listGroupIdsForMember(member.id) } : {}),
    creationDate: member.creationDate,
  };
}

export function memberMiniModel(ctx: SandboxContext, member: OrganizationUserRecord): OrganizationUserMiniDetailsResponse {
  const account = accountOf(ctx, member);
  return {
    object: 'organizationUserUserMiniDetails',
    id: member.id,
    userId: member.userId,
    type: member.type,
    status: member.status,
    name: account?.name ?? null,
    email: account?.email ?? member.email,
  };
}

export function bulkResult(id: string, error: string): OrganizationBulkResult {
  return { object: 'OrganizationBulkConfirmResponseModel', id, error };
}

/** The Public API `member`: `permissions` only for Custom members. */
export function publicMemberModel(ctx: SandboxContext, member: OrganizationUserRecord): PublicMemberResponse {
  const account = accountOf(ctx, member);
  return {
    object: 'member',
    id: member.id,
    userId: member.userId,
    name: account?.name ?? null,
    email: account?.email ?? member.email,
    twoFactorEnabled: account === undefined ? false : enabledTwoFactorTypes(account).length > 0,
    status: member.status,
    collections: selections(ctx.store.collections.listAccessForMember(member.id)),
    resetPasswordEnrolled: member.resetPasswordKey !== null,
    ssoExternalId: null,
    type: member.type,
    externalId: member.externalId,
    permissions: member.type === OrganizationUserType.Custom ? parsePermissions(member.permissions) : null,
  };
}
