/**
 * Provider clients (admin-api.md §2.2–2.5): creating a client organization under consolidated
 * billing, bringing an existing organization under the provider, changing a client's name and seats,
 * and detaching a client. Order of effects and refusals follow bitwarden/server
 * `ProviderClientsController`, `ProviderService.CreateOrganizationAsync` / `AddOrganization`,
 * `ProviderBillingService.AddExistingOrganization` and `RemoveOrganizationFromProviderCommand`.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { CollectionType } from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import {
  OrganizationApiKeyType,
  OrganizationStatusType,
  OrganizationUserStatusType,
  OrganizationUserType,
  PlanType,
} from '../../protocol/organization.js';
import type { AddableOrganization, CreateClientOrganizationRequest } from '../../protocol/provider-client.js';
import { ProviderType, ProviderUserStatusType, ProviderUserType } from '../../protocol/provider.js';
import { secureRandomString } from '../auth/random.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { ApiError, BadRequestError, NotFoundError, UnauthorizedError } from '../errors.js';
import { currentUser } from '../middleware/auth.js';
import type { OrganizationRecord } from '../repositories/organizations.js';
import type { ProviderOrganizationRecord, ProviderRecord } from '../repositories/providers.js';
import {
  ensureBillingConfigured,
  isBillable,
  planName,
  scaleSeats,
  seatAdjustmentResultsInPurchase,
} from './billing.js';
import { inviteMembers } from './member-invites.js';
import { claimValues, userOrgCaller } from './org-caller.js';
import { findPlan } from './plans.js';
import { isProviderAdmin } from './provider-authz.js';
import { logProviderOrganizationEvent, providerActor } from './provider-events.js';

const TEAMS_PLAN_TYPES: readonly number[] = [2, 3, 8, 9, 12, 13, 17, 18];
const ENTERPRISE_PLAN_TYPES: readonly number[] = [4, 5, 10, 11, 14, 15, 19, 20];
/** Plan types of organizations an MSP / a Business Unit may bring in (`Organization_ReadAddableToProviderByUserId`). */
const ADDABLE_PLAN_TYPES: Partial<Record<number, readonly number[]>> = {
  [ProviderType.Msp]: [...TEAMS_PLAN_TYPES, ...ENTERPRISE_PLAN_TYPES],
  [ProviderType.BusinessUnit]: ENTERPRISE_PLAN_TYPES,
};
const RESELLER_DISALLOWED: readonly number[] = [
  PlanType.Free,
  PlanType.FamiliesAnnually2025,
  PlanType.FamiliesAnnually2019,
  PlanType.FamiliesAnnually,
];
const SERVICE_USERS_CANNOT_PURCHASE = 'Service users cannot purchase additional seats.';
const SOMETHING_WENT_WRONG = 'Something went wrong with your request. Please contact support for assistance.';

function planTypeName(type: number): string {
  const entry = Object.entries(PlanType).find(([, value]) => value === type);
  return entry?.[0] ?? String(type);
}

/** `ThrowOnInvalidPlanType`: which plans each kind of provider may manage. */
export function checkPlanForProvider(providerType: number, planType: number): void {
  const name = planTypeName(planType);
  switch (providerType) {
    case ProviderType.Msp:
      if (planType !== PlanType.TeamsMonthly && planType !== PlanType.EnterpriseMonthly) {
        throw new BadRequestError(
          `Managed Service Providers cannot manage organizations with the plan type ${name}. Only Teams (Monthly) and Enterprise (Monthly) are allowed.`,
        );
      }
      return;
    case ProviderType.BusinessUnit:
      if (planType !== PlanType.EnterpriseMonthly && planType !== PlanType.EnterpriseAnnually) {
        throw new BadRequestError(
          `Business Unit Providers cannot manage organizations with the plan type ${name}. Only Enterprise (Monthly) and Enterprise (Annually) are allowed.`,
        );
      }
      return;
    case ProviderType.Reseller:
      if (RESELLER_DISALLOWED.includes(planType)) {
        throw new BadRequestError(
          `Providers cannot manage organizations with the requested plan type (${name}). Only Teams and Enterprise accounts are allowed.`,
        );
      }
      return;
    default:
      throw new BadRequestError(`Unsupported provider type ${providerType}.`);
  }
}

/**
 * The consolidated-billing precondition (`TryGetBillableProviderAsync`): 404 without a provider, a
 * bare 401 when it is not billable. Cloud only.
 */
