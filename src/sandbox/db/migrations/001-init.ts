/**
 * 001: the initial sandbox schema. Dates are ISO-8601 UTC strings, booleans are 0/1 integers,
 * GUIDs are lower-case text. Encrypted values (keys, names) are stored exactly as the client sent
 * them; the server cannot read them.
 */
export const sql = `
CREATE TABLE server_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  email_verified INTEGER NOT NULL DEFAULT 0,
  -- salted slow hash of the client's master password hash, never the client's value itself
  master_password TEXT,
  master_password_hint TEXT,
  master_password_salt TEXT,
  kdf INTEGER NOT NULL DEFAULT 0,
  kdf_iterations INTEGER NOT NULL DEFAULT 600000,
  kdf_memory INTEGER,
  kdf_parallelism INTEGER,
  key TEXT,
  public_key TEXT,
  private_key TEXT,
  user_key_id TEXT,
  security_stamp TEXT NOT NULL,
  api_key TEXT NOT NULL,
  premium INTEGER NOT NULL DEFAULT 0,
  culture TEXT NOT NULL DEFAULT 'en-US',
  avatar_color TEXT,
  two_factor_providers TEXT,
  force_password_reset INTEGER NOT NULL DEFAULT 0,
  verify_devices INTEGER NOT NULL DEFAULT 1,
  uses_key_connector INTEGER NOT NULL DEFAULT 0,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  account_revision_date TEXT NOT NULL,
  last_password_change_date TEXT,
  last_kdf_change_date TEXT,
  last_api_key_date TEXT
);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  identifier TEXT NOT NULL,
  type INTEGER NOT NULL,
  name TEXT NOT NULL,
  push_token TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  UNIQUE (user_id, identifier)
);

-- refresh tokens (stored as SHA-256), rotated on every use
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  device_id TEXT REFERENCES devices(id) ON DELETE SET NULL,
  client_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  security_stamp TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  creation_date TEXT NOT NULL,
  expiration_date TEXT NOT NULL,
  consumed_date TEXT
);
CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id);

-- one-time codes: e-mailed 2FA codes, new-device OTPs, 2FA setup codes, remember-me tokens (hashed)
CREATE TABLE auth_codes (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  device_identifier TEXT,
  data TEXT,
  creation_date TEXT NOT NULL,
  expiration_date TEXT NOT NULL,
  consumed_date TEXT
);
CREATE INDEX auth_codes_user ON auth_codes(user_id, purpose);

CREATE TABLE login_failures (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  locked_until TEXT
);

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  identifier TEXT UNIQUE,
  name TEXT NOT NULL,
  business_name TEXT,
  billing_email TEXT NOT NULL,
  plan TEXT NOT NULL,
  plan_type INTEGER NOT NULL,
  product_tier_type INTEGER NOT NULL DEFAULT 0,
  seats INTEGER,
  max_autoscale_seats INTEGER,
  max_collections INTEGER,
  max_storage_gb INTEGER,
  use_policies INTEGER NOT NULL DEFAULT 0,
  use_sso INTEGER NOT NULL DEFAULT 0,
  use_key_connector INTEGER NOT NULL DEFAULT 0,
  use_scim INTEGER NOT NULL DEFAULT 0,
  use_groups INTEGER NOT NULL DEFAULT 0,
  use_directory INTEGER NOT NULL DEFAULT 0,
  use_events INTEGER NOT NULL DEFAULT 0,
  use_totp INTEGER NOT NULL DEFAULT 0,
  use_2fa INTEGER NOT NULL DEFAULT 0,
  use_api INTEGER NOT NULL DEFAULT 0,
  use_reset_password INTEGER NOT NULL DEFAULT 0,
  use_secrets_manager INTEGER NOT NULL DEFAULT 0,
  use_password_manager INTEGER NOT NULL DEFAULT 1,
  users_get_premium INTEGER NOT NULL DEFAULT 0,
  use_custom_permissions INTEGER NOT NULL DEFAULT 0,
  use_risk_insights INTEGER NOT NULL DEFAULT 0,
  use_organization_domains INTEGER NOT NULL DEFAULT 0,
  use_admin_sponsored_families INTEGER NOT NULL DEFAULT 0,
  use_automatic_user_confirmation INTEGER NOT NULL DEFAULT 0,
  self_host INTEGER NOT NULL DEFAULT 0,
  sm_seats INTEGER,
  sm_service_accounts INTEGER,
  limit_collection_creation INTEGER NOT NULL DEFAULT 0,
  limit_collection_deletion INTEGER NOT NULL DEFAULT 0,
  limit_item_deletion INTEGER NOT NULL DEFAULT 0,
  allow_admin_access_to_all_collection_items INTEGER NOT NULL DEFAULT 1,
  status INTEGER NOT NULL DEFAULT 1,
  enabled INTEGER NOT NULL DEFAULT 1,
  public_key TEXT,
  private_key TEXT,
  license_key TEXT,
  expiration_date TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);

CREATE TABLE organization_api_keys (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  type INTEGER NOT NULL,
  api_key TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  UNIQUE (organization_id, type)
);

CREATE TABLE organization_users (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  email TEXT,
  key TEXT,
  reset_password_key TEXT,
  status INTEGER NOT NULL,
  type INTEGER NOT NULL,
  external_id TEXT,
  permissions TEXT,
  access_secrets_manager INTEGER NOT NULL DEFAULT 0,
  revocation_reason INTEGER,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  UNIQUE (organization_id, user_id)
);
CREATE INDEX organization_users_user ON organization_users(user_id);
CREATE INDEX organization_users_email ON organization_users(organization_id, email);

CREATE TABLE providers (
  id TEXT PRIMARY KEY,
  name TEXT,
  business_name TEXT,
  business_address1 TEXT,
  business_address2 TEXT,
  business_address3 TEXT,
  business_country TEXT,
  business_tax_number TEXT,
  billing_email TEXT,
  billing_phone TEXT,
  status INTEGER NOT NULL DEFAULT 0,
  type INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  use_events INTEGER NOT NULL DEFAULT 1,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);

CREATE TABLE provider_users (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  email TEXT,
  key TEXT,
  status INTEGER NOT NULL,
  type INTEGER NOT NULL,
  permissions TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  UNIQUE (provider_id, user_id)
);
CREATE INDEX provider_users_user ON provider_users(user_id);

CREATE TABLE provider_organizations (
  id TEXT PRIMARY KEY,
  provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  organization_id TEXT NOT NULL UNIQUE REFERENCES organizations(id) ON DELETE CASCADE,
  key TEXT,
  settings TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);
CREATE INDEX provider_organizations_provider ON provider_organizations(provider_id);

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  external_id TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);
CREATE INDEX groups_organization ON groups(organization_id);

CREATE TABLE group_users (
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  organization_user_id TEXT NOT NULL REFERENCES organization_users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, organization_user_id)
);

CREATE TABLE collections (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  external_id TEXT,
  type INTEGER NOT NULL DEFAULT 0,
  default_user_collection_email TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL
);
CREATE INDEX collections_organization ON collections(organization_id);

CREATE TABLE collection_users (
  collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  organization_user_id TEXT NOT NULL REFERENCES organization_users(id) ON DELETE CASCADE,
  read_only INTEGER NOT NULL DEFAULT 0,
  hide_passwords INTEGER NOT NULL DEFAULT 0,
  manage INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection_id, organization_user_id)
);

CREATE TABLE collection_groups (
  collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  read_only INTEGER NOT NULL DEFAULT 0,
  hide_passwords INTEGER NOT NULL DEFAULT 0,
  manage INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection_id, group_id)
);

CREATE TABLE policies (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  type INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  data TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  UNIQUE (organization_id, type)
);

-- events keep no foreign keys: they outlive what they describe
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  type INTEGER NOT NULL,
  user_id TEXT,
  organization_id TEXT,
  provider_id TEXT,
  cipher_id TEXT,
  collection_id TEXT,
  group_id TEXT,
  policy_id TEXT,
  organization_user_id TEXT,
  provider_user_id TEXT,
  provider_organization_id TEXT,
  acting_user_id TEXT,
  installation_id TEXT,
  device_type INTEGER,
  ip_address TEXT,
  system_user INTEGER,
  domain_name TEXT,
  send_id TEXT,
  date TEXT NOT NULL
);
CREATE INDEX events_organization ON events(organization_id, date);
CREATE INDEX events_provider ON events(provider_id, date);
CREATE INDEX events_user ON events(user_id, date);

CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  template TEXT NOT NULL,
  body_text TEXT NOT NULL,
  token TEXT,
  data TEXT,
  creation_date TEXT NOT NULL,
  sent_date TEXT,
  send_error TEXT
);
CREATE INDEX mail_outbox_to ON mail_outbox(to_address, creation_date);
`;
