/**
 * Generates large onboarding plans (the JSON form of src/plan/schema.ts) for the fault, crash-resume
 * and benchmark suites: N members, C collections (a third of them nested under a top-level one),
 * G groups each reaching 1–3 collections, members in profiles (2G teams sharing 0–2 groups and 0–2
 * direct collection grants), mostly users, some admins and a few custom roles with two permission sets.
 * Deterministic: the same sizes give the same plan. No imports, so `bench/` (plain JS on Node's
 * type stripping) can load it too.
 */

export interface GeneratedPlanSizes {
  name: string;
  members: number;
  collections: number;
  groups: number;
  /** Domain of the member addresses; default derived from the name. */
  domain?: string;
}

/** Largest number of e-mails one invite request carries (admin-api.md §11.5). */
export const INVITE_BATCH = 20;

/**
 * The fewest changing requests the plan allows: one client create (it brings the first collection),
 * one per other collection and per group (access sent with it), one per policy, and the invites in
 * batches of {@link INVITE_BATCH} e-mails sharing the same role, permissions, groups and access.
 */
export function minimumChangingRequests(plan: GeneratedPlan): { total: number; invites: number } {
  const bySettings = new Map<string, number>();
  for (const m of plan.members) {
    const key = JSON.stringify([m.role, [...m.permissions].sort(), [...m.groups].sort(), m.collections.map((a) => `${a.collection}:${a.permission}`).sort()]);
    bySettings.set(key, (bySettings.get(key) ?? 0) + 1);
  }
  let invites = 0;
  for (const n of bySettings.values()) invites += Math.ceil(n / INVITE_BATCH);
  return { total: 1 + (plan.collections.length - 1) + plan.groups.length + plan.policies.length + invites, invites };
}

export interface GeneratedAccess {
  collection: string;
  permission: 'read-only' | 'hide-passwords' | 'edit' | 'edit-hide-passwords' | 'manage';
}

export interface GeneratedMember {
  email: string;
  role: 'user' | 'admin' | 'custom';
  permissions: string[];
  groups: string[];
  collections: GeneratedAccess[];
}

export interface GeneratedPlan {
  version: 1;
  client: { name: string; ownerEmail: string; plan: 'enterprise'; seats: number };
  collections: { name: string }[];
  groups: { name: string; collections: GeneratedAccess[] }[];
  policies: { type: string; enabled: boolean; options?: Record<string, unknown> }[];
  members: GeneratedMember[];
}

const PERMISSIONS: GeneratedAccess['permission'][] = ['read-only', 'hide-passwords', 'edit', 'edit-hide-passwords', 'manage'];
const CUSTOM_SETS = [['access-reports'], ['access-event-logs', 'manage-groups']];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function generatePlan(sizes: GeneratedPlanSizes): GeneratedPlan {
  const domain = sizes.domain ?? `${sizes.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
  const topCount = Math.max(1, sizes.collections - Math.floor(sizes.collections / 3));
  const collections: string[] = [];
  for (let i = 0; i < topCount; i++) collections.push(`Dept ${pad(i + 1, 3)}`);
  for (let i = topCount; i < sizes.collections; i++) collections.push(`${collections[(i - topCount) % topCount]}/Team ${pad(i + 1, 3)}`);
  const access = (seed: number, count: number): GeneratedAccess[] => {
    const out: GeneratedAccess[] = [];
    for (let k = 0; k < count && collections.length > 0; k++) {
      const collection = collections[(seed * 7 + k * 13) % collections.length] as string;
      if (!out.some((a) => a.collection === collection)) out.push({ collection, permission: PERMISSIONS[(seed + k) % PERMISSIONS.length] as GeneratedAccess['permission'] });
    }
    return out;
  };
  const groups = Array.from({ length: sizes.groups }, (_, i) => ({ name: `Group ${pad(i + 1, 3)}`, collections: access(i + 1, 1 + (i % 3)) }));
  // Members come in profiles (a team: the same groups and direct access), as in a real onboarding.
  const profiles = Math.max(4, sizes.groups * 2);
  const members: GeneratedMember[] = Array.from({ length: sizes.members }, (_, i) => {
    const profile = i % profiles;
    const role: GeneratedMember['role'] = i % 100 === 3 ? 'custom' : i % 50 === 1 ? 'admin' : 'user';
    const memberGroups: string[] = [];
    for (let k = 0; k < profile % 3 && groups.length > 0; k++) {
      const g = groups[(profile * 5 + k * 3) % groups.length]?.name as string;
      if (!memberGroups.includes(g)) memberGroups.push(g);
    }
    return {
      email: `user${pad(i + 1, 4)}@${domain}`,
      role,
      permissions: role === 'custom' ? [...(CUSTOM_SETS[i % CUSTOM_SETS.length] as string[])] : [],
      groups: memberGroups,
      collections: access(profile + 3, (profile + 1) % 3),
    };
  });
  return {
    version: 1,
    client: { name: sizes.name, ownerEmail: `owner@${domain}`, plan: 'enterprise', seats: sizes.members + 10 },
    collections: collections.map((name) => ({ name })),
    groups,
    policies: [{ type: 'single-org', enabled: true }, { type: 'master-password', enabled: true, options: { minLength: 14 } }],
    members,
  };
}
