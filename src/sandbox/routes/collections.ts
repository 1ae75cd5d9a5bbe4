/**
 * Collections (admin-api.md §5): `{api}/organizations/{orgId}/collections` and the caller's own
 * `{api}/collections`. Names are EncStrings under the org key, stored and returned unread. Refusals
 * are 404 "Resource not found.", as the official collection routes answer them.
 */
import { logProviderAccessToOrganization } from '../services/provider-events.js';
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bulkIdsRequestSchema } from '../../protocol/common.js';
import {
  CollectionType,
  collectionBulkAccessRequestSchema,
  collectionCreateRequestSchema,
  collectionUpdateRequestSchema,
} from '../../protocol/collection.js';
import { EventType } from '../../protocol/event.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { currentUser, requireUser } from '../middleware/auth.js';
import type { AccessRow, CollectionRecord } from '../repositories/collections.js';
import {
  collectionAccessDetailsModel,
  collectionDetailsModel,
  collectionModel,
  selectionModels,
} from '../services/collection-models.js';
import {
  callerAccess,
  canCreateCollection,
  canDeleteCollection,
  canModifyGroupAccess,
  canModifyUserAccess,
  canReadAllCollections,
  canReadAllCollectionsWithAccess,
  canReadCollection,
  canReadCollectionWithAccess,
  canUpdateCollection,
} from '../services/collection-permissions.js';
import { logOrganizationEvent } from '../services/events.js';
import {
  accessRows,
  collectionsOf,
  groupIdsIn,
  memberIdsIn,
  rowsFor,
  touchOrganizationAccounts,
} from '../services/member-rules.js';
import {
  authorize,
  isMemberOrProvider,
  organizationParam,
  userOrgCaller,
  type OrgCaller,
} from '../services/org-caller.js';
import { readBody } from '../services/request.js';

const DEFAULT_COLLECTION_DELETE = 'You cannot delete a collection with the type as DefaultUserCollection.';

/** Merges rows into existing access: same id is overwritten, others kept. */
function mergeAccess(existing: readonly AccessRow[], added: readonly AccessRow[]): AccessRow[] {
  const byId = new Map(existing.map((row) => [row.id, row]));
  for (const row of added) byId.set(row.id, row);
  return [...byId.values()];
}

