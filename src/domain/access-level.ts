/**
 * Permission words for collection access and the three flags the API stores (admin-api.md §4.2).
 * The web vault's labels map as: Can view = readOnly; Can view except passwords = readOnly +
 * hidePasswords; Can edit = no flag; Can edit except passwords = hidePasswords; Can manage = manage.
 */
import { UsageError } from '../errors.js';

export const PERMISSIONS = ['read-only', 'hide-passwords', 'edit', 'edit-hide-passwords', 'manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface AccessFlags {
  readOnly: boolean;
  hidePasswords: boolean;
  manage: boolean;
}

const FLAGS: Record<Permission, AccessFlags> = {
  'read-only': { readOnly: true, hidePasswords: false, manage: false },
  'hide-passwords': { readOnly: true, hidePasswords: true, manage: false },
  edit: { readOnly: false, hidePasswords: false, manage: false },
  'edit-hide-passwords': { readOnly: false, hidePasswords: true, manage: false },
  manage: { readOnly: false, hidePasswords: false, manage: true },
};

/** What each word means, for help texts. */
export const PERMISSION_HELP: Record<Permission, string> = {
  'read-only': 'can view items',
  'hide-passwords': 'can view items except passwords',
  edit: 'can view and edit items',
  'edit-hide-passwords': 'can edit items except passwords',
  manage: 'can edit items and manage the collection and its access',
};

export function permissionFlags(permission: Permission): AccessFlags {
  return { ...FLAGS[permission] };
}

/** The word for stored flags; `manage` wins over the others, as in the web vault. */
export function permissionOf(flags: AccessFlags): Permission {
  if (flags.manage) return 'manage';
  if (flags.readOnly) return flags.hidePasswords ? 'hide-passwords' : 'read-only';
  return flags.hidePasswords ? 'edit-hide-passwords' : 'edit';
}

export function isPermission(word: string): word is Permission {
  return (PERMISSIONS as readonly string[]).includes(word);
}

/** Parses a permission word (case-insensitive; `view` and `read` are accepted for read-only). */
export function parsePermission(word: string, flag: string): Permission {
  const normalised = word.trim().toLowerCase().replace(/[ _]/g, '-');
  const aliased = normalised === 'view' || normalised === 'read' || normalised === 'readonly' ? 'read-only' : normalised;
  if (isPermission(aliased)) return aliased;
  throw new UsageError(`${flag}: unknown permission '${word}'; use one of ${PERMISSIONS.join(', ')}`);
}

/**
 * Splits `name[:permission]`. The part after the last colon is a permission only when it is one
 * (so a collection named 'Ops: EU' stays whole); otherwise the whole value is the name.
 */
export function parseNameWithPermission(value: string, flag: string, fallback: Permission = 'edit'): { name: string; permission: Permission } {
  const at = value.lastIndexOf(':');
  if (at > 0) {
    const suffix = value.slice(at + 1).trim().toLowerCase();
    const candidate = suffix === 'view' || suffix === 'read' ? 'read-only' : suffix;
    if (isPermission(candidate)) return { name: value.slice(0, at).trim(), permission: candidate };
  }
  const name = value.trim();
  if (name === '') throw new UsageError(`${flag}: empty name`);
  return { name, permission: fallback };
}

export function sameAccess(a: AccessFlags, b: AccessFlags): boolean {
  return a.readOnly === b.readOnly && a.hidePasswords === b.hidePasswords && a.manage === b.manage;
}