export function billableProvider(ctx: SandboxContext, providerId: string): ProviderRecord {
  if (ctx.mode === 'selfhost') throw new BadRequestError('Only allowed when not self hosted.');
  const provider = ctx.store.providers.findById(providerId);
  if (provider === undefined) throw new NotFoundError();
  if (!isBillable(provider)) throw new UnauthorizedError();
  ensureBillingConfigured(ctx, provider);
  return provider;
}

/**
 * `POST /providers/{pid}/clients`: a new organization on the plan (status Managed, the provider's
 * billing e-mail, no Secrets Manager), its default API key, its first collection, the link row with
 * the provider-wrapped org key (event 1900), the owner invitation (Owner, Manage on the collection),
 * and the provider's seats scaled. No membership is created for the calling provider user.
 */
export function createClient(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  provider: ProviderRecord,
  body: CreateClientOrganizationRequest,
): OrganizationRecord {
  checkPlanForProvider(provider.type, body.planType);
  const plan = findPlan(body.planType);
  if (plan === undefined) throw new BadRequestError('Password Manager Plan was null.');
  const created = ctx.clock.now().toISOString();
  const actor = providerActor(c, currentUser(c).id);
  return ctx.store.transaction(() => {
    const org = ctx.store.organizations.insert({
      id: randomUUID(),
      name: body.name,
      billingEmail: provider.billingEmail ?? '',
      plan: plan.name,
      planType: plan.type,
      productTierType: plan.productTier,
      seats: body.seats,
      maxCollections: plan.maxCollections,
      maxStorageGb: plan.baseStorageGb,
      ...plan.features,
      useSecretsManager: false,
      usePasswordManager: true,
      status: OrganizationStatusType.Created,
      publicKey: body.keyPair.publicKey,
      privateKey: body.keyPair.encryptedPrivateKey,
      licenseKey: secureRandomString(20),
      creationDate: created,
    });
    ctx.store.organizations.upsertApiKey({
      id: randomUUID(),
      organizationId: org.id,
      type: OrganizationApiKeyType.Default,
      apiKey: secureRandomString(30),
      revisionDate: created,
    });
    const collection = ctx.store.collections.insert({
      id: randomUUID(),
      organizationId: org.id,
      name: body.collectionName,
      externalId: null,
      type: CollectionType.SharedCollection,
      defaultUserCollectionEmail: null,
      creationDate: created,
    });
    const link = ctx.store.providers.insertOrganization({
      id: randomUUID(),
      providerId: provider.id,
      organizationId: org.id,
      key: body.key,
      settings: null,
      creationDate: created,
    });
    logProviderOrganizationEvent(ctx, link, EventType.ProviderOrganization_Created, actor);
    inviteMembers(
      ctx,
      userOrgCaller(ctx, c, org),
      {
        emails: [body.ownerEmail],
        type: OrganizationUserType.Owner,
        permissions: null,
        collections: [{ id: collection.id, readOnly: false, hidePasswords: false, manage: true }],
        groups: [],
        accessSecretsManager: false,
      },
      { refuseExisting: false },
    );
    scaleSeats(ctx.store, provider.id, plan.type, body.seats);
    ctx.store.providerOrganizations.updateClientOrganization(org.id, { status: OrganizationStatusType.Managed }, created);
    touchProviderUsers(ctx, provider.id, created);
    const managed = ctx.store.organizations.findById(org.id);
    if (managed === undefined) throw new Error('client organization vanished');
    return managed;
  });
}

/** Provider users see clients through sync: bump their revision date so clients re-sync. */
function touchProviderUsers(ctx: SandboxContext, providerId: string, date: string): void {
  const ids = ctx.store.providerUsers
    .listDetails(providerId)
    .filter((row) => row.status === ProviderUserStatusType.Confirmed && row.userId !== null)
    .map((row) => row.userId ?? '');
  if (ids.length > 0) ctx.store.users.touchAccountRevision(ids, date);
}

/** OrgOwner of an organization the caller belongs to: an `orgowner` claim and a confirmed Owner row. */
function callerOwns(ctx: SandboxContext, c: Context<SandboxEnv>, organizationId: string): boolean {
  const id = organizationId.toLowerCase();
  if (!claimValues(c.get('claims'), 'orgowner').includes(id)) return false;
  const member = ctx.store.organizations.findUserByAccount(id, currentUser(c).id);
  return member?.status === OrganizationUserStatusType.Confirmed && member.type === OrganizationUserType.Owner;
}

/** The plan a client is moved to when it joins (`GetManagedPlanTypeAsync`). */
function managedPlanType(ctx: SandboxContext, provider: ProviderRecord, org: OrganizationRecord): number {
  if (provider.type === ProviderType.BusinessUnit) {
    const first = ctx.store.billing.listPlans(provider.id)[0];
    if (first !== undefined) return first.planType;
  } else if (TEAMS_PLAN_TYPES.includes(org.planType)) {
    return PlanType.TeamsMonthly;
  } else if (ENTERPRISE_PLAN_TYPES.includes(org.planType)) {
    return PlanType.EnterpriseMonthly;
  }
  throw new ApiError(500, SOMETHING_WENT_WRONG);
}

