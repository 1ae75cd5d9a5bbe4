/**
 * Words and inputs of the member verbs, as pure functions: role and status words (admin-api.md
 * §4.1), custom-role permissions as kebab-case flags, member addressing by e-mail or id, the
 * invite CSV, and batching of invites (at most 20 e-mails per request, §4.4).
 */
import { parse } from 'csv-parse/sync';
import { InputError, NotFoundError, UsageError } from '../errors.js';
import { PERMISSION_NAMES, type PermissionName } from '../protocol/organization.js';
import { parseNameWithPermission, type Permission } from './access-level.js';

export const ROLES = ['owner', 'admin', 'user', 'custom'] as const;
export type Role = (typeof ROLES)[number];

/** OrganizationUserType; 3 (Manager) was removed from the server and is never sent. */
const ROLE_TYPES: Record<Role, number> = { owner: 0, admin: 1, user: 2, custom: 4 };

export function roleType(role: Role): number {
  return ROLE_TYPES[role];
}

/** The word for an OrganizationUserType ('manager' for the legacy 3). */
export function roleWord(type: number | null | undefined): string {
  switch (type) {
    case 0:
      return 'owner';
    case 1:
      return 'admin';
    case 2:
      return 'user';
    case 3:
      return 'manager';
    case 4:
      return 'custom';
    default:
      return `type-${String(type)}`;
  }
}

export function isRole(word: string): word is Role {
  return (ROLES as readonly string[]).includes(word);
}

export function parseRole(word: string, where: string): Role {
  const role = word.trim().toLowerCase();
  if (isRole(role)) return role;
  throw new UsageError(`${where}: unknown role '${word}'; use one of ${ROLES.join(', ')}`);
}

export const STATUSES = ['invited', 'accepted', 'confirmed', 'revoked'] as const;
export type StatusWord = (typeof STATUSES)[number] | 'staged';

/** OrganizationUserStatusType as a word: -1 revoked, 0 invited, 1 accepted, 2 confirmed, 3 staged. */
export function statusWord(status: number): StatusWord {
  switch (status) {
    case -1:
      return 'revoked';
    case 0:
      return 'invited';
    case 1:
      return 'accepted';
    case 2:
      return 'confirmed';
    default:
      return 'staged';
  }
}

/** 'accepted' -> 'Accepted', for tables. */
export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Custom-role permission fields (admin-api.md §4.1), in the server's order. */
export const PERMISSION_FIELDS = PERMISSION_NAMES;
export type PermissionField = PermissionName;

export function kebabCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The flag words: 'access-event-logs', 'manage-users', ... */
export const PERMISSION_WORDS: readonly string[] = PERMISSION_FIELDS.map(kebabCase);

/** `--permission` words to the full permissions object (every field present, unnamed ones false). */
export function permissionsObject(words: readonly string[], flag = '--permission'): Record<PermissionField, boolean> {
  const out = Object.fromEntries(PERMISSION_FIELDS.map((f) => [f, false])) as Record<PermissionField, boolean>;
  for (const word of words) {
    const wanted = word.trim().toLowerCase().replace(/_/g, '-');
    const field = PERMISSION_FIELDS.find((f) => kebabCase(f) === wanted || f.toLowerCase() === wanted);
    if (!field) throw new UsageError(`${flag} ${word}: unknown permission; use one of ${PERMISSION_WORDS.join(', ')}`);
    out[field] = true;
  }
  return out;
}

/** The permission words that are true in a server permissions object. */
export function permissionWords(permissions: Record<string, unknown> | null | undefined): string[] {
  if (!permissions) return [];
  return PERMISSION_FIELDS.filter((f) => permissions[f] === true).map(kebabCase);
}

/** Role plus permissions from the flags, checking the rules that span both. */
export function roleWithPermissions(role: Role, permissionFlags: readonly string[]): { type: number; permissions?: Record<PermissionField, boolean> } {
  if (role !== 'custom') {
    if (permissionFlags.length) throw new UsageError('--permission applies only to --role custom');
    return { type: roleType(role) };
  }
  if (!permissionFlags.length) throw new UsageError(`--role custom needs at least one --permission (${PERMISSION_WORDS.join(', ')})`);
  return { type: roleType(role), permissions: permissionsObject(permissionFlags) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text.trim());
}

