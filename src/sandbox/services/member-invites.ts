/**
 * Inviting members, re-sending invitations and accepting them (admin-api.md §4.4). The invitation
 * mail lands in the outbox with its token parsed out; the token is bound to the membership and the
 * invited e-mail and lives five days.
 */
import { randomUUID } from 'node:crypto';
import { EventType } from '../../protocol/event.js';
import { OrganizationUserStatusType, OrganizationUserType, type PermissionsRequest } from '../../protocol/organization.js';
import { createSignedToken, readSignedToken } from '../auth/signed-token.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import type { AccessRow } from '../repositories/collections.js';
import type { OrganizationRecord, OrganizationUserRecord } from '../repositories/organizations.js';
import type { UserRecord } from '../repositories/users.js';
import { logOrganizationEvent } from './events.js';
import {
  checkCustomPermissionsEnabled,
  checkRoleChange,
  checkSeats,
  collectionsIn,
  groupIdsIn,
  permissionsJson,
  rowsFor,
  touchAccounts,
} from './member-rules.js';
import type { OrgCaller } from './org-caller.js';
import { autoEnrollRequired, lacksRequiredTwoFactor, singleOrgConflict } from './policy-rules.js';
import { normaliseEmail } from './request.js';

const INVITE_PURPOSE = 'organization-user-invite';
const INVITE_LIFETIME_MS = 5 * 24 * 60 * 60 * 1000;

export interface InviteRequest {
  emails: readonly string[];
  type: number;
  permissions: PermissionsRequest | null | undefined;
  collections: readonly AccessRow[];
  groups: readonly string[];
  accessSecretsManager: boolean;
  externalId?: string | null;
}

/** Sends (or re-sends) the invitation mail with a fresh token. */
export function sendInviteMail(ctx: SandboxContext, org: OrganizationRecord, member: OrganizationUserRecord): void {
  const email = member.email;
  if (email === null) return;
  const token = createSignedToken(
    ctx.secrets.tokenKey,
    INVITE_PURPOSE,
    { ouid: member.id, email },
    new Date(ctx.clock.now().getTime() + INVITE_LIFETIME_MS),
  );
  const existingUser = ctx.store.users.findByEmail(email) !== undefined;
  const query = new URLSearchParams({
    organizationId: org.id,
    organizationUserId: member.id,
    email,
    organizationName: org.name,
    token,
    initOrganization: 'false',
    orgUserHasExistingUser: String(existingUser),
  });
  const link = `${ctx.baseUrl()}/#/accept-organization?${query.toString()}`;
  ctx.mailer.send({
    to: email,
    subject: `Join ${org.name}`,
    template: 'organization-invite',
    text: `You have been invited to join the ${org.name} organization.\n\n${link}\n\nThis invitation expires in 5 days.\n`,
    token,
    data: {
      organizationId: org.id,
      organizationUserId: member.id,
      organizationName: org.name,
      email,
      link,
      orgUserHasExistingUser: String(existingUser),
    },
  });
}

/**
 * True when `token` is a current invitation for this membership and the invited e-mail (once the
 * invitation is accepted, the e-mail of the linked account).
 */
export function inviteTokenValid(ctx: SandboxContext, token: string, member: OrganizationUserRecord): boolean {
  const payload = readSignedToken(ctx.secrets.tokenKey, INVITE_PURPOSE, token, ctx.clock.now());
  if (payload === null || payload.ouid !== member.id) return false;
  const email = member.email ?? (member.userId === null ? undefined : ctx.store.users.findById(member.userId)?.email);
  return email !== undefined && payload.email === email.toLowerCase();
}

/**
 * Invites new e-mails; e-mails already in the organization are skipped (`refuseExisting`: the
 * Public API refuses them instead). Returns the new memberships.
 */
export function inviteMembers(
  ctx: SandboxContext,
  caller: OrgCaller,
  request: InviteRequest,
  options: { refuseExisting: boolean },
): OrganizationUserRecord[] {
  const org = caller.organization;
  checkCustomPermissionsEnabled(org, request.type);
  checkRoleChange(caller, request.type, null, request.permissions);
  const collections = rowsFor(
    request.collections,
    collectionsIn(ctx, org.id, request.collections.map((row) => row.id)).map((c) => c.id),
  );
  const groupIds = groupIdsIn(ctx, org.id, request.groups);
  const emails = [...new Set(request.emails.map(normaliseEmail))];
  const known = ctx.store.organizations.knownEmails(org.id);
  const fresh = emails.filter((email) => !known.has(email));
  if (options.refuseExisting && fresh.length < emails.length) {
    throw new BadRequestError('This user has already been invited.');
  }
  checkSeats(ctx, org, fresh.length);
  const now = ctx.clock.now().toISOString();
  const created = ctx.store.transaction(() =>
    fresh.map((email) => {
      const member = ctx.store.organizations.insertUser({
        id: randomUUID(),
        organizationId: org.id,
        userId: null,
        email,
        key: null,
        status: OrganizationUserStatusType.Invited,
        type: request.type,
        externalId: request.externalId ?? null,
        permissions: permissionsJson(request.type, request.permissions),
        accessSecretsManager: request.accessSecretsManager,
        creationDate: now,
      });
      ctx.store.collections.replaceAccessForMember(member.id, collections);
      ctx.store.groups.replaceGroupsForMember(member.id, groupIds);
      logOrganizationEvent(ctx, org, caller.actor, EventType.OrganizationUser_Invited, { organizationUserId: member.id });
      return member;
    }),
  );
  for (const member of created) sendInviteMail(ctx, org, member);
  return created;
}

