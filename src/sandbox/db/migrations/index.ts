/**
 * Numbered migrations, applied in order. Each is a TS module exporting its SQL so that the compiled
 * `dist/` needs no copy step. Never edit an applied migration; add the next number.
 */
import { sql as init001 } from './001-init.js';
import { sql as adminIndexes002 } from './002-admin-indexes.js';
import { sql as providers003 } from './003-providers.js';
import { sql as ssoScim004 } from './004-sso-scim.js';
import { sql as ciphers005 } from './005-ciphers.js';
import { sql as licensing006 } from './006-licensing.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001-init', sql: init001 },
  { version: 2, name: '002-admin-indexes', sql: adminIndexes002 },
  { version: 3, name: '003-providers', sql: providers003 },
  { version: 4, name: '004-sso-scim', sql: ssoScim004 },
  { version: 5, name: '005-ciphers', sql: ciphers005 },
  { version: 6, name: '006-licensing', sql: licensing006 },
];
