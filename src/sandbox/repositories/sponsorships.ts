/** Families-for-Enterprise sponsorships (`organization_sponsorships`, licensing-and-selfhost.md §4.4). */
import type { Database } from '../db/sqlite.js';
import { asRow, asRows, bool, flag, int, str, strOrNull, type Row } from './rows.js';

export interface SponsorshipRecord {
  id: string;
  sponsoringOrganizationId: string | null;
  /** A local membership id, or on the cloud the self-hosted server's membership id (§4.3). */
  sponsoringOrganizationUserId: string;
  sponsoredOrganizationId: string | null;
  friendlyName: string | null;
  offeredToEmail: string | null;
  planSponsorshipType: number;
  lastSyncDate: string | null;
  validUntil: string | null;
  toDelete: boolean;
  isAdminInitiated: boolean;
  notes: string | null;
}

export interface SponsorshipRepository {
  findById(id: string): SponsorshipRecord | undefined;
  listBySponsoringOrganization(organizationId: string): SponsorshipRecord[];
  findBySponsoringMember(organizationUserId: string): SponsorshipRecord | undefined;
  /** Inserts or replaces by id. */
  upsert(sponsorship: SponsorshipRecord): SponsorshipRecord;
  delete(id: string): void;
  /** Newest non-null `lastSyncDate` of the organization's sponsorships (sync-status). */
  latestSyncDate(organizationId: string): string | null;
}

function toSponsorship(row: Row): SponsorshipRecord {
  return {
    id: str(row, 'id'),
    sponsoringOrganizationId: strOrNull(row, 'sponsoring_organization_id'),
    sponsoringOrganizationUserId: str(row, 'sponsoring_organization_user_id'),
    sponsoredOrganizationId: strOrNull(row, 'sponsored_organization_id'),
    friendlyName: strOrNull(row, 'friendly_name'),
    offeredToEmail: strOrNull(row, 'offered_to_email'),
    planSponsorshipType: int(row, 'plan_sponsorship_type'),
    lastSyncDate: strOrNull(row, 'last_sync_date'),
    validUntil: strOrNull(row, 'valid_until'),
    toDelete: bool(row, 'to_delete'),
    isAdminInitiated: bool(row, 'is_admin_initiated'),
    notes: strOrNull(row, 'notes'),
  };
}

export function createSponsorshipRepository(db: Database): SponsorshipRepository {
  const byId = db.prepare('SELECT * FROM organization_sponsorships WHERE id = ?');
  const byOrg = db.prepare('SELECT * FROM organization_sponsorships WHERE sponsoring_organization_id = ? ORDER BY friendly_name, id');
  const byMember = db.prepare('SELECT * FROM organization_sponsorships WHERE sponsoring_organization_user_id = ? ORDER BY id LIMIT 1');
  const upsertStmt = db.prepare(
    `INSERT INTO organization_sponsorships (id, sponsoring_organization_id, sponsoring_organization_user_id, sponsored_organization_id,
       friendly_name, offered_to_email, plan_sponsorship_type, last_sync_date, valid_until, to_delete, is_admin_initiated, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET sponsoring_organization_id = excluded.sponsoring_organization_id,
       sponsoring_organization_user_id = excluded.sponsoring_organization_user_id, sponsored_organization_id = excluded.sponsored_organization_id,
       friendly_name = excluded.friendly_name, offered_to_email = excluded.offered_to_email, plan_sponsorship_type = excluded.plan_sponsorship_type,
       last_sync_date = excluded.last_sync_date, valid_until = excluded.valid_until, to_delete = excluded.to_delete,
       is_admin_initiated = excluded.is_admin_initiated, notes = excluded.notes`,
  );
  const deleteStmt = db.prepare('DELETE FROM organization_sponsorships WHERE id = ?');
  const latest = db.prepare('SELECT MAX(last_sync_date) AS latest FROM organization_sponsorships WHERE sponsoring_organization_id = ?');
  function findById(id: string): SponsorshipRecord | undefined {
    const row = asRow(byId.get(id.toLowerCase()));
    return row === undefined ? undefined : toSponsorship(row);
  }
  return {
    findById,
    listBySponsoringOrganization(organizationId) {
      return asRows(byOrg.all(organizationId.toLowerCase())).map(toSponsorship);
    },
    findBySponsoringMember(organizationUserId) {
      const row = asRow(byMember.get(organizationUserId.toLowerCase()));
      return row === undefined ? undefined : toSponsorship(row);
    },
    upsert(s) {
      upsertStmt.run(
        s.id,
        s.sponsoringOrganizationId,
        s.sponsoringOrganizationUserId.toLowerCase(),
        s.sponsoredOrganizationId,
        s.friendlyName,
        s.offeredToEmail,
        s.planSponsorshipType,
        s.lastSyncDate,
        s.validUntil,
        flag(s.toDelete),
        flag(s.isAdminInitiated),
        s.notes,
      );
      const stored = findById(s.id);
      if (stored === undefined) throw new Error('sponsorship write failed');
      return stored;
    },
    delete(id) {
      deleteStmt.run(id.toLowerCase());
    },
    latestSyncDate(organizationId) {
      const row = asRow(latest.get(organizationId.toLowerCase()));
      return row === undefined ? null : strOrNull(row, 'latest');
    },
  };
}
