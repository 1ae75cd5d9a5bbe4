/**
 * The onboarding wizard (issue 6): asks, in the order of the MSP deployment guide, for the client's
 * details, collections, groups, a security-policy preset and members, then builds the plan that
 * `client onboard` applies (DESIGN.md principle 3: the wizard writes a plan). Every question has a
 * flag; only what the flags left out is asked, and without a terminal the Prompter refuses with an
 * error naming that flag.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Prompter } from '../ui/prompter.js';
import { loadPlan, parseMembersCsv } from '../plan/load.js';
import { planCollectionSchema, planSchema, type CollectionAccess, type Plan, type PlanCollection, type PlanGroup, type PlanMember } from '../plan/schema.js';
import {
  COLLECTION_TEMPLATES,
  DEPARTMENT_COLLECTIONS,
  FUNCTION_COLLECTIONS,
  POLICY_PRESETS,
  groupsPerCollection,
  presetPolicies,
  splitNames,
  templateCollections,
  type CollectionTemplate,
  type PolicyPreset,
} from '../plan/templates.js';
import { PERMISSIONS } from '../plan/schema.js';

export interface WizardOptions {
  name?: string | undefined;
  ownerEmail?: string | undefined;
  planType?: string | undefined;
  seats?: string | undefined;
  collectionsTemplate?: string | undefined;
  /** Comma-separated names (custom template). */
  collections?: string | undefined;
  /** `per-collection`, `none`, or `NAME=COLLECTION[:PERMISSION],...` (repeatable). */
  groups?: string[] | undefined;
  policyPreset?: string | undefined;
  /** `EMAIL[:ROLE[:GROUP;GROUP]]`, comma-separated and repeatable, or `none`. */
  members?: string[] | undefined;
  membersCsv?: string | undefined;
  writePlan?: string | undefined;
  force: boolean;
}

/** The flags that answer the wizard's questions; any of them set means "run the wizard". */
export function wizardRequested(o: WizardOptions): boolean {
  return [o.name, o.ownerEmail, o.planType, o.seats, o.collectionsTemplate, o.collections, o.policyPreset, o.membersCsv, o.writePlan].some((v) => v !== undefined) || Boolean(o.groups?.length) || Boolean(o.members?.length);
}

export interface WizardResult {
  plan: Plan;
  /** Where the plan is written. */
  file: string;
  /** The YAML text of the plan (validated with loadPlan). */
  text: string;
}

export interface WizardEnv {
  prompter: Prompter;
  /** False without a terminal: questions with a default take it silently. */
  canPrompt: boolean;
  /** Writes nothing; reads a members CSV. */
  readFile?: (file: string) => string;
}

const WIZARD_ROLES = ['owner', 'admin', 'user'] as const;
type WizardRole = (typeof WIZARD_ROLES)[number];

/** A file name from the client name: "Contoso Ltd." → "contoso-ltd". */
export function clientSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'client';
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkName(value: string): true | string {
  const v = value.trim();
  if (v === '') return 'enter a name';
  return v.length <= 50 ? true : 'at most 50 characters';
}

function checkEmail(value: string): true | string {
  return emailPattern.test(value.trim()) ? true : 'enter an e-mail address';
}

function checkSeats(value: string): true | string {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? true : 'a whole number from 1 to 100000';
}

function flagValue(flag: string, value: string, check: (v: string) => true | string): string {
  const ok = check(value);
  if (ok !== true) throw new UsageError(`${flag} ${value}: ${ok}`);
  return value.trim();
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} ${value}: use ${allowed.join(', ')}`);
  return v as T;
}

function checkCollectionNames(names: readonly string[]): true | string {
  if (names.length === 0) return 'enter at least one name';
  for (const name of names) {
    const r = planCollectionSchema.safeParse({ name });
    if (!r.success) return `'${name}': ${r.error.issues[0]?.message ?? 'invalid'}`;
  }
  return true;
}

function findCollection(collections: readonly PlanCollection[], name: string): string | undefined {
  return collections.find((c) => c.name.toLowerCase() === name.trim().toLowerCase())?.name;
}

/** `Finance, IT:manage` → access entries, each checked against the plan's collections. */
export function parseAccessList(text: string, collections: readonly PlanCollection[]): CollectionAccess[] | string {
  const out: CollectionAccess[] = [];
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = item.lastIndexOf(':');
    const rawName = at < 0 ? item : item.slice(0, at);
    const permission = at < 0 ? 'edit' : item.slice(at + 1).trim().toLowerCase();
    if (!(PERMISSIONS as readonly string[]).includes(permission)) return `'${item}': permission '${permission}' is not one of ${PERMISSIONS.join(', ')}`;
    const name = findCollection(collections, rawName);
    if (!name) return `collection '${rawName.trim()}' is not in the plan's collections (${collections.map((c) => c.name).join(', ') || 'none'})`;
    out.push({ collection: name, permission: permission as CollectionAccess['permission'] });
  }
  return out;
}

