/** Response models for collections: `collection`, `collectionAccessDetails`, `collectionDetails` and the Public API's. */
import type {
  CollectionAccessDetailsResponse,
  CollectionDetailsResponse,
  CollectionResponse,
} from '../../protocol/collection.js';
import type { SelectionResponse } from '../../protocol/member.js';
import type { PublicCollectionResponse } from '../../protocol/public-api.js';
import type { SandboxContext } from '../context.js';
import type { AccessRow, CollectionRecord, UserCollectionRecord } from '../repositories/collections.js';
import { callerAccess, isOrphaned } from './collection-permissions.js';
import type { OrgCaller } from './org-caller.js';

export function selectionModels(rows: readonly AccessRow[]): SelectionResponse[] {
  return rows.map((row) => ({ id: row.id, readOnly: row.readOnly, hidePasswords: row.hidePasswords, manage: row.manage }));
}

export function collectionModel(collection: CollectionRecord): CollectionResponse {
  return {
    object: 'collection',
    id: collection.id,
    organizationId: collection.organizationId,
    name: collection.name,
    externalId: collection.externalId,
    type: collection.type,
    defaultUserCollectionEmail: collection.defaultUserCollectionEmail,
  };
}

export function collectionAccessDetailsModel(
  ctx: SandboxContext,
  caller: OrgCaller,
  collection: CollectionRecord,
): CollectionAccessDetailsResponse {
  const access = callerAccess(ctx, caller, collection);
  return {
    ...collectionModel(collection),
    object: 'collectionAccessDetails',
    groups: selectionModels(ctx.store.collections.listGroupAccess(collection.id)),
    users: selectionModels(ctx.store.collections.listUserAccess(collection.id)),
    assigned: access !== null,
    readOnly: access?.readOnly ?? false,
    hidePasswords: access?.hidePasswords ?? false,
    manage: access?.manage ?? false,
    unmanaged: isOrphaned(ctx, collection),
  };
}

/** `collectionDetails`: a collection a member reaches, with the member's merged access. */
export function collectionDetailsModel(collection: UserCollectionRecord): CollectionDetailsResponse {
  return {
    ...collectionModel(collection),
    object: 'collectionDetails',
    readOnly: collection.readOnly,
    hidePasswords: collection.hidePasswords,
    manage: collection.manage,
  };
}

/** The Public API `collection`: no name, no users. */
export function publicCollectionModel(ctx: SandboxContext, collection: CollectionRecord): PublicCollectionResponse {
  return {
    object: 'collection',
    id: collection.id,
    externalId: collection.externalId,
    groups: selectionModels(ctx.store.collections.listGroupAccess(collection.id)),
  };
}
