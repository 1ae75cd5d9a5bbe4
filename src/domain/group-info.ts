/** Groups as other nouns see them: id, name, external id and collection access. */
import type { AccessSelection } from '../api/endpoints/collections.js';
import { listGroupDetails, listPublicGroups } from '../api/endpoints/groups.js';
import type { AdminOrg } from './admin-org.js';
import type { LookupSpec } from './name-lookup.js';

export interface GroupInfo {
  id: string;
  name: string;
  externalId: string | null;
  collections: AccessSelection[];
}

export async function loadGroups(org: AdminOrg): Promise<GroupInfo[]> {
  const list = org.kind === 'organization' ? await listPublicGroups(org.api) : await listGroupDetails(org.api, org.orgId);
  return list
    .map((g) => ({
      id: g.id,
      name: g.name,
      externalId: g.externalId ?? null,
      collections: (g.collections ?? []).map((c) => ({ id: c.id, readOnly: c.readOnly, hidePasswords: c.hidePasswords, manage: c.manage })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Groups are named by id, name or external id. */
export function findGroupIn(org: Pick<AdminOrg, 'name'>): LookupSpec<GroupInfo> {
  return { kind: 'group', where: ` in ${org.name}`, id: (g) => g.id, names: (g) => [g.name, g.externalId] };
}
