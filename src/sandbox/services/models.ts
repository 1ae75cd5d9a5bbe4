/** Builds response models (profile, sync, keys, token key material) from store records. */
import type { AccountKeys, KeysResponse } from '../../protocol/account-keys.js';
import type { ProfileResponse } from '../../protocol/account.js';
import type { CollectionDetailsResponse } from '../../protocol/collection.js';
import {
  OrganizationUserStatusType,
  OrganizationUserType,
  PERMISSION_NAMES,
  ProductTierType,
  type Permissions,
  type ProfileOrganization,
} from '../../protocol/organization.js';
import { PolicyType, masterPasswordPolicyDataSchema, type PolicyResponse } from '../../protocol/policy.js';
import {
  ProviderUserStatusType,
  type ProfileProvider,
  type ProfileProviderOrganization,
} from '../../protocol/provider.js';
import type { SyncResponse } from '../../protocol/sync.js';
import type { MasterPasswordPolicyResponse, TokenSuccessResponse } from '../../protocol/token.js';
import type { SandboxContext } from '../context.js';
import type { UserCollectionRecord } from '../repositories/collections.js';
import type { OrganizationRecord, OrganizationUserRecord } from '../repositories/organizations.js';
import type { PolicyRecord } from '../repositories/policies.js';
import type { ProviderRecord, ProviderUserRecord, ProviderOrganizationRecord } from '../repositories/providers.js';
import type { UserRecord } from '../repositories/users.js';
import { cipherDetailsModel } from './cipher-models.js';
import { kdfSettingsOf, masterPasswordSaltOf } from './kdf.js';
import { enabledTwoFactorTypes } from './two-factor.js';

export function parsePermissions(json: string | null): Permissions {
  const out = Object.fromEntries(PERMISSION_NAMES.map((name) => [name, false])) as Permissions;
  if (json === null) return out;
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    for (const name of PERMISSION_NAMES) {
      const value = parsed[name] ?? parsed[name.charAt(0).toUpperCase() + name.slice(1)];
      out[name] = value === true;
    }
  } catch {
    // malformed permissions read as none
  }
  return out;
}

/** True when a confirmed membership in an enabled org grants premium to its users. */
export function premiumFromOrganization(ctx: SandboxContext, userId: string): boolean {
  return ctx.store.organizations
    .listMembershipsForUser(userId, OrganizationUserStatusType.Confirmed)
    .some((m) => m.organization.enabled && m.organization.usersGetPremium);
}

export function accountKeysModel(user: UserRecord): AccountKeys | null {
  if (user.privateKey === null || user.publicKey === null) return null;
  return {
    object: 'privateKeys',
    publicKeyEncryptionKeyPair: {
      object: 'publicKeyEncryptionKeyPair',
      wrappedPrivateKey: user.privateKey,
      publicKey: user.publicKey,
      signedPublicKey: null,
    },
    signatureKeyPair: null,
    securityState: null,
  };
}

export function keysModel(user: UserRecord): KeysResponse {
  return {
    object: 'keys',
    key: user.key,
    publicKey: user.publicKey,
    privateKey: user.privateKey,
    accountKeys: accountKeysModel(user),
  };
}

function organizationModel(
  org: OrganizationRecord,
  parts: {
    object: string;
    key: string | null;
    status: number;
    type: number;
    userId: string | null;
    membership: OrganizationUserRecord | null;
    provider: { id: string; name: string | null; type: number } | null;
  },
): ProfileOrganization {
  const membership = parts.membership;
  return {
    object: parts.object,
    id: org.id,
    name: org.name,
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
    useResetPassword: org.useResetPassword,
    useSecretsManager: org.useSecretsManager,
    usePasswordManager: org.usePasswordManager,
    usersGetPremium: org.usersGetPremium,
    useCustomPermissions: org.useCustomPermissions,
    useActivateAutofillPolicy: org.productTierType === ProductTierType.Enterprise,
    useRiskInsights: org.useRiskInsights,
    useOrganizationDomains: org.useOrganizationDomains,
    useAdminSponsoredFamilies: org.useAdminSponsoredFamilies,
    useAutomaticUserConfirmation: org.useAutomaticUserConfirmation,
    useDisableSMAdsForUsers: false,
    usePhishingBlocker: false,
    selfHost: org.selfHost,
    seats: org.seats,
    maxCollections: org.maxCollections,
    maxStorageGb: org.maxStorageGb,
    key: parts.key,
    status: parts.status,
    type: parts.type,
    enabled: org.enabled,
    ssoBound: false,
    identifier: org.identifier,
    permissions: parsePermissions(membership?.permissions ?? null),
    resetPasswordEnrolled: membership !== null && membership.resetPasswordKey !== null,
    userId: parts.userId,
    organizationUserId: membership?.id ?? null,
    hasPublicAndPrivateKeys: org.publicKey !== null && org.privateKey !== null,
    providerId: parts.provider?.id ?? null,
    providerName: parts.provider?.name ?? null,
    providerType: parts.provider?.type ?? null,
    familySponsorshipFriendlyName: null,
    familySponsorshipAvailable: false,
    productTierType: org.productTierType,
    keyConnectorEnabled: false,
    keyConnectorUrl: null,
    familySponsorshipLastSyncDate: null,
    familySponsorshipValidUntil: null,
    familySponsorshipToDelete: null,
    accessSecretsManager: membership !== null && membership.accessSecretsManager && org.useSecretsManager,
    limitCollectionCreation: org.limitCollectionCreation,
    limitCollectionDeletion: org.limitCollectionDeletion,
    limitItemDeletion: org.limitItemDeletion,
    allowAdminAccessToAllCollectionItems: org.allowAdminAccessToAllCollectionItems,
    userIsClaimedByOrganization: false,
    ssoEnabled: false,
    ssoMemberDecryptionType: null,
    isAdminInitiated: false,
  };
}

