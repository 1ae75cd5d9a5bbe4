/**
 * 006: licensing (licensing-and-selfhost.md §1, §2, §5).
 * - `installations`: self-hosted installations registered with the cloud (`POST installations`); the key
 *   is stored as its SHA-256 (hex), as the official server does.
 * - `organization_installations`: which installation downloaded a license of which organization (§1.1).
 * - organizations: `self_host_license` holds the last accepted license file of a self-hosted
 *   organization (PascalCase JSON text, as the official server writes it under
 *   `licenses/organization/<orgId>.json`), `last_license_sync` is for billing sync.
 * Every organization gets a 20-character alphanumeric license key if it has none.
 * (Billing-sync and sponsorship tables come with 007.)
 */
export const sql = `
CREATE TABLE installations (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL,
  email TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  creation_date TEXT NOT NULL,
  last_activity_date TEXT
);

CREATE TABLE organization_installations (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  installation_id TEXT NOT NULL UNIQUE REFERENCES installations(id) ON DELETE CASCADE,
  creation_date TEXT NOT NULL,
  revision_date TEXT
);

ALTER TABLE organizations ADD COLUMN self_host_license TEXT;

UPDATE organizations SET license_key = substr(hex(randomblob(10)), 1, 20) WHERE license_key IS NULL OR license_key = '';
`;