/** `GET /providers/{pid}/clients/addable`: organizations the caller owns that could join. */
export function addableOrganizations(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  provider: ProviderRecord,
): AddableOrganization[] {
  const user = currentUser(c);
  const providerUser = ctx.store.providers.findUserByAccount(provider.id, user.id);
  if (providerUser?.status !== ProviderUserStatusType.Confirmed) throw new ApiError(401, 'Unauthorized.');
  const candidates = ctx.store.providerOrganizations.listAddable(user.id, ADDABLE_PLAN_TYPES[provider.type] ?? []);
  return candidates.map((org) => {
    const plan =
      provider.type === ProviderType.Msp
        ? ENTERPRISE_PLAN_TYPES.includes(org.planType)
          ? 'Enterprise'
          : 'Teams'
        : planName(org.planType);
    const disabled =
      providerUser.type === ProviderUserType.ServiceUser &&
      seatAdjustmentResultsInPurchase(ctx.store, provider.id, managedPlanType(ctx, provider, org), org.seats ?? 0);
    return { id: org.id, name: org.name, plan, seats: org.seats ?? 0, disabled };
  });
}

/**
 * `POST /providers/{pid}/clients/existing`: the caller must own the organization (bare 401) and it
 * must be addable (404); it moves to the managed plan, becomes Managed with the provider's billing
 * e-mail, the provider's seats scale up by its seats, and the link row stores the provider-wrapped org
 * key (event 1901).
 */
export function addExistingClient(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  provider: ProviderRecord,
  organizationId: string,
  key: string,
): void {
  if (!callerOwns(ctx, c, organizationId)) throw new UnauthorizedError();
  const user = currentUser(c);
  const org = ctx.store.providerOrganizations
    .listAddable(user.id, ADDABLE_PLAN_TYPES[provider.type] ?? [])
    .find((candidate) => candidate.id === organizationId.toLowerCase());
  if (org === undefined) throw new NotFoundError();
  if (ctx.store.providerOrganizations.findByOrganizationId(org.id) !== undefined) {
    throw new ApiError(409, 'Organization already belongs to a provider.');
  }
  const planType = managedPlanType(ctx, provider, org);
  const plan = findPlan(planType);
  if (plan === undefined) throw new ApiError(500, SOMETHING_WENT_WRONG);
  const now = ctx.clock.now().toISOString();
  const actor = providerActor(c, user.id);
  ctx.store.transaction(() => {
    // scaled before the link row exists, so the organization's seats are not counted twice
    scaleSeats(ctx.store, provider.id, planType, org.seats ?? 0);
    ctx.store.providerOrganizations.updateClientOrganization(
      org.id,
      {
        plan: plan.name,
        planType: plan.type,
        productTierType: plan.productTier,
        maxCollections: plan.maxCollections,
        maxStorageGb: plan.baseStorageGb,
        ...plan.features,
        billingEmail: provider.billingEmail ?? org.billingEmail,
        maxAutoscaleSeats: null,
        expirationDate: null,
        status: OrganizationStatusType.Managed,
      },
      now,
    );
    const link = ctx.store.providers.insertOrganization({
      id: randomUUID(),
      providerId: provider.id,
      organizationId: org.id,
      key,
      settings: null,
      creationDate: now,
    });
    logProviderOrganizationEvent(ctx, link, EventType.ProviderOrganization_Added, actor);
    touchProviderUsers(ctx, provider.id, now);
  });
}

/**
 * `POST /providers/{pid}/organizations/add` (legacy link table): the caller must own the organization
 * (404 otherwise); only the link row and the billing e-mail change (event 1901).
 */
