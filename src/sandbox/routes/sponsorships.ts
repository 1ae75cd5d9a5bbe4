/**
 * Families-for-Enterprise sponsorships (licensing-and-selfhost.md §4.1, §4.2): the cloud routes
 * under `organization/sponsorship` and the self-hosted ones under
 * `organization/sponsorship/self-hosted`, each refused on the other kind of server with the
 * official `SelfHosted` filter messages. `sync-status` answers on both. The cloud's
 * installation-authenticated `POST organization/sponsorship/sync` lives in sponsorship-sync.ts.
 */
import { Hono, type Context } from 'hono';
import { PolicyType } from '../../protocol/policy.js';
import { sponsorshipCreateRequestSchema } from '../../protocol/sponsorship.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError, UnauthorizedError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { NOT_SELF_HOSTED_ONLY, SELF_HOSTED_ONLY } from '../middleware/self-hosted.js';
import { authorize, hasPermission, optionalOwner, organizationParam, userOrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';
import { createSponsorship, revokeSponsorship, sendSponsorshipOffer, sponsorshipModel } from '../services/sponsorships.js';

/**
 * The official `[SelfHosted]` action filter, inside a handler: authorization attributes
 * (`[Authorize<ManageUsersRequirement>]`) run before it.
 */
function onlyOn(ctx: SandboxContext, selfHosted: boolean): void {
  if (selfHosted && ctx.mode !== 'selfhost') throw new BadRequestError(SELF_HOSTED_ONLY);
  if (!selfHosted && ctx.mode === 'selfhost') throw new BadRequestError(NOT_SELF_HOSTED_ONLY);
}

export function sponsorshipRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const base = '/organization/sponsorship';

  const offer = (selfHosted: boolean) => async (c: Context<SandboxEnv>) => {
    onlyOn(ctx, selfHosted);
    const body = await readBody(c, sponsorshipCreateRequestSchema);
    const org = organizationParam(ctx, c.req.param('orgId'));
    const caller = userOrgCaller(ctx, c, org);
    if (!selfHosted && ctx.store.policies.find(org.id, PolicyType.FreeFamiliesSponsorshipPolicy)?.enabled === true) {
      throw new BadRequestError('Free Bitwarden Families sponsorship has been disabled by your organization administrator.');
    }
    const sponsorship = createSponsorship(ctx, org, caller, currentUser(c), body);
    // The cloud mails the offer; a self-hosted server stores it and the cloud mails after the sync.
    if (!selfHosted) sendSponsorshipOffer(ctx, org.name, sponsorship);
    return c.body(null, 200);
  };

  /** The caller revokes the sponsorship of their own seat. */
  const revokeOwn = (selfHosted: boolean) => (c: Context<SandboxEnv>) => {
    onlyOn(ctx, selfHosted);
    const orgId = c.req.param('orgId') ?? '';
    const member = ctx.store.organizations.findUserByAccount(orgId.toLowerCase(), currentUser(c).id);
    if (member === undefined) {
      throw new BadRequestError(selfHosted ? 'Unknown Organization User' : 'Can only revoke a sponsorship you granted.');
    }
    revokeSponsorship(ctx, ctx.store.sponsorships.findBySponsoringMember(member.id));
    return c.body(null, 200);
  };

  /** Admin-initiated revoke by friendly name (case-insensitive); ManageUsers. */
  const revokeByName = (selfHosted: boolean) => (c: Context<SandboxEnv>) => {
    const org = organizationParam(ctx, c.req.param('orgId'));
    authorize(hasPermission(userOrgCaller(ctx, c, org), 'manageUsers'), 'forbidden');
    onlyOn(ctx, selfHosted);
    const name = (c.req.param('friendlyName') ?? '').toLowerCase();
    const found = ctx.store.sponsorships.listBySponsoringOrganization(org.id).find((s) => s.friendlyName?.toLowerCase() === name);
    if (found === undefined) {
      throw new BadRequestError('The specified sponsored organization could not be found under the given sponsoring organization.');
    }
    revokeSponsorship(ctx, found);
    return c.body(null, 200);
  };

  /**
   * Admin-initiated sponsorships only. Self-hosted (`SelfHostedOrganizationSponsorshipsController`):
   * the ManageUsers requirement (Owner, Admin, Custom ManageUsers, provider user), else
   * UnauthorizedAccessException (401). Cloud (`OrganizationSponsorshipsController.GetSponsoredOrganizations`):
   * the caller's own membership claim is looked up with `Organizations.First(...)` before any check,
   * so a caller without one (a provider user too) gets an unhandled error (500); a member without
   * Owner, Admin or ManageUsers gets 401.
   */
  const sponsored = (selfHosted: boolean) => (c: Context<SandboxEnv>) => {
    onlyOn(ctx, selfHosted);
    const org = organizationParam(ctx, c.req.param('orgId'));
    const caller = userOrgCaller(ctx, c, org);
    if (!selfHosted && caller.role === null) {
      throw new Error('no membership claim for the organization (InvalidOperationException on the official server)');
    }
    if (!hasPermission(caller, 'manageUsers')) throw new UnauthorizedError();
    const data = ctx.store.sponsorships
      .listBySponsoringOrganization(org.id)
      .filter((s) => s.isAdminInitiated)
      .map(sponsorshipModel);
    return c.json({ object: 'list', data, continuationToken: null });
  };

  // Self-hosted routes first: `self-hosted/...` would otherwise match `:orgId/...` patterns.
  const sh = `${base}/self-hosted`;
  app.post(`${sh}/:orgId/families-for-enterprise`, auth, offer(true));
  app.delete(`${sh}/:orgId/:friendlyName/revoke`, auth, revokeByName(true));
  app.delete(`${sh}/:orgId`, auth, revokeOwn(true));
  app.post(`${sh}/:orgId/delete`, auth, revokeOwn(true));
  app.get(`${sh}/:orgId/sponsored`, auth, sponsored(true));

  app.post(`${base}/:orgId/families-for-enterprise`, auth, offer(false));
  app.delete(`${base}/:orgId/:friendlyName/revoke`, auth, revokeByName(false));
  app.get(`${base}/:orgId/sponsored`, auth, sponsored(false));
  // No [Authorize] on the official action: anonymous callers and invalid tokens reach it and get the
  // 404 of its OrganizationOwner check; an organization API key is Owner of its own organization.
  app.get(`${base}/:orgId/sync-status`, (c) => {
    const org = ctx.store.organizations.findById(c.req.param('orgId'));
    if (org === undefined) throw new Error('organization not found (NullReferenceException on the official server)');
    if (!optionalOwner(ctx, c, org)) throw new NotFoundError();
    return c.json({ object: 'syncStatus', lastSyncDate: ctx.store.sponsorships.latestSyncDate(org.id) });
  });
  app.delete(`${base}/:orgId`, auth, revokeOwn(false));
  app.post(`${base}/:orgId/delete`, auth, revokeOwn(false));
  return app;
}
