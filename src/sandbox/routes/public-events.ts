/**
 * Public API events (`/public/events`, admin-api.md §10.5). Filters by priority: acting user, item
 * (cipher), secret, project, else the whole organization. The sandbox stores no Secrets Manager
 * events, so the secret and project filters find none.
 */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { organizationKeyCaller, requireOrganizationToken } from '../middleware/organization-token.js';
import { eventPage, publicEventModel, type EventPage } from '../services/event-pages.js';

export function publicEventRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireOrganizationToken(ctx);

  app.get('/events', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const query = { start: c.req.query('start'), end: c.req.query('end'), continuationToken: c.req.query('continuationToken') };
    const organizationId = caller.organization.id;
    const actingUserId = c.req.query('actingUserId');
    const itemId = c.req.query('itemId');
    const rangeMessage = 'Date range must be < 367 days.';
    let page: EventPage;
    if (actingUserId !== undefined && actingUserId !== '') {
      page = eventPage(ctx, query, { organizationId, actingUserId }, rangeMessage);
    } else if (itemId !== undefined && itemId !== '') {
      page = eventPage(ctx, query, { organizationId, cipherId: itemId }, rangeMessage);
    } else if ((c.req.query('secretId') ?? '') !== '' || (c.req.query('projectId') ?? '') !== '') {
      page = { events: [], continuationToken: null };
    } else {
      page = eventPage(ctx, query, { organizationId }, rangeMessage);
    }
    return c.json({ object: 'list', data: page.events.map(publicEventModel), continuationToken: page.continuationToken });
  });

  return app;
}
