/** The `organization` response model and the API-key models. */
import type { OrganizationKeyInformationResponse, OrganizationResponse } from '../../protocol/organization.js';
import type { OrganizationApiKeyRecord, OrganizationRecord } from '../repositories/organizations.js';
import { findPlan, planModel } from './plans.js';

export function organizationModel(org: OrganizationRecord): OrganizationResponse {
  const plan = findPlan(org.planType);
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    businessName: org.businessName,
    businessAddress1: null,
    businessAddress2: null,
    businessAddress3: null,
    businessCountry: null,
    businessTaxNumber: null,
    billingEmail: org.billingEmail,
    plan: plan === undefined ? null : planModel(plan),
    secretsManagerPlan: null,
    planType: org.planType,
    seats: org.seats,
    maxAutoscaleSeats: org.maxAutoscaleSeats,
    maxCollections: org.maxCollections,
    maxStorageGb: org.maxStorageGb,
    usePolicies: org.usePolicies,
    useSso: org.useSso,
    useKeyConnector: org.useKeyConnector,
    useScim: org.useScim,
    useGroups: org.useGroups,
    useDirectory: org.useDirectory,
    useEvents: org.useEvents,
    useTotp: org.useTotp,
    use2fa: org.use2fa,
    useApi: org.useApi,
    useSecretsManager: org.useSecretsManager,
    useResetPassword: org.useResetPassword,
    usersGetPremium: org.usersGetPremium,
    useCustomPermissions: org.useCustomPermissions,
    selfHost: org.selfHost,
    hasPublicAndPrivateKeys: org.publicKey !== null && org.privateKey !== null,
    usePasswordManager: org.usePasswordManager,
    smSeats: org.smSeats,
    smServiceAccounts: org.smServiceAccounts,
    maxAutoscaleSmSeats: null,
    maxAutoscaleSmServiceAccounts: null,
    limitCollectionCreation: org.limitCollectionCreation,
    limitCollectionDeletion: org.limitCollectionDeletion,
    limitItemDeletion: org.limitItemDeletion,
    allowAdminAccessToAllCollectionItems: org.allowAdminAccessToAllCollectionItems,
    useRiskInsights: org.useRiskInsights,
    useOrganizationDomains: org.useOrganizationDomains,
    useAdminSponsoredFamilies: org.useAdminSponsoredFamilies,
    useAutomaticUserConfirmation: org.useAutomaticUserConfirmation,
    useDisableSmAdsForUsers: false,
    usePhishingBlocker: false,
    useMyItems: true,
    useInviteLinks: false,
    usePam: false,
  };
}

export function keyInformationModel(key: OrganizationApiKeyRecord): OrganizationKeyInformationResponse {
  return { object: 'keyInformation', keyType: key.type, revisionDate: key.revisionDate };
}
