/**
 * `{api}/organizations` (admin-api.md §3.1–§3.3): the caller's memberships, creating a user-owned
 * organization, reading and updating it, collection-management settings, key pair, leaving and
 * deleting.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { keysRequestSchema } from '../../protocol/account-keys.js';
import { CollectionType } from '../../protocol/collection.js';
import { secretVerificationRequestSchema } from '../../protocol/common.js';
import { EventType } from '../../protocol/event.js';
import {
  OrganizationApiKeyType,
  OrganizationStatusType,
  OrganizationUserStatusType,
  OrganizationUserType,
  PlanType,
  collectionManagementRequestSchema,
  organizationCreateRequestSchema,
  organizationUpdateRequestSchema,
  type OrganizationKeysResponse,
  type OrganizationPublicKeyResponse,
} from '../../protocol/organization.js';
import { PolicyType } from '../../protocol/policy.js';
import { secureRandomString } from '../auth/random.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ApiError, BadRequestError, NotFoundError, UnauthorizedError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { OrganizationPatch, OrganizationRecord } from '../repositories/organizations.js';
import { logOrganizationEvent } from '../services/events.js';
import { keepsConfirmedOwner, touchAccounts, touchOrganizationAccounts } from '../services/member-rules.js';
import { profileOrganizations } from '../services/models.js';
import { authorize, hasPermission, isOwner, organizationParam, userOrgCaller, type OrgCaller } from '../services/org-caller.js';
import { organizationModel } from '../services/organization-models.js';
import { findPlan } from '../services/plans.js';
import { policyAppliesTo, policyInForce } from '../services/policy-rules.js';
import { readBody } from '../services/request.js';
import { requireSecret } from '../services/secret-verification.js';

/** Collection-management flags and the events their changes log (enabled / disabled). */
const COLLECTION_MANAGEMENT_EVENTS = [
  [
    'limitCollectionCreation',
    EventType.Organization_CollectionManagement_LimitCollectionCreationEnabled,
    EventType.Organization_CollectionManagement_LimitCollectionCreationDisabled,
  ],
  [
    'limitCollectionDeletion',
    EventType.Organization_CollectionManagement_LimitCollectionDeletionEnabled,
    EventType.Organization_CollectionManagement_LimitCollectionDeletionDisabled,
  ],
  [
    'limitItemDeletion',
    EventType.Organization_CollectionManagement_LimitItemDeletionEnabled,
    EventType.Organization_CollectionManagement_LimitItemDeletionDisabled,
  ],
  [
    'allowAdminAccessToAllCollectionItems',
    EventType.Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsEnabled,
    EventType.Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsDisabled,
  ],
] as const;

