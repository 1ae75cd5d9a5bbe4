/**
 * Policies (admin-api.md §7, §10.4): read, turn on and off, set options. Dependencies the server
 * enforces (Single organization before 4, 8, 9, 16, 18, 20) are checked before anything is sent.
 * The SavePolicy body changed shape in 2026-04: servers from 2026.4 take
 * `{policy: {enabled, data}, metadata}`, older ones the flat `{type, enabled, data}`. The shape is
 * chosen from `GET /config` → `version`, and a 400 is retried once with the other shape.
 */
import { ApiError } from '../api/errors.js';
import {
  getServerVersion,
  listPolicies,
  listPublicPolicies,
  savePolicy as apiSavePolicy,
  savePublicPolicy,
  type PolicyResponse,
  type SavePolicyBody,
} from '../api/endpoints/policies.js';
import { encryptString } from '../crypto/index.js';
import { BwmspError, UsageError } from '../errors.js';
import type { AdminOrg } from './admin-org.js';
import { policyByType, policyName, POLICIES, REQUIRES_SINGLE_ORG, SINGLE_ORG, type PolicyDef } from './policy-catalog.js';

export type SaveShape = 'wrapped' | 'flat';

/** The first server release taking the wrapped SavePolicy body (admin-api.md §7.1: "since 2026-04"). */
export const WRAPPED_SINCE = { year: 2026, month: 4 } as const;

/** The body shape for a server version; unknown versions get the current (wrapped) shape. */
export function saveShapeForVersion(version: string | undefined): SaveShape {
  const match = /^\s*v?(\d{4})\.(\d{1,2})(?:\.|$)/.exec(version ?? '');
  if (!match) return 'wrapped';
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year > WRAPPED_SINCE.year || (year === WRAPPED_SINCE.year && month >= WRAPPED_SINCE.month) ? 'wrapped' : 'flat';
}

export function saveBody(shape: SaveShape, type: number, enabled: boolean, data: Record<string, unknown> | null, metadata?: Record<string, unknown>): SavePolicyBody {
  if (shape === 'flat') return { type, enabled, data };
  return { policy: { enabled, data }, ...(metadata ? { metadata } : {}) };
}

/** A policy change the server would refuse because of Single organization. Exit 1. */
export class PolicyDependencyError extends BwmspError {
  override readonly code = 'policy_dependency';

  constructor(message: string, options: { hint?: string } = {}) {
    super(message, options);
    this.name = 'PolicyDependencyError';
  }
}

export interface PolicyState {
  type: number;
  name: string;
  title: string;
  enabled: boolean;
  data: Record<string, unknown> | null;
  /** False when the server will not let it be switched (Single organization with verified domains). */
  canToggleState: boolean | null;
}

function toState(type: number, found: PolicyResponse | undefined): PolicyState {
  const def = policyByType(type);
  return {
    type,
    name: policyName(type),
    title: def?.title ?? `Policy type ${type}`,
    enabled: found?.enabled ?? false,
    data: found?.data ?? null,
    canToggleState: found?.canToggleState ?? null,
  };
}

/** Every known policy (off when never saved) plus any unknown types the server returns. */
export async function listPolicyStates(org: AdminOrg): Promise<PolicyState[]> {
  const saved = org.kind === 'organization' ? await listPublicPolicies(org.api) : await listPolicies(org.api, org.orgId);
  const types = [...new Set([...POLICIES.map((p) => p.type), ...saved.map((p) => p.type)])].sort((a, b) => a - b);
  return types.map((type) => toState(type, saved.find((p) => p.type === type)));
}

/** Refuses, before sending, what the server's RequiredPolicies rule would refuse. */
export function checkDependencies(def: PolicyDef, enabled: boolean, states: readonly PolicyState[]): void {
  const on = (type: number) => states.some((s) => s.type === type && s.enabled);
  if (enabled && REQUIRES_SINGLE_ORG.includes(def.type) && !on(SINGLE_ORG)) {
    throw new PolicyDependencyError(`${def.name} needs the single-org policy (Single organization), which is off`, {
      hint: "Turn it on first: 'bwmsp policy enable single-org' with the same --client/--org.",
    });
  }
  if (!enabled && def.type === SINGLE_ORG) {
    const dependants = states.filter((s) => s.enabled && REQUIRES_SINGLE_ORG.includes(s.type)).map((s) => s.name);
    if (dependants.length) {
      throw new PolicyDependencyError(`single-org cannot be turned off while ${dependants.join(', ')} ${dependants.length === 1 ? 'is' : 'are'} on (they require it)`, {
        hint: `Turn ${dependants.length === 1 ? 'it' : 'them'} off first with 'bwmsp policy disable ${dependants[0]}'.`,
      });
    }
    const state = states.find((s) => s.type === SINGLE_ORG);
    if (state?.enabled && state.canToggleState === false) {
      throw new PolicyDependencyError('single-org cannot be turned off while the organization has verified domains');
    }
  }
}

