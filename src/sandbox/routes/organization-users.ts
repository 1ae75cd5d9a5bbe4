/**
 * `{api}/organizations/{orgId}/users` (admin-api.md §4): list, details, invite, re-invite,
 * accept, public keys, confirm, update, revoke, restore and remove, with the single and bulk forms.
 * Attribute-style checks (Perm(manageUsers), Member) refuse with 403 and an empty body; the list's
 * in-method check and unknown members answer 404.
 */
import { Hono, type Context } from 'hono';
import { bulkIdsRequestSchema } from '../../protocol/common.js';
import {
  organizationUserAcceptRequestSchema,
  organizationUserBulkConfirmRequestSchema,
  organizationUserBulkRestoreRequestSchema,
  organizationUserConfirmRequestSchema,
  organizationUserInviteRequestSchema,
  organizationUserRestoreRequestSchema,
  organizationUserUpdateRequestSchema,
  type OrganizationUserPublicKeyResponse,
} from '../../protocol/member.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, ModelStateError, NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { OrganizationUserRecord } from '../repositories/organizations.js';
import { canModifyUserAccess } from '../services/collection-permissions.js';
import { acceptInvite, inviteMembers, reinviteMember } from '../services/member-invites.js';
import {
  confirmMembers,
  membersAmong,
  removeMember,
  removeMembers,
  restoreMember,
  restoreMembers,
  revokeMember,
  revokeMembers,
  type BulkOutcome,
} from '../services/member-lifecycle.js';
import {
  bulkResult,
  memberDetailsModel,
  memberMiniModel,
  memberUserDetailsModel,
} from '../services/member-models.js';
import { accessRows, collectionsIn } from '../services/member-rules.js';
import { updateMember } from '../services/member-update.js';
import {
  authorize,
  hasPermission,
  isMemberOrProvider,
  organizationParam,
  userOrgCaller,
  type OrgCaller,
} from '../services/org-caller.js';
import { parseWith, readBody } from '../services/request.js';

function flagQuery(c: Context<SandboxEnv>, name: string): boolean {
  return (c.req.query(name) ?? '').toLowerCase() === 'true';
}

function bulkList(outcomes: readonly BulkOutcome[]): Record<string, unknown> {
  return {
    object: 'list',
    data: outcomes.map((outcome) => bulkResult(outcome.member.id, outcome.error)),
    continuationToken: null,
  };
}

