/**
 * The plans an organization can be on, with the capability flags a plan gives at sign-up. Values
 * from the official server's static plan store (bitwarden/server
 * `src/Core/Billing/Models/StaticStore/Plans/{Free,Teams,Enterprise,Families}Plan.cs`); the live
 * cloud reads prices from a pricing service, which the sandbox does not need.
 */
import { PlanType, ProductTierType } from '../../protocol/organization.js';
import type { PlanResponse } from '../../protocol/organization.js';

export interface PlanFeatures {
  usePolicies: boolean;
  useSso: boolean;
  useScim: boolean;
  useGroups: boolean;
  useDirectory: boolean;
  useEvents: boolean;
  useTotp: boolean;
  use2fa: boolean;
  useApi: boolean;
  useResetPassword: boolean;
  usersGetPremium: boolean;
  useCustomPermissions: boolean;
  selfHost: boolean;
}

export interface Plan {
  type: PlanType;
  name: string;
  productTier: ProductTierType;
  isAnnual: boolean;
  /** Seats included in the plan; paid plans add the sign-up's `additionalSeats`. */
  baseSeats: number;
  maxSeats: number | null;
  hasAdditionalSeatsOption: boolean;
  allowSeatAutoscale: boolean;
  maxCollections: number | null;
  baseStorageGb: number | null;
  /** Open for new sign-ups (legacy plans are kept for organizations already on them). */
  current: boolean;
  features: PlanFeatures;
}

const NONE: PlanFeatures = {
  usePolicies: false,
  useSso: false,
  useScim: false,
  useGroups: false,
  useDirectory: false,
  useEvents: false,
  useTotp: false,
  use2fa: false,
  useApi: false,
  useResetPassword: false,
  usersGetPremium: false,
  useCustomPermissions: false,
  selfHost: false,
};

const TEAMS: PlanFeatures = {
  ...NONE,
  useGroups: true,
  useDirectory: true,
  useEvents: true,
  useTotp: true,
  use2fa: true,
  useApi: true,
  usersGetPremium: true,
  useScim: true,
};

const ENTERPRISE: PlanFeatures = {
  ...TEAMS,
  usePolicies: true,
  selfHost: true,
  useSso: true,
  useResetPassword: true,
  useCustomPermissions: true,
};

function business(type: PlanType, name: string, tier: ProductTierType, isAnnual: boolean, features: PlanFeatures): Plan {
  return {
    type,
    name,
    productTier: tier,
    isAnnual,
    baseSeats: 0,
    maxSeats: null,
    hasAdditionalSeatsOption: true,
    allowSeatAutoscale: true,
    maxCollections: null,
    baseStorageGb: 1,
    current: true,
    features,
  };
}

const PLANS: readonly Plan[] = [
  {
    type: PlanType.Free,
    name: 'Free',
    productTier: ProductTierType.Free,
    isAnnual: false,
    baseSeats: 2,
    maxSeats: 2,
    hasAdditionalSeatsOption: false,
    allowSeatAutoscale: false,
    maxCollections: 2,
    baseStorageGb: null,
    current: true,
    features: NONE,
  },
  {
    type: PlanType.FamiliesAnnually,
    name: 'Families',
    productTier: ProductTierType.Families,
    isAnnual: true,
    baseSeats: 6,
    maxSeats: 6,
    hasAdditionalSeatsOption: false,
    allowSeatAutoscale: false,
    maxCollections: null,
    baseStorageGb: 1,
    current: true,
    features: { ...NONE, selfHost: true, useTotp: true, usersGetPremium: true },
  },
  {
    type: PlanType.TeamsStarter,
    name: 'Teams (Starter)',
    productTier: ProductTierType.TeamsStarter,
    isAnnual: false,
    baseSeats: 10,
    maxSeats: 10,
    hasAdditionalSeatsOption: false,
    allowSeatAutoscale: false,
    maxCollections: null,
    baseStorageGb: 1,
    current: false,
    features: { ...TEAMS, useScim: false },
  },
  business(PlanType.TeamsMonthly, 'Teams (Monthly)', ProductTierType.Teams, false, TEAMS),
  business(PlanType.TeamsAnnually, 'Teams (Annually)', ProductTierType.Teams, true, TEAMS),
  business(PlanType.EnterpriseMonthly, 'Enterprise (Monthly)', ProductTierType.Enterprise, false, ENTERPRISE),
  business(PlanType.EnterpriseAnnually, 'Enterprise (Annually)', ProductTierType.Enterprise, true, ENTERPRISE),
];

export function findPlan(type: number): Plan | undefined {
  return PLANS.find((plan) => plan.type === type);
}

/** The `plan` object of the organization response. */
export function planModel(plan: Plan): PlanResponse {
  return {
    object: 'plan',
    type: plan.type,
    productTier: plan.productTier,
    name: plan.name,
    isAnnual: plan.isAnnual,
    canBeUsedByBusiness: plan.productTier === ProductTierType.Teams || plan.productTier === ProductTierType.Enterprise,
    hasPolicies: plan.features.usePolicies,
    hasGroups: plan.features.useGroups,
    hasDirectory: plan.features.useDirectory,
    hasEvents: plan.features.useEvents,
    hasTotp: plan.features.useTotp,
    has2fa: plan.features.use2fa,
    hasApi: plan.features.useApi,
    hasSso: plan.features.useSso,
    hasScim: plan.features.useScim,
    hasResetPassword: plan.features.useResetPassword,
    usersGetPremium: plan.features.usersGetPremium,
    hasCustomPermissions: plan.features.useCustomPermissions,
    hasSelfHost: plan.features.selfHost,
    disabled: !plan.current,
    passwordManager: {
      baseSeats: plan.baseSeats,
      maxSeats: plan.maxSeats,
      maxCollections: plan.maxCollections,
      hasAdditionalSeatsOption: plan.hasAdditionalSeatsOption,
      allowSeatAutoscale: plan.allowSeatAutoscale,
      baseStorageGb: plan.baseStorageGb,
    },
  };
}
