/**
 * Starting points the onboarding wizard offers (MSP deployment guide: collections by department or
 * by function, one group per department, a security-policy baseline). Each template is plain plan
 * data: the wizard writes it into a plan file the MSP can edit before applying.
 */
import type { PlanCollection, PlanGroup, PlanPolicy } from './schema.js';

export const COLLECTION_TEMPLATES = ['department', 'function', 'custom'] as const;
export type CollectionTemplate = (typeof COLLECTION_TEMPLATES)[number];

export const DEPARTMENT_COLLECTIONS: readonly string[] = ['Finance', 'HR', 'IT', 'Sales', 'Marketing', 'Operations'];
export const FUNCTION_COLLECTIONS: readonly string[] = ['Shared Accounts', 'Infrastructure', 'Social Media', 'Vendors'];

export const POLICY_PRESETS = ['recommended', 'minimal', 'none'] as const;
export type PolicyPreset = (typeof POLICY_PRESETS)[number];

/** Splits `A, B/C` into names; empty entries are dropped and each name is trimmed around "/". */
export function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((n) => n.split('/').map((part) => part.trim()).join('/'))
    .filter((n) => n !== '' && n !== '/');
}

/**
 * The collections of a template. Custom names nest with "/" ("Finance/Banking"); a missing parent
 * is added before its child so the plan lists the tree top-down.
 */
export function templateCollections(template: CollectionTemplate, custom: readonly string[] = []): PlanCollection[] {
  const names = template === 'department' ? DEPARTMENT_COLLECTIONS : template === 'function' ? FUNCTION_COLLECTIONS : custom;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = parts.slice(0, depth).join('/');
      if (!seen.has(path.toLowerCase())) {
        seen.add(path.toLowerCase());
        out.push(path);
      }
    }
  }
  return out.map((name) => ({ name }));
}

/** One group per top-level collection ("Finance Team" → Finance and everything under it, edit). */
export function groupsPerCollection(collections: readonly PlanCollection[]): PlanGroup[] {
  const top = collections.filter((c) => !c.name.includes('/'));
  return top.map((parent) => ({
    name: `${parent.name} Team`.slice(0, 100),
    collections: collections
      .filter((c) => c.name.toLowerCase() === parent.name.toLowerCase() || c.name.toLowerCase().startsWith(`${parent.name.toLowerCase()}/`))
      .map((c) => ({ collection: c.name, permission: 'edit' as const })),
  }));
}

/**
 * The security-policy presets. `recommended` is the enterprise baseline of the deployment guide
 * (single organization first: account recovery and the vault timeout need it); `minimal` only
 * enforces two-step login and a strong master password; `none` leaves policies to later.
 * Option names are the policy data fields of `src/domain/policy-catalog.ts`.
 */
export function presetPolicies(preset: PolicyPreset): PlanPolicy[] {
  const masterPassword: PlanPolicy = {
    type: 'master-password',
    enabled: true,
    options: { minLength: 14, minComplexity: 3, requireUpper: true, requireLower: true, requireNumbers: true, enforceOnLogin: true },
  };
  if (preset === 'none') return [];
  if (preset === 'minimal') return [{ type: 'two-factor-authentication', enabled: true, options: {} }, masterPassword];
  return [
    { type: 'single-org', enabled: true, options: {} },
    { type: 'two-factor-authentication', enabled: true, options: {} },
    masterPassword,
    { type: 'password-generator', enabled: true, options: { minLength: 16, useUpper: true, useLower: true, useNumbers: true, useSpecial: true } },
    { type: 'account-recovery', enabled: true, options: { autoEnrollEnabled: true } },
    { type: 'maximum-vault-timeout', enabled: true, options: { minutes: 240, action: 'lock' } },
    { type: 'disable-personal-vault-export', enabled: true, options: {} },
  ];
}
