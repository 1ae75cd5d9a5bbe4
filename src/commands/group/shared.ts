/** Helpers of the group verbs: the org target, confirmations and the group view. */
import type { GroupView } from '../../domain/group.js';
export { confirmDestructive, orgRef, stringList, text, warnTo, type OrgRefOptions } from '../input.js';

export { orgTarget as target } from '../input.js';

export function groupView(g: GroupView) {
  return {
    id: g.id,
    name: g.name,
    externalId: g.externalId,
    members: g.members.map((m) => ({ id: m.id, email: m.email })),
    collections: g.collections.map((c) => ({ id: c.id, name: c.name, permission: c.permission })),
  };
}

/** Collection access needs names decrypted only when a collection is named (not by id). */
export const groupKeyNeed = { key: 'optional', why: 'collection names are encrypted with the organization key', orgApiKey: true } as const;
