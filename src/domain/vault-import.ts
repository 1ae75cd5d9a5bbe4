/**
 * `client import`: parsed items → CipherRequests encrypted with the organization key → the
 * organization import route (admin-api.md §9.1), in batches.
 *
 * - Collections are matched by decrypted name: an existing one is sent with its id (reused), a
 *   missing one without id (the route creates it). The route returns no ids, so after a batch that
 *   created collections they are read back before the next batch names them again.
 * - Re-runs converge: an item whose (name, username, first URI) already exists in the organization
 *   (read back through organization-details and decrypted) is skipped. The server has no dedup.
 * - Batches of {@link IMPORT_BATCH_SIZE} ciphers: far under the cloud limit of 40 000 per request,
 *   small enough that one request body stays around a megabyte (every field is an EncString, 3–4x
 *   its plaintext), that progress shows on large vaults, and that a failed batch loses little; each
 *   batch is one POST, well inside the 5 POST/s rate limit.
 * - Everything is validated and encrypted before the first request: a bad item sends nothing.
 */
import { ApiError } from '../api/errors.js';
import {
  importOrganizationCiphers,
  listOrganizationCiphers,
  type CipherRequest,
  type CipherResponse,
  type ImportCollection,
} from '../api/endpoints/ciphers.js';
import { CryptoError, decryptString, encryptString, unwrapSymmetricKey, type SymmetricKey } from '../crypto/index.js';
import { AuthError, InputError, UsageError, type ItemFailure } from '../errors.js';
import { IDENTITY_FIELDS } from '../protocol/cipher.js';
import type { AdminOrg } from './admin-org.js';
import { loadCollections, MAX_ENCRYPTED_NAME, validateCollectionName, type Warn } from './collection.js';
import type { ImportItem } from './importers/index.js';

export const IMPORT_BATCH_SIZE = 500;

const TYPE_NUMBER = { login: 1, note: 2, card: 3, identity: 4 } as const;

/** `[EncryptedStringLength]` limits of CipherRequestModel and its parts (admin-api.md §9.2). */
const LIMITS = { name: 1000, notes: 10_000, username: 1000, password: 5000, totp: 1000, uri: 10_000, fieldName: 1000, fieldValue: 5000, card: 1000, identity: 1000 } as const;

export interface ImportPlanItem {
  item: ImportItem;
  /** Collection names after the --collection default. */
  collections: string[];
  skipped: boolean;
}

export interface ImportSummary {
  client: string;
  organizationId: string;
  dryRun: boolean;
  /** Items in the file. */
  items: number;
  imported: number;
  /** Already in the organization (same name, username and first URI). */
  skipped: number;
  collectionsCreated: string[];
  collectionsReused: string[];
  batches: number;
  batchSize: number;
  failures: ItemFailure[];
}

/** The identity of an item for "already imported": name, username, first URI. */
function itemKey(name: string, username: string | null, uri: string | null): string {
  return JSON.stringify([name, username ?? '', uri ?? '']);
}

function decryptOrNull(enc: string | null | undefined, key: SymmetricKey): string | null {
  if (enc === null || enc === undefined) return null;
  return decryptString(enc, key);
}

/** Keys of the ciphers already in the organization (undecryptable ones are reported and ignored). */
function existingKeys(ciphers: readonly CipherResponse[], key: SymmetricKey, warn: Warn): Set<string> {
  const keys = new Set<string>();
  for (const cipher of ciphers) {
    if (cipher.deletedDate) continue;
    try {
      // Items made by newer clients carry their own key, wrapped by the organization key.
      const itemKeyMaterial = cipher.key ? unwrapSymmetricKey(cipher.key, key) : key;
      const name = decryptOrNull(cipher.name, itemKeyMaterial);
      if (name === null) continue;
      const login = cipher.login;
      keys.add(itemKey(name, decryptOrNull(login?.username, itemKeyMaterial), decryptOrNull(login?.uris?.[0]?.uri ?? login?.uri, itemKeyMaterial)));
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      warn(`could not decrypt item ${cipher.id}; it is not considered when skipping existing items`);
    }
  }
  return keys;
}

