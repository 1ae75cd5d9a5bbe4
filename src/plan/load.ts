/**
 * Loads a plan file (YAML or JSON: YAML's parser reads both) and its members CSV. Every error names
 * the file, line, column and field; nothing is sent before a plan loads cleanly.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { findPolicy, type PolicyDef } from '../domain/policy-catalog.js';
import { InputError, type BwmspError } from '../errors.js';
import { planMemberSchema, planSchema, type Plan, type PlanMember } from './schema.js';

export interface PlanProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

/** Several problems at once, each on its own line: `file:line:col: field: message`. */
export class PlanError extends InputError {
  readonly problems: readonly PlanProblem[];

  constructor(problems: readonly PlanProblem[]) {
    const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
    super(problems.length === 1 ? (lines[0] as string) : `${problems.length} problems in the plan:\n  ${lines.join('\n  ')}`, { hint: 'Nothing was sent.' });
    this.name = 'PlanError';
    this.problems = problems;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Where a zod issue points in the YAML document: the deepest node that exists on its path. */
function locate(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function zodProblems(file: string, doc: Document, counter: LineCounter, error: z.ZodError): PlanProblem[] {
  return error.issues.map((issue) => {
    // An unknown key is found at the key itself, not at the mapping holding it.
    const at = issue.code === 'unrecognized_keys' && issue.keys.length ? [...issue.path, issue.keys[0] as string] : issue.path;
    return { file, ...locate(doc, counter, at), field: fieldPath(issue.path), message: issue.message };
  });
}

/** Policy names and options, checked here so each problem points at its line in the plan. */
function policyProblems(file: string, doc: Document, counter: LineCounter, plan: Plan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  plan.policies.forEach((policy, i) => {
    let def: PolicyDef;
    try {
      def = findPolicy(policy.type);
    } catch (error) {
      const e = error as BwmspError;
      const path = ['policies', i, 'type'];
      problems.push({ file, ...locate(doc, counter, path), field: fieldPath(path), message: `${e.message}${e.hint ? ` (${e.hint})` : ''}` });
      return;
    }
    const options = ['policies', i, 'options'];
    if (!def.data) {
      const extra = Object.keys(policy.options);
      if (extra.length) problems.push({ file, ...locate(doc, counter, [...options, extra[0] as string]), field: fieldPath(options), message: `${def.name} has no options` });
      return;
    }
    const result = def.data.safeParse({ ...def.defaults, ...policy.options });
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = issue.code === 'unrecognized_keys' && issue.keys.length ? [...options, ...issue.path, issue.keys[0] as string] : [...options, ...issue.path];
      const missing = issue.code === 'invalid_type' && issue.input === undefined && !(issue.path[0] !== undefined && String(issue.path[0]) in policy.options);
      problems.push({ file, ...locate(doc, counter, path), field: fieldPath([...options, ...issue.path]), message: missing ? `${def.name} needs this option` : issue.message });
    }
  });
  return problems;
}

export function parsePlanText(text: string, file: string): Plan {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new PlanError(
      doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '', message: e.message.split('\n')[0] as string };
      }),
    );
  }
  const result = planSchema.safeParse(doc.toJS());
  if (!result.success) throw new PlanError(zodProblems(file, doc, counter, result.error));
  const policies = policyProblems(file, doc, counter, result.data);
  if (policies.length) throw new PlanError(policies);
  return result.data;
}

const CSV_COLUMNS = ['email', 'role', 'groups', 'collections', 'permissions'];

/** Members from CSV: columns email, role, groups and collections (';'-separated), permissions. */
export function parseMembersCsv(text: string, file: string): PlanMember[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new PlanError([{ file, line: e.lines ?? 1, column: 1, field: '', message: e.message.replace(/^Invalid Record Length: /, '') }]);
  }
  const header = text.split(/\r?\n/, 1)[0]?.split(',').map((h) => h.trim().toLowerCase()) ?? [];
  if (!header.includes('email')) throw new PlanError([{ file, line: 1, column: 1, field: 'email', message: 'the header has no email column' }]);
  const unknown = header.filter((h) => h !== '' && !CSV_COLUMNS.includes(h));
  if (unknown.length) throw new PlanError([{ file, line: 1, column: header.indexOf(unknown[0] as string) + 1, field: unknown[0] as string, message: `unknown column; use ${CSV_COLUMNS.join(', ')}` }]);
  const list = (value: string | undefined) => (value ? value.split(';').map((s) => s.trim()).filter(Boolean) : []);
  const problems: PlanProblem[] = [];
  const members: PlanMember[] = [];
  records.forEach((record, i) => {
    const line = i + 2;
    const result = planMemberSchema.safeParse({
      email: record.email ?? '',
      ...(record.role ? { role: record.role.toLowerCase() } : {}),
      groups: list(record.groups),
      collections: list(record.collections),
      permissions: list(record.permissions),
    });
    if (result.success) members.push(result.data);
    else {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? 'email');
        problems.push({ file, line, column: Math.max(1, header.indexOf(column) + 1), field: column, message: issue.message });
      }
    }
  });
  if (problems.length) throw new PlanError(problems);
  return members;
}

export interface LoadedPlan {
  file: string;
  plan: Plan;
}

/** Reads the plan and its members CSV, merges the members and checks the whole again. */
export function loadPlan(path: string, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): LoadedPlan {
  const file = resolve(path);
  let text: string;
  try {
    text = read(file);
  } catch {
    throw new InputError(`${path}: cannot read the plan file`);
  }
  const plan = parsePlanText(text, path);
  if (plan.membersCsv) {
    const csvFile = resolve(dirname(file), plan.membersCsv);
    let csv: string;
    try {
      csv = read(csvFile);
    } catch {
      throw new InputError(`${path}: membersCsv ${plan.membersCsv}: cannot read ${csvFile}`);
    }
    const fromCsv = parseMembersCsv(csv, plan.membersCsv);
    const merged = planSchema.safeParse({ ...plan, members: [...plan.members, ...fromCsv] });
    if (!merged.success) {
      throw new PlanError(
        merged.error.issues.map((issue) => {
          const index = Number(issue.path[1]);
          const fromFile = issue.path[0] === 'members' && index >= plan.members.length;
          return fromFile
            ? { file: plan.membersCsv as string, line: index - plan.members.length + 2, column: 1, field: fieldPath(issue.path.slice(2)), message: issue.message }
            : { file: path, line: 1, column: 1, field: fieldPath(issue.path), message: issue.message };
        }),
      );
    }
    return { file, plan: merged.data };
  }
  return { file, plan };
}
