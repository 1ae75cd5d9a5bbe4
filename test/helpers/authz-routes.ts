/**
 * The sandbox's administrative routes with, per route, a request builder and who the official
 * server lets through (admin-api.md §0.2/§0.3 and the per-route "Auth" columns; deny statuses from
 * the controllers: attribute requirements → 403 empty, in-method checks → 404 "Resource not found.",
 * billing → 401 "Unauthorized.", SCIM connections → 400). Routes that are not administrative are in
 * `EXCLUDED` with the reason; the matrix test fails for any sandbox route in neither list.
 *
 * Roles are described relative to client organization X (managed by provider A); see authz-world.ts.
 */
import { randomUUID } from 'node:crypto';
import { encapsulateSymmetricKey, encryptString, makeClientOrgKeys, wrapSymmetricKey } from '../../src/crypto/index.js';
import type { PermissionName } from '../../src/protocol/organization.js';
import type { AuthzWorld, Role } from './authz-world.js';

/** 'allow' = a 2xx (or the route's `allowedAs`); a number = that exact deny status. */
export type Outcome = 'allow' | number;
type Rule = (role: Role) => boolean;

export interface BuiltRequest {
  path: string;
  body?: unknown;
}

export interface RouteRow {
  method: string;
  /** The Hono pattern without parameter regexes, e.g. `/api/providers/:providerId/users/:id`. */
  route: string;
  expect(role: Role): Outcome;
  build(world: AuthzWorld, role: Role): BuiltRequest;
  /**
   * When authorization passing cannot end in a 2xx without destroying the world (the org itself),
   * the precise response that proves it passed: a later check of the body.
   */
  allowedAs?: { status: number; message: RegExp };
  /** For routes every user may call that filter what they see: a problem with an allowed body, or null. */
  seen?(world: AuthzWorld, role: Role, body: string): string | null;
}

// --- who ----------------------------------------------------------------------------------------
const providerUser: Rule = (r) => r.providerUser;
const providerAdmin: Rule = (r) => r.providerAdmin;
/** OrgOwner: owner claim, or a user of the provider managing the org. */
const owner: Rule = (r) => r.memberType === 0 || r.providerUser;
const admin: Rule = (r) => owner(r) || r.memberType === 1;
const custom = (...names: PermissionName[]): Rule => (r) => r.customPermission !== null && names.includes(r.customPermission);
/** Perm(X): Owner, Admin, Custom with X, or provider. */
const perm = (name: PermissionName): Rule => (r) => admin(r) || custom(name)(r);
const member: Rule = (r) => r.memberType !== null || r.providerUser;
const anyUser: Rule = () => true;
const any = (...rules: Rule[]): Rule => (r) => rules.some((rule) => rule(r));

/** A private (`[Authorize("Application")]`) route: no/expired token 401, an org API token fails the policy (403). */
function priv(rule: Rule, deny: number): (role: Role) => Outcome {
  return (r) => {
    if (r.token === 'none' || r.token === 'expired') return 401;
    if (r.token === 'organization') return 403;
    return rule(r) ? 'allow' : deny;
  };
}

/**
 * A Public API route (`[Authorize("Organization")]`): user tokens fail the policy (403). The org
 * key acts on its own organization only: X's key reaches X's objects; Y's key gets 404 for them
 * ('object'), and lists / creates in its own organization ('own').
 */
function pub(scope: 'object' | 'own'): (role: Role) => Outcome {
  return (r) => {
    if (r.token === 'none' || r.token === 'expired') return 401;
    if (r.token === 'user') return 403;
    if (r.orgKey === 'own') return 'allow';
    return scope === 'object' ? 404 : 'allow';
  };
}

/** `[Authorize("Licensing")]` / `[Authorize("Installation")]`: only installation tokens pass; no role of the world has one. */
const installationPolicy = (r: Role): Outcome => (r.token === 'none' || r.token === 'expired' ? 401 : 403);
/** No authorization at all (InstallationsController): every caller, whatever its token. */
const anonymous = (): Outcome => 'allow';
/**
 * A self-host-only route seen on the cloud world: the `[SelfHosted(SelfHostedOnly = true)]` action
 * filter runs after the authorization filters, so whoever the policy admits gets its 400. The
 * self-hosted role rules (Owner / ManageUsers / own membership) are checked on a self-hosted server
 * in test/unit/sandbox/billing-sync-connections.test.ts ("self-host-only routes: who passes") and
 * the owner flows in test/e2e/license-selfhost.test.ts and billing-sync.test.ts.
 */
const selfHostedOnly = { allowedAs: { status: 400, message: /Only allowed when self hosted\./ } };
const confirmedMember: Rule = (r) => r.memberType !== null;
/** A membership row that is not confirmed: the revoked member. */
const unconfirmedMember: Rule = (r) => r.name === 'revokedMember';

// --- rows ---------------------------------------------------------------------------------------
const X = (w: AuthzWorld): string => `/api/organizations/${w.orgX.id}`;
const P = (w: AuthzWorld): string => `/api/providers/${w.providerA.id}`;
const email = (): string => `invitee-${randomUUID().slice(0, 8)}@authz.example`;
const secret = (r: Role): string => r.account?.masterPasswordHash ?? 'no-account';
const memberKey = (w: AuthzWorld): string => {
  const account = w.roles.find((r) => r.name === 'user')?.account;
  if (!account) throw new Error('no user account');
  return encapsulateSymmetricKey(w.orgX.orgKey, account.publicKey);
};
const providerUserKey = (w: AuthzWorld): string => {
  const account = w.roles.find((r) => r.name === 'user')?.account;
  if (!account) throw new Error('no user account');
  return encapsulateSymmetricKey(w.providerA.providerKey, account.publicKey);
};
const collectionBody = (w: AuthzWorld): unknown => ({ name: encryptString('Authz matrix', w.orgX.orgKey), groups: [], users: [] });
const groupBody = { name: 'Authz matrix group', collections: [], users: [] };
const policyBody = { policy: { enabled: true, data: { minLength: 14 } } };
const scimConnection = (w: AuthzWorld): unknown => ({ type: 2, organizationId: w.orgX.id, enabled: true, config: { enabled: true } });

