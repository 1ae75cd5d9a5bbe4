/**
 * Plan × live state → the ordered operations that bring the client to the plan. Pure. Objects are
 * reconciled by external id when the plan gives one, else by name (collections and groups,
 * case-insensitive) or e-mail (members). Members already in the organization are never invited
 * again. Order: client, collections (parents first), groups, group access, policies (single-org
 * first), members, confirmations (autoConfirm), then SSO and SCIM (unsupported on servers without
 * those endpoints).
 */
import type { Permission } from '../domain/access-level.js';
import { findPolicy, REQUIRES_SINGLE_ORG, SINGLE_ORG, type PolicyDef } from '../domain/policy-catalog.js';
import { validatePolicyData } from '../domain/policy-options.js';
import { scimPlanOperation } from '../domain/scim.js';
import { ssoPlanOperation, type SsoSettings } from '../domain/sso.js';
import { UsageError } from '../errors.js';
import type { LiveGroup, LiveState } from './live-state.js';
import type { CollectionAccess, Plan } from './schema.js';

export type OperationKind = 'client' | 'collection' | 'group' | 'group-access' | 'policy' | 'member' | 'confirm' | 'sso' | 'scim';
export type OperationAction = 'create' | 'update' | 'unchanged' | 'unsupported';

export interface Grant {
  collection: string;
  permission: Permission;
}

interface Base {
  /** Stable across runs (journal key): kind + lower-cased name. */
  key: string;
  name: string;
  action: OperationAction;
  detail: string;
}

export type Operation =
  | (Base & { kind: 'client'; ownerEmail: string; plan: 'teams' | 'enterprise'; seats: number })
  | (Base & { kind: 'collection'; id: string | null; externalId: string | null; rename: boolean })
  | (Base & { kind: 'group'; grants: Grant[] })
  | (Base & { kind: 'group-access'; groupId: string; grants: Grant[] })
  | (Base & { kind: 'policy'; type: number; enabled: boolean; data: Record<string, unknown> | null })
  | (Base & {
      kind: 'member';
      email: string;
      role: Plan['members'][number]['role'];
      permissions: string[];
      groups: string[];
      grants: Grant[];
      /** Updates of a present member: its role changes. */
      roleChange: boolean;
      /** Updates of a present member: plan groups it is not in yet (it is never removed from others). */
      addGroups: string[];
    })
  | (Base & { kind: 'confirm'; email: string })
  | (Base & { kind: 'sso'; settings: SsoSettings; clientSecretEnv: string | null })
  | (Base & { kind: 'scim'; enabled: boolean });

function grantsOf(access: readonly CollectionAccess[]): Grant[] {
  return access.map((a) => ({ collection: a.collection, permission: a.permission }));
}

const lower = (s: string) => s.toLowerCase();

/**
 * Policy data as compared: key order, nulls and `false` do not count (servers return every field of
 * the policy's model, unset booleans as false, so a plan that leaves them out still converges).
 */
export function normaliseData(data: Record<string, unknown> | null | undefined): string {
  const entries = Object.entries(data ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(entries));
}

export interface PolicyWanted {
  def: PolicyDef;
  enabled: boolean;
  data: Record<string, unknown> | null;
}

