/**
 * 005: organization vault items (admin-api.md §9) and their collection links. `data` is the JSON of
 * the encrypted request fields as received (name, notes, fields, passwordHistory and the typed
 * login / card / identity / secureNote object): EncStrings only, never plaintext. The sandbox
 * stores only organization ciphers (imports); personal vaults are out of its scope.
 */
export const sql = `
CREATE TABLE ciphers (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  type INTEGER NOT NULL,
  data TEXT NOT NULL,
  favorite INTEGER NOT NULL DEFAULT 0,
  reprompt INTEGER NOT NULL DEFAULT 0,
  key TEXT,
  creation_date TEXT NOT NULL,
  revision_date TEXT NOT NULL,
  deleted_date TEXT
);
CREATE INDEX ciphers_organization ON ciphers(organization_id);

CREATE TABLE collection_ciphers (
  collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  cipher_id TEXT NOT NULL REFERENCES ciphers(id) ON DELETE CASCADE,
  PRIMARY KEY (collection_id, cipher_id)
);
CREATE INDEX collection_ciphers_cipher ON collection_ciphers(cipher_id);
`;