/** The shape of an e-mail the official server accepts (one '@', not first or last), at most 256 characters. */
export function isEmail(text: string): boolean {
  return text.length <= 256 && /^[^@\s]+@[^@\s]+$/.test(text);
}

export interface Addressable {
  id: string;
  email?: string | null | undefined;
}

/**
 * Finds each e-mail or id among the members. Returns the matches (in argument order, without
 * duplicates) and the identifiers that matched nobody.
 */
export function findMembers<T extends Addressable>(members: readonly T[], identifiers: readonly string[]): { found: T[]; missing: string[] } {
  const found: T[] = [];
  const missing: string[] = [];
  for (const raw of identifiers) {
    const wanted = raw.trim().toLowerCase();
    const match = isGuid(wanted) ? members.find((m) => m.id.toLowerCase() === wanted) : members.find((m) => (m.email ?? '').toLowerCase() === wanted);
    if (!match) missing.push(raw);
    else if (!found.includes(match)) found.push(match);
  }
  return { found, missing };
}

/** Like findMembers, but an unknown identifier is a NotFoundError (exit 5) before anything is sent. */
export function requireMembers<T extends Addressable>(members: readonly T[], identifiers: readonly string[], orgName: string): T[] {
  if (!identifiers.length) throw new UsageError('name at least one member by e-mail or id');
  const { found, missing } = findMembers(members, identifiers);
  if (missing.length) {
    throw new NotFoundError(`${missing.length === 1 ? 'no member' : 'no members'} ${missing.map((m) => `'${m}'`).join(', ')} in ${orgName}`, {
      hint: "Nothing was changed. List the members with 'bwmsp member list'.",
    });
  }
  return found;
}

/** A name given on the command line or in a CSV cell, with where it came from for error messages. */
export interface NameRef {
  name: string;
  where: string;
}

export interface CollectionRef extends NameRef {
  permission: Permission;
}

/** One person to invite, before group and collection names are resolved. */
export interface InviteEntry {
  email: string;
  role: Role;
  groups: NameRef[];
  collections: CollectionRef[];
  /** 'staff.csv:4' or 'argument 2'. */
  where: string;
}

