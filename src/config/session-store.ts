import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AuthError, InputError } from '../errors.js';
import { DIR_MODE, ensureConfigDir, FILE_MODE } from './paths.js';
import { AUTH_METHODS, describeIssues, validateProfileName } from './profile.js';

/**
 * Per-profile session files: `<configDir>/sessions/<profile>.json`, mode 0600 in a 0700 folder.
 * A session file holds tokens and ENCRYPTED keys only. The user key is never written in the clear:
 * `protectedUserKey` is wrapped by the stretched master key and `sessionProtectedUserKey` by a
 * random session key that is shown to the user once (BWMSP_SESSION) and never stored.
 */

export const SESSIONS_DIR = 'sessions';

/** An EncString (`<type>.<b64>[|<b64>[|<b64>]]`), so a raw key can never pass for a wrapped one. */
const B64 = '[A-Za-z0-9+/]+={0,2}';
const ENC_STRING = new RegExp(`^[0-7]\\.${B64}(\\|${B64}){0,2}$`);
const encString = z.string().regex(ENC_STRING, 'must be an EncString (<type>.<base64>|...)');
const positiveInt = z.number().int().positive();

export const sessionKdfSchema = z.strictObject({
  kdfType: z.union([z.literal(0), z.literal(1)]),
  iterations: positiveInt,
  memory: positiveInt.optional(),
  parallelism: positiveInt.optional(),
});

export const sessionSchema = z.strictObject({
  version: z.literal(1),
  /** Canonical server (`serverId`): `us`, `eu` or the self-hosted base URL. */
  server: z.string().min(1),
  userId: z.string().min(1),
  email: z.string().min(1).optional(),
  authMethod: z.enum(AUTH_METHODS),
  /** The API key's client_id (not secret); the client secret is never stored. */
  clientId: z.string().min(1).optional(),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }),
  kdf: sessionKdfSchema.optional(),
  salt: z.string().min(1).optional(),
  /** EncString of the user key under the stretched master key. */
  protectedUserKey: encString.optional(),
  /** EncString of the PKCS#8 private key under the user key. */
  encryptedPrivateKey: encString.optional(),
  /** EncString of the user key under the random session key (never stored). */
  sessionProtectedUserKey: encString.optional(),
  organizationId: z.string().min(1).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Fields to change; a field set to `undefined` is removed. `version` cannot be patched. */
export type SessionPatch = Partial<Omit<Session, 'version'>>;

/** A file or folder whose mode was too open and has been narrowed. */
export interface ModeRepair {
  path: string;
  /** The permission bits found (e.g. 0o644). */
  from: number;
  /** The permission bits set (0o600 or 0o700). */
  to: number;
}

export interface SessionReadResult {
  session: Session | undefined;
  /** Non-empty when the session file or folder was group/world accessible; the caller should warn. */
  repaired: ModeRepair[];
}

export interface SessionStore {
  /** The session, or `undefined` when there is none. Modes that are too open are repaired silently. */
  read(profile: string): Session | undefined;
  /** As `read`, and says which modes it had to repair so the caller can warn on stderr. */
  readWithStatus(profile: string): SessionReadResult;
  /** Atomic: a 0600 temp file in the same folder, fsync, rename. Refuses fields outside the schema. */
  write(profile: string, session: Session): void;
  /** Merge `patch` into the stored session. Throws `AuthError` when there is none. */
  update(profile: string, patch: SessionPatch): void;
  /** Deletes the session file; no error when there is none. */
  remove(profile: string): void;
  /** `<configDir>/sessions/<profile>.json`. Throws `UsageError` for an invalid profile name. */
  path(profile: string): string;
}

const POSIX = process.platform !== 'win32';
let tempCounter = 0;

function isNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ENOENT'
  );
}

function permissionBits(mode: number): number {
  return mode & 0o777;
}

/** A warning line for stderr: `fixed permissions of <path>: were 0644, now 0600`. */
export function describeModeRepair(repair: ModeRepair): string {
  const octal = (mode: number): string => `0${mode.toString(8).padStart(3, '0')}`;
  return `fixed permissions of ${repair.path}: were ${octal(repair.from)}, now ${octal(repair.to)}`;
}