/** `profileOrganization` for the caller's own (confirmed) memberships. */
export function profileOrganizations(ctx: SandboxContext, userId: string): ProfileOrganization[] {
  return ctx.store.organizations
    .listMembershipsForUser(userId, OrganizationUserStatusType.Confirmed)
    .map((m) =>
      organizationModel(m.organization, {
        object: 'profileOrganization',
        key: m.membership.key,
        status: m.membership.status,
        type: m.membership.type,
        userId,
        membership: m.membership,
        provider: m.provider,
      }),
    );
}

function providerModel(provider: ProviderRecord, providerUser: ProviderUserRecord): ProfileProvider {
  return {
    object: 'profileProvider',
    id: provider.id,
    name: provider.name ?? '',
    key: providerUser.key,
    status: providerUser.status,
    type: providerUser.type,
    enabled: provider.enabled,
    permissions: parsePermissions(providerUser.permissions),
    userId: providerUser.userId,
    useEvents: provider.useEvents,
    providerStatus: provider.status,
    providerType: provider.type,
  };
}

function providerOrganizationModel(
  provider: ProviderRecord,
  providerUser: ProviderUserRecord,
  link: ProviderOrganizationRecord,
  org: OrganizationRecord,
): ProfileProviderOrganization {
  const model = organizationModel(org, {
    object: 'profileProviderOrganization',
    key: link.key,
    status: OrganizationUserStatusType.Confirmed,
    type: OrganizationUserType.Owner,
    userId: providerUser.userId,
    membership: null,
    provider: { id: provider.id, name: provider.name, type: provider.type },
  });
  return { ...model, object: 'profileProviderOrganization', accessSecretsManager: false };
}

export function profileModel(ctx: SandboxContext, user: UserRecord): ProfileResponse {
  const providers = ctx.store.providers
    .listMembershipsForUser(user.id, ProviderUserStatusType.Confirmed)
    .map((m) => providerModel(m.provider, m.providerUser));
  const providerOrganizations = ctx.store.providers
    .listClientOrganizationsForUser(user.id, ProviderUserStatusType.Confirmed)
    .map((m) => providerOrganizationModel(m.provider, m.providerUser, m.providerOrganization, m.organization));
  const fromOrg = premiumFromOrganization(ctx, user.id);
  return {
    object: 'profile',
    id: user.id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerified,
    premium: user.premium,
    premiumFromOrganization: fromOrg,
    culture: user.culture,
    twoFactorEnabled: enabledTwoFactorTypes(user).length > 0,
    key: user.key,
    privateKey: user.privateKey,
    accountKeys: accountKeysModel(user),
    securityStamp: user.securityStamp,
    forcePasswordReset: user.forcePasswordReset,
    usesKeyConnector: user.usesKeyConnector,
    avatarColor: user.avatarColor,
    creationDate: user.creationDate,
    verifyDevices: user.verifyDevices,
    organizations: profileOrganizations(ctx, user.id),
    providers,
    providerOrganizations,
  };
}

