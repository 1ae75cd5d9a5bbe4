/**
 * Writes a plan as YAML (the wizard's output, DESIGN.md principle 3): a `yaml-language-server`
 * schema line for editor completion, then the plan with default values left out and access in the
 * "Name:permission" shorthand, so the file reads like a hand-written one.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { InputError } from '../errors.js';
import type { CollectionAccess, Plan, PlanMember } from './schema.js';

export const PLAN_SCHEMA_URL = 'https://github.com/bwmsp/bwmsp/schemas/onboarding-plan.schema.json';

const access = (a: CollectionAccess) => (a.permission === 'edit' ? a.collection : `${a.collection}:${a.permission}`);

function memberOut(m: PlanMember): Record<string, unknown> {
  return {
    email: m.email,
    ...(m.role === 'user' ? {} : { role: m.role }),
    ...(m.permissions.length ? { permissions: m.permissions } : {}),
    ...(m.groups.length ? { groups: m.groups } : {}),
    ...(m.collections.length ? { collections: m.collections.map(access) } : {}),
  };
}

/** The plan as the YAML text of a plan file. */
export function planToYaml(plan: Plan, schemaUrl: string = PLAN_SCHEMA_URL): string {
  const body: Record<string, unknown> = {
    version: 1,
    client: { ...plan.client },
    ...(plan.collections.length ? { collections: plan.collections.map((c) => ({ name: c.name, ...(c.externalId ? { externalId: c.externalId } : {}) })) } : {}),
    ...(plan.groups.length
      ? { groups: plan.groups.map((g) => ({ name: g.name, ...(g.externalId ? { externalId: g.externalId } : {}), collections: g.collections.map(access) })) }
      : {}),
    ...(plan.policies.length
      ? { policies: plan.policies.map((p) => ({ type: p.type, ...(p.enabled ? {} : { enabled: false }), ...(Object.keys(p.options).length ? { options: p.options } : {}) })) }
      : {}),
    ...(plan.members.length ? { members: plan.members.map(memberOut) } : {}),
    ...(plan.membersCsv ? { membersCsv: plan.membersCsv } : {}),
    ...(plan.sso ? { sso: plan.sso } : {}),
    ...(plan.scim ? { scim: plan.scim } : {}),
    ...(plan.autoConfirm ? { autoConfirm: true } : {}),
  };
  const header = [`# yaml-language-server: $schema=${schemaUrl}`, `# Onboarding plan for ${plan.client.name}, written by \`bwmsp client onboard\`.`, `# Apply: bwmsp client onboard --plan FILE`, ''];
  return `${header.join('\n')}${stringify(body, { lineWidth: 0 })}`;
}

/** Writes the plan file; an existing file is kept unless `force`. */
export function writePlanFile(path: string, plan: Plan, options: { force: boolean; flag: string }): void {
  try {
    writeFileSync(path, planToYaml(plan), { encoding: 'utf8', flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') throw new InputError(`${options.flag} ${path}: the file exists`, { hint: 'Pass --force to overwrite it, or choose another file with --write-plan.' });
    throw new InputError(`${options.flag} ${path}: cannot write the plan file (${code ?? 'error'})`);
  }
}