export function organizationUserRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const base = '/organizations/:orgId/users';

  const callerFor = (c: Context<SandboxEnv>): OrgCaller =>
    userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('orgId')));
  /** Perm(manageUsers), attribute style: 403. */
  const manager = (c: Context<SandboxEnv>): OrgCaller => {
    const caller = callerFor(c);
    authorize(hasPermission(caller, 'manageUsers'), 'forbidden');
    return caller;
  };
  const memberParam = (c: Context<SandboxEnv>, caller: OrgCaller, param = 'id'): OrganizationUserRecord => {
    const id = c.req.param(param);
    const member = id === undefined ? undefined : ctx.store.organizations.findUser(id);
    if (member === undefined || member.organizationId !== caller.organization.id) throw new NotFoundError();
    return member;
  };

  app.get(base, auth, (c) => {
    const caller = callerFor(c);
    let members = ctx.store.organizations.listUsers(caller.organization.id);
    if (!hasPermission(caller, 'manageUsers')) {
      authorize(hasPermission(caller, 'manageResetPassword'), 'notFound');
      members = members.filter((m) => m.resetPasswordKey !== null);
    }
    const include = { collections: flagQuery(c, 'includeCollections'), groups: flagQuery(c, 'includeGroups') };
    return c.json({
      object: 'list',
      data: members.map((m) => memberUserDetailsModel(ctx, m, include)),
      continuationToken: null,
    });
  });

  app.get(`${base}/mini-details`, auth, (c) => {
    const caller = callerFor(c);
    authorize(isMemberOrProvider(caller), 'forbidden');
    const members = ctx.store.organizations.listUsers(caller.organization.id);
    return c.json({ object: 'list', data: members.map((m) => memberMiniModel(ctx, m)), continuationToken: null });
  });

  app.post(`${base}/invite`, auth, async (c) => {
    const caller = manager(c);
    const body = await readBody(c, organizationUserInviteRequestSchema);
    const collections = accessRows(body.collections);
    for (const collection of collectionsIn(ctx, caller.organization.id, collections.map((row) => row.id))) {
      if (!canModifyUserAccess(ctx, caller, collection)) throw new NotFoundError();
    }
    inviteMembers(
      ctx,
      caller,
      {
        emails: body.emails,
        type: body.type,
        permissions: body.permissions,
        collections,
        groups: body.groups ?? [],
        accessSecretsManager: body.accessSecretsManager ?? false,
      },
      { refuseExisting: false },
    );
    return c.body(null, 200);
  });

  app.post(`${base}/reinvite`, auth, async (c) => {
    const caller = manager(c);
    const body = await readBody(c, bulkIdsRequestSchema);
    const outcomes: BulkOutcome[] = [];
    for (const id of new Set(body.ids.map((value) => value.toLowerCase()))) {
      const member = ctx.store.organizations.findUser(id);
      if (member === undefined) continue;
      try {
        reinviteMember(ctx, caller.organization, member);
        outcomes.push({ member, error: '' });
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        outcomes.push({ member, error: error.message });
      }
    }
    return c.json(bulkList(outcomes));
  });

  app.post(`${base}/public-keys`, auth, async (c) => {
    const caller = manager(c);
    const body = await readBody(c, bulkIdsRequestSchema);
    const data: OrganizationUserPublicKeyResponse[] = [];
    for (const member of membersAmong(ctx, caller.organization, body.ids)) {
      const account = member.userId === null ? undefined : ctx.store.users.findById(member.userId);
      if (account?.publicKey == null) continue;
      data.push({ object: 'organizationUserPublicKeyResponseModel', id: member.id, userId: account.id, key: account.publicKey });
    }
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.post(`${base}/confirm`, auth, async (c) => {
    const caller = manager(c);
    const body = await readBody(c, organizationUserBulkConfirmRequestSchema);
    const keys = new Map(body.keys.map((entry) => [entry.id.toLowerCase(), entry.key]));
    return c.json(bulkList(confirmMembers(ctx, caller, keys, body.defaultUserCollectionName)));
  });

  const bulkRevoke = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = manager(c);
    const body = await readBody(c, bulkIdsRequestSchema);
    return c.json(bulkList(revokeMembers(ctx, caller, body.ids)));
  };
  app.put(`${base}/revoke`, auth, bulkRevoke);
  app.patch(`${base}/revoke`, auth, bulkRevoke);

  const bulkRestore = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = manager(c);
    const body = await readBody(c, organizationUserBulkRestoreRequestSchema);
    return c.json(bulkList(restoreMembers(ctx, caller, body.ids, body.defaultUserCollectionName)));
  };
  app.put(`${base}/restore`, auth, bulkRestore);
  app.patch(`${base}/restore`, auth, bulkRestore);

  const bulkRemove = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = manager(c);
    const body = await readBody(c, bulkIdsRequestSchema);
    return c.json(bulkList(removeMembers(ctx, caller, body.ids)));
  };
  app.delete(base, auth, bulkRemove);
  app.post(`${base}/remove`, auth, bulkRemove);

  app.get(`${base}/:id`, auth, (c) => {
    const caller = manager(c);
    return c.json(memberDetailsModel(ctx, memberParam(c, caller), flagQuery(c, 'includeGroups')));
  });

  app.post(`${base}/:id/reinvite`, auth, (c) => {
    const caller = manager(c);
    const id = c.req.param('id');
    reinviteMember(ctx, caller.organization, id === undefined ? undefined : ctx.store.organizations.findUser(id));
    return c.body(null, 200);
  });

  app.post(`${base}/:organizationUserId/accept`, auth, async (c) => {
    const body = await readBody(c, organizationUserAcceptRequestSchema);
    acceptInvite(ctx, currentUser(c), c.req.param('orgId') ?? '', c.req.param('organizationUserId') ?? '', body);
    return c.body(null, 200);
  });

  app.post(`${base}/:id/confirm`, auth, async (c) => {
    const caller = manager(c);
    const body = await readBody(c, organizationUserConfirmRequestSchema);
    const id = (c.req.param('id') ?? '').toLowerCase();
    const [outcome] = confirmMembers(ctx, caller, new Map([[id, body.key]]), body.defaultUserCollectionName);
    if (outcome === undefined) throw new BadRequestError('User not valid.');
    if (outcome.error !== '') throw new BadRequestError(outcome.error);
    return c.body(null, 200);
  });

  const update = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = manager(c);
    const member = memberParam(c, caller);
    const body = await readBody(c, organizationUserUpdateRequestSchema);
    updateMember(ctx, caller, member, {
      type: body.type,
      permissions: body.permissions,
      accessSecretsManager: body.accessSecretsManager ?? false,
      collections: accessRows(body.collections),
      groups: body.groups ?? null,
    });
    return c.body(null, 200);
  };
  app.put(`${base}/:id`, auth, update);
  app.post(`${base}/:id`, auth, update);

  const revoke = (c: Context<SandboxEnv>): Response => {
    const caller = manager(c);
    revokeMember(ctx, caller, memberParam(c, caller));
    return c.body(null, 200);
  };
  app.put(`${base}/:id/revoke`, auth, revoke);
  app.patch(`${base}/:id/revoke`, auth, revoke);

  const restore = (c: Context<SandboxEnv>): Response => {
    const caller = manager(c);
    restoreMember(ctx, caller, memberParam(c, caller));
    return c.body(null, 200);
  };
  app.put(`${base}/:id/restore`, auth, restore);
  app.patch(`${base}/:id/restore`, auth, restore);
  app.put(`${base}/:id/restore/vnext`, auth, async (c) => {
    const caller = manager(c);
    const member = memberParam(c, caller);
    // The body is optional; when present it must be well-formed.
    const text = await c.req.text();
    let name: string | null | undefined;
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new ModelStateError({ $: ['The JSON value could not be parsed.'] });
      }
      name = parseWith(organizationUserRestoreRequestSchema, parsed).defaultUserCollectionName;
    }
    restoreMember(ctx, caller, member, name);
    return c.body(null, 200);
  });

  const remove = (c: Context<SandboxEnv>): Response => {
    const caller = manager(c);
    removeMember(ctx, caller, memberParam(c, caller));
    return c.body(null, 200);
  };
  app.delete(`${base}/:id`, auth, remove);
  app.post(`${base}/:id/remove`, auth, remove);

  return app;
}
