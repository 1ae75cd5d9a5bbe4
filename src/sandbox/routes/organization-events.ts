/**
 * Reading the event log (admin-api.md §8.1): an organization's events, one member's actions in it,
 * and the caller's own events. Pages of 50 with an opaque continuation token.
 */
import { Hono, type Context } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import { eventModel, eventPage, type EventPage, type EventQuery } from '../services/event-pages.js';
import { authorize, hasPermission, organizationParam, userOrgCaller, type OrgCaller } from '../services/org-caller.js';

function query(c: Context<SandboxEnv>): EventQuery {
  return { start: c.req.query('start'), end: c.req.query('end'), continuationToken: c.req.query('continuationToken') };
}

function pageBody(page: EventPage): Record<string, unknown> {
  return { object: 'list', data: page.events.map(eventModel), continuationToken: page.continuationToken };
}

export function organizationEventRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);

  /** AccessEventLogs: Owner, Admin, Custom with accessEventLogs, provider user. */
  const eventReader = (c: Context<SandboxEnv>, param: string): OrgCaller => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param(param)));
    authorize(hasPermission(caller, 'accessEventLogs'), 'notFound');
    return caller;
  };

  app.get('/events', auth, (c) => {
    const user = currentUser(c);
    return c.json(pageBody(eventPage(ctx, query(c), { userId: user.id, personalOnly: true })));
  });

  app.get('/organizations/:id/events', auth, (c) => {
    const caller = eventReader(c, 'id');
    return c.json(pageBody(eventPage(ctx, query(c), { organizationId: caller.organization.id })));
  });

  app.get('/organizations/:orgId/users/:orgUserId/events', auth, (c) => {
    const caller = eventReader(c, 'orgId');
    const member = ctx.store.organizations.findUser(c.req.param('orgUserId') ?? '');
    if (member === undefined || member.organizationId !== caller.organization.id || member.userId === null) {
      throw new NotFoundError();
    }
    return c.json(
      pageBody(eventPage(ctx, query(c), { organizationId: caller.organization.id, actingUserId: member.userId })),
    );
  });

  return app;
}