export function organizationRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const now = (): string => ctx.clock.now().toISOString();
  const callerFor = (c: Context<SandboxEnv>, param = 'id'): OrgCaller =>
    userOrgCaller(ctx, c, organizationParam(ctx, c.req.param(param)));

  app.get('/organizations', auth, (c) =>
    c.json({ object: 'list', data: profileOrganizations(ctx, currentUser(c).id), continuationToken: null }),
  );

  app.post('/organizations', auth, async (c) => {
    if (ctx.mode === 'selfhost') throw new BadRequestError('Only allowed when not self hosted.');
    const user = currentUser(c);
    const body = await readBody(c, organizationCreateRequestSchema);
    const plan = findPlan(body.planType ?? PlanType.Free);
    if (plan === undefined || !plan.current) throw new BadRequestError('Invalid plan selected.');
    const additionalSeats = body.additionalSeats ?? 0;
    if (!plan.hasAdditionalSeatsOption && additionalSeats > 0) {
      throw new BadRequestError('Plan does not allow additional users.');
    }
    const seats = plan.baseSeats + additionalSeats;
    if (seats <= 0) throw new BadRequestError('You do not have any Password Manager seats!');
    if (plan.type === PlanType.Free && ctx.store.organizations.countFreeOrganizationAdminships(user.id) > 0) {
      throw new BadRequestError('You can only be an admin of one free organization.');
    }
    const singleOrgBound = ctx.store.organizations
      .listAllMembershipsForUser(user.id)
      .some(
        (m) =>
          (m.status === OrganizationUserStatusType.Accepted || m.status === OrganizationUserStatusType.Confirmed) &&
          policyAppliesTo(m.type) &&
          policyInForce(ctx, m.organizationId, PolicyType.SingleOrg) !== undefined,
      );
    if (singleOrgBound) {
      throw new BadRequestError(
        'You may not create an organization. You belong to an organization which has a policy that prohibits you from being a member of any other organization.',
      );
    }
    // The official server charges paid plans through its payment processor (paymentMethodType,
    // paymentToken, billing address). The sandbox has none: paid plans are created without a
    // payment method and nothing is charged; the payment fields are accepted and ignored.
    const created = now();
    const org = ctx.store.transaction(() => {
      const organization = ctx.store.organizations.insert({
        id: randomUUID(),
        name: body.name,
        businessName: body.businessName ?? null,
        billingEmail: body.billingEmail.toLowerCase(),
        plan: plan.name,
        planType: plan.type,
        productTierType: plan.productTier,
        seats,
        maxAutoscaleSeats: body.maxAutoscaleSeats ?? null,
        maxCollections: plan.maxCollections,
        maxStorageGb: plan.baseStorageGb === null ? null : plan.baseStorageGb + (body.additionalStorageGb ?? 0),
        ...plan.features,
        status: OrganizationStatusType.Created,
        publicKey: body.keys.publicKey,
        privateKey: body.keys.encryptedPrivateKey,
        licenseKey: secureRandomString(20),
        creationDate: created,
      });
      const owner = ctx.store.organizations.insertUser({
        id: randomUUID(),
        organizationId: organization.id,
        userId: user.id,
        email: null,
        key: body.key,
        status: OrganizationUserStatusType.Confirmed,
        type: OrganizationUserType.Owner,
        creationDate: created,
      });
      ctx.store.organizations.upsertApiKey({
        id: randomUUID(),
        organizationId: organization.id,
        type: OrganizationApiKeyType.Default,
        apiKey: secureRandomString(30),
        revisionDate: created,
      });
      if (body.collectionName != null) {
        const collection = ctx.store.collections.insert({
          id: randomUUID(),
          organizationId: organization.id,
          name: body.collectionName,
          externalId: null,
          type: CollectionType.SharedCollection,
          defaultUserCollectionEmail: null,
          creationDate: created,
        });
        ctx.store.collections.setUserAccess(collection.id, owner.id, { readOnly: false, hidePasswords: false, manage: true });
        const actor = userOrgCaller(ctx, c, organization).actor;
        logOrganizationEvent(ctx, organization, actor, EventType.Collection_Created, { collectionId: collection.id });
      }
      return organization;
    });
    touchAccounts(ctx, [user.id]);
    return c.json(organizationModel(org));
  });

  app.get('/organizations/:id', auth, (c) => {
    const caller = callerFor(c);
    authorize(isOwner(caller), 'notFound');
    return c.json(organizationModel(caller.organization));
  });

  const update = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = callerFor(c);
    const body = await readBody(c, organizationUpdateRequestSchema);
    const org = caller.organization;
    // Official `Put`: OrgOwner, or EditSubscription when billingEmail is sent (a provider-managed
    // organization's billing belongs to the provider); refused with a bare 401.
    const managed = ctx.store.providers.findOrganizationLink(org.id) !== undefined;
    const allowed = body.billingEmail != null ? (managed ? caller.providerId !== null : isOwner(caller)) : isOwner(caller);
    if (!allowed) throw new UnauthorizedError();
    const patch: OrganizationPatch = {};
    if (body.billingEmail != null) patch.billingEmail = body.billingEmail.toLowerCase();
    if (body.name != null) patch.name = body.name;
    if (body.businessName !== undefined) patch.businessName = body.businessName;
    if (body.keys != null && (org.publicKey === null || org.privateKey === null)) {
      patch.publicKey = body.keys.publicKey;
      patch.privateKey = body.keys.encryptedPrivateKey;
    }
    const updated = ctx.store.transaction(() => {
      const stored = ctx.store.organizations.update(org.id, patch, now());
      logOrganizationEvent(ctx, stored, caller.actor, EventType.Organization_Updated);
      return stored;
    });
    touchOrganizationAccounts(ctx, org.id);
    return c.json(organizationModel(updated));
  };
  app.put('/organizations/:id', auth, update);
  app.post('/organizations/:id', auth, update);

  app.put('/organizations/:id/collection-management', auth, async (c) => {
    const caller = callerFor(c);
    authorize(isOwner(caller), 'notFound');
    const body = await readBody(c, collectionManagementRequestSchema);
    const org = caller.organization;
    const patch: OrganizationPatch = {
      limitCollectionCreation: body.limitCollectionCreation ?? false,
      limitCollectionDeletion: body.limitCollectionDeletion ?? false,
      limitItemDeletion: body.limitItemDeletion ?? false,
      allowAdminAccessToAllCollectionItems: body.allowAdminAccessToAllCollectionItems ?? false,
    };
    const updated = ctx.store.transaction(() => {
      const stored = ctx.store.organizations.update(org.id, patch, now());
      for (const [field, enabled, disabled] of COLLECTION_MANAGEMENT_EVENTS) {
        if (org[field] !== stored[field]) {
          logOrganizationEvent(ctx, stored, caller.actor, stored[field] ? enabled : disabled);
        }
      }
      return stored;
    });
    touchOrganizationAccounts(ctx, org.id);
    return c.json(organizationModel(updated));
  });

  const publicKey = (c: Context<SandboxEnv>): Response => {
    const org = organizationParam(ctx, c.req.param('id'));
    const response: OrganizationPublicKeyResponse = { object: 'organizationPublicKey', publicKey: org.publicKey };
    return c.json(response);
  };
  app.get('/organizations/:id/public-key', auth, publicKey);
  app.get('/organizations/:id/keys', auth, publicKey);

  app.post('/organizations/:id/keys', auth, async (c) => {
    const caller = callerFor(c);
    // OrganizationUpdateKeysCommand: ManageResetPassword, else UnauthorizedAccessException (401 "Unauthorized.").
    if (!hasPermission(caller, 'manageResetPassword')) throw new ApiError(401, 'Unauthorized.');
    const body = await readBody(c, keysRequestSchema);
    const org = caller.organization;
    if (org.publicKey !== null || org.privateKey !== null) {
      throw new BadRequestError('Organization Keys already exist');
    }
    const updated = ctx.store.organizations.update(
      org.id,
      { publicKey: body.publicKey, privateKey: body.encryptedPrivateKey },
      now(),
    );
    const response: OrganizationKeysResponse = {
      object: 'organizationKeys',
      publicKey: updated.publicKey,
      privateKey: updated.privateKey,
    };
    return c.json(response);
  });

  app.post('/organizations/:id/leave', auth, (c) => {
    const caller = callerFor(c);
    const member = caller.membership;
    if (member === null) throw new NotFoundError();
    if (member.type === OrganizationUserType.Owner && !keepsConfirmedOwner(ctx, caller.organization, [member.id])) {
      throw new BadRequestError('Organization must have at least one confirmed owner.');
    }
    ctx.store.transaction(() => {
      ctx.store.organizations.deleteUser(member.id);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.OrganizationUser_Left, {
        organizationUserId: member.id,
        userId: member.userId,
      });
    });
    touchAccounts(ctx, [member.userId]);
    return c.body(null, 200);
  });

  const remove = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = callerFor(c);
    authorize(isOwner(caller), 'notFound');
    const body = await readBody(c, secretVerificationRequestSchema);
    await requireSecret(currentUser(c), body);
    const org: OrganizationRecord = caller.organization;
    const members = ctx.store.organizations.listUsers(org.id).map((m) => m.userId);
    ctx.store.organizations.delete(org.id);
    touchAccounts(ctx, members);
    return c.body(null, 200);
  };
  app.delete('/organizations/:id', auth, remove);
  app.post('/organizations/:id/delete', auth, remove);

  return app;
}