export function createSessionStore(dir: string): SessionStore {
  const configRoot = path.resolve(dir);
  const sessionsDir = path.join(configRoot, SESSIONS_DIR);

  function sessionPath(profile: string): string {
    return path.join(sessionsDir, `${validateProfileName(profile)}.json`);
  }

  function checkOwner(target: string, stat: fs.Stats): void {
    const uid = process.getuid?.();
    if (POSIX && uid !== undefined && stat.uid !== uid) {
      throw new InputError(`${target} belongs to another user (uid ${stat.uid}); refusing to use it`, {
        hint: 'Remove it, or point BWMSP_CONFIG_DIR at a directory you own.',
      });
    }
  }

  /** Narrow `target` to `wanted` when group or others have any access. */
  function repairMode(target: string, stat: fs.Stats, wanted: number, repaired: ModeRepair[]): void {
    if (!POSIX) return;
    const bits = permissionBits(stat.mode);
    if ((bits & 0o077) !== 0) {
      fs.chmodSync(target, wanted);
      repaired.push({ path: target, from: bits, to: wanted });
    }
  }

  /** Checks the sessions folder; `false` when it does not exist. */
  function checkSessionsDir(repaired: ModeRepair[]): boolean {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(sessionsDir);
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
    if (!stat.isDirectory()) throw new InputError(`${sessionsDir} is not a directory`);
    checkOwner(sessionsDir, stat);
    repairMode(sessionsDir, stat, DIR_MODE, repaired);
    return true;
  }

  function ensureSessionsDir(): void {
    ensureConfigDir(configRoot);
    try {
      fs.mkdirSync(sessionsDir, { mode: DIR_MODE });
      // The umask can only narrow mkdir's mode; set it exactly.
      if (POSIX) fs.chmodSync(sessionsDir, DIR_MODE);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      checkSessionsDir([]);
    }
  }

  function parseSession(file: string, text: string): Session {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new InputError(`session file ${file} is not valid JSON`, {
        hint: "Run 'bwmsp logout' to remove it, then log in again.",
        cause: error,
      });
    }
    const parsed = sessionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new InputError(`session file ${file} is invalid: ${describeIssues(parsed.error)}`, {
        hint: "Run 'bwmsp logout' to remove it, then log in again.",
      });
    }
    return parsed.data;
  }

  function readWithStatus(profile: string): SessionReadResult {
    const file = sessionPath(profile);
    const repaired: ModeRepair[] = [];
    if (!checkSessionsDir(repaired)) return { session: undefined, repaired };

    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch (error) {
      if (isNotFound(error)) return { session: undefined, repaired };
      throw error;
    }
    if (!stat.isFile()) throw new InputError(`session file ${file} is not a regular file`);
    checkOwner(file, stat);
    repairMode(file, stat, FILE_MODE, repaired);
    return { session: parseSession(file, fs.readFileSync(file, 'utf8')), repaired };
  }

  function validForWrite(profile: string, session: unknown): Session {
    const parsed = sessionSchema.safeParse(session);
    if (!parsed.success) {
      // A bug in the caller, not user input: never write a field the schema does not know (it
      // could be a plaintext key) or a session that could not be read back.
      throw new TypeError(`refusing to write session for profile '${profile}': ${describeIssues(parsed.error)}`);
    }
    return parsed.data;
  }

  function atomicWrite(file: string, data: string): void {
    tempCounter += 1;
    const temp = path.join(sessionsDir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${tempCounter}.tmp`);
    // 'wx' creates a new file (never follows or reuses one) with mode 0600 from the first byte.
    const fd = fs.openSync(temp, 'wx', FILE_MODE);
    let renamed = false;
    try {
      try {
        if (POSIX) fs.fchmodSync(fd, FILE_MODE); // exact, whatever the umask
        fs.writeFileSync(fd, data, 'utf8');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
      renamed = true;
    } finally {
      if (!renamed) fs.rmSync(temp, { force: true });
    }
    syncDir(sessionsDir);
  }

  function write(profile: string, session: Session): void {
    const file = sessionPath(profile);
    const valid = validForWrite(profile, session);
    ensureSessionsDir();
    atomicWrite(file, `${JSON.stringify(valid, undefined, 2)}\n`);
  }

  return {
    path: sessionPath,
    readWithStatus,
    read(profile) {
      return readWithStatus(profile).session;
    },
    write,
    update(profile, patch) {
      const current = readWithStatus(profile).session;
      if (current === undefined) throw new AuthError(`not logged in with profile '${profile}'`);
      const merged: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'version') continue;
        if (value === undefined) delete merged[key];
        else merged[key] = value;
      }
      write(profile, validForWrite(profile, merged));
    },
    remove(profile) {
      fs.rmSync(sessionPath(profile), { force: true });
    },
  };
}

/** Persist a rename on POSIX file systems; best effort (not possible on Windows). */
function syncDir(dir: string): void {
  if (!POSIX) return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself has happened.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
