/**
 * 007: Families-for-Enterprise sponsorships (licensing-and-selfhost.md §4.4). On the cloud,
 * rows synced from a self-hosted server carry that server's organization-user id in
 * `sponsoring_organization_user_id` (no local row), so the column has no foreign key. Dates are
 * ISO strings; `sponsored_organization_id` is set once redeemed.
 */
export const sql = `
CREATE TABLE organization_sponsorships (
  id TEXT PRIMARY KEY,
  sponsoring_organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
  sponsoring_organization_user_id TEXT NOT NULL,
  sponsored_organization_id TEXT,
  friendly_name TEXT,
  offered_to_email TEXT,
  plan_sponsorship_type INTEGER NOT NULL DEFAULT 0,
  last_sync_date TEXT,
  valid_until TEXT,
  to_delete INTEGER NOT NULL DEFAULT 0,
  is_admin_initiated INTEGER NOT NULL DEFAULT 0,
  notes TEXT
);
CREATE INDEX organization_sponsorships_sponsoring ON organization_sponsorships (sponsoring_organization_id);
CREATE INDEX organization_sponsorships_member ON organization_sponsorships (sponsoring_organization_user_id);
`;
