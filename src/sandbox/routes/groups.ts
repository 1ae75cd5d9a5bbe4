/**
 * Groups (admin-api.md §6): `{api}/organizations/{orgId}/groups`. Needs the organization's
 * `useGroups`. Refusals are 404 "Resource not found.", as the official group routes answer them.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bulkIdsRequestSchema } from '../../protocol/common.js';
import { EventType } from '../../protocol/event.js';
import { groupRequestSchema } from '../../protocol/group.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { requireUser } from '../middleware/auth.js';
import type { GroupRecord } from '../repositories/groups.js';
import { callerAccess, canCreateCollection } from '../services/collection-permissions.js';
import { logOrganizationEvent } from '../services/events.js';
import { groupCollectionAccess, setGroupMembers } from '../services/group-access.js';
import { groupDetailsModel, groupModel } from '../services/group-models.js';
import { accessRows, touchOrganizationAccounts } from '../services/member-rules.js';
import {
  authorize,
  hasCustomPermission,
  hasPermission,
  organizationParam,
  userOrgCaller,
  type OrgCaller,
} from '../services/org-caller.js';
import { readBody } from '../services/request.js';

export function groupRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const base = '/organizations/:orgId/groups';
  const now = (): string => ctx.clock.now().toISOString();

  const callerFor = (c: Context<SandboxEnv>): OrgCaller =>
    userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('orgId')));
  const groupManager = (c: Context<SandboxEnv>): OrgCaller => {
    const caller = callerFor(c);
    authorize(hasPermission(caller, 'manageGroups'), 'forbidden'); // [Authorize<ManageGroupsRequirement>]
    return caller;
  };
  const groupParam = (c: Context<SandboxEnv>, caller: OrgCaller): GroupRecord => {
    const id = c.req.param('id');
    const group = id === undefined ? undefined : ctx.store.groups.findById(id);
    if (group === undefined || group.organizationId !== caller.organization.id) throw new NotFoundError();
    return group;
  };
  const requireGroupsFeature = (caller: OrgCaller): void => {
    if (!caller.organization.useGroups) throw new BadRequestError('This organization cannot use groups.');
  };
  /** Adding yourself to a group is refused unless admins may access all items. */
  const checkSelfAdd = (caller: OrgCaller, group: GroupRecord | null, memberIds: readonly string[]): void => {
    const self = caller.membership;
    if (self === null || caller.organization.allowAdminAccessToAllCollectionItems) return;
    const already = group !== null && ctx.store.groups.listUserIds(group.id).includes(self.id);
    if (!already && memberIds.some((id) => id.toLowerCase() === self.id)) {
      throw new BadRequestError('You cannot add yourself to groups.');
    }
  };

  app.get(base, auth, (c) => {
    const caller = callerFor(c);
    const collections = ctx.store.collections.listByOrganization(caller.organization.id);
    const allowed =
      canCreateCollection(caller) ||
      hasCustomPermission(caller, 'manageUsers') ||
      hasCustomPermission(caller, 'manageGroups') ||
      hasCustomPermission(caller, 'accessReports') ||
      collections.some((collection) => callerAccess(ctx, caller, collection)?.manage === true);
    authorize(allowed, 'forbidden'); // [Authorize<OrganizationCollectionManagementAccessRequirement>]
    const groups = ctx.store.groups.listByOrganization(caller.organization.id);
    return c.json({ object: 'list', data: groups.map(groupModel), continuationToken: null });
  });

  app.get(`${base}/details`, auth, (c) => {
    const caller = callerFor(c);
    authorize(hasPermission(caller, 'manageUsers') || hasPermission(caller, 'manageGroups'), 'forbidden'); // ManageUsersOrGroupsRequirement
    const groups = ctx.store.groups.listByOrganization(caller.organization.id);
    return c.json({ object: 'list', data: groups.map((group) => groupDetailsModel(ctx, group)), continuationToken: null });
  });

  app.post(base, auth, async (c) => {
    const caller = groupManager(c);
    const body = await readBody(c, groupRequestSchema);
    requireGroupsFeature(caller);
    const collections = groupCollectionAccess(ctx, caller, null, accessRows(body.collections));
    const users = body.users ?? [];
    checkSelfAdd(caller, null, users);
    const group = ctx.store.transaction(() => {
      const created = ctx.store.groups.insert({
        id: randomUUID(),
        organizationId: caller.organization.id,
        name: body.name,
        externalId: null,
        creationDate: now(),
      });
      ctx.store.collections.replaceAccessForGroup(created.id, collections);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Created, { groupId: created.id });
      setGroupMembers(ctx, caller, created, users);
      return created;
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.json(groupModel(group));
  });

  const bulkDelete = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = groupManager(c);
    const body = await readBody(c, bulkIdsRequestSchema);
    const groups = [...new Set(body.ids.map((id) => id.toLowerCase()))].map((id) => {
      const group = ctx.store.groups.findById(id);
      if (group === undefined || group.organizationId !== caller.organization.id) throw new NotFoundError();
      return group;
    });
    ctx.store.transaction(() => {
      for (const group of groups) {
        ctx.store.groups.delete(group.id);
        logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Deleted, { groupId: group.id });
      }
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  };
  app.delete(base, auth, bulkDelete);
  app.post(`${base}/delete`, auth, bulkDelete);

  app.get(`${base}/:id`, auth, (c) => {
    const caller = groupManager(c);
    return c.json(groupModel(groupParam(c, caller)));
  });

  app.get(`${base}/:id/details`, auth, (c) => {
    const caller = groupManager(c);
    return c.json(groupDetailsModel(ctx, groupParam(c, caller)));
  });

  app.get(`${base}/:id/users`, auth, (c) => {
    const caller = groupManager(c);
    return c.json(ctx.store.groups.listUserIds(groupParam(c, caller).id));
  });

  const update = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = groupManager(c);
    const group = groupParam(c, caller);
    const body = await readBody(c, groupRequestSchema);
    requireGroupsFeature(caller);
    const collections = groupCollectionAccess(ctx, caller, group, accessRows(body.collections));
    const users = body.users ?? null;
    if (users !== null) checkSelfAdd(caller, group, users);
    const updated = ctx.store.transaction(() => {
      const stored = ctx.store.groups.update(group.id, { name: body.name }, now());
      ctx.store.collections.replaceAccessForGroup(group.id, collections);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Updated, { groupId: group.id });
      if (users !== null) setGroupMembers(ctx, caller, stored, users);
      return stored;
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.json(groupModel(updated));
  };
  app.put(`${base}/:id`, auth, update);
  app.post(`${base}/:id`, auth, update);

  const remove = (c: Context<SandboxEnv>): Response => {
    const caller = groupManager(c);
    const group = groupParam(c, caller);
    ctx.store.transaction(() => {
      ctx.store.groups.delete(group.id);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Deleted, { groupId: group.id });
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  };
  app.delete(`${base}/:id`, auth, remove);
  app.post(`${base}/:id/delete`, auth, remove);

  const removeUser = (c: Context<SandboxEnv>): Response => {
    const caller = groupManager(c);
    const group = groupParam(c, caller);
    const memberId = (c.req.param('orgUserId') ?? '').toLowerCase();
    const member = ctx.store.organizations.findUser(memberId);
    if (member === undefined || member.organizationId !== caller.organization.id) throw new NotFoundError();
    if (ctx.store.groups.listUserIds(group.id).includes(member.id)) {
      ctx.store.transaction(() => {
        ctx.store.groups.removeUser(group.id, member.id);
        logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.OrganizationUser_UpdatedGroups, {
          organizationUserId: member.id,
          userId: member.userId,
        });
      });
      touchOrganizationAccounts(ctx, caller.organization.id);
    }
    return c.body(null, 200);
  };
  app.delete(`${base}/:id/user/:orgUserId`, auth, removeUser);
  app.post(`${base}/:id/delete-user/:orgUserId`, auth, removeUser);

  return app;
}
