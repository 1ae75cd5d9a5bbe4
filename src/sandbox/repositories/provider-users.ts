/** Provider users (`provider_users`): invitations, memberships and their wrapped provider keys. */
import type { Database } from '../db/sqlite.js';
import { PROVIDER_USER_COLUMNS, toProviderUser, type ProviderUserRecord } from './providers.js';
import { prefixedColumns } from './organizations.js';
import { asRow, asRows, changed, int, str, strOrNull } from './rows.js';

/** A provider user with the linked account's name and e-mail (or the invited e-mail). */
export interface ProviderUserDetails extends ProviderUserRecord {
  name: string | null;
  /** The account's e-mail once linked, else the invited address. */
  accountEmail: string | null;
}

/** A provider user linked to an account that has a public key. */
export interface ProviderUserPublicKey {
  id: string;
  userId: string;
  publicKey: string;
}

/** Provider user columns an update may change. */
export type ProviderUserPatch = Partial<Pick<ProviderUserRecord, 'userId' | 'email' | 'key' | 'status' | 'type'>>;

export interface ProviderUserRepository {
  /** Every provider user of the provider, oldest first, with account name and e-mail. */
  listDetails(providerId: string): ProviderUserDetails[];
  /** The rows with these ids (any provider; unknown ids are skipped). */
  findMany(ids: readonly string[]): ProviderUserRecord[];
  /** Rows of the provider whose invited e-mail or linked account e-mail is `email` (normalised). */
  countByEmail(providerId: string, email: string): number;
  /** A row invited by e-mail and not yet linked to an account (the staff-created owner row). */
  findUnlinkedByEmail(providerId: string, email: string): ProviderUserRecord | undefined;
  /** A Pending provider whose owner row was created for this e-mail and is not linked to an account yet. */
  findPendingSetupByEmail(email: string): string | undefined;
  update(id: string, patch: ProviderUserPatch, revisionDate: string): ProviderUserRecord;
  deleteMany(ids: readonly string[]): number;
  /** Confirmed ProviderAdmin rows of the provider other than `exceptIds`. */
  countConfirmedAdminsExcept(providerId: string, exceptIds: readonly string[]): number;
  /** Public keys of the provider's users among `ids` that are linked to an account with a key. */
  listPublicKeys(providerId: string, ids: readonly string[]): ProviderUserPublicKey[];
}

export function createProviderUserRepository(db: Database): ProviderUserRepository {
  const detailsStmt = db.prepare(`
    SELECT ${prefixedColumns('pu', PROVIDER_USER_COLUMNS, '')}, u.name AS account_name,
      COALESCE(u.email, pu.email) AS account_email
    FROM provider_users pu LEFT JOIN users u ON u.id = pu.user_id
    WHERE pu.provider_id = ?
    ORDER BY pu.creation_date, pu.rowid`);
  const byIdStmt = db.prepare('SELECT * FROM provider_users WHERE id = ?');
  const countByEmailStmt = db.prepare(`
    SELECT COUNT(*) AS n FROM provider_users pu LEFT JOIN users u ON u.id = pu.user_id
    WHERE pu.provider_id = ?1 AND (LOWER(pu.email) = ?2 OR LOWER(u.email) = ?2)`);
  const unlinkedStmt = db.prepare(
    'SELECT * FROM provider_users WHERE provider_id = ? AND user_id IS NULL AND LOWER(email) = ? ORDER BY creation_date LIMIT 1',
  );
  const pendingSetupStmt = db.prepare(`
    SELECT p.id AS provider_id FROM provider_users pu JOIN providers p ON p.id = pu.provider_id
    WHERE pu.user_id IS NULL AND LOWER(pu.email) = ? AND pu.type = 0 AND pu.status = 2 AND p.status = 0
    ORDER BY p.creation_date LIMIT 1`);
  const deleteStmt = db.prepare('DELETE FROM provider_users WHERE id = ?');
  const confirmedAdminsStmt = db.prepare(
    'SELECT id FROM provider_users WHERE provider_id = ? AND type = 0 AND status = 2',
  );
  const publicKeyStmt = db.prepare(`
    SELECT pu.id AS id, pu.user_id AS user_id, u.public_key AS public_key
    FROM provider_users pu JOIN users u ON u.id = pu.user_id
    WHERE pu.provider_id = ? AND pu.id = ? AND u.public_key IS NOT NULL`);

  function findById(id: string): ProviderUserRecord | undefined {
    const row = asRow(byIdStmt.get(id.toLowerCase()));
    return row === undefined ? undefined : toProviderUser(row);
  }

  return {
    listDetails(providerId) {
      return asRows(detailsStmt.all(providerId.toLowerCase())).map((row) => ({
        ...toProviderUser(row),
        name: strOrNull(row, 'account_name'),
        accountEmail: strOrNull(row, 'account_email'),
      }));
    },
    findMany(ids) {
      const out: ProviderUserRecord[] = [];
      const seen = new Set<string>();
      for (const id of ids) {
        const key = id.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const record = findById(key);
        if (record !== undefined) out.push(record);
      }
      return out;
    },
    countByEmail(providerId, email) {
      const row = asRow(countByEmailStmt.get(providerId.toLowerCase(), email.trim().toLowerCase()));
      return row === undefined ? 0 : int(row, 'n');
    },
    findUnlinkedByEmail(providerId, email) {
      const row = asRow(unlinkedStmt.get(providerId.toLowerCase(), email.trim().toLowerCase()));
      return row === undefined ? undefined : toProviderUser(row);
    },
    findPendingSetupByEmail(email) {
      const row = asRow(pendingSetupStmt.get(email.trim().toLowerCase()));
      return row === undefined ? undefined : str(row, 'provider_id');
    },
    update(id, patch, revisionDate) {
      const columns: Record<keyof ProviderUserPatch, string> = {
        userId: 'user_id',
        email: 'email',
        key: 'key',
        status: 'status',
        type: 'type',
      };
      const sets: string[] = [];
      const values: (string | number | null)[] = [];
      for (const [field, column] of Object.entries(columns) as [keyof ProviderUserPatch, string][]) {
        if (!(field in patch)) continue;
        const value = patch[field];
        if (value === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(value);
      }
      db.prepare(`UPDATE provider_users SET ${[...sets, 'revision_date = ?'].join(', ')} WHERE id = ?`).run(
        ...values,
        revisionDate,
        id.toLowerCase(),
      );
      const stored = findById(id);
      if (stored === undefined) throw new Error('provider user update failed: no such row');
      return stored;
    },
    deleteMany(ids) {
      let count = 0;
      for (const id of ids) count += changed(deleteStmt.run(id.toLowerCase()));
      return count;
    },
    countConfirmedAdminsExcept(providerId, exceptIds) {
      const except = new Set(exceptIds.map((id) => id.toLowerCase()));
      return asRows(confirmedAdminsStmt.all(providerId.toLowerCase())).filter((row) => !except.has(str(row, 'id')))
        .length;
    },
    listPublicKeys(providerId, ids) {
      const out: ProviderUserPublicKey[] = [];
      const seen = new Set<string>();
      for (const id of ids) {
        const key = id.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const row = asRow(publicKeyStmt.get(providerId.toLowerCase(), key));
        if (row === undefined) continue;
        out.push({ id: str(row, 'id'), userId: str(row, 'user_id'), publicKey: str(row, 'public_key') });
      }
      return out;
    },
  };
}