/** `--groups` values: `per-collection`, `none`, or `NAME=COLLECTION[:PERMISSION],...`. */
export function parseGroupsFlag(values: readonly string[], collections: readonly PlanCollection[]): PlanGroup[] {
  if (values.length === 1 && ['per-collection', 'none'].includes((values[0] as string).trim().toLowerCase())) {
    return (values[0] as string).trim().toLowerCase() === 'none' ? [] : groupsPerCollection(collections);
  }
  return values.map((value) => {
    const eq = value.indexOf('=');
    const name = (eq < 0 ? value : value.slice(0, eq)).trim();
    if (name === '' || name.length > 100) throw new UsageError(`--groups ${value}: use per-collection, none, or NAME=COLLECTION[:PERMISSION],... (name of 1 to 100 characters)`);
    const access = eq < 0 ? [] : parseAccessList(value.slice(eq + 1), collections);
    if (typeof access === 'string') throw new UsageError(`--groups ${value}: ${access}`);
    return { name, collections: access };
  });
}

function findGroup(groups: readonly PlanGroup[], name: string): string | undefined {
  return groups.find((g) => g.name.toLowerCase() === name.trim().toLowerCase())?.name;
}

function member(email: string, role: WizardRole, groups: string[]): PlanMember {
  return { email: email.trim().toLowerCase(), role, permissions: [], groups, collections: [] };
}

/** `--members` values: `EMAIL[:ROLE[:GROUP;GROUP]]`, comma-separated, or `none`. */
export function parseMembersFlag(values: readonly string[], groups: readonly PlanGroup[]): PlanMember[] {
  if (values.length === 1 && (values[0] as string).trim().toLowerCase() === 'none') return [];
  const items = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  return items.map((item) => {
    const [email = '', roleText = 'user', groupText = ''] = item.split(':');
    if (checkEmail(email) !== true) throw new UsageError(`--members ${item}: '${email}' is not an e-mail address (use EMAIL[:ROLE[:GROUP;GROUP]])`);
    const roleWord = (roleText || 'user').trim().toLowerCase();
    if (!(WIZARD_ROLES as readonly string[]).includes(roleWord)) throw new UsageError(`--members ${item}: role '${roleText}': use ${WIZARD_ROLES.join(', ')}`);
    const role = roleWord as WizardRole;
    const names = groupText.split(';').map((g) => g.trim()).filter(Boolean);
    const resolved = names.map((g) => {
      const found = findGroup(groups, g);
      if (!found) throw new UsageError(`--members ${item}: group '${g}' is not in the plan's groups (${groups.map((x) => x.name).join(', ') || 'none'})`);
      return found;
    });
    return member(email, role, resolved);
  });
}

async function askCollections(o: WizardOptions, p: Prompter): Promise<PlanCollection[]> {
  if (o.collections !== undefined) {
    if (o.collectionsTemplate !== undefined && o.collectionsTemplate.trim().toLowerCase() !== 'custom') {
      throw new UsageError(`--collections lists custom names; pass it without --collections-template ${o.collectionsTemplate} (or with custom)`);
    }
    const names = splitNames(o.collections);
    const ok = checkCollectionNames(names);
    if (ok !== true) throw new UsageError(`--collections ${o.collections}: ${ok}`);
    return templateCollections('custom', names);
  }
  const template: CollectionTemplate =
    o.collectionsTemplate !== undefined
      ? oneOf('--collections-template', o.collectionsTemplate, COLLECTION_TEMPLATES)
      : await p.select<CollectionTemplate>({
          message: 'Collections template:',
          flag: '--collections-template',
          choices: [
            { value: 'department', name: 'By department', description: DEPARTMENT_COLLECTIONS.join(', ') },
            { value: 'function', name: 'By function', description: FUNCTION_COLLECTIONS.join(', ') },
            { value: 'custom', name: 'Custom', description: 'type the names; nest with "/"' },
          ],
        });
  if (template !== 'custom') return templateCollections(template);
  const text = await p.input({
    message: 'Collection names (comma-separated, nest with "/"):',
    flag: '--collections',
    validate: (v) => checkCollectionNames(splitNames(v)),
  });
  return templateCollections('custom', splitNames(text));
}

