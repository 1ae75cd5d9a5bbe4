import { z } from 'zod';
import { NotFoundError, UsageError } from '../errors.js';
import { resolveServer } from './servers.js';

/**
 * Profiles: the types, validation and behaviour shared by every `ConfigStore` (the conf-backed one
 * in `profile-store.ts` and `MemoryConfigStore` in the tests). This file does not load `conf`.
 */

export const PROFILE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const AUTH_METHODS = ['password', 'apikey', 'org-apikey'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface Profile {
  name: string;
  /** `us`, `eu` or the base URL of a self-hosted server. */
  server: string;
  /** Default provider id. */
  provider?: string;
  /** Default organization id. */
  org?: string;
  /** PEM file of extra CA certificates for this server. */
  caFile?: string;
  email?: string;
  authMethod?: AuthMethod;
}

export interface ConfigStore {
  /** The config directory (`BWMSP_CONFIG_DIR` or the platform default). */
  readonly dir: string;
  /** All profiles, sorted by name. */
  listProfiles(): Profile[];
  getProfile(name: string): Profile | undefined;
  /** Adds or replaces the profile. Throws `UsageError` for an invalid name, server or field. */
  saveProfile(p: Profile): void;
  /** Throws `NotFoundError` when there is no such profile. Clears the active profile if it was this one. */
  removeProfile(name: string): void;
  getActiveProfile(): string | undefined;
  /** `undefined` clears it. Throws `NotFoundError` when the named profile does not exist. */
  setActiveProfile(name: string | undefined): void;
}

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/** Returns the name, or throws `UsageError` naming it. */
export function validateProfileName(name: string): string {
  if (!isValidProfileName(name)) {
    throw new UsageError(`invalid profile name '${name}'`, {
      hint:
        "A profile name is 1-64 characters: lower-case letters, digits, '.', '_' and '-', " +
        'starting with a letter or digit (e.g. acme-eu).',
    });
  }
  return name;
}

function isUsableServer(server: string): boolean {
  try {
    resolveServer(server);
    return true;
  } catch {
    return false;
  }
}

export const profileNameSchema = z
  .string()
  .regex(PROFILE_NAME_PATTERN, 'must be 1-64 of a-z 0-9 . _ - starting with a letter or digit');

/** A profile as stored in the config file: keyed by name, so the name is not repeated inside. */
export const storedProfileSchema = z.strictObject({
  server: z.string().refine(isUsableServer, "must be 'us', 'eu' or an http(s) URL"),
  provider: z.string().min(1).optional(),
  org: z.string().min(1).optional(),
  caFile: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  authMethod: z.enum(AUTH_METHODS).optional(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** The whole config document (`config.json`). */
export const configDocumentSchema = z.strictObject({
  version: z.literal(1).optional(),
  activeProfile: profileNameSchema.optional(),
  profiles: z.record(profileNameSchema, storedProfileSchema).default({}),
});
export type ConfigDocument = z.infer<typeof configDocumentSchema>;

/** One line per zod issue: `profiles.acme.server: must be ...`. Never includes the value. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    })
    .join('; ');
}

function profileFromStored(name: string, stored: StoredProfile): Profile {
  const profile: Profile = { name, server: stored.server };
  if (stored.provider !== undefined) profile.provider = stored.provider;
  if (stored.org !== undefined) profile.org = stored.org;
  if (stored.caFile !== undefined) profile.caFile = stored.caFile;
  if (stored.email !== undefined) profile.email = stored.email;
  if (stored.authMethod !== undefined) profile.authMethod = stored.authMethod;
  return profile;
}

/** Checks a profile before it is saved; throws `UsageError` naming the bad field. */
export function toStoredProfile(p: Profile): StoredProfile {
  validateProfileName(p.name);
  resolveServer(p.server); // UsageError naming the server
  const { name: _name, ...fields } = p;
  const parsed = storedProfileSchema.safeParse(fields);
  if (!parsed.success) {
    throw new UsageError(`invalid profile '${p.name}': ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

export function profileNotFound(name: string, existing: readonly string[]): NotFoundError {
  const hint =
    existing.length === 0
      ? "No profiles yet. Create one with 'bwmsp profile add'."
      : `Existing profiles: ${existing.join(', ')}. Create one with 'bwmsp profile add'.`;
  return new NotFoundError(`profile '${name}' not found`, { hint });
}

/** Where a `ConfigStore` keeps its document: a file through conf, or memory in tests. */
export interface ConfigBackend {
  /** The current document (already validated). */
  load(): ConfigDocument;
  save(doc: ConfigDocument): void;
}

/** The `ConfigStore` behaviour over any backend, so every store behaves the same. */
export function configStoreOver(dir: string, backend: ConfigBackend): ConfigStore {
  const names = (doc: ConfigDocument): string[] => Object.keys(doc.profiles).sort();
  const lookup = (doc: ConfigDocument, name: string): StoredProfile | undefined =>
    Object.hasOwn(doc.profiles, name) ? doc.profiles[name] : undefined;

  return {
    dir,
    listProfiles() {
      const doc = backend.load();
      return names(doc).flatMap((name) => {
        const stored = lookup(doc, name);
        return stored === undefined ? [] : [profileFromStored(name, stored)];
      });
    },
    getProfile(name) {
      if (!isValidProfileName(name)) return undefined;
      const stored = lookup(backend.load(), name);
      return stored === undefined ? undefined : profileFromStored(name, stored);
    },
    saveProfile(p) {
      const stored = toStoredProfile(p);
      const doc = backend.load();
      backend.save({ ...doc, version: 1, profiles: { ...doc.profiles, [p.name]: stored } });
    },
    removeProfile(name) {
      validateProfileName(name);
      const doc = backend.load();
      if (lookup(doc, name) === undefined) throw profileNotFound(name, names(doc));
      const profiles = { ...doc.profiles };
      delete profiles[name];
      const next: ConfigDocument = { ...doc, version: 1, profiles };
      if (next.activeProfile === name) delete next.activeProfile;
      backend.save(next);
    },
    getActiveProfile() {
      return backend.load().activeProfile;
    },
    setActiveProfile(name) {
      const doc = backend.load();
      const next: ConfigDocument = { ...doc, version: 1 };
      if (name === undefined) {
        delete next.activeProfile;
      } else {
        validateProfileName(name);
        if (lookup(doc, name) === undefined) throw profileNotFound(name, names(doc));
        next.activeProfile = name;
      }
      backend.save(next);
    },
  };
}
