/**
 * Public API collections (`/public/collections`, admin-api.md §10.3): no create (names are
 * encrypted); default user collections are hidden and cannot be deleted here.
 */
import { Hono, type Context } from 'hono';
import { CollectionType } from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import { publicCollectionUpdateRequestSchema } from '../../protocol/public-api.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { organizationKeyCaller, requireOrganizationToken } from '../middleware/organization-token.js';
import type { CollectionRecord } from '../repositories/collections.js';
import { publicCollectionModel } from '../services/collection-models.js';
import { logOrganizationEvent } from '../services/events.js';
import { accessRows, groupIdsIn, rowsFor, touchOrganizationAccounts } from '../services/member-rules.js';
import type { OrgCaller } from '../services/org-caller.js';
import { readBody } from '../services/request.js';

export function publicCollectionRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireOrganizationToken(ctx);

  const collectionParam = (c: Context<SandboxEnv>, caller: OrgCaller): CollectionRecord => {
    const collection = ctx.store.collections.findById(c.req.param('id') ?? '');
    if (collection === undefined || collection.organizationId !== caller.organization.id) throw new NotFoundError();
    return collection;
  };

  app.get('/collections', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const data = ctx.store.collections
      .listByOrganization(caller.organization.id)
      .filter((collection) => collection.type === CollectionType.SharedCollection)
      .map((collection) => publicCollectionModel(ctx, collection));
    return c.json({ object: 'list', data, continuationToken: null });
  });

  app.get('/collections/:id', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const collection = collectionParam(c, caller);
    if (collection.type === CollectionType.DefaultUserCollection) throw new NotFoundError();
    return c.json(publicCollectionModel(ctx, collection));
  });

  app.put('/collections/:id', auth, async (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const collection = collectionParam(c, caller);
    if (collection.type === CollectionType.DefaultUserCollection) throw new NotFoundError();
    const body = await readBody(c, publicCollectionUpdateRequestSchema);
    const posted = body.groups == null ? null : accessRows(body.groups);
    const groups =
      posted === null ? null : rowsFor(posted, groupIdsIn(ctx, caller.organization.id, posted.map((row) => row.id)));
    const updated = ctx.store.transaction(() => {
      const stored = ctx.store.collections.update(
        collection.id,
        body.externalId !== undefined ? { externalId: body.externalId } : {},
        ctx.clock.now().toISOString(),
      );
      if (groups !== null) ctx.store.collections.replaceGroupAccess(collection.id, groups);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Collection_Updated, {
        collectionId: collection.id,
      });
      return stored;
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.json(publicCollectionModel(ctx, updated));
  });

  app.delete('/collections/:id', auth, (c) => {
    const caller = organizationKeyCaller(ctx, c);
    const collection = collectionParam(c, caller);
    if (collection.type === CollectionType.DefaultUserCollection) {
      throw new BadRequestError('You cannot delete a collection with the type as DefaultUserCollection.');
    }
    ctx.store.transaction(() => {
      ctx.store.collections.delete(collection.id);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Collection_Deleted, {
        collectionId: collection.id,
      });
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  });

  return app;
}
