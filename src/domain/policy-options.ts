/**
 * Turns `policy set` flags (or `--data JSON`) into the policy's `data`, checked against its shape.
 * `set` is declarative: options not given go back to their defaults.
 */
import type { z } from 'zod';
import { InputError, UsageError } from '../errors.js';
import type { PolicyDef } from './policy-catalog.js';
import { DATA_FLAG, DEFAULT_COLLECTION_NAME_FLAG, flagName, flagsFor, POLICY_FLAGS, wireValue } from './policy-flags.js';

function given(opts: Record<string, unknown>, key: string): boolean {
  const value = opts[key];
  return value !== undefined && value !== false;
}

function describeIssue(def: PolicyDef, issue: z.core.$ZodIssue, source: 'flags' | 'data'): string {
  const field = issue.path.map(String).join('.');
  if (source === 'flags') {
    const flag = flagsFor(def.name).find((f) => f.sets[def.name] === field);
    if (issue.code === 'invalid_type' && flag && issue.input === undefined) return `${flagName(flag)} is required for ${def.name}`;
    if (flag) return `${flagName(flag)}: ${issue.message}`;
  }
  if (issue.code === 'unrecognized_keys') return `--data: ${def.name} has no option ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `--data: ${def.name} needs '${field}'`;
  return `--data: ${field || 'data'}: ${issue.message}`;
}

/** Checks data against the policy's shape; the message names the flag or field. */
export function validatePolicyData(def: PolicyDef, data: Record<string, unknown>, source: 'flags' | 'data'): Record<string, unknown> | null {
  if (!def.data) {
    if (Object.keys(data).length) throw new UsageError(`${def.name} has no options (got ${Object.keys(data).join(', ')})`);
    return null;
  }
  const result = def.data.safeParse(data);
  if (!result.success) {
    const messages = result.error.issues.map((issue) => describeIssue(def, issue, source));
    throw new UsageError([...new Set(messages)].join('; '));
  }
  return result.data;
}

/** Flags of `policy set` that do not belong to this policy are errors naming the policy they set. */
function refuseForeignFlags(def: PolicyDef, opts: Record<string, unknown>): void {
  for (const flag of POLICY_FLAGS) {
    if (!given(opts, flag.key) || def.name in flag.sets) continue;
    throw new UsageError(`${flagName(flag)} does not apply to ${def.name}; it sets ${Object.keys(flag.sets).join(' / ')}`);
  }
  if (given(opts, DEFAULT_COLLECTION_NAME_FLAG.key) && def.name !== 'organization-data-ownership') {
    throw new UsageError(`${DEFAULT_COLLECTION_NAME_FLAG.flags.split(' ')[0]} applies to organization-data-ownership only`);
  }
}

/** `data` for `policy set` from typed flags or `--data`. */
export function policyDataFromOptions(def: PolicyDef, opts: Record<string, unknown>): Record<string, unknown> | null {
  refuseForeignFlags(def, opts);
  const typed = flagsFor(def.name).filter((f) => given(opts, f.key));
  const raw = opts[DATA_FLAG.key];
  if (raw !== undefined) {
    if (typed.length) throw new UsageError(`--data cannot be combined with ${typed.map(flagName).join(', ')}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(raw));
    } catch {
      throw new InputError(`--data is not valid JSON: ${String(raw).slice(0, 60)}`);
    }
    if (parsed === null) return validatePolicyData(def, {}, 'data');
    if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError('--data must be a JSON object');
    return validatePolicyData(def, { ...def.defaults, ...(parsed as Record<string, unknown>) }, 'data');
  }
  const data: Record<string, unknown> = { ...def.defaults };
  for (const flag of typed) data[flag.sets[def.name] as string] = wireValue(flag, opts[flag.key]);
  if (!def.data) return validatePolicyData(def, data, 'flags');
  return validatePolicyData(def, data, 'flags');
}

/** Data for `policy enable`: the saved options when they are valid, else the defaults (or an error naming what `set` needs). */
export function dataForEnable(def: PolicyDef, saved: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  // Policies without options keep whatever another client saved (normally nothing).
  if (!def.data) return saved ?? null;
  const base = { ...def.defaults, ...(saved ?? {}) };
  const result = def.data.safeParse(base);
  if (result.success) return result.data;
  if (def.required?.some((field) => base[field] === undefined || base[field] === null)) {
    const flags = flagsFor(def.name)
      .filter((f) => def.required?.includes(f.sets[def.name] as string))
      .map((f) => f.flags);
    throw new UsageError(`${def.name} needs options to be turned on`, { hint: `Use 'bwmsp policy set ${def.name} ${flags.join(' ')}'.` });
  }
  // Saved data from another client that our shape does not know: send it back untouched.
  return saved ?? null;
}