async function askGroups(o: WizardOptions, p: Prompter, collections: readonly PlanCollection[]): Promise<PlanGroup[]> {
  if (o.groups?.length) return parseGroupsFlag(o.groups, collections);
  const mode = await p.select<'per-collection' | 'custom' | 'none'>({
    message: 'Groups:',
    flag: '--groups',
    choices: [
      { value: 'per-collection', name: 'One group per top-level collection', description: groupsPerCollection(collections).map((g) => g.name).join(', ') },
      { value: 'custom', name: 'Custom', description: 'name each group and the collections it reaches' },
      { value: 'none', name: 'No groups' },
    ],
  });
  if (mode !== 'custom') return mode === 'none' ? [] : groupsPerCollection(collections);
  const groups: PlanGroup[] = [];
  for (;;) {
    const name = (
      await p.input({
        message: 'Group name (empty to finish):',
        flag: '--groups',
        validate: (v) => (v.trim().length > 100 ? 'at most 100 characters' : findGroup(groups, v) ? 'that group is already in the plan' : true),
      })
    ).trim();
    if (name === '') return groups;
    const text = await p.input({
      message: `Collections for ${name} (NAME[:PERMISSION], comma-separated):`,
      flag: '--groups',
      validate: (v) => {
        const r = parseAccessList(v, collections);
        return typeof r === 'string' ? r : true;
      },
    });
    groups.push({ name, collections: parseAccessList(text, collections) as CollectionAccess[] });
  }
}

async function askMembers(o: WizardOptions, env: WizardEnv, groups: readonly PlanGroup[]): Promise<PlanMember[]> {
  if (o.members?.length) return parseMembersFlag(o.members, groups);
  if (o.membersCsv !== undefined) return [];
  const p = env.prompter;
  const how = await p.select<'typed' | 'csv' | 'none'>({
    message: 'Members:',
    flag: '--members (or --members-csv)',
    choices: [
      { value: 'typed', name: 'Type e-mail addresses' },
      { value: 'csv', name: 'From a CSV file', description: 'columns email, role, groups, collections' },
      { value: 'none', name: 'None for now' },
    ],
  });
  if (how === 'none') return [];
  if (how === 'csv') {
    o.membersCsv = await p.input({
      message: 'Members CSV file:',
      flag: '--members-csv',
      validate: (v) => (v.trim() !== '' && existsSync(v.trim()) ? true : 'enter the path of an existing file'),
    });
    return [];
  }
  const members: PlanMember[] = [];
  for (;;) {
    const email = (
      await p.input({
        message: 'Member e-mail (empty to finish):',
        flag: '--members',
        validate: (v) => (v.trim() === '' ? true : checkEmail(v) !== true ? 'enter an e-mail address' : members.some((m) => m.email === v.trim().toLowerCase()) ? 'already added' : true),
      })
    ).trim();
    if (email === '') return members;
    const role = await p.select<WizardRole>({
      message: `Role of ${email}:`,
      flag: '--members',
      choices: WIZARD_ROLES.map((r) => ({ value: r, name: r })),
      default: 'user',
    });
    let memberGroups: string[] = [];
    if (groups.length) {
      const text = await p.input({
        message: `Groups of ${email} (comma-separated, empty for none):`,
        flag: '--members',
        validate: (v) => {
          const missing = v.split(',').map((g) => g.trim()).filter((g) => g !== '' && !findGroup(groups, g));
          return missing.length ? `not in the plan's groups: ${missing.join(', ')} (groups: ${groups.map((g) => g.name).join(', ')})` : true;
        },
      });
      memberGroups = text.split(',').map((g) => g.trim()).filter(Boolean).map((g) => findGroup(groups, g) as string);
    }
    members.push(member(email, role, memberGroups));
  }
}

