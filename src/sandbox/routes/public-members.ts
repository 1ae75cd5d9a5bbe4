/** Public API members (`/public/members`, admin-api.md §10.1). */
import { Hono, type Context } from 'hono';
import { OrganizationUserType } from '../../protocol/organization.js';
import {
  publicMemberCreateRequestSchema,
  publicMemberGroupIdsRequestSchema,
  publicMemberUpdateRequestSchema,
} from '../../protocol/public-api.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { organizationKeyCaller, requireOrganizationToken } from '../middleware/organization-token.js';
import type { OrganizationUserRecord } from '../repositories/organizations.js';
import { inviteMembers, reinviteMember } from '../services/member-invites.js';
import { removeMember, restoreMember, revokeMember } from '../services/member-lifecycle.js';
import { publicMemberModel } from '../services/member-models.js';
import { accessRows } from '../services/member-rules.js';
import { setMemberGroups, updateMember } from '../services/member-update.js';
import type { OrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';

const CUSTOM_ONLY = 'Only users with the Custom role may use custom permissions.';

export function publicMemberRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireOrganizationToken(ctx);

  const memberParam = (c: Context<SandboxEnv>, caller: OrgCaller): OrganizationUserRecord => {
    const member = ctx.store.organizations.findUser(c.req.param('id') ?? '');
    if (member === undefined || member.organizationId !== caller.organization.id) throw new NotFoundError();
    return member;
  };

  app.get('/members', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const data = ctx.store.organizations.listUsers(caller.organization.id).map((m) => publicMemberModel(ctx, m));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.post('/members', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const body = await readBody(c, publicMemberCreateRequestSchema);
    if (body.permissions != null && body.type !== OrganizationUserType.Custom) throw new BadRequestError(CUSTOM_ONLY);
    const [member] = inviteMembers(
      ctx,
      caller,
      {
        emails: [body.email],
        type: body.type,
        permissions: body.permissions,
        collections: accessRows(body.collections),
        groups: body.groups ?? [],
        accessSecretsManager: false,
        externalId: body.externalId ?? null,
      },
      { refuseExisting: true },
    );
    if (member === undefined) throw new BadRequestError('This user has already been invited.');
    return c.json(publicMemberModel(ctx, member));
  });

  app.get('/members/:id', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    return c.json(publicMemberModel(ctx, memberParam(c, caller)));
  });

  app.get('/members/:id/group-ids', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    return c.json(ctx.store.groups.listGroupIdsForMember(memberParam(c, caller).id));
  });

  app.put('/members/:id', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const member = memberParam(c, caller);
    const body = await readBody(c, publicMemberUpdateRequestSchema);
    if (body.permissions != null && body.type !== OrganizationUserType.Custom) throw new BadRequestError(CUSTOM_ONLY);
    const updated = updateMember(ctx, caller, member, {
      type: body.type,
      permissions: body.permissions,
      accessSecretsManager: member.accessSecretsManager,
      collections: body.collections == null ? null : accessRows(body.collections),
      groups: body.groups ?? null,
      ...(body.externalId !== undefined ? { externalId: body.externalId } : {}),
    });
    return c.json(publicMemberModel(ctx, updated));
  });

  app.put('/members/:id/group-ids', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const member = memberParam(c, caller);
    const body = await readBody(c, publicMemberGroupIdsRequestSchema);
    ctx.store.transaction(() => setMemberGroups(ctx, caller, member, body.groupIds ?? []));
    return c.body(null, 200);
  });

  app.delete('/members/:id', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    removeMember(ctx, caller, memberParam(c, caller));
    return c.body(null, 200);
  });

  app.post('/members/:id/reinvite', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    reinviteMember(ctx, caller.organization, memberParam(c, caller));
    return c.body(null, 200);
  });

  app.post('/members/:id/revoke', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    revokeMember(ctx, caller, memberParam(c, caller));
    return c.body(null, 200);
  });

  app.post('/members/:id/restore', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    restoreMember(ctx, caller, memberParam(c, caller));
    return c.body(null, 200);
  });

  return app;
}