const versionCache = new WeakMap<object, Promise<string | undefined>>();

async function serverVersion(org: AdminOrg): Promise<string | undefined> {
  let pending = versionCache.get(org.api);
  if (!pending) {
    pending = getServerVersion(org.api).catch(() => undefined);
    versionCache.set(org.api, pending);
  }
  return pending;
}

const GENERIC = new Set(['The model state is invalid.', "The request's model state is invalid.", 'One or more validation errors occurred.', 'Body is empty.']);

function isBadRequest(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 400;
}

/** Of two 400s for the two shapes, the one that says something (not "model state invalid"). */
function moreTelling(first: ApiError, second: ApiError): ApiError {
  const generic = (e: ApiError) => e.serverMessage === undefined || GENERIC.has(e.serverMessage);
  if (generic(first) && !generic(second)) return second;
  return first;
}

export interface SaveOutcome {
  policy: PolicyState;
  /** The body shape that worked (user sessions). */
  shape: SaveShape | 'public';
}

/** Saves with the shape the server version calls for, retrying a 400 once with the other shape. */
export async function savePolicyState(
  org: AdminOrg,
  def: PolicyDef,
  enabled: boolean,
  data: Record<string, unknown> | null,
  metadata?: Record<string, unknown>,
): Promise<SaveOutcome> {
  if (org.kind === 'organization') {
    const saved = await savePublicPolicy(org.api, def.type, { enabled, data, ...(metadata ? { metadata } : {}) });
    return { policy: toState(def.type, { ...saved, canToggleState: null }), shape: 'public' };
  }
  const first = saveShapeForVersion(await serverVersion(org));
  const second: SaveShape = first === 'wrapped' ? 'flat' : 'wrapped';
  try {
    const saved = await apiSavePolicy(org.api, org.orgId, def.type, saveBody(first, def.type, enabled, data, metadata));
    return { policy: toState(def.type, saved), shape: first };
  } catch (error) {
    if (!isBadRequest(error)) throw error;
    try {
      const saved = await apiSavePolicy(org.api, org.orgId, def.type, saveBody(second, def.type, enabled, data, metadata));
      return { policy: toState(def.type, saved), shape: second };
    } catch (retryError) {
      if (isBadRequest(retryError)) throw moreTelling(error, retryError);
      throw retryError;
    }
  }
}

function sameData(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  const norm = (d: Record<string, unknown> | null) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(d ?? {})
          .filter(([, v]) => v !== null && v !== undefined)
          .sort(([x], [y]) => x.localeCompare(y)),
      ),
    );
  return norm(a) === norm(b);
}

export interface PolicyChange {
  policy: PolicyState;
  /** False when the policy already was as asked (nothing sent). */
  changed: boolean;
  shape?: SaveShape | 'public';
}

/** Policies whose enabling revokes members who do not comply (events 1520 / 1521). */
export const REVOKES_ON_ENABLE: Readonly<Record<number, string>> = {
  0: 'members without two-step login lose access (they are revoked)',
  3: 'members who belong to another organization lose access (they are revoked)',
};

/**
 * Turns a policy on or off, or sets its options. `data: undefined` keeps the saved options.
 * The metadata of organization-data-ownership carries an encrypted default collection name.
 */
export async function changePolicy(
  org: AdminOrg,
  def: PolicyDef,
  request: {
    enabled: boolean;
    /** New options; a function derives them from the saved ones; undefined keeps them. */
    data?: Record<string, unknown> | null | ((saved: Record<string, unknown> | null) => Record<string, unknown> | null);
    defaultCollectionName?: string | undefined;
  },
  hooks: {
    /** Called before a policy that is off is turned on (after the dependency checks): confirmations. */
    beforeEnable?: (def: PolicyDef) => Promise<void>;
  } = {},
): Promise<PolicyChange> {
  const states = await listPolicyStates(org);
  const current = states.find((s) => s.type === def.type) ?? toState(def.type, undefined);
  const data = request.data === undefined ? current.data : typeof request.data === 'function' ? request.data(current.data) : request.data;
  if (current.enabled === request.enabled && sameData(current.data, data) && request.defaultCollectionName === undefined) {
    return { policy: current, changed: false };
  }
  if (current.enabled !== request.enabled) checkDependencies(def, request.enabled, states);
  if (!current.enabled && request.enabled) await hooks.beforeEnable?.(def);
  let metadata: Record<string, unknown> | undefined;
  if (request.defaultCollectionName !== undefined) {
    if (!request.enabled) throw new UsageError('--default-collection-name applies only when turning the policy on');
    if (!org.orgKey) {
      throw new UsageError('--default-collection-name is encrypted with the organization key; unlock first (export BWMSP_SESSION)');
    }
    metadata = { defaultUserCollectionName: encryptString(request.defaultCollectionName, org.orgKey) };
  }
  const saved = await savePolicyState(org, def, request.enabled, data, metadata);
  return { policy: saved.policy, changed: true, shape: saved.shape };
}