/** Asks what the flags left out and returns the plan, validated as `client onboard --plan` loads it. */
export async function runOnboardWizard(options: WizardOptions, env: WizardEnv): Promise<WizardResult> {
  const o: WizardOptions = { ...options };
  const p = env.prompter;
  const read = env.readFile ?? ((f: string) => readFileSync(f, 'utf8'));
  // 1. Client details.
  const name = o.name !== undefined ? flagValue('--name', o.name, checkName) : (await p.input({ message: 'Client name:', flag: '--name', validate: checkName })).trim();
  const file =
    o.writePlan ??
    (env.canPrompt
      ? (
          await p.input({
            message: 'Write the plan to:',
            flag: '--write-plan',
            default: `${clientSlug(name)}.yaml`,
            validate: (v) => (v.trim() === '' ? 'enter a file name' : !o.force && existsSync(v.trim()) ? 'the file exists: choose another name (or pass --force)' : true),
          })
        ).trim()
      : `${clientSlug(name)}.yaml`);
  const planFlag = o.writePlan !== undefined ? '--write-plan' : 'plan file';
  if (!o.force && existsSync(file)) throw new InputError(`${planFlag} ${file}: the file exists`, { hint: 'Pass --force to overwrite it, or choose another file with --write-plan.' });
  const ownerEmail =
    o.ownerEmail !== undefined ? flagValue('--owner-email', o.ownerEmail, checkEmail) : (await p.input({ message: 'Owner e-mail:', flag: '--owner-email', validate: checkEmail })).trim();
  const planType =
    o.planType !== undefined
      ? oneOf('--plan-type', o.planType, ['teams', 'enterprise'] as const)
      : await p.select<'teams' | 'enterprise'>({
          message: 'Plan:',
          flag: '--plan-type',
          choices: [
            { value: 'enterprise', name: 'Enterprise', description: 'policies, SSO, SCIM, account recovery' },
            { value: 'teams', name: 'Teams' },
          ],
        });
  const seats = Number(o.seats !== undefined ? flagValue('--seats', o.seats, checkSeats) : await p.input({ message: 'Seats:', flag: '--seats', validate: checkSeats }));
  // 2. Collections, 3. groups.
  const collections = await askCollections(o, p);
  const groups = await askGroups(o, p, collections);
  // 4. Security policies.
  const preset: PolicyPreset =
    o.policyPreset !== undefined
      ? oneOf('--policy-preset', o.policyPreset, POLICY_PRESETS)
      : planType === 'teams'
        ? 'none'
        : await p.select<PolicyPreset>({
          message: 'Security policies:',
          flag: '--policy-preset',
          choices: [
            { value: 'recommended', name: 'Recommended enterprise set', description: presetPolicies('recommended').map((x) => x.type).join(', ') },
            { value: 'minimal', name: 'Minimal', description: presetPolicies('minimal').map((x) => x.type).join(', ') },
            { value: 'none', name: 'None' },
          ],
        });
  if (planType === 'teams' && preset !== 'none') {
    // Saving a policy needs the org's usePolicies (admin-api.md §7), which only the Enterprise plan
    // gives (bitwarden/server StaticStore TeamsPlan/EnterprisePlan; src/sandbox/services/plans.ts).
    throw new UsageError(`--policy-preset ${preset}: security policies need the enterprise plan; use --policy-preset none with --plan-type teams`);
  }
  // 5. Members.
  const members = await askMembers(o, env, groups);
  let membersCsv: string | undefined;
  if (o.membersCsv !== undefined) {
    const csvPath = o.membersCsv.trim();
    let text: string;
    try {
      text = read(csvPath);
    } catch {
      throw new InputError(`--members-csv ${csvPath}: cannot read the file`);
    }
    parseMembersCsv(text, csvPath);
    membersCsv = relative(dirname(resolve(file)), resolve(csvPath)) || csvPath;
  }
  const parsed = planSchema.safeParse({
    version: 1,
    client: { name, ownerEmail, plan: planType, seats },
    collections,
    groups,
    policies: presetPolicies(preset),
    members,
    ...(membersCsv ? { membersCsv } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`the answers do not make a valid plan: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const { planToYaml } = await import('../plan/write.js');
  const text = planToYaml(parsed.data);
  // The same checks as `client onboard --plan` (members CSV included), before anything is written.
  const target = resolve(file);
  loadPlan(file, (f) => (f === target ? text : read(f)));
  return { plan: parsed.data, file, text };
}
