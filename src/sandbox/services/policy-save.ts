/**
 * Saving a policy (admin-api.md §7): data validation for the server-side models, the Single
 * organization dependency rules with the official messages, the event, and the side effects of
 * turning a policy on (non-compliant members revoked for two-step login and Single organization,
 * personal "My Items" collections for organization data ownership).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CollectionType } from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import { RevocationReason } from '../../protocol/member.js';
import { OrganizationUserStatusType } from '../../protocol/organization.js';
import {
  POLICIES_REQUIRING_SINGLE_ORG,
  POLICY_DISPLAY_NAMES,
  PolicyType,
  fillAssistPolicyDataSchema,
  masterPasswordPolicyDataSchema,
  organizationDataOwnershipMetadataSchema,
  resetPasswordPolicyDataSchema,
  sendControlsPolicyDataSchema,
  sendOptionsPolicyDataSchema,
} from '../../protocol/policy.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError } from '../errors.js';
import type { OrganizationUserRecord } from '../repositories/organizations.js';
import type { PolicyRecord } from '../repositories/policies.js';
import { logOrganizationEvent } from './events.js';
import { touchAccounts } from './member-rules.js';
import type { OrgCaller } from './org-caller.js';
import { policyAppliesTo } from './policy-rules.js';
import { enabledTwoFactorTypes } from './two-factor.js';

export interface PolicySave {
  type: PolicyType;
  enabled: boolean;
  data: Record<string, unknown> | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
}

/** The enum name the server uses in validation messages (`MasterPassword`, `SendOptions`, ...). */
function enumName(type: number): string {
  return Object.entries(PolicyType).find(([, value]) => value === type)?.[0] ?? String(type);
}

/** Known policy type for a route segment, or undefined. */
export function policyTypeParam(raw: string | undefined): PolicyType | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const type = Number(raw);
  return (Object.values(PolicyType) as number[]).includes(type) ? (type as PolicyType) : undefined;
}

/** Server-side data models (the web-client-only shapes are stored as sent, as the server does). */
const DATA_SCHEMAS: Partial<Record<PolicyType, z.ZodType>> = {
  [PolicyType.MasterPassword]: masterPasswordPolicyDataSchema,
  [PolicyType.SendOptions]: sendOptionsPolicyDataSchema,
  [PolicyType.ResetPassword]: resetPasswordPolicyDataSchema,
  [PolicyType.SendControls]: sendControlsPolicyDataSchema,
};

function validateData(request: PolicySave): void {
  let schema = DATA_SCHEMAS[request.type];
  if (request.type === PolicyType.FillAssist && request.enabled) schema = fillAssistPolicyDataSchema;
  if (schema === undefined) return;
  const result = schema.safeParse(request.data ?? {});
  if (!result.success) {
    const field = result.error.issues[0]?.path.map(String).join('.') ?? '';
    const pascal = field.charAt(0).toUpperCase() + field.slice(1);
    throw new BadRequestError(`Invalid data for ${enumName(request.type)} policy: ${pascal}.`);
  }
}

function enabledType(ctx: SandboxContext, organizationId: string, type: number): boolean {
  return ctx.store.policies.find(organizationId, type)?.enabled === true;
}

function checkDependencies(ctx: SandboxContext, organizationId: string, request: PolicySave): void {
  const singleOrg = POLICY_DISPLAY_NAMES[PolicyType.SingleOrg];
  if (request.enabled && POLICIES_REQUIRING_SINGLE_ORG.includes(request.type)) {
    if (!enabledType(ctx, organizationId, PolicyType.SingleOrg)) {
      throw new BadRequestError(
        `Turn on the ${singleOrg} policy because it is required for the ${POLICY_DISPLAY_NAMES[request.type]} policy.`,
      );
    }
  }
  if (!request.enabled && request.type === PolicyType.SingleOrg) {
    const dependant = POLICIES_REQUIRING_SINGLE_ORG.find((type) => enabledType(ctx, organizationId, type));
    if (dependant !== undefined) {
      throw new BadRequestError(
        `Turn off the ${POLICY_DISPLAY_NAMES[dependant]} policy because it requires the ${singleOrg} policy.`,
      );
    }
  }
}

/** Members a newly enabled policy binds: accepted or confirmed, not Owner/Admin, not the caller. */
function boundMembers(caller: OrgCaller, members: readonly OrganizationUserRecord[]): OrganizationUserRecord[] {
  return members.filter(
    (m) =>
      (m.status === OrganizationUserStatusType.Accepted || m.status === OrganizationUserStatusType.Confirmed) &&
      m.userId !== null &&
      policyAppliesTo(m.type) &&
      (caller.user === null || m.userId !== caller.user.id),
  );
}

