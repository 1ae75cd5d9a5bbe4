/** Response models for groups: `group`, `groupDetails` and the Public API `group`. */
import type { GroupDetailsResponse, GroupResponse } from '../../protocol/group.js';
import type { PublicGroupResponse } from '../../protocol/public-api.js';
import type { SandboxContext } from '../context.js';
import type { GroupRecord } from '../repositories/groups.js';
import { selectionModels } from './collection-models.js';

export function groupModel(group: GroupRecord): GroupResponse {
  return {
    object: 'group',
    id: group.id,
    organizationId: group.organizationId,
    name: group.name,
    externalId: group.externalId,
  };
}

export function groupDetailsModel(ctx: SandboxContext, group: GroupRecord): GroupDetailsResponse {
  return {
    ...groupModel(group),
    object: 'groupDetails',
    collections: selectionModels(ctx.store.collections.listAccessForGroup(group.id)),
  };
}

/** The Public API `group`, with its collection access. */
export function publicGroupModel(ctx: SandboxContext, group: GroupRecord): PublicGroupResponse {
  return {
    object: 'group',
    id: group.id,
    name: group.name,
    externalId: group.externalId,
    collections: selectionModels(ctx.store.collections.listAccessForGroup(group.id)),
  };
}