export function addOrganizationLegacy(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  provider: ProviderRecord,
  organizationId: string,
  key: string,
): void {
  if (!callerOwns(ctx, c, organizationId)) throw new NotFoundError();
  if (ctx.store.providerOrganizations.findByOrganizationId(organizationId) !== undefined) {
    throw new BadRequestError('Organization already belongs to a provider.');
  }
  const org = ctx.store.organizations.findById(organizationId);
  if (org === undefined) throw new NotFoundError();
  checkPlanForProvider(provider.type, org.planType);
  if (org.useSecretsManager) {
    throw new BadRequestError(
      'The organization is subscribed to Secrets Manager. Please contact Customer Support to manage the subscription.',
    );
  }
  const now = ctx.clock.now().toISOString();
  const actor = providerActor(c, currentUser(c).id);
  ctx.store.transaction(() => {
    const link = ctx.store.providers.insertOrganization({
      id: randomUUID(),
      providerId: provider.id,
      organizationId: org.id,
      key,
      settings: null,
      creationDate: now,
    });
    if (provider.billingEmail !== null) {
      ctx.store.providerOrganizations.updateClientOrganization(org.id, { billingEmail: provider.billingEmail }, now);
    }
    logProviderOrganizationEvent(ctx, link, EventType.ProviderOrganization_Added, actor);
    touchProviderUsers(ctx, provider.id, now);
  });
}

/**
 * `PUT /providers/{pid}/clients/{providerOrganizationId}`: name and assigned seats. A seat increase
 * that buys seats beyond the provider's minimum needs a ProviderAdmin (401 JSON for service users).
 */
export function updateClient(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  provider: ProviderRecord,
  providerOrganizationId: string,
  body: { assignedSeats: number; name: string },
): void {
  const link = ctx.store.providerOrganizations.findById(providerOrganizationId);
  if (link === undefined || link.providerId !== provider.id) throw new NotFoundError();
  const org = ctx.store.organizations.findById(link.organizationId);
  if (org?.status !== OrganizationStatusType.Managed) throw new ApiError(500, SOMETHING_WENT_WRONG);
  const adjustment = body.assignedSeats - (org.seats ?? 0);
  if (
    seatAdjustmentResultsInPurchase(ctx.store, provider.id, org.planType, adjustment) &&
    !isProviderAdmin(ctx, c, provider.id)
  ) {
    throw new ApiError(401, SERVICE_USERS_CANNOT_PURCHASE);
  }
  const now = ctx.clock.now().toISOString();
  ctx.store.transaction(() => {
    scaleSeats(ctx.store, provider.id, org.planType, adjustment);
    ctx.store.providerOrganizations.updateClientOrganization(
      org.id,
      { name: body.name, seats: body.assignedSeats },
      now,
    );
    touchProviderUsers(ctx, provider.id, now);
  });
}

function isValidClient(org: OrganizationRecord): boolean {
  return (
    org.seats !== null &&
    org.status === OrganizationStatusType.Managed &&
    (org.planType === PlanType.TeamsMonthly ||
      org.planType === PlanType.EnterpriseMonthly ||
      org.planType === PlanType.EnterpriseAnnually)
  );
}

/**
 * `DELETE /providers/{pid}/organizations/{providerOrganizationId}`: refused unless the organization
 * has a confirmed Owner of its own; its billing e-mail becomes the first owner's, a managed client of a
 * billable provider goes back to status Created (the provider's seats scale down), the link row goes
 * (event 1902) and the owners are asked to add a payment method. The organization itself stays.
 */
export function removeClient(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  provider: ProviderRecord | undefined,
  link: ProviderOrganizationRecord,
): void {
  const org = ctx.store.organizations.findById(link.organizationId);
  if (provider === undefined || org === undefined || link.providerId !== provider.id) {
    throw new BadRequestError('Failed to remove organization vault. Please contact support.');
  }
  const owners = ctx.store.providerOrganizations.confirmedOwnerEmails(org.id);
  if (owners.length === 0) throw new BadRequestError('Organization must have at least one confirmed owner.');
  const now = ctx.clock.now().toISOString();
  const actor = providerActor(c, currentUser(c).id);
  ctx.store.transaction(() => {
    if (isBillable(provider) && isValidClient(org)) {
      // counted while still Managed, then scaled down by the client's seats
      scaleSeats(ctx.store, provider.id, org.planType, -(org.seats ?? 0));
      ctx.store.providerOrganizations.updateClientOrganization(
        org.id,
        { status: OrganizationStatusType.Created, enabled: true },
        now,
      );
    }
    ctx.store.providerOrganizations.updateClientOrganization(org.id, { billingEmail: owners[0] ?? org.billingEmail }, now);
    ctx.store.providerOrganizations.delete(link.id);
    logProviderOrganizationEvent(ctx, link, EventType.ProviderOrganization_Removed, actor);
    touchProviderUsers(ctx, provider.id, now);
  });
  for (const to of owners) {
    ctx.mailer.send({
      to,
      subject: 'Update your billing information',
      template: 'provider-update-payment-method',
      text: `${org.name} is no longer managed by ${provider.name ?? 'its provider'}. Add a payment method to keep the organization's subscription.\n`,
      data: { organizationId: org.id, organizationName: org.name, providerName: provider.name ?? '' },
    });
  }
}