/** Re-sends one invitation; only Invited members of this organization qualify. */
export function reinviteMember(ctx: SandboxContext, org: OrganizationRecord, member: OrganizationUserRecord | undefined): void {
  if (member === undefined || member.organizationId !== org.id || member.status !== OrganizationUserStatusType.Invited) {
    throw new BadRequestError('User invalid.');
  }
  sendInviteMail(ctx, org, member);
}

/** Accepting an invitation as the invited account (`POST /{organizationUserId}/accept`). */
export function acceptInvite(
  ctx: SandboxContext,
  user: UserRecord,
  organizationId: string,
  organizationUserId: string,
  body: { token: string; resetPasswordKey?: string | null | undefined },
): OrganizationUserRecord {
  const member = ctx.store.organizations.findUser(organizationUserId);
  if (member === undefined || member.organizationId !== organizationId.toLowerCase()) {
    throw new BadRequestError('User invalid.');
  }
  const org = ctx.store.organizations.findById(member.organizationId);
  if (org === undefined) throw new BadRequestError('User invalid.');
  const enroll = autoEnrollRequired(ctx, org.id);
  const resetPasswordKey = body.resetPasswordKey?.trim() ?? '';
  if (enroll && resetPasswordKey === '') {
    throw new BadRequestError('Master Password reset is required, but not provided.');
  }
  if (!inviteTokenValid(ctx, body.token, member)) throw new BadRequestError('Invalid token.');
  const existing = ctx.store.organizations.findUserByAccount(org.id, user.id);
  if (existing !== undefined) {
    if (existing.status === OrganizationUserStatusType.Accepted) {
      throw new BadRequestError(
        'Invitation already accepted. You will receive an email when your organization membership is confirmed.',
      );
    }
    throw new BadRequestError('You are already part of this organization.');
  }
  if (member.email === null || member.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new BadRequestError('User email does not match invite.');
  }
  if (member.status === OrganizationUserStatusType.Revoked) {
    throw new BadRequestError('Your organization access has been revoked.');
  }
  if (member.status !== OrganizationUserStatusType.Invited) throw new BadRequestError('Already accepted.');
  const adminType = member.type === OrganizationUserType.Owner || member.type === OrganizationUserType.Admin;
  if (adminType && org.planType === 0 && ctx.store.organizations.countFreeOrganizationAdminships(user.id) > 0) {
    throw new BadRequestError('You can only be an admin of one free organization.');
  }
  const conflict = singleOrgConflict(ctx, user.id, org.id, member.type);
  if (conflict === 'member-of-other-organizations') {
    throw new BadRequestError('You may not join this organization until you leave or remove all other organizations.');
  }
  if (conflict === 'other-organization-forbids') {
    throw new BadRequestError(
      'You cannot join this organization because you are a member of another organization which forbids it',
    );
  }
  if (lacksRequiredTwoFactor(ctx, user, org.id, member.type)) {
    throw new BadRequestError('You cannot join this organization until you enable two-step login on your user account.');
  }
  const now = ctx.clock.now().toISOString();
  const accepted = ctx.store.transaction(() => {
    const updated = ctx.store.organizations.updateUser(
      member.id,
      {
        status: OrganizationUserStatusType.Accepted,
        userId: user.id,
        email: null,
        ...(enroll ? { resetPasswordKey } : {}),
      },
      now,
    );
    if (!user.emailVerified) ctx.store.users.setEmailVerified(user.id, now);
    if (enroll) {
      logOrganizationEvent(
        ctx,
        org,
        { userId: user.id, providerId: null, systemUser: null, deviceType: null, ipAddress: null },
        EventType.OrganizationUser_ResetPassword_Enroll,
        { organizationUserId: member.id, userId: user.id },
      );
    }
    return updated;
  });
  notifyAdminsOfAcceptance(ctx, org, user);
  touchAccounts(ctx, [user.id]);
  return accepted;
}

/** "A user accepted an invitation" to the organization's confirmed Owners and Admins. */
function notifyAdminsOfAcceptance(ctx: SandboxContext, org: OrganizationRecord, user: UserRecord): void {
  const admins = ctx.store.organizations
    .listUsers(org.id)
    .filter(
      (m) =>
        m.status === OrganizationUserStatusType.Confirmed &&
        (m.type === OrganizationUserType.Owner || m.type === OrganizationUserType.Admin) &&
        m.userId !== null,
    );
  const emails = new Set<string>();
  for (const admin of admins) {
    const account = admin.userId === null ? undefined : ctx.store.users.findById(admin.userId);
    if (account !== undefined) emails.add(account.email);
  }
  for (const to of emails) {
    ctx.mailer.send({
      to,
      subject: 'Action Required: User Accepted Invitation',
      template: 'organization-user-accepted',
      text: `${user.email} has accepted the invitation to join ${org.name}. Confirm them to give them access.\n`,
      data: { organizationId: org.id, organizationName: org.name, email: user.email },
    });
  }
}