/** Checks every policy of the plan (name and options) before anything is sent; errors name the field. */
export function wantedPolicies(plan: Plan): PolicyWanted[] {
  const out = plan.policies.map((p, i) => {
    let def: PolicyDef;
    try {
      def = findPolicy(p.type);
    } catch (error) {
      const e = error as UsageError;
      throw new UsageError(`policies[${i}].type: ${e.message}`, e.hint === undefined ? {} : { hint: e.hint });
    }
    let data: Record<string, unknown> | null;
    try {
      data = def.data || Object.keys(p.options).length ? validatePolicyData(def, { ...def.defaults, ...p.options }, 'data') : null;
    } catch (error) {
      throw new UsageError(`policies[${i}].options (${def.name}): ${(error as Error).message.replace(/--data: /g, '')}`);
    }
    return { def, enabled: p.enabled, data };
  });
  const enablesDependant = out.some((w) => w.enabled && REQUIRES_SINGLE_ORG.includes(w.def.type));
  const single = out.find((w) => w.def.type === SINGLE_ORG);
  if (enablesDependant && single && !single.enabled) {
    const dependant = out.find((w) => w.enabled && REQUIRES_SINGLE_ORG.includes(w.def.type));
    throw new UsageError(`policies: ${dependant?.def.name} needs single-org, which the plan turns off`);
  }
  // single-org before the policies that need it.
  return [...out.filter((w) => w.def.type === SINGLE_ORG), ...out.filter((w) => w.def.type !== SINGLE_ORG)];
}

function depth(name: string): number {
  return name.split('/').length;
}

function describeGrants(grants: readonly Grant[]): string {
  return grants.map((g) => `${g.collection}:${g.permission}`).join(', ');
}

/** Access the group lacks or has with another permission (extra live access is left alone). */
function missingAccess(group: LiveGroup, grants: readonly Grant[], live: LiveState): Grant[] {
  return grants.filter((g) => {
    const collection = live.collections.find((c) => c.name !== null && lower(c.name) === lower(g.collection));
    if (!collection) return true;
    const current = group.collections.find((s) => s.collectionId === collection.id);
    return current?.permission !== g.permission;
  });
}