function encryptField(item: ImportItem, field: string, text: string | null, key: SymmetricKey, limit: number): string | null {
  if (text === null) return null;
  const enc = encryptString(text, key);
  if (enc.length > limit) {
    throw new InputError(`${item.source}: field ${field} is too long (${enc.length} encrypted characters, Bitwarden allows ${limit})`);
  }
  return enc;
}

/** One item as an encrypted CipherRequest (throws InputError naming the item and field). */
export function toCipherRequest(item: ImportItem, orgId: string, key: SymmetricKey): CipherRequest {
  const e = (field: string, text: string | null | undefined, limit: number) => encryptField(item, field, text ?? null, key, limit);
  const request: CipherRequest = {
    type: TYPE_NUMBER[item.type],
    organizationId: orgId,
    name: e('name', item.name, LIMITS.name) as string,
    notes: e('notes', item.notes, LIMITS.notes),
    // Favorites are per user; Bitwarden's importers never mark organization items as favorites.
    favorite: false,
    reprompt: item.reprompt,
    fields: item.fields.length
      ? item.fields.map((f, i) => ({ type: f.type, name: e(`fields[${i}].name`, f.name, LIMITS.fieldName), value: e(`fields[${i}].value`, f.value, LIMITS.fieldValue), linkedId: null }))
      : null,
  };
  if (item.type === 'login') {
    const login = item.login ?? { username: null, password: null, totp: null, uris: [] };
    request.login = {
      username: e('login.username', login.username, LIMITS.username),
      password: e('login.password', login.password, LIMITS.password),
      totp: e('login.totp', login.totp, LIMITS.totp),
      uris: login.uris.map((uri, i) => ({ uri: e(`login.uris[${i}]`, uri, LIMITS.uri), match: null })),
    };
  } else if (item.type === 'note') {
    request.secureNote = { type: 0 };
  } else if (item.type === 'card') {
    const card = item.card;
    request.card = {
      cardholderName: e('card.cardholderName', card?.cardholderName, LIMITS.card),
      brand: e('card.brand', card?.brand, LIMITS.card),
      number: e('card.number', card?.number, LIMITS.card),
      expMonth: e('card.expMonth', card?.expMonth, LIMITS.card),
      expYear: e('card.expYear', card?.expYear, LIMITS.card),
      code: e('card.code', card?.code, LIMITS.card),
    };
  } else {
    request.identity = Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, e(`identity.${f}`, item.identity?.[f], LIMITS.identity)]));
  }
  return request;
}

export interface ImportRunOptions {
  /** Collection for items that name none (`--collection`). */
  defaultCollection?: string | undefined;
  dryRun: boolean;
  batchSize?: number;
  warn: Warn;
  progress?: (message: string) => void;
}

/** The collections each item goes to: its own, else the default; names validated. */
function collectionsOf(item: ImportItem, fallback: string | undefined): string[] {
  const names = item.collections.length ? item.collections : fallback ? [fallback] : [];
  return [...new Set(names.map((n) => {
    try {
      return validateCollectionName(n, 'collection');
    } catch (error) {
      if (error instanceof UsageError) throw new InputError(`${item.source}: field collections: ${error.message.replace(/^collection: /, '')}`);
      throw error;
    }
  }))];
}

/** Decrypted collection names → ids (the first of equal names wins). */
async function collectionIds(org: AdminOrg, warn: Warn): Promise<Map<string, { id: string; encryptedName: string }>> {
  const out = new Map<string, { id: string; encryptedName: string }>();
  for (const c of await loadCollections(org, warn)) {
    if (c.name !== null && c.encryptedName !== null && !out.has(c.name)) out.set(c.name, { id: c.id, encryptedName: c.encryptedName });
  }
  return out;
}

function isPermissionRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && /not enough privileges/i.test(error.serverMessage ?? error.message);
}

export async function importItems(org: AdminOrg, items: readonly ImportItem[], options: ImportRunOptions): Promise<ImportSummary> {
  if (!org.orgKey) throw new UsageError('importing encrypts every item with the organization key; unlock the vault (BWMSP_SESSION)');
  const key = org.orgKey;
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const defaultCollection = options.defaultCollection === undefined ? undefined : validateCollectionName(options.defaultCollection, '--collection');

  // 1. Validate and encrypt everything before any request.
  const planned = items.map((item) => ({ item, collections: collectionsOf(item, defaultCollection), request: toCipherRequest(item, org.orgId, key) }));

  // 2. What the organization already holds.
  let known = await collectionIds(org, options.warn);
  const existing = existingKeys(await listOrganizationCiphers(org.api, org.orgId), key, options.warn);
  const todo = planned.filter((p) => !existing.has(itemKey(p.item.name, p.item.login?.username ?? null, p.item.login?.uris[0] ?? null)));
  const wanted = [...new Set(todo.flatMap((p) => p.collections))];
  // New collection names, encrypted once and checked against the 1000-character limit up front.
  const newNames = new Map<string, string>();
  for (const name of wanted.filter((n) => !known.has(n))) {
    const enc = encryptString(name, key);
    if (enc.length > MAX_ENCRYPTED_NAME) {
      throw new InputError(`collection '${name.slice(0, 40)}…' is too long (${enc.length} encrypted characters, Bitwarden allows ${MAX_ENCRYPTED_NAME})`);
    }
    newNames.set(name, enc);
  }
  const summary: ImportSummary = {
    client: org.name,
    organizationId: org.orgId,
    dryRun: options.dryRun,
    items: items.length,
    imported: 0,
    skipped: planned.length - todo.length,
    collectionsCreated: wanted.filter((n) => !known.has(n)),
    collectionsReused: wanted.filter((n) => known.has(n)),
    batches: Math.ceil(todo.length / batchSize),
    batchSize,
    failures: [],
  };
  if (options.dryRun) {
    summary.imported = todo.length;
    return summary;
  }

  // 3. Send in batches.
  for (let start = 0, batch = 1; start < todo.length; start += batchSize, batch += 1) {
    const slice = todo.slice(start, start + batchSize);
    const names = [...new Set(slice.flatMap((p) => p.collections))];
    const collections: ImportCollection[] = names.map((name) => {
      const found = known.get(name);
      return found ? { id: found.id, name: found.encryptedName, externalId: null, groups: [], users: [] } : { name: newNames.get(name) ?? encryptString(name, key), externalId: null, groups: [], users: [] };
    });
    const index = new Map(names.map((n, i) => [n, i]));
    const collectionRelationships = slice.flatMap((p, i) => p.collections.map((n) => ({ key: i, value: index.get(n) as number })));
    options.progress?.(`Importing batch ${batch}/${summary.batches} (${slice.length} item${slice.length === 1 ? '' : 's'})`);
    try {
      await importOrganizationCiphers(org.api, org.orgId, { ciphers: slice.map((p) => p.request), collections, collectionRelationships, folders: [], folderRelationships: [] });
      summary.imported += slice.length;
    } catch (error) {
      if (summary.imported === 0 && (isPermissionRefusal(error) || error instanceof AuthError)) {
        throw new AuthError(`the server refused the import into ${org.name}: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'Importing needs Owner, Admin, a custom role with "Import/export", or a provider user of the client.',
          cause: error,
        });
      }
      const reason = error instanceof Error ? error.message : String(error);
      for (const p of slice) summary.failures.push({ item: `${p.item.name} (${p.item.source})`, error: `batch ${batch}: ${reason}` });
    }
    if (names.some((n) => !known.has(n)) && start + batchSize < todo.length) known = await collectionIds(org, options.warn);
  }
  return summary;
}