export function collectionRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const auth = requireUser(ctx);
  const base = '/organizations/:orgId/collections';
  const now = (): string => ctx.clock.now().toISOString();

  /** The caller, who must be a member of (or provider for) the organization. */
  const memberCaller = (c: Context<SandboxEnv>): OrgCaller => {
    const caller = userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('orgId')));
    authorize(isMemberOrProvider(caller), 'notFound');
    return caller;
  };
  const collectionParam = (c: Context<SandboxEnv>, caller: OrgCaller): CollectionRecord => {
    const id = c.req.param('id');
    const collection = id === undefined ? undefined : ctx.store.collections.findById(id);
    if (collection === undefined || collection.organizationId !== caller.organization.id) throw new NotFoundError();
    return collection;
  };
  /** Access rows for members and groups of the organization only (others are dropped). */
  const accessFor = (
    caller: OrgCaller,
    users: readonly AccessRow[],
    groups: readonly AccessRow[],
  ): { users: AccessRow[]; groups: AccessRow[] } => ({
    users: rowsFor(users, memberIdsIn(ctx, caller.organization.id, users.map((row) => row.id))),
    groups: rowsFor(groups, groupIdsIn(ctx, caller.organization.id, groups.map((row) => row.id))),
  });

  app.get('/collections', auth, (c) => {
    const data = ctx.store.collections.listForUser(currentUser(c).id).map(collectionDetailsModel);
    return c.json({ object: 'list', data, continuationToken: null });
  });

  // The lists need no membership (official `GetAll` / `GetManyWithDetails`): a caller without
  // ReadAll sees only the collections they manage, so a non-member gets an empty list.
  const listCaller = (c: Context<SandboxEnv>): OrgCaller => userOrgCaller(ctx, c, organizationParam(ctx, c.req.param('orgId')));

  app.get(base, auth, (c) => {
    const caller = listCaller(c);
    const all = ctx.store.collections.listByOrganization(caller.organization.id);
    const visible = canReadAllCollections(caller)
      ? all.filter((collection) => collection.type === CollectionType.SharedCollection)
      : all.filter((collection) => callerAccess(ctx, caller, collection)?.manage === true);
    return c.json({ object: 'list', data: visible.map(collectionModel), continuationToken: null });
  });

  app.get(`${base}/details`, auth, (c) => {
    const caller = listCaller(c);
    const all = ctx.store.collections.listByOrganization(caller.organization.id);
    const visible = canReadAllCollectionsWithAccess(caller)
      ? all.filter((collection) => collection.type === CollectionType.SharedCollection)
      : all.filter((collection) => callerAccess(ctx, caller, collection)?.manage === true);
    if (caller.providerId !== null && caller.role === null) {
      // A provider user reading a client's collections is recorded in both logs (admin-api.md §2.6).
      logProviderAccessToOrganization(ctx, caller.organization.id, caller.actor);
    }
    return c.json({
      object: 'list',
      data: visible.map((collection) => collectionAccessDetailsModel(ctx, caller, collection)),
      continuationToken: null,
    });
  });

  app.post(`${base}/bulk-access`, auth, async (c) => {
    const caller = memberCaller(c);
    const body = await readBody(c, collectionBulkAccessRequestSchema);
    const collections = collectionsOf(ctx, caller.organization.id, body.collectionIds);
    for (const collection of collections) {
      const allowed = canModifyUserAccess(ctx, caller, collection) && canModifyGroupAccess(ctx, caller, collection);
      authorize(allowed, 'notFound');
    }
    const { users, groups } = accessFor(caller, accessRows(body.users), accessRows(body.groups));
    ctx.store.transaction(() => {
      for (const collection of collections) {
        ctx.store.collections.replaceUserAccess(
          collection.id,
          mergeAccess(ctx.store.collections.listUserAccess(collection.id), users),
        );
        ctx.store.collections.replaceGroupAccess(
          collection.id,
          mergeAccess(ctx.store.collections.listGroupAccess(collection.id), groups),
        );
        logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Collection_Updated, {
          collectionId: collection.id,
        });
      }
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  });

  app.post(base, auth, async (c) => {
    const caller = memberCaller(c);
    authorize(canCreateCollection(caller), 'notFound');
    const body = await readBody(c, collectionCreateRequestSchema);
    const org = caller.organization;
    const { users, groups } = accessFor(caller, accessRows(body.users), accessRows(body.groups));
    if (org.maxCollections !== null && ctx.store.collections.countByOrganization(org.id) >= org.maxCollections) {
      throw new BadRequestError(
        `You have reached the maximum number of collections (${org.maxCollections}) for this organization.`,
      );
    }
    if (!org.allowAdminAccessToAllCollectionItems && ![...users, ...groups].some((row) => row.manage)) {
      throw new BadRequestError('At least one member or group must have can manage permission.');
    }
    const collection = ctx.store.transaction(() => {
      const created = ctx.store.collections.insert({
        id: randomUUID(),
        organizationId: org.id,
        name: body.name,
        externalId: body.externalId ?? null,
        type: CollectionType.SharedCollection,
        defaultUserCollectionEmail: null,
        creationDate: now(),
      });
      ctx.store.collections.replaceUserAccess(created.id, users);
      ctx.store.collections.replaceGroupAccess(created.id, groups);
      logOrganizationEvent(ctx, org, caller.actor, EventType.Collection_Created, { collectionId: created.id });
      return created;
    });
    touchOrganizationAccounts(ctx, org.id);
    return c.json(collectionAccessDetailsModel(ctx, caller, collection));
  });

  const bulkDelete = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = memberCaller(c);
    const body = await readBody(c, bulkIdsRequestSchema);
    const collections = [...new Set(body.ids.map((id) => id.toLowerCase()))]
      .map((id) => ctx.store.collections.findById(id))
      .filter((collection): collection is CollectionRecord => collection !== undefined);
    if (collections.some((collection) => collection.organizationId !== caller.organization.id)) {
      throw new BadRequestError('Requested collections must belong to the same organization.');
    }
    for (const collection of collections) authorize(canDeleteCollection(ctx, caller, collection), 'notFound');
    if (collections.some((collection) => collection.type === CollectionType.DefaultUserCollection)) {
      throw new BadRequestError(DEFAULT_COLLECTION_DELETE);
    }
    ctx.store.transaction(() => {
      for (const collection of collections) {
        ctx.store.collections.delete(collection.id);
        logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Collection_Deleted, {
          collectionId: collection.id,
        });
      }
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  };
  app.delete(base, auth, bulkDelete);
  app.post(`${base}/delete`, auth, bulkDelete);

  app.get(`${base}/:id`, auth, (c) => {
    const caller = memberCaller(c);
    const collection = collectionParam(c, caller);
    authorize(canReadCollection(ctx, caller, collection), 'notFound');
    return c.json(collectionModel(collection));
  });

  app.get(`${base}/:id/details`, auth, (c) => {
    const caller = memberCaller(c);
    const collection = collectionParam(c, caller);
    authorize(canReadCollectionWithAccess(ctx, caller, collection), 'notFound');
    return c.json(collectionAccessDetailsModel(ctx, caller, collection));
  });

  app.get(`${base}/:id/users`, auth, (c) => {
    const caller = memberCaller(c);
    const collection = collectionParam(c, caller);
    authorize(canReadCollection(ctx, caller, collection), 'notFound'); // ReadAccess = Read
    return c.json(selectionModels(ctx.store.collections.listUserAccess(collection.id)));
  });

  const update = async (c: Context<SandboxEnv>): Promise<Response> => {
    const caller = memberCaller(c);
    const collection = collectionParam(c, caller);
    authorize(canUpdateCollection(ctx, caller, collection), 'notFound');
    const body = await readBody(c, collectionUpdateRequestSchema);
    const access = accessFor(caller, accessRows(body.users), accessRows(body.groups));
    const users = body.users == null ? null : access.users;
    const groups = body.groups == null ? null : access.groups;
    const updated = ctx.store.transaction(() => {
      const patch: { name?: string; externalId?: string | null } = {};
      if (body.name != null && collection.type !== CollectionType.DefaultUserCollection) patch.name = body.name;
      if (body.externalId !== undefined) patch.externalId = body.externalId;
      const stored = ctx.store.collections.update(collection.id, patch, now());
      if (users !== null) ctx.store.collections.replaceUserAccess(collection.id, users);
      if (groups !== null) ctx.store.collections.replaceGroupAccess(collection.id, groups);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Collection_Updated, {
        collectionId: collection.id,
      });
      return stored;
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.json(collectionAccessDetailsModel(ctx, caller, updated));
  };
  app.put(`${base}/:id`, auth, update);
  app.post(`${base}/:id`, auth, update);

  const remove = (c: Context<SandboxEnv>): Response => {
    const caller = memberCaller(c);
    const collection = collectionParam(c, caller);
    authorize(canDeleteCollection(ctx, caller, collection), 'notFound');
    if (collection.type === CollectionType.DefaultUserCollection) throw new BadRequestError(DEFAULT_COLLECTION_DELETE);
    ctx.store.transaction(() => {
      ctx.store.collections.delete(collection.id);
      logOrganizationEvent(ctx, caller.organization, caller.actor, EventType.Collection_Deleted, {
        collectionId: collection.id,
      });
    });
    touchOrganizationAccounts(ctx, caller.organization.id);
    return c.body(null, 200);
  };
  app.delete(`${base}/:id`, auth, remove);
  app.post(`${base}/:id/delete`, auth, remove);

  return app;
}