function revokeNonCompliant(
  ctx: SandboxContext,
  caller: OrgCaller,
  member: OrganizationUserRecord,
  reason: number,
  eventType: number,
  email: string,
): void {
  const org = caller.organization;
  ctx.store.organizations.updateUser(
    member.id,
    { status: OrganizationUserStatusType.Revoked, revocationReason: reason },
    ctx.clock.now().toISOString(),
  );
  logOrganizationEvent(ctx, org, caller.actor, eventType, { organizationUserId: member.id, userId: member.userId });
  ctx.mailer.send({
    to: email,
    subject: `You have been revoked from ${org.name}`,
    template: 'organization-user-revoked-for-policy',
    text: `Your access to ${org.name} was revoked because your account does not comply with one of its policies.\n`,
    data: { organizationId: org.id, organizationName: org.name },
  });
  touchAccounts(ctx, [member.userId]);
}

function applyEnableSideEffects(ctx: SandboxContext, caller: OrgCaller, request: PolicySave): void {
  const org = caller.organization;
  const members = ctx.store.organizations.listUsers(org.id);
  if (request.type === PolicyType.TwoFactorAuthentication) {
    for (const member of boundMembers(caller, members)) {
      const user = ctx.store.users.findById(member.userId ?? '');
      if (user === undefined || enabledTwoFactorTypes(user).length > 0) continue;
      revokeNonCompliant(
        ctx,
        caller,
        member,
        RevocationReason.TwoFactorPolicyNonCompliance,
        EventType.OrganizationUser_Revoked_TwoFactorNonCompliance,
        user.email,
      );
    }
  }
  if (request.type === PolicyType.SingleOrg) {
    for (const member of boundMembers(caller, members)) {
      const user = ctx.store.users.findById(member.userId ?? '');
      if (user === undefined) continue;
      const elsewhere = ctx.store.organizations
        .listAllMembershipsForUser(user.id)
        .some(
          (m) =>
            m.organizationId !== org.id &&
            (m.status === OrganizationUserStatusType.Accepted || m.status === OrganizationUserStatusType.Confirmed),
        );
      if (!elsewhere) continue;
      revokeNonCompliant(
        ctx,
        caller,
        member,
        RevocationReason.SingleOrgPolicyNonCompliance,
        EventType.OrganizationUser_Revoked_SingleOrganizationNonCompliance,
        user.email,
      );
    }
  }
  if (request.type === PolicyType.OrganizationDataOwnership) {
    const metadata = organizationDataOwnershipMetadataSchema.safeParse(request.metadata ?? {});
    const name = metadata.success ? metadata.data.defaultUserCollectionName : null;
    if (name == null || name.trim() === '') return;
    const existing = new Set(
      ctx.store.collections
        .listByOrganization(org.id)
        .filter((c) => c.type === CollectionType.DefaultUserCollection)
        .map((c) => c.defaultUserCollectionEmail),
    );
    for (const member of boundMembers(caller, members)) {
      const user = ctx.store.users.findById(member.userId ?? '');
      if (user === undefined || member.status !== OrganizationUserStatusType.Confirmed || existing.has(user.email)) continue;
      const collection = ctx.store.collections.insert({
        id: randomUUID(),
        organizationId: org.id,
        name,
        externalId: null,
        type: CollectionType.DefaultUserCollection,
        defaultUserCollectionEmail: user.email,
        creationDate: ctx.clock.now().toISOString(),
      });
      ctx.store.collections.setUserAccess(collection.id, member.id, { readOnly: false, hidePasswords: false, manage: true });
      touchAccounts(ctx, [user.id]);
    }
  }
}

export function savePolicy(ctx: SandboxContext, caller: OrgCaller, request: PolicySave): PolicyRecord {
  const org = caller.organization;
  if (!org.usePolicies) throw new BadRequestError('This organization cannot use policies.');
  validateData(request);
  checkDependencies(ctx, org.id, request);
  const current = ctx.store.policies.find(org.id, request.type);
  const turningOn = request.enabled && current?.enabled !== true;
  const saved = ctx.store.transaction(() => {
    const stored = ctx.store.policies.upsert({
      id: current?.id ?? randomUUID(),
      organizationId: org.id,
      type: request.type,
      enabled: request.enabled,
      data: request.data == null ? null : JSON.stringify(request.data),
      revisionDate: ctx.clock.now().toISOString(),
    });
    logOrganizationEvent(ctx, org, caller.actor, EventType.Policy_Updated, { policyId: stored.id });
    if (turningOn) applyEnableSideEffects(ctx, caller, request);
    return stored;
  });
  // Policies reach members through sync.
  touchAccounts(
    ctx,
    ctx.store.organizations.listUsers(org.id).map((m) => m.userId),
  );
  return saved;
}