function parseJsonObject(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const parsed = JSON.parse(json) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function policyModel(policy: PolicyRecord): PolicyResponse {
  return {
    object: 'policy',
    id: policy.id,
    organizationId: policy.organizationId,
    type: policy.type,
    data: parseJsonObject(policy.data),
    enabled: policy.enabled,
    revisionDate: policy.revisionDate,
  };
}

/**
 * The organization ciphers a user sees in /sync: those in collections assigned to the user (directly
 * or through a group), as the official `UserCipherDetails` query returns them; edit / view-password
 * are the least restrictive across those collections (`cipherDetails`).
 */
function syncCiphers(ctx: SandboxContext, collections: readonly UserCollectionRecord[]) {
  const access = new Map(collections.map((c) => [c.id, c]));
  const orgs = new Map<string, boolean>();
  const useTotp = (orgId: string): boolean => {
    if (!orgs.has(orgId)) orgs.set(orgId, ctx.store.organizations.findById(orgId)?.useTotp ?? false);
    return orgs.get(orgId) ?? false;
  };
  return ctx.store.ciphers.listInCollections([...access.keys()]).map(({ cipher, collectionIds }) => {
    const rows = collectionIds.map((id) => access.get(id)).filter((row): row is UserCollectionRecord => row !== undefined);
    const edit = rows.some((row) => !row.readOnly);
    return cipherDetailsModel(cipher, useTotp(cipher.organizationId), collectionIds, {
      edit,
      viewPassword: rows.some((row) => !row.hidePasswords),
      delete: edit,
    });
  });
}

export function syncModel(ctx: SandboxContext, user: UserRecord, excludeDomains: boolean): SyncResponse {
  const collections: CollectionDetailsResponse[] = ctx.store.collections.listForUser(user.id).map((c) => ({
    object: 'collectionDetails',
    id: c.id,
    organizationId: c.organizationId,
    name: c.name,
    externalId: c.externalId,
    type: c.type,
    defaultUserCollectionEmail: c.defaultUserCollectionEmail,
    readOnly: c.readOnly,
    hidePasswords: c.hidePasswords,
    manage: c.manage,
  }));
  return {
    object: 'sync',
    profile: profileModel(ctx, user),
    folders: [],
    collections,
    ciphers: syncCiphers(ctx, ctx.store.collections.listForUser(user.id)),
    domains: excludeDomains ? null : { object: 'domains', equivalentDomains: [], globalEquivalentDomains: [] },
    policies: ctx.store.policies.listForUser(user.id).map(policyModel),
    sends: [],
    userDecryption: {
      masterPasswordUnlock:
        user.key !== null && user.masterPassword !== null
          ? { kdf: kdfSettingsOf(user), masterKeyEncryptedUserKey: user.key, salt: masterPasswordSaltOf(user) }
          : null,
      userKeyId: user.userKeyId,
    },
  };
}

/**
 * The combined MasterPassword policy (type 1) of the user's organizations: strictest values win;
 * `{Object}` alone when none applies.
 */
export function masterPasswordPolicyFor(ctx: SandboxContext, user: UserRecord): MasterPasswordPolicyResponse {
  const out: MasterPasswordPolicyResponse = { Object: 'masterPasswordPolicy' };
  const policies = ctx.store.policies
    .listForUser(user.id)
    .filter((p) => p.type === PolicyType.MasterPassword && p.enabled);
  for (const policy of policies) {
    const parsed = masterPasswordPolicyDataSchema.safeParse(parseJsonObject(policy.data) ?? {});
    if (!parsed.success) continue;
    const data = parsed.data;
    if (data.minComplexity != null) out.MinComplexity = Math.max(out.MinComplexity ?? 0, data.minComplexity);
    if (data.minLength != null) out.MinLength = Math.max(out.MinLength ?? 0, data.minLength);
    if (data.requireLower) out.RequireLower = true;
    if (data.requireUpper) out.RequireUpper = true;
    if (data.requireNumbers) out.RequireNumbers = true;
    if (data.requireSpecial) out.RequireSpecial = true;
    if (data.enforceOnLogin) out.EnforceOnLogin = true;
  }
  return out;
}

/** The key material and KDF fields of a full user token response (password grant, user API key). */
export function tokenKeyFields(
  ctx: SandboxContext,
  user: UserRecord,
): Omit<TokenSuccessResponse, 'access_token' | 'expires_in' | 'token_type' | 'refresh_token' | 'scope'> {
  const kdf = kdfSettingsOf(user);
  const hasMasterPassword = user.masterPassword !== null;
  return {
    Key: user.key,
    PrivateKey: user.privateKey,
    AccountKeys: accountKeysModel(user),
    Kdf: kdf.kdfType,
    KdfIterations: kdf.iterations,
    KdfMemory: kdf.memory ?? null,
    KdfParallelism: kdf.parallelism ?? null,
    ResetMasterPassword: false,
    ForcePasswordReset: user.forcePasswordReset,
    MasterPasswordPolicy: masterPasswordPolicyFor(ctx, user),
    UserDecryptionOptions: {
      Object: 'userDecryptionOptions',
      HasMasterPassword: hasMasterPassword,
      MasterPasswordUnlock:
        hasMasterPassword && user.key !== null
          ? {
              Kdf: {
                KdfType: kdf.kdfType,
                Iterations: kdf.iterations,
                Memory: kdf.memory ?? null,
                Parallelism: kdf.parallelism ?? null,
              },
              MasterKeyEncryptedUserKey: user.key,
              Salt: masterPasswordSaltOf(user),
            }
          : null,
    },
  };
}
