/**
 * Reads a client's end state through the built CLI (collection, group and member lists: names are
 * encrypted in the sandbox DB, so only a key holder can compare them) and lists every difference
 * from a generated plan: duplicate or missing collections and groups, group access, members present
 * more or less than once, their role, custom permissions, groups and direct collection access.
 */
import type { GeneratedPlan } from '../helpers/plan-generator.js';
import type { Actor } from './provider-world.js';

interface CollectionRow {
  name: string | null;
  members: { email: string | null; permission: string }[] | null;
}
interface GroupRow {
  name: string;
  collections: { name: string | null; permission: string }[];
}
interface MemberRow {
  email: string | null;
  role: string;
  permissions: string[];
  groups: string[] | null;
}

export interface ClientEndState {
  collections: CollectionRow[];
  groups: GroupRow[];
  members: MemberRow[];
}

export async function readEndState(actor: Actor, client: string): Promise<ClientEndState> {
  const [collections, groups, members] = await Promise.all([
    actor.json<CollectionRow[]>(['collection', 'list', '--client', client]),
    actor.json<GroupRow[]>(['group', 'list', '--client', client]),
    actor.json<MemberRow[]>(['member', 'list', '--client', client]),
  ]);
  return { collections, groups, members };
}

const sorted = (items: Iterable<string>) => [...items].sort();
const same = (a: Iterable<string>, b: Iterable<string>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

function duplicates(names: readonly (string | null)[]): string[] {
  return sorted(new Set(names.filter((n, i) => names.indexOf(n) !== i).map(String)));
}

/** Every way the end state differs from the plan; empty when it is exactly the plan. */
export function endStateDifferences(plan: GeneratedPlan, state: ClientEndState): string[] {
  const out: string[] = [];
  const collectionNames = state.collections.map((c) => c.name);
  for (const d of duplicates(collectionNames)) out.push(`duplicate collection ${d}`);
  if (!same(new Set(collectionNames.map(String)), plan.collections.map((c) => c.name))) {
    out.push(`collections ${JSON.stringify(sorted(new Set(collectionNames.map(String))))} ≠ plan`);
  }
  const groupNames = state.groups.map((g) => g.name);
  for (const d of duplicates(groupNames)) out.push(`duplicate group ${d}`);
  if (!same(new Set(groupNames), plan.groups.map((g) => g.name))) out.push(`groups ${JSON.stringify(sorted(new Set(groupNames)))} ≠ plan`);
  for (const group of plan.groups) {
    const live = state.groups.find((g) => g.name === group.name);
    if (!live) continue;
    const want = group.collections.map((a) => `${a.collection}:${a.permission}`);
    const have = live.collections.map((a) => `${a.name}:${a.permission}`);
    if (!same(want, have)) out.push(`group ${group.name} access ${JSON.stringify(sorted(have))} ≠ ${JSON.stringify(sorted(want))}`);
  }

  const members = state.members.filter((m) => m.email !== plan.client.ownerEmail);
  const emails = members.map((m) => m.email);
  for (const d of duplicates(emails)) out.push(`member ${d} present more than once`);
  for (const email of plan.members.map((m) => m.email)) if (!emails.includes(email)) out.push(`member ${email} missing`);
  for (const email of emails) if (!plan.members.some((m) => m.email === email)) out.push(`member ${email} not in the plan`);
  const direct = new Map<string, string[]>();
  for (const c of state.collections) {
    for (const m of c.members ?? []) direct.set(String(m.email), [...(direct.get(String(m.email)) ?? []), `${c.name}:${m.permission}`]);
  }
  for (const member of plan.members) {
    const live = members.find((m) => m.email === member.email);
    if (!live) continue;
    if (live.role !== member.role) out.push(`member ${member.email} role ${live.role} ≠ ${member.role}`);
    if (!same(live.permissions, member.permissions)) out.push(`member ${member.email} permissions ${live.permissions.join(',')} ≠ ${member.permissions.join(',')}`);
    if (!same(live.groups ?? [], member.groups)) out.push(`member ${member.email} groups ${JSON.stringify(live.groups)} ≠ ${JSON.stringify(member.groups)}`);
    const want = member.collections.map((a) => `${a.collection}:${a.permission}`);
    if (!same(direct.get(member.email) ?? [], want)) out.push(`member ${member.email} collections ${JSON.stringify(direct.get(member.email) ?? [])} ≠ ${JSON.stringify(want)}`);
  }
  return out;
}
