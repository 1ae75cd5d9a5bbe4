/**
 * 004: SSO configurations (one per organization) and organization connections (SCIM, type 2),
 * admin-api.md §14. `data` and `config` are JSON object text.
 */
export const sql = `
CREATE TABLE sso_configs (
  organization_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);

CREATE TABLE organization_connections (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  type INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  config TEXT,
  UNIQUE (organization_id, type)
);
`;
