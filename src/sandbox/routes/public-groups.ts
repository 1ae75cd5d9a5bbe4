/** Public API groups (`/public/groups`, admin-api.md §10.2); `externalId` is settable here. */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { EventType } from '../../protocol/event.js';
import { publicGroupMemberIdsRequestSchema, publicGroupRequestSchema } from '../../protocol/public-api.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { organizationKeyCaller, requireOrganizationToken } from '../middleware/organization-token.js';
import type { GroupRecord } from '../repositories/groups.js';
import { logOrganizationEvent } from '../services/events.js';
import { groupCollectionAccess, setGroupMembers } from '../services/group-access.js';
import { publicGroupModel } from '../services/group-models.js';
import { accessRows, touchOrganizationAccounts } from '../services/member-rules.js';
import type { OrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';

export function publicGroupRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireOrganizationToken(ctx);
  const now = (): string => ctx.clock.now().toISOString();

  const groupParam = (c: Context<SandboxEnv>, caller: OrgCaller): GroupRecord => {
    const group = ctx.store.groups.findById(c.req.param('id') ?? '');
    if (group === undefined || group.organizationId !== caller.organization.id) throw new NotFoundError();
    return group;
  };
  const requireGroupsFeature = (caller: OrgCaller): void => {
    if (!caller.organization.useGroups) throw new BadRequestError('This organization cannot use groups.');
  };

  app.get('/groups', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const data = ctx.store.groups.listByOrganization(caller.organization.id).map((g) => publicGroupModel(ctx, g));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.post('/groups', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const body = await readBody(c, publicGroupRequestSchema);
    requireGroupsFeature(caller);
    const collections = groupCollectionAccess(ctx, caller, null, accessRows(body.collections));
    const group = ctx.store.transaction(() => {
      const created = ctx.store.groups.insert({
        id: randomUUID(),
        organizationId: caller.organization.id,
        name: body.name,
        externalId: body.externalId ?? null,
        creationDate: now(),
      });
      ctx.store.collections.replaceAccessForGroup(created.id, collections);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Created, { groupId: created.id });
      return created;
    });
    return c.json(publicGroupModel(ctx, group));
  });

  app.get('/groups/:id', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    return c.json(publicGroupModel(ctx, groupParam(c, caller)));
  });

  app.get('/groups/:id/member-ids', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    return c.json(ctx.store.groups.listUserIds(groupParam(c, caller).id));
  });

  app.put('/groups/:id', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const group = groupParam(c, caller);
    const body = await readBody(c, publicGroupRequestSchema);
    requireGroupsFeature(caller);
    const collections = body.collections == null ? null : groupCollectionAccess(ctx, caller, group, accessRows(body.collections));
    const updated = ctx.store.transaction(() => {
      const stored = ctx.store.groups.update(
        group.id,
        { name: body.name, ...(body.externalId !== undefined ? { externalId: body.externalId } : {}) },
        now(),
      );
      if (collections !== null) ctx.store.collections.replaceAccessForGroup(group.id, collections);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Updated, { groupId: group.id });
      return stored;
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.json(publicGroupModel(ctx, updated));
  });

  app.put('/groups/:id/member-ids', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const group = groupParam(c, caller);
    const body = await readBody(c, publicGroupMemberIdsRequestSchema);
    ctx.store.transaction(() => setGroupMembers(ctx, caller, group, body.memberIds ?? []));
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  });

  app.delete('/groups/:id', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const group = groupParam(c, caller);
    ctx.store.transaction(() => {
      ctx.store.groups.delete(group.id);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Group_Deleted, { groupId: group.id });
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  });

  return app;
}
