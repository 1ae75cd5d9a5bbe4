/** Accounts (`users`). */
import type { Database } from '../db/sqlite.js';
import { asRow, bool, changed, flag, int, intOrNull, str, strOrNull, type Row } from './rows.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
  /** Server-side hash of the client's master password hash (see auth/password-hash.ts). */
  masterPassword: string | null;
  masterPasswordHint: string | null;
  masterPasswordSalt: string | null;
  kdf: number;
  kdfIterations: number;
  kdfMemory: number | null;
  kdfParallelism: number | null;
  key: string | null;
  publicKey: string | null;
  privateKey: string | null;
  userKeyId: string | null;
  securityStamp: string;
  apiKey: string;
  premium: boolean;
  culture: string;
  avatarColor: string | null;
  /** JSON `{ "<providerType>": { "enabled": bool, "metaData": {...} } }` or null. */
  twoFactorProviders: string | null;
  forcePasswordReset: boolean;
  verifyDevices: boolean;
  usesKeyConnector: boolean;
  creationDate: string;
  revisionDate: string;
  accountRevisionDate: string;
  lastPasswordChangeDate: string | null;
  lastKdfChangeDate: string | null;
  lastApiKeyDate: string | null;
}

export type NewUser = Pick<
  UserRecord,
  | 'id'
  | 'email'
  | 'name'
  | 'emailVerified'
  | 'masterPassword'
  | 'masterPasswordHint'
  | 'masterPasswordSalt'
  | 'kdf'
  | 'kdfIterations'
  | 'kdfMemory'
  | 'kdfParallelism'
  | 'key'
  | 'publicKey'
  | 'privateKey'
  | 'securityStamp'
  | 'apiKey'
  | 'creationDate'
>;

export interface UserRepository {
  insert(user: NewUser): UserRecord;
  findById(id: string): UserRecord | undefined;
  /** Lookup by the normalised (trimmed, lower-cased) e-mail. */
  findByEmail(email: string): UserRecord | undefined;
  setKeyPair(id: string, publicKey: string, privateKey: string, date: string): void;
  setUserKeyId(id: string, userKeyId: string, date: string): void;
  setApiKey(id: string, apiKey: string, date: string): void;
  setTwoFactorProviders(id: string, providers: string | null, date: string): void;
  setEmailVerified(id: string, date: string): void;
  /** Bumps `account_revision_date` (what `GET /accounts/revision-date` reports) for these users. */
  touchAccountRevision(ids: readonly string[], date: string): void;
  count(): number;
}

function toUser(row: Row): UserRecord {
  return {
    id: str(row, 'id'),
    email: str(row, 'email'),
    name: strOrNull(row, 'name'),
    emailVerified: bool(row, 'email_verified'),
    masterPassword: strOrNull(row, 'master_password'),
    masterPasswordHint: strOrNull(row, 'master_password_hint'),
    masterPasswordSalt: strOrNull(row, 'master_password_salt'),
    kdf: int(row, 'kdf'),
    kdfIterations: int(row, 'kdf_iterations'),
    kdfMemory: intOrNull(row, 'kdf_memory'),
    kdfParallelism: intOrNull(row, 'kdf_parallelism'),
    key: strOrNull(row, 'key'),
    publicKey: strOrNull(row, 'public_key'),
    privateKey: strOrNull(row, 'private_key'),
    userKeyId: strOrNull(row, 'user_key_id'),
    securityStamp: str(row, 'security_stamp'),
    apiKey: str(row, 'api_key'),
    premium: bool(row, 'premium'),
    culture: str(row, 'culture'),
    avatarColor: strOrNull(row, 'avatar_color'),
    twoFactorProviders: strOrNull(row, 'two_factor_providers'),
    forcePasswordReset: bool(row, 'force_password_reset'),
    verifyDevices: bool(row, 'verify_devices'),
    usesKeyConnector: bool(row, 'uses_key_connector'),
    creationDate: str(row, 'creation_date'),
    revisionDate: str(row, 'revision_date'),
    accountRevisionDate: str(row, 'account_revision_date'),
    lastPasswordChangeDate: strOrNull(row, 'last_password_change_date'),
    lastKdfChangeDate: strOrNull(row, 'last_kdf_change_date'),
    lastApiKeyDate: strOrNull(row, 'last_api_key_date'),
  };
}

export function createUserRepository(db: Database): UserRepository {
  const insertStmt = db.prepare(`
    INSERT INTO users (id, email, name, email_verified, master_password, master_password_hint, master_password_salt,
      kdf, kdf_iterations, kdf_memory, kdf_parallelism, key, public_key, private_key, security_stamp, api_key,
      creation_date, revision_date, account_revision_date, last_password_change_date, last_kdf_change_date)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const setKeyPairStmt = db.prepare(
    'UPDATE users SET public_key = ?, private_key = ?, revision_date = ?, account_revision_date = ? WHERE id = ?',
  );
  const setUserKeyIdStmt = db.prepare('UPDATE users SET user_key_id = ?, revision_date = ? WHERE id = ?');
  const setApiKeyStmt = db.prepare('UPDATE users SET api_key = ?, last_api_key_date = ?, revision_date = ? WHERE id = ?');
  const setTwoFactorStmt = db.prepare(
    'UPDATE users SET two_factor_providers = ?, revision_date = ?, account_revision_date = ? WHERE id = ?',
  );
  const setEmailVerifiedStmt = db.prepare('UPDATE users SET email_verified = 1, revision_date = ? WHERE id = ?');
  const touchStmt = db.prepare('UPDATE users SET account_revision_date = ? WHERE id = ?');
  const countStmt = db.prepare('SELECT COUNT(*) AS n FROM users');

  function findById(id: string): UserRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    return row === undefined ? undefined : toUser(row);
  }

  return {
    insert(user) {
      insertStmt.run(
        user.id,
        user.email,
        user.name,
        flag(user.emailVerified),
        user.masterPassword,
        user.masterPasswordHint,
        user.masterPasswordSalt,
        user.kdf,
        user.kdfIterations,
        user.kdfMemory,
        user.kdfParallelism,
        user.key,
        user.publicKey,
        user.privateKey,
        user.securityStamp,
        user.apiKey,
        user.creationDate,
        user.creationDate,
        user.creationDate,
        user.creationDate,
        user.creationDate,
      );
      const stored = findById(user.id);
      if (stored === undefined) throw new Error('user insert failed');
      return stored;
    },
    findById,
    findByEmail(email) {
      const row = asRow(byEmail.get(email));
      return row === undefined ? undefined : toUser(row);
    },
    setKeyPair(id, publicKey, privateKey, date) {
      setKeyPairStmt.run(publicKey, privateKey, date, date, id);
    },
    setUserKeyId(id, userKeyId, date) {
      setUserKeyIdStmt.run(userKeyId, date, id);
    },
    setApiKey(id, apiKey, date) {
      setApiKeyStmt.run(apiKey, date, date, id);
    },
    setTwoFactorProviders(id, providers, date) {
      setTwoFactorStmt.run(providers, date, date, id);
    },
    setEmailVerified(id, date) {
      setEmailVerifiedStmt.run(date, id);
    },
    touchAccountRevision(ids, date) {
      for (const id of ids) changed(touchStmt.run(date, id));
    },
    count() {
      const row = asRow(countStmt.get());
      return row === undefined ? 0 : int(row, 'n');
    },
  };
}