export const CSV_COLUMNS = ['email', 'role', 'groups', 'collections'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Accepted spellings of the header cells. */
const HEADER_ALIASES: Record<string, CsvColumn> = {
  email: 'email',
  'e-mail': 'email',
  role: 'role',
  type: 'role',
  groups: 'groups',
  group: 'groups',
  collections: 'collections',
  collection: 'collections',
};

export interface CsvDefaults {
  role: Role;
  groups: NameRef[];
  collections: CollectionRef[];
}

const MAX_REPORTED = 5;

function listCell(cell: string): string[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Parses an invite CSV: a header row naming some of email, role, groups, collections (email is
 * required), then one member per row. `groups` and `collections` hold several values separated by
 * ';', a collection as `name[:permission]`. Empty cells take the defaults (the flags). Every
 * problem is named as `FILE:LINE:COLUMN`; one bad row rejects the whole file.
 */
export function parseInviteCsv(text: string, label: string, defaults: CsvDefaults): InviteEntry[] {
  let records: CsvRecord[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (error) {
    const e = error as { message?: string; lines?: number; code?: string };
    const reason = (e.message ?? 'invalid CSV').replace(/ at line \d+$/, '').replace(/^[^:]*: /, '');
    throw new InputError(`${label}:${e.lines ?? 1}: not valid CSV: ${reason}`);
  }
  const header = records[0];
  if (!header) throw new InputError(`${label}: empty file; expected a header row with ${CSV_COLUMNS.join(', ')}`);
  const columns: (CsvColumn | undefined)[] = [];
  const problems: string[] = [];
  header.record.forEach((cell, i) => {
    const column = HEADER_ALIASES[cell.trim().toLowerCase()];
    if (!column) problems.push(`${label}:${header.info.lines}:${i + 1}: unknown column '${cell}' (expected ${CSV_COLUMNS.join(', ')})`);
    else if (columns.includes(column)) problems.push(`${label}:${header.info.lines}:${i + 1}: column '${column}' appears twice`);
    columns.push(column);
  });
  if (!columns.includes('email') && !problems.length) problems.push(`${label}:${header.info.lines}: no 'email' column in the header row (expected ${CSV_COLUMNS.join(', ')})`);
  if (problems.length) throw csvError(problems);

  const entries: InviteEntry[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length > columns.length) {
      problems.push(`${label}:${line}:${columns.length + 1}: ${record.length} cells but the header has ${columns.length} columns`);
      continue;
    }
    const at = (column: CsvColumn) => columns.indexOf(column);
    const cell = (column: CsvColumn) => (at(column) >= 0 ? (record[at(column)] ?? '').trim() : '');
    const where = (column: CsvColumn) => `${label}:${line}:${at(column) + 1}`;

    const email = cell('email').toLowerCase();
    if (email === '') problems.push(`${where('email')}: missing e-mail address`);
    else if (!isEmail(email)) problems.push(`${where('email')}: '${cell('email')}' is not an e-mail address`);
    else if (seen.has(email)) problems.push(`${where('email')}: ${email} is already on line ${seen.get(email)}`);
    else seen.set(email, line);

    let role = defaults.role;
    const roleCell = cell('role');
    if (roleCell !== '') {
      const wanted = roleCell.toLowerCase();
      if (isRole(wanted)) role = wanted;
      else problems.push(`${where('role')}: unknown role '${roleCell}'; use one of ${ROLES.join(', ')}`);
    }

    const groupsCell = cell('groups');
    const groups = groupsCell === '' ? defaults.groups : listCell(groupsCell).map((name) => ({ name, where: where('groups') }));

    const collectionsCell = cell('collections');
    let collections = defaults.collections;
    if (collectionsCell !== '') {
      collections = [];
      for (const part of listCell(collectionsCell)) {
        // 'Ops: EU' stays a name; 'Ops:manage' is a name and a permission (same rule as --collection).
        const { name, permission } = parseNameWithPermission(part, where('collections'));
        collections.push({ name, permission, where: where('collections') });
      }
    }
    entries.push({ email, role, groups, collections, where: `${label}:${line}` });
  }
  if (problems.length) throw csvError(problems);
  if (!entries.length) throw new InputError(`${label}: no members after the header row`);
  return entries;
}

function csvError(problems: string[]): InputError {
  const shown = problems.slice(0, MAX_REPORTED).join('; ');
  const more = problems.length > MAX_REPORTED ? ` (and ${problems.length - MAX_REPORTED} more)` : '';
  return new InputError(`${shown}${more}`, { hint: 'Nothing was sent. Fix the file and run the command again.' });
}

/** Collection flags `name[:permission]` as refs. */
export function collectionRefs(values: readonly string[], flag = '--collection'): CollectionRef[] {
  return values.map((value) => ({ ...parseNameWithPermission(value, flag), where: flag }));
}

export function groupRefs(values: readonly string[], flag = '--group'): NameRef[] {
  return values.map((value) => {
    const name = value.trim();
    if (name === '') throw new UsageError(`${flag}: empty group name`);
    return { name, where: flag };
  });
}

/** Splits into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One invite request to send: e-mails sharing the same role, permissions, groups and collections. */
export interface InviteBatch<S> {
  emails: string[];
  settings: S;
}

/**
 * Groups invitees whose request bodies would be identical apart from `emails`, then splits each
 * group into requests of at most `size` e-mails, in input order.
 */
export function batchInvites<S>(items: readonly { email: string; settings: S }[], size: number): InviteBatch<S>[] {
  const groups = new Map<string, { settings: S; emails: string[] }>();
  for (const item of items) {
    const key = stableKey(item.settings);
    const group = groups.get(key);
    if (group) group.emails.push(item.email);
    else groups.set(key, { settings: item.settings, emails: [item.email] });
  }
  return [...groups.values()].flatMap((g) => chunk(g.emails, size).map((emails) => ({ emails, settings: g.settings })));
}

/** JSON with sorted object keys, so equal settings give equal keys. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