type Build = RouteRow['build'];

/** The list shows X's shared collection to `rule`, and hides it from everyone else. */
function sees(rule: Rule): NonNullable<RouteRow['seen']> {
  return (w, r, body) => {
    const shown = body.includes(w.orgX.collectionId);
    if (rule(r) === shown) return null;
    return shown ? 'lists the collection it may not read' : 'does not list the collection it may read';
  };
}
function rows(methods: string[], route: string, expect: RouteRow['expect'], build: Build, extra: Partial<RouteRow> = {}): RouteRow[] {
  return methods.map((method) => ({ method, route, expect, build, ...extra }));
}

const manageUsers = priv(perm('manageUsers'), 403);
// PoliciesController / GroupsController: [Authorize<…Requirement>] attributes → 403 (empty body).
const managePolicies = priv(perm('managePolicies'), 403);
const manageGroups = priv(perm('manageGroups'), 403);
const manageScim = priv(perm('manageScim'), 400);
const pUser = priv(providerUser, 403);
const pAdmin = priv(providerAdmin, 403);

export const ROUTES: RouteRow[] = [
  // §3.2–3.4 organizations
  ...rows(['GET'], '/api/organizations/:id', priv(owner, 404), (w) => ({ path: X(w) })),
  // OrganizationsController.Put: `TypedResults.Unauthorized()` (401) unless OrgOwner.
  ...rows(['PUT', 'POST'], '/api/organizations/:id', priv(owner, 401), (w) => ({ path: X(w), body: { name: 'Authz Client X' } })),
  ...rows(['PUT'], '/api/organizations/:id/collection-management', priv(owner, 404), (w) => ({
    path: `${X(w)}/collection-management`,
    body: { limitCollectionCreation: true, limitCollectionDeletion: true, limitItemDeletion: false, allowAdminAccessToAllCollectionItems: true },
  })),
  ...rows(['GET'], '/api/organizations/:id/public-key', priv(anyUser, 0), (w) => ({ path: `${X(w)}/public-key` })),
  ...rows(['GET'], '/api/organizations/:id/keys', priv(anyUser, 0), (w) => ({ path: `${X(w)}/keys` })),
  // OrganizationUpdateKeysCommand: UnauthorizedAccessException (401) without ManageResetPassword.
  ...rows(['POST'], '/api/organizations/:id/keys', priv(perm('manageResetPassword'), 401), (w) => ({
    path: `${X(w)}/keys`,
    body: { publicKey: 'MIIB', encryptedPrivateKey: encryptString('not a key', w.orgX.orgKey) },
  }), { allowedAs: { status: 400, message: /already/i } }),
  ...rows(['DELETE'], '/api/organizations/:id', priv(owner, 404), (w) => ({ path: X(w), body: { masterPasswordHash: 'wrong' } }), {
    allowedAs: { status: 400, message: /User verification failed/ },
  }),
  ...rows(['POST'], '/api/organizations/:id/delete', priv(owner, 404), (w) => ({ path: `${X(w)}/delete`, body: { masterPasswordHash: 'wrong' } }), {
    allowedAs: { status: 400, message: /User verification failed/ },
  }),
  ...rows(['GET'], '/api/organizations/:id/sso', priv(perm('manageSso'), 404), (w) => ({ path: `${X(w)}/sso` })),
  ...rows(['POST'], '/api/organizations/:id/sso', priv(perm('manageSso'), 404), (w) => ({
    path: `${X(w)}/sso`,
    body: { enabled: false, identifier: null, data: { configType: 1, memberDecryptionType: 0, authority: 'https://idp.authz.example', clientId: 'bwmsp', clientSecret: 'authz-sso-client-secret' } },
  })),
  ...rows(['POST'], '/api/organizations/:id/api-key', priv(owner, 404), (w, r) => ({ path: `${X(w)}/api-key`, body: { type: 1, masterPasswordHash: secret(r) } })),
  ...rows(['POST'], '/api/organizations/:id/rotate-api-key', priv(perm('manageScim'), 404), (w, r) => ({ path: `${X(w)}/rotate-api-key`, body: { type: 2, masterPasswordHash: secret(r) } })),
  ...rows(['GET'], '/api/organizations/:id/api-key-information', priv(owner, 404), (w) => ({ path: `${X(w)}/api-key-information` })),
  ...rows(['GET'], '/api/organizations/:id/api-key-information/:type', priv(perm('manageScim'), 404), (w) => ({ path: `${X(w)}/api-key-information/2` })),
  // Licensing (licensing-and-selfhost.md §1.1, §2.1, §5). Billing OrganizationsController.GetLicense:
  // OrganizationOwner (Owner or provider user) else 404; GetSubscription: ViewSubscription — X is
  // managed by an MSP, so its members (the Owner too) get 404 and only provider users pass.
  ...rows(['GET'], '/api/organizations/:id/license', priv(owner, 404), (w) => ({ path: `${X(w)}/license?installationId=${w.installationId}` })),
  ...rows(['GET'], '/api/organizations/:id/subscription', priv(providerUser, 404), (w) => ({ path: `${X(w)}/subscription` })),
  // LicensesController: [Authorize("Licensing")] (scope api.licensing); the GET body is not needed to be refused.
  ...rows(['GET'], '/api/licenses/organization/:id', installationPolicy, (w) => ({ path: `/api/licenses/organization/${w.orgX.id}` })),
  ...rows(['POST'], '/api/installations', anonymous, () => ({ path: '/api/installations', body: { email: email() } })),
  ...rows(['GET'], '/api/installations/:id', anonymous, (w) => ({ path: `/api/installations/${w.installationId}` })),
  // SelfHostedOrganizationLicensesController: [Authorize("Application")] + [SelfHosted(SelfHostedOnly)].
  ...rows(['POST'], '/api/organizations/licenses/self-hosted', priv(anyUser, 0), () => ({ path: '/api/organizations/licenses/self-hosted', body: {} }), selfHostedOnly),
  ...rows(['POST'], '/api/organizations/licenses/self-hosted/:id', priv(anyUser, 0), (w) => ({ path: `/api/organizations/licenses/self-hosted/${w.orgX.id}`, body: {} }), selfHostedOnly),
  ...rows(['POST'], '/api/organizations/licenses/self-hosted/:id/sync', priv(anyUser, 0), (w) => ({ path: `/api/organizations/licenses/self-hosted/${w.orgX.id}/sync` }), selfHostedOnly),
  // OrganizationConnectionsController.ConnectionsEnabled: any Application caller (false on the cloud).
  ...rows(['GET'], '/api/organizations/connections/enabled', priv(anyUser, 0), () => ({ path: '/api/organizations/connections/enabled' })),
  // Sponsorships (§4.1, OrganizationSponsorshipsController; cloud).
  // CreateSponsorship: no role check; the command reads the caller's membership row: none → NullReferenceException (500),
  // not confirmed → 400 "Only confirmed users can sponsor other organizations.".
  ...rows(['POST'], '/api/organization/sponsorship/:orgId/families-for-enterprise', (r) => (unconfirmedMember(r) ? 400 : priv(confirmedMember, 500)(r)), (w) => ({
    path: `/api/organization/sponsorship/${w.orgX.id}/families-for-enterprise`,
    body: { planSponsorshipType: 0, sponsoredEmail: email(), friendlyName: `Authz ${randomUUID().slice(0, 8)}` },
  })),
  // RevokeSponsorship: the caller's own seat; without a membership row 400 "Can only revoke a sponsorship you granted.",
  // without a sponsorship 400 "You are not currently sponsoring an organization.".
  ...rows(['DELETE'], '/api/organization/sponsorship/:orgId', priv(confirmedMember, 400), (w, r) => {
    w.freshSponsorship(r);
    return { path: `/api/organization/sponsorship/${w.orgX.id}` };
  }),
  ...rows(['POST'], '/api/organization/sponsorship/:orgId/delete', priv(confirmedMember, 400), (w, r) => {
    w.freshSponsorship(r);
    return { path: `/api/organization/sponsorship/${w.orgX.id}/delete` };
  }),
  // AdminInitiatedRevokeSponsorshipAsync: [Authorize<ManageUsersRequirement>] → 403.
  ...rows(['DELETE'], '/api/organization/sponsorship/:orgId/:friendlyName/revoke', priv(perm('manageUsers'), 403), (w) => {
    const name = `Authz revoke ${randomUUID().slice(0, 8)}`;
    w.freshSponsorship(null, name);
    return { path: `/api/organization/sponsorship/${w.orgX.id}/${encodeURIComponent(name)}/revoke` };
  }),
  // GetSponsoredOrganizations: `Organizations.First(...)` of the caller's own claims before any check — a caller
  // without a membership claim (provider users too) gets InvalidOperationException (500); then Owner, Admin or
  // ManageUsers, else UnauthorizedAccessException (401).
  ...rows(['GET'], '/api/organization/sponsorship/:orgId/sponsored', (r) => {
    if (r.token !== 'user') return priv(anyUser, 0)(r);
    if (r.memberType === null) return 500;
    return r.memberType === 0 || r.memberType === 1 || r.customPermission === 'manageUsers' ? 'allow' : 401;
  }, (w) => ({ path: `/api/organization/sponsorship/${w.orgX.id}/sponsored` })),
  // GetSyncStatus has no [Authorize]: anonymous and invalid tokens reach its OrganizationOwner check (404);
  // an organization API key is Owner of its own organization (CurrentContext.GetOrganizations).
  ...rows(['GET'], '/api/organization/sponsorship/:orgId/sync-status', (r) => (owner(r) || r.orgKey === 'own' ? 'allow' : 404), (w) => ({
    path: `/api/organization/sponsorship/${w.orgX.id}/sync-status`,
  })),
  // Sync: [Authorize("Installation")] (scope api.installation).
  ...rows(['POST'], '/api/organization/sponsorship/sync', installationPolicy, (w) => ({
    path: '/api/organization/sponsorship/sync',
    body: { billingSyncKey: 'authz', sponsoringOrganizationCloudId: w.orgX.id, sponsorshipsBatch: [] },
  })),
  // SelfHostedOrganizationSponsorshipsController: [Authorize("Application")] + [SelfHosted(SelfHostedOnly)] on the class;
  // the revoke by name adds [Authorize<ManageUsersRequirement>] (403), which runs before the filter.
  ...rows(['POST'], '/api/organization/sponsorship/self-hosted/:orgId/families-for-enterprise', priv(anyUser, 0), (w) => ({
    path: `/api/organization/sponsorship/self-hosted/${w.orgX.id}/families-for-enterprise`,
    body: { planSponsorshipType: 0, sponsoredEmail: email() },
  }), selfHostedOnly),
  ...rows(['DELETE'], '/api/organization/sponsorship/self-hosted/:orgId', priv(anyUser, 0), (w) => ({ path: `/api/organization/sponsorship/self-hosted/${w.orgX.id}` }), selfHostedOnly),
  ...rows(['POST'], '/api/organization/sponsorship/self-hosted/:orgId/delete', priv(anyUser, 0), (w) => ({ path: `/api/organization/sponsorship/self-hosted/${w.orgX.id}/delete` }), selfHostedOnly),
  ...rows(['DELETE'], '/api/organization/sponsorship/self-hosted/:orgId/:friendlyName/revoke', priv(perm('manageUsers'), 403), (w) => ({
    path: `/api/organization/sponsorship/self-hosted/${w.orgX.id}/authz/revoke`,
  }), selfHostedOnly),
  ...rows(['GET'], '/api/organization/sponsorship/self-hosted/:orgId/sponsored', priv(anyUser, 0), (w) => ({ path: `/api/organization/sponsorship/self-hosted/${w.orgX.id}/sponsored` }), selfHostedOnly),
  // §9 / §3.3 organization vault data. ImportCiphersController.PostImportOrganization: an import naming no
  // collection needs AccessImportExport (Owner, Admin, provider user, Custom accessImportExport), else
  // 400 "Not enough privileges to import into this organization.".
  ...rows(['POST'], '/api/ciphers/import-organization', priv(perm('accessImportExport'), 400), (w) => ({
    path: `/api/ciphers/import-organization?organizationId=${w.orgX.id}`,
    body: { ciphers: [], collections: [], collectionRelationships: [] },
  })),
  // CiphersController.PostPurge: the caller's own secret first, then EditAnyCollection else 404.
  ...rows(['POST'], '/api/ciphers/purge', priv(perm('editAnyCollection'), 404), (w, r) => ({
    path: `/api/ciphers/purge?organizationId=${w.orgX.id}`,
    body: { masterPasswordHash: secret(r) },
  })),
  // CiphersController.GetOrganizationCiphers: CanAccessAllCiphersAsync (Owner, Admin, Custom accessImportExport /
  // editAnyCollection / accessReports, provider user) else 404.
  ...rows(['GET'], '/api/ciphers/organization-details', priv(any(admin, custom('accessImportExport', 'editAnyCollection', 'accessReports')), 404), (w) => ({
    path: `/api/ciphers/organization-details?organizationId=${w.orgX.id}`,
  })),
  // §14.5 SCIM connections
  ...rows(['GET'], '/api/organizations/connections/:orgId/:type', manageScim, (w) => ({ path: `/api/organizations/connections/${w.orgX.id}/2` })),
  ...rows(['POST'], '/api/organizations/connections', manageScim, (w) => {
    w.clearScimConnection();
    return { path: '/api/organizations/connections', body: scimConnection(w) };
  }),
  ...rows(['PUT'], '/api/organizations/connections/:connectionId', manageScim, (w) => ({ path: `/api/organizations/connections/${w.freshConnection()}`, body: scimConnection(w) })),
  ...rows(['DELETE'], '/api/organizations/connections/:connectionId', manageScim, (w) => ({ path: `/api/organizations/connections/${w.freshConnection()}` })),
  // §4 members
  ...rows(['GET'], '/api/organizations/:orgId/users', priv(any(perm('manageUsers'), perm('manageResetPassword')), 404), (w) => ({ path: `${X(w)}/users` })),
  ...rows(['GET'], '/api/organizations/:orgId/users/mini-details', priv(member, 403), (w) => ({ path: `${X(w)}/users/mini-details` })),
  ...rows(['POST'], '/api/organizations/:orgId/users/invite', manageUsers, (w) => ({ path: `${X(w)}/users/invite`, body: { emails: [email()], type: 2, collections: [], groups: [] } })),
  ...rows(['POST'], '/api/organizations/:orgId/users/reinvite', manageUsers, (w) => ({ path: `${X(w)}/users/reinvite`, body: { ids: [w.freshInvitedMember()] } })),
  ...rows(['POST'], '/api/organizations/:orgId/users/public-keys', manageUsers, (w) => ({ path: `${X(w)}/users/public-keys`, body: { ids: [w.orgX.userMemberId] } })),
  ...rows(['POST'], '/api/organizations/:orgId/users/confirm', manageUsers, (w) => ({ path: `${X(w)}/users/confirm`, body: { keys: [{ id: w.freshAcceptedMember(), key: memberKey(w) }] } })),
  ...rows(['PUT', 'PATCH'], '/api/organizations/:orgId/users/revoke', manageUsers, (w) => ({ path: `${X(w)}/users/revoke`, body: { ids: [w.freshMember(2)] } })),
  ...rows(['PUT', 'PATCH'], '/api/organizations/:orgId/users/restore', manageUsers, (w) => ({ path: `${X(w)}/users/restore`, body: { ids: [w.freshMember(-1)] } })),
  ...rows(['DELETE'], '/api/organizations/:orgId/users', manageUsers, (w) => ({ path: `${X(w)}/users`, body: { ids: [w.freshInvitedMember()] } })),
  ...rows(['POST'], '/api/organizations/:orgId/users/remove', manageUsers, (w) => ({ path: `${X(w)}/users/remove`, body: { ids: [w.freshInvitedMember()] } })),
  ...rows(['GET'], '/api/organizations/:orgId/users/:id', manageUsers, (w) => ({ path: `${X(w)}/users/${w.orgX.userMemberId}` })),
  ...rows(['POST'], '/api/organizations/:orgId/users/:id/reinvite', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshInvitedMember()}/reinvite` })),
  ...rows(['POST'], '/api/organizations/:orgId/users/:id/confirm', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshAcceptedMember()}/confirm`, body: { key: memberKey(w) } })),
  ...rows(['PUT', 'POST'], '/api/organizations/:orgId/users/:id', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshInvitedMember()}`, body: { type: 2, collections: [], groups: [] } })),
  ...rows(['PUT', 'PATCH'], '/api/organizations/:orgId/users/:id/revoke', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshMember(2)}/revoke` })),
  ...rows(['PUT', 'PATCH'], '/api/organizations/:orgId/users/:id/restore', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshMember(-1)}/restore` })),
  ...rows(['PUT'], '/api/organizations/:orgId/users/:id/restore/vnext', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshMember(-1)}/restore/vnext`, body: {} })),
  ...rows(['DELETE'], '/api/organizations/:orgId/users/:id', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshInvitedMember()}` })),
  ...rows(['POST'], '/api/organizations/:orgId/users/:id/remove', manageUsers, (w) => ({ path: `${X(w)}/users/${w.freshInvitedMember()}/remove` })),
  ...rows(['GET'], '/api/organizations/:orgId/users/:orgUserId/events', priv(perm('accessEventLogs'), 404), (w) => ({ path: `${X(w)}/users/${w.orgX.userMemberId}/events` })),
  // §5 collections (the target is assigned to nobody; X limits creation and deletion to admins)
  // The lists need no membership: without ReadAll(WithAccess) a caller sees only what they manage.
  ...rows(['GET'], '/api/organizations/:orgId/collections', priv(anyUser, 0), (w) => ({ path: `${X(w)}/collections` }), {
    seen: sees(any(admin, custom('editAnyCollection', 'deleteAnyCollection', 'accessImportExport', 'manageGroups'))),
  }),
  ...rows(['GET'], '/api/organizations/:orgId/collections/details', priv(anyUser, 0), (w) => ({ path: `${X(w)}/collections/details` }), {
    seen: sees(any(admin, custom('editAnyCollection', 'deleteAnyCollection', 'manageUsers', 'manageGroups'))),
  }),
  ...rows(['POST'], '/api/organizations/:orgId/collections/bulk-access', priv(any(admin, custom('editAnyCollection')), 404), (w) => ({
    path: `${X(w)}/collections/bulk-access`,
    body: { collectionIds: [w.freshCollection()], groups: [], users: [] },
  })),
  ...rows(['POST'], '/api/organizations/:orgId/collections', priv(any(admin, custom('createNewCollections')), 404), (w) => ({ path: `${X(w)}/collections`, body: collectionBody(w) })),
  ...rows(['DELETE'], '/api/organizations/:orgId/collections', priv(any(admin, custom('deleteAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections`, body: { ids: [w.freshCollection()] } })),
  ...rows(['POST'], '/api/organizations/:orgId/collections/delete', priv(any(admin, custom('deleteAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections/delete`, body: { ids: [w.freshCollection()] } })),
  ...rows(['GET'], '/api/organizations/:orgId/collections/:id', priv(any(admin, custom('editAnyCollection', 'deleteAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections/${w.orgX.collectionId}` })),
  ...rows(['GET'], '/api/organizations/:orgId/collections/:id/details', priv(any(admin, custom('editAnyCollection', 'deleteAnyCollection', 'manageUsers')), 404), (w) => ({ path: `${X(w)}/collections/${w.orgX.collectionId}/details` })),
  ...rows(['GET'], '/api/organizations/:orgId/collections/:id/users', priv(any(admin, custom('editAnyCollection', 'deleteAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections/${w.orgX.collectionId}/users` })),
  ...rows(['PUT', 'POST'], '/api/organizations/:orgId/collections/:id', priv(any(admin, custom('editAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections/${w.freshCollection()}`, body: collectionBody(w) })),
  ...rows(['DELETE'], '/api/organizations/:orgId/collections/:id', priv(any(admin, custom('deleteAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections/${w.freshCollection()}` })),
  ...rows(['POST'], '/api/organizations/:orgId/collections/:id/delete', priv(any(admin, custom('deleteAnyCollection')), 404), (w) => ({ path: `${X(w)}/collections/${w.freshCollection()}/delete` })),
  // §6 groups
  ...rows(['GET'], '/api/organizations/:orgId/groups', priv(any(admin, custom('createNewCollections', 'manageUsers', 'manageGroups', 'accessReports')), 403), (w) => ({ path: `${X(w)}/groups` })),
  ...rows(['GET'], '/api/organizations/:orgId/groups/details', priv(any(admin, custom('manageUsers', 'manageGroups')), 403), (w) => ({ path: `${X(w)}/groups/details` })),
  ...rows(['POST'], '/api/organizations/:orgId/groups', manageGroups, (w) => ({ path: `${X(w)}/groups`, body: groupBody })),
  ...rows(['DELETE'], '/api/organizations/:orgId/groups', manageGroups, (w) => ({ path: `${X(w)}/groups`, body: { ids: [w.freshGroup()] } })),
  ...rows(['POST'], '/api/organizations/:orgId/groups/delete', manageGroups, (w) => ({ path: `${X(w)}/groups/delete`, body: { ids: [w.freshGroup()] } })),
  ...rows(['GET'], '/api/organizations/:orgId/groups/:id', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.orgX.groupId}` })),
  ...rows(['GET'], '/api/organizations/:orgId/groups/:id/details', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.orgX.groupId}/details` })),
  ...rows(['GET'], '/api/organizations/:orgId/groups/:id/users', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.orgX.groupId}/users` })),
  ...rows(['PUT', 'POST'], '/api/organizations/:orgId/groups/:id', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.freshGroup()}`, body: groupBody })),
  ...rows(['DELETE'], '/api/organizations/:orgId/groups/:id', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.freshGroup()}` })),
  ...rows(['POST'], '/api/organizations/:orgId/groups/:id/delete', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.freshGroup()}/delete` })),
  ...rows(['DELETE'], '/api/organizations/:orgId/groups/:id/user/:orgUserId', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.freshGroup(true)}/user/${w.orgX.userMemberId}` })),
  ...rows(['POST'], '/api/organizations/:orgId/groups/:id/delete-user/:orgUserId', manageGroups, (w) => ({ path: `${X(w)}/groups/${w.freshGroup(true)}/delete-user/${w.orgX.userMemberId}` })),
  // §7 policies, §8 events
  ...rows(['GET'], '/api/organizations/:orgId/policies', managePolicies, (w) => ({ path: `${X(w)}/policies` })),
  ...rows(['GET'], '/api/organizations/:orgId/policies/:type', managePolicies, (w) => ({ path: `${X(w)}/policies/2` })),
  ...rows(['PUT'], '/api/organizations/:orgId/policies/:type', managePolicies, (w) => ({ path: `${X(w)}/policies/2`, body: policyBody })),
  ...rows(['PUT'], '/api/organizations/:orgId/policies/:type/vnext', managePolicies, (w) => ({ path: `${X(w)}/policies/2/vnext`, body: policyBody })),
  ...rows(['GET'], '/api/organizations/:id/events', priv(perm('accessEventLogs'), 404), (w) => ({ path: `${X(w)}/events` })),
  // §1 providers
  ...rows(['GET'], '/api/providers/:providerId', pUser, (w) => ({ path: P(w) })),
  ...rows(['PUT', 'POST'], '/api/providers/:providerId', pAdmin, (w) => ({ path: P(w), body: { name: 'Authz MSP A', billingEmail: 'billing@authz.example' } })),
  ...rows(['POST'], '/api/providers/:providerId/setup', pAdmin, (w, r) => ({
    path: `${P(w)}/setup`,
    body: { name: 'Authz MSP A', billingEmail: 'billing@authz.example', token: 'not-a-token', key: r.account ? encapsulateSymmetricKey(w.providerA.providerKey, r.account.publicKey) : '4.x' },
  }), { allowedAs: { status: 400, message: /Provider is already setup|Invalid token/ } }),
  ...rows(['GET'], '/api/providers/:providerId/users', pAdmin, (w) => ({ path: `${P(w)}/users` })),
  ...rows(['GET'], '/api/providers/:providerId/users/:id', pAdmin, (w) => ({ path: `${P(w)}/users/${w.providerA.serviceUserId}` })),
  ...rows(['POST'], '/api/providers/:providerId/users/invite', pAdmin, (w) => ({ path: `${P(w)}/users/invite`, body: { emails: [email()], type: 1 } })),
  ...rows(['POST'], '/api/providers/:providerId/users/reinvite', pAdmin, (w) => ({ path: `${P(w)}/users/reinvite`, body: { ids: [w.freshProviderUser(0)] } })),
  ...rows(['POST'], '/api/providers/:providerId/users/:id/reinvite', pAdmin, (w) => ({ path: `${P(w)}/users/${w.freshProviderUser(0)}/reinvite` })),
  ...rows(['POST'], '/api/providers/:providerId/users/public-keys', pAdmin, (w) => ({ path: `${P(w)}/users/public-keys`, body: { ids: [w.providerA.serviceUserId] } })),
  ...rows(['POST'], '/api/providers/:providerId/users/:id/confirm', pAdmin, (w) => ({ path: `${P(w)}/users/${w.freshProviderUser(1)}/confirm`, body: { key: providerUserKey(w) } })),
  ...rows(['POST'], '/api/providers/:providerId/users/confirm', pAdmin, (w) => ({ path: `${P(w)}/users/confirm`, body: { keys: [{ id: w.freshProviderUser(1), key: providerUserKey(w) }] } })),
  ...rows(['PUT', 'POST'], '/api/providers/:providerId/users/:id', pAdmin, (w) => ({ path: `${P(w)}/users/${w.freshProviderUser(0)}`, body: { type: 1 } })),
  ...rows(['DELETE'], '/api/providers/:providerId/users/:id', pAdmin, (w) => ({ path: `${P(w)}/users/${w.freshProviderUser(0)}` })),
  ...rows(['POST'], '/api/providers/:providerId/users/:id/delete', pAdmin, (w) => ({ path: `${P(w)}/users/${w.freshProviderUser(0)}/delete` })),
  ...rows(['DELETE'], '/api/providers/:providerId/users', pAdmin, (w) => ({ path: `${P(w)}/users`, body: { ids: [w.freshProviderUser(0)] } })),
  ...rows(['POST'], '/api/providers/:providerId/users/delete', pAdmin, (w) => ({ path: `${P(w)}/users/delete`, body: { ids: [w.freshProviderUser(0)] } })),
  // §2 clients
  ...rows(['GET'], '/api/providers/:providerId/organizations', pUser, (w) => ({ path: `${P(w)}/organizations` })),
  ...rows(['POST'], '/api/providers/:providerId/organizations/add', pAdmin, (w) => ({
    path: `${P(w)}/organizations/add`,
    body: { organizationId: w.providerA.addable[1], key: encryptString('placeholder', w.providerA.providerKey) },
  })),
  ...rows(['DELETE'], '/api/providers/:providerId/organizations/:id', pAdmin, (w) => ({ path: `${P(w)}/organizations/${w.freshClientOrganization().linkId}` })),
  ...rows(['POST'], '/api/providers/:providerId/organizations/:id/delete', pAdmin, (w) => ({ path: `${P(w)}/organizations/${w.freshClientOrganization().linkId}/delete` })),
  ...rows(['POST'], '/api/providers/:providerId/clients', pAdmin, (w) => {
    const keys = makeClientOrgKeys(w.providerA.providerKey);
    return {
      path: `${P(w)}/clients`,
      body: {
        name: `Authz created ${randomUUID().slice(0, 6)}`,
        ownerEmail: email(),
        planType: 17,
        seats: 1,
        key: keys.providerWrappedOrgKey,
        keyPair: { publicKey: keys.publicKey, encryptedPrivateKey: keys.encryptedPrivateKey },
        collectionName: encryptString('Default collection', keys.orgKey),
      },
    };
  }),
  ...rows(['GET'], '/api/providers/:providerId/clients/addable', pUser, (w) => ({ path: `${P(w)}/clients/addable` })),
  ...rows(['POST'], '/api/providers/:providerId/clients/existing', pAdmin, (w) => ({
    path: `${P(w)}/clients/existing`,
    body: { organizationId: w.providerA.addable[0], key: wrapSymmetricKey(w.orgX.orgKey, w.providerA.providerKey) },
  })),
  ...rows(['PUT'], '/api/providers/:providerId/clients/:id', pUser, (w) => ({ path: `${P(w)}/clients/${w.freshClientOrganization().linkId}`, body: { assignedSeats: 1000, name: 'Authz fresh client' } })),
  // §2.7 billing: the billing controllers answer 401 "Unauthorized." to a caller without the role
  ...rows(['GET'], '/api/providers/:providerId/billing/subscription', priv(providerUser, 401), (w) => ({ path: `${P(w)}/billing/subscription` })),
  ...rows(['GET'], '/api/providers/:providerId/billing/invoices', priv(providerAdmin, 401), (w) => ({ path: `${P(w)}/billing/invoices` })),
  ...rows(['GET'], '/api/providers/:providerId/billing/invoices/:invoiceId', priv(providerAdmin, 401), (w) => ({ path: `${P(w)}/billing/invoices/${w.providerA.invoiceId ?? randomUUID()}` })),
  ...rows(['GET'], '/api/providers/:providerId/billing/vnext/warnings', priv(providerUser, 401), (w) => ({ path: `${P(w)}/billing/vnext/warnings` })),
  // §8 provider events
  // EventsController: `ProviderAccessEventLogs` (provider admin) or NotFoundException.
  ...rows(['GET'], '/api/providers/:providerId/events', priv(providerAdmin, 404), (w) => ({ path: `${P(w)}/events` })),
  ...rows(['GET'], '/api/providers/:providerId/users/:id/events', priv(providerAdmin, 404), (w) => ({ path: `${P(w)}/users/${w.providerA.adminUserId}/events` })),
  // §10 Public API
  ...rows(['GET'], '/api/public/members', pub('own'), () => ({ path: '/api/public/members' })),
  ...rows(['POST'], '/api/public/members', pub('own'), () => ({ path: '/api/public/members', body: { email: email(), type: 2, collections: [], groups: [] } })),
  ...rows(['GET'], '/api/public/members/:id', pub('object'), (w) => ({ path: `/api/public/members/${w.orgX.userMemberId}` })),
  ...rows(['GET'], '/api/public/members/:id/group-ids', pub('object'), (w) => ({ path: `/api/public/members/${w.orgX.userMemberId}/group-ids` })),
  ...rows(['PUT'], '/api/public/members/:id', pub('object'), (w) => ({ path: `/api/public/members/${w.freshInvitedMember()}`, body: { type: 2, collections: [], groups: [] } })),
  ...rows(['PUT'], '/api/public/members/:id/group-ids', pub('object'), (w) => ({ path: `/api/public/members/${w.freshInvitedMember()}/group-ids`, body: { groupIds: [] } })),
  ...rows(['DELETE'], '/api/public/members/:id', pub('object'), (w) => ({ path: `/api/public/members/${w.freshInvitedMember()}` })),
  ...rows(['POST'], '/api/public/members/:id/reinvite', pub('object'), (w) => ({ path: `/api/public/members/${w.freshInvitedMember()}/reinvite` })),
  ...rows(['POST'], '/api/public/members/:id/revoke', pub('object'), (w) => ({ path: `/api/public/members/${w.freshMember(2)}/revoke` })),
  ...rows(['POST'], '/api/public/members/:id/restore', pub('object'), (w) => ({ path: `/api/public/members/${w.freshMember(-1)}/restore` })),
  ...rows(['GET'], '/api/public/groups', pub('own'), () => ({ path: '/api/public/groups' })),
  ...rows(['POST'], '/api/public/groups', pub('own'), () => ({ path: '/api/public/groups', body: { name: 'Authz public group', collections: [] } })),
  ...rows(['GET'], '/api/public/groups/:id', pub('object'), (w) => ({ path: `/api/public/groups/${w.orgX.groupId}` })),
  ...rows(['GET'], '/api/public/groups/:id/member-ids', pub('object'), (w) => ({ path: `/api/public/groups/${w.orgX.groupId}/member-ids` })),
  ...rows(['PUT'], '/api/public/groups/:id', pub('object'), (w) => ({ path: `/api/public/groups/${w.freshGroup()}`, body: { name: 'Authz public group', collections: [] } })),
  ...rows(['PUT'], '/api/public/groups/:id/member-ids', pub('object'), (w) => ({ path: `/api/public/groups/${w.freshGroup()}/member-ids`, body: { memberIds: [] } })),
  ...rows(['DELETE'], '/api/public/groups/:id', pub('object'), (w) => ({ path: `/api/public/groups/${w.freshGroup()}` })),
  ...rows(['GET'], '/api/public/collections', pub('own'), () => ({ path: '/api/public/collections' })),
  ...rows(['GET'], '/api/public/collections/:id', pub('object'), (w) => ({ path: `/api/public/collections/${w.orgX.collectionId}` })),
  ...rows(['PUT'], '/api/public/collections/:id', pub('object'), (w) => ({ path: `/api/public/collections/${w.freshCollection()}`, body: { externalId: null, groups: [] } })),
  ...rows(['DELETE'], '/api/public/collections/:id', pub('object'), (w) => ({ path: `/api/public/collections/${w.freshCollection()}` })),
  ...rows(['GET'], '/api/public/policies', pub('own'), () => ({ path: '/api/public/policies' })),
  // Policy 2 is saved in X only: Y's key gets 404 "never saved" for it.
  ...rows(['GET'], '/api/public/policies/:type', pub('object'), () => ({ path: '/api/public/policies/2' })),
  ...rows(['PUT'], '/api/public/policies/:type', pub('own'), () => ({ path: '/api/public/policies/2', body: { enabled: true, data: { minLength: 14 } } })),
  ...rows(['GET'], '/api/public/events', pub('own'), () => ({ path: '/api/public/events' })),
];

/** Routes that are not administrative, with the reason (method `*` = every method on the path). */
export const EXCLUDED: { method: string; route: string; reason: string }[] = [
  { method: '*', route: '/identity/*', reason: 'identity: prelogin, registration and token grants (anonymous by design)' },
  { method: '*', route: '/events/*', reason: 'events service: client event collection for the caller itself' },
  { method: 'GET', route: '/api/alive', reason: 'health check, anonymous' },
  { method: 'GET', route: '/api/config', reason: 'server configuration, anonymous' },
  { method: '*', route: '/api/accounts/*', reason: "the caller's own account" },
  { method: 'GET', route: '/api/sync', reason: "the caller's own vault and memberships" },
  { method: 'GET', route: '/api/users/:id/public-key', reason: 'any user may read a public key' },
  { method: '*', route: '/api/devices/*', reason: "the caller's own devices" },
  { method: '*', route: '/api/two-factor*', reason: "the caller's own two-step login" },
  { method: 'GET', route: '/api/organizations', reason: "the caller's own memberships" },
  { method: 'POST', route: '/api/organizations', reason: 'any user creates an organization they own' },
  { method: 'POST', route: '/api/organizations/:id/leave', reason: "self-service: ends the caller's own membership" },
  { method: 'POST', route: '/api/organizations/:orgId/users/:organizationUserId/accept', reason: 'the invitee with the e-mailed token' },
  { method: 'POST', route: '/api/providers/:providerId/users/:id/accept', reason: 'the invitee with the e-mailed token' },
  { method: 'GET', route: '/api/collections', reason: "the caller's own collection assignments" },
  { method: 'GET', route: '/api/events', reason: "the caller's own user events" },
  { method: 'GET', route: '/api/organizations/:orgId/policies/token', reason: 'anonymous, authorized by the invitation token' },
  { method: 'GET', route: '/api/organizations/:orgId/policies/master-password', reason: "the caller's own applicable policy" },
  {
    method: 'POST',
    route: '/api/sandbox/jobs/sponsorship-sync',
    reason:
      'not a Bitwarden route: the sandbox stand-in for the self-hosted SelfHostedSponsorshipSyncJob; no credentials, ' +
      'reachable on loopback only (the sandbox listens on 127.0.0.1, src/sandbox/server.ts)',
  },
  {
    method: '*',
    route: '/__sandbox/*',
    reason: 'not a Bitwarden route: request counters (middleware, not an app route), loopback only, no secrets',
  },
];

/** `:name{regex}` → `:name` (the regex may itself contain braces). */
export function stripParamPatterns(path: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < path.length; i += 1) {
    const ch = path[i] as string;
    if (depth === 0 && ch === '{' && /:[A-Za-z_]\w*$/.test(out)) {
      depth = 1;
      continue;
    }
    if (depth > 0) {
      if (ch === '{') depth += 1;
      else if (ch === '}') depth -= 1;
      continue;
    }
    out += ch;
  }
  return out;
}

function globMatch(pattern: string, route: string): boolean {
  if (!pattern.endsWith('*')) return pattern === route;
  return route.startsWith(pattern.slice(0, -1));
}

export function isExcluded(method: string, route: string): boolean {
  return EXCLUDED.some((e) => (e.method === '*' || e.method === method) && globMatch(e.route, route));
}