export function diffPlan(plan: Plan, live: LiveState): Operation[] {
  const ops: Operation[] = [];
  const policies = wantedPolicies(plan);
  const c = plan.client;

  if (live.client === null) {
    ops.push({ kind: 'client', key: 'client', name: c.name, action: 'create', detail: `${c.plan}, ${c.seats} seats, owner ${c.ownerEmail}`, ownerEmail: c.ownerEmail, plan: c.plan, seats: c.seats });
  } else {
    const seatsDiffer = live.client.seats !== null && live.client.seats !== c.seats;
    ops.push({
      kind: 'client',
      key: 'client',
      name: c.name,
      action: seatsDiffer ? 'update' : 'unchanged',
      detail: seatsDiffer ? `seats ${live.client.seats} → ${c.seats}` : `${live.client.id}`,
      ownerEmail: c.ownerEmail,
      plan: c.plan,
      seats: c.seats,
    });
  }

  const collections = [...plan.collections].sort((a, b) => depth(a.name) - depth(b.name));
  for (const col of collections) {
    const key = `collection:${lower(col.name)}`;
    const byExternal = col.externalId ? live.collections.find((l) => l.externalId === col.externalId) : undefined;
    const byName = live.collections.find((l) => l.name !== null && lower(l.name) === lower(col.name));
    const found = byExternal ?? byName;
    const base = { kind: 'collection' as const, key, name: col.name, externalId: col.externalId ?? null };
    if (!found) {
      ops.push({ ...base, action: 'create', detail: col.externalId ? `external id ${col.externalId}` : '', id: null, rename: false });
      continue;
    }
    const rename = found.name !== col.name && (found === byExternal || found.name === null);
    const externalDiffers = col.externalId !== undefined && found.externalId !== col.externalId;
    const details = [rename ? `rename '${found.name ?? found.id}' → '${col.name}'` : '', externalDiffers ? `external id ${found.externalId ?? '-'} → ${col.externalId}` : ''].filter(Boolean);
    ops.push({ ...base, action: details.length ? 'update' : 'unchanged', detail: details.length ? details.join(', ') : found.id, id: found.id, rename });
  }

  for (const group of plan.groups) {
    const grants = grantsOf(group.collections);
    const found =
      (group.externalId ? live.groups.find((g) => g.externalId === group.externalId) : undefined) ?? live.groups.find((g) => lower(g.name) === lower(group.name));
    if (!found) {
      const note = group.externalId ? ' (external id not set: the server takes it only through the Public API)' : '';
      ops.push({ kind: 'group', key: `group:${lower(group.name)}`, name: group.name, action: 'create', detail: `${grants.length ? `access ${describeGrants(grants)}` : 'no access'}${note}`, grants });
      continue;
    }
    ops.push({ kind: 'group', key: `group:${lower(group.name)}`, name: group.name, action: 'unchanged', detail: found.id, grants });
    const missing = missingAccess(found, grants, live);
    ops.push({
      kind: 'group-access',
      key: `group-access:${lower(group.name)}`,
      name: group.name,
      action: missing.length ? 'update' : 'unchanged',
      detail: missing.length ? `grant ${describeGrants(missing)}` : `${grants.length} collection(s)`,
      groupId: found.id,
      grants: missing,
    });
  }

  for (const wanted of policies) {
    const current = live.policies.find((p) => p.type === wanted.def.type);
    const enabledNow = current?.enabled ?? false;
    const same = enabledNow === wanted.enabled && (!wanted.enabled || normaliseData(current?.data) === normaliseData(wanted.data));
    const state = wanted.enabled ? 'on' : 'off';
    // Turning a policy on counts as a create; other changes (options, turning off) as updates.
    const action: OperationAction = same ? 'unchanged' : !enabledNow && wanted.enabled ? 'create' : 'update';
    const detail = same ? state : enabledNow !== wanted.enabled ? `${enabledNow ? 'on' : 'off'} → ${state}` : 'options change';
    ops.push({ kind: 'policy', key: `policy:${wanted.def.name}`, name: wanted.def.name, action, detail, type: wanted.def.type, enabled: wanted.enabled, data: wanted.data });
  }

  for (const member of plan.members) {
    const found = live.members.find((m) => m.email === member.email);
    const base = { kind: 'member' as const, key: `member:${member.email}`, name: member.email, email: member.email, role: member.role, permissions: member.permissions, groups: member.groups, grants: grantsOf(member.collections) };
    if (!found) {
      ops.push({ ...base, action: 'create', detail: `invite as ${member.role}${member.groups.length ? `, groups ${member.groups.join(', ')}` : ''}`, roleChange: false, addGroups: [] });
      continue;
    }
    const roleChange = found.role !== member.role || (member.role === 'custom' && [...found.permissions].sort().join() !== [...member.permissions].sort().join());
    const addGroups = member.groups.filter((g) => !found.groups.some((l) => lower(l) === lower(g)));
    const details = [roleChange ? `role ${found.role} → ${member.role}` : '', addGroups.length ? `add to ${addGroups.join(', ')}` : ''].filter(Boolean);
    ops.push({ ...base, action: details.length ? 'update' : 'unchanged', detail: details.length ? details.join(', ') : `${found.status}, ${found.role}`, roleChange, addGroups });
  }

  if (plan.autoConfirm) {
    for (const member of plan.members) {
      const found = live.members.find((m) => m.email === member.email);
      if (found?.status === 'accepted') ops.push({ kind: 'confirm', key: `confirm:${member.email}`, name: member.email, action: 'create', detail: 'accepted the invitation; confirm', email: member.email });
    }
  }

  if (plan.sso) ops.push(ssoPlanOperation(plan.sso, live.sso));
  if (plan.scim) ops.push(scimPlanOperation(plan.scim.enabled, live.scim));
  return ops;
}

export interface DiffCounts {
  create: number;
  update: number;
  unchanged: number;
  unsupported: number;
}

export function countActions(ops: readonly Operation[]): DiffCounts {
  const count = (a: OperationAction) => ops.filter((o) => o.action === a).length;
  return { create: count('create'), update: count('update'), unchanged: count('unchanged'), unsupported: count('unsupported') };
}

/** Operations that send something. */
export function pending(ops: readonly Operation[]): Operation[] {
  return ops.filter((o) => o.action === 'create' || o.action === 'update');
}
