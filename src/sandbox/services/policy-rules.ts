/**
 * How enabled policies constrain membership (admin-api.md §4.4, §4.7, §7.2): the Single
 * organization policy, the two-step login policy and account-recovery auto-enrolment. As on the
 * official server, policies do not apply to Owners and Admins.
 */
import { OrganizationUserStatusType, OrganizationUserType } from '../../protocol/organization.js';
import { PolicyType } from '../../protocol/policy.js';
import type { SandboxContext } from '../context.js';
import type { PolicyRecord } from '../repositories/policies.js';
import type { UserRecord } from '../repositories/users.js';
import { enabledTwoFactorTypes } from './two-factor.js';

/** The organization's policy of this type when it is in force (enabled, and the organization can use policies). */
export function policyInForce(ctx: SandboxContext, organizationId: string, type: number): PolicyRecord | undefined {
  const org = ctx.store.organizations.findById(organizationId);
  if (org === undefined || !org.enabled || !org.usePolicies) return undefined;
  const policy = ctx.store.policies.find(organizationId, type);
  return policy?.enabled === true ? policy : undefined;
}

/** Policies bind Users and Custom members, not Owners and Admins. */
export function policyAppliesTo(memberType: number): boolean {
  return memberType !== OrganizationUserType.Owner && memberType !== OrganizationUserType.Admin;
}

/** Parsed policy data (a JSON object) or an empty object. */
export function policyData(policy: PolicyRecord | undefined): Record<string, unknown> {
  if (policy?.data == null) return {};
  try {
    const parsed = JSON.parse(policy.data) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export type SingleOrgConflict = 'member-of-other-organizations' | 'other-organization-forbids';

/**
 * Whether the Single organization policy keeps this account from joining (accepting, being
 * confirmed in, being restored to) the organization as a member of this type.
 */
export function singleOrgConflict(
  ctx: SandboxContext,
  userId: string,
  organizationId: string,
  memberType: number,
): SingleOrgConflict | null {
  const others = ctx.store.organizations
    .listAllMembershipsForUser(userId)
    .filter(
      (m) =>
        m.organizationId !== organizationId &&
        (m.status === OrganizationUserStatusType.Accepted || m.status === OrganizationUserStatusType.Confirmed),
    );
  if (
    others.length > 0 &&
    policyAppliesTo(memberType) &&
    policyInForce(ctx, organizationId, PolicyType.SingleOrg) !== undefined
  ) {
    return 'member-of-other-organizations';
  }
  const forbidden = others.some(
    (m) => policyAppliesTo(m.type) && policyInForce(ctx, m.organizationId, PolicyType.SingleOrg) !== undefined,
  );
  return forbidden ? 'other-organization-forbids' : null;
}

/** The organization's two-step login policy binds this member and the account has no second factor. */
export function lacksRequiredTwoFactor(
  ctx: SandboxContext,
  user: UserRecord,
  organizationId: string,
  memberType: number,
): boolean {
  if (!policyAppliesTo(memberType)) return false;
  if (policyInForce(ctx, organizationId, PolicyType.TwoFactorAuthentication) === undefined) return false;
  return enabledTwoFactorTypes(user).length === 0;
}

/** Account recovery with automatic enrolment is on: accepting needs a reset-password key. */
export function autoEnrollRequired(ctx: SandboxContext, organizationId: string): boolean {
  const policy = policyInForce(ctx, organizationId, PolicyType.ResetPassword);
  return policy !== undefined && policyData(policy).autoEnrollEnabled === true;
}
