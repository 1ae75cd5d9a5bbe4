/**
 * Bitwarden JSON (unencrypted export): `{encrypted: false, folders?, collections?, items}`. Items
 * name their collections by id (`collectionIds`, an organization export) or their folder
 * (`folderId`, a personal export), which both become collection names. Encrypted and
 * password-protected exports hold EncStrings under a key bwmsp does not have: refused.
 */
import { IDENTITY_FIELDS } from '../../protocol/cipher.js';
import { findJsonSyntaxProblem } from '../json-position.js';
import { collectionName, emptyItem, inputError, uriList, value, type ImportField, type ImportIdentity, type ImportItem, type ImportSource, type ItemType, type ParsedImport } from './model.js';

type Json = Record<string, unknown>;

const TYPES: Record<number, ItemType> = { 1: 'login', 2: 'note', 3: 'card', 4: 'identity' };

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return value(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function namesById(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.id !== 'string') continue;
    const name = collectionName(str(entry.name));
    if (name !== null) out.set(entry.id, name);
  }
  return out;
}

export function parseBitwardenJson(source: ImportSource): ParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(source.text.replace(/^\uFEFF/, ''));
  } catch {
    // The scanner's reason, never JSON.parse's message (which can quote the file's secrets).
    const problem = findJsonSyntaxProblem(source.text.replace(/^\uFEFF/, ''));
    throw inputError(source.file, problem ? `line ${problem.line} column ${problem.column}` : null, `not valid JSON (${problem?.reason ?? 'syntax error'})`);
  }
  if (!isObject(doc)) throw inputError(source.file, null, 'not a Bitwarden JSON export (expected an object with items)');
  if (doc.encrypted === true || doc.passwordProtected === true) {
    throw inputError(source.file, null, 'this is an encrypted Bitwarden export; bwmsp reads unencrypted JSON exports only (export again choosing "JSON", not "JSON (Encrypted)")');
  }
  if (!Array.isArray(doc.items)) throw inputError(source.file, null, 'not a Bitwarden JSON export: it has no items array');
  const collections = namesById(doc.collections);
  const folders = namesById(doc.folders);
  const items = doc.items.map((raw, i): ImportItem => {
    const where = `items[${i}]`;
    const at = `${source.file} ${where}`;
    if (!isObject(raw)) throw inputError(source.file, where, 'an item is not an object');
    const type = typeof raw.type === 'number' ? TYPES[raw.type] : undefined;
    if (type === undefined) throw inputError(source.file, where, `field type: ${JSON.stringify(raw.type)} is not a supported item type (1 login, 2 secure note, 3 card, 4 identity)`);
    const name = str(raw.name);
    if (name === null) throw inputError(source.file, where, 'field name: the item has no name');
    const item = emptyItem(type, name, at);
    item.notes = str(raw.notes);
    item.favorite = raw.favorite === true;
    item.reprompt = raw.reprompt === 1 ? 1 : 0;
    if (Array.isArray(raw.fields)) {
      item.fields = raw.fields.filter(isObject).map((f): ImportField => ({
        name: str(f.name) ?? '',
        value: str(f.value) ?? '',
        type: f.type === 1 ? 1 : f.type === 2 ? 2 : 0,
      }));
    }
    const ids = Array.isArray(raw.collectionIds) ? raw.collectionIds.filter((id): id is string => typeof id === 'string') : [];
    for (const id of ids) {
      const named = collections.get(id);
      if (named === undefined) throw inputError(source.file, `${where}.collectionIds`, `collection ${id} is not in the file's collections`);
      item.collections.push(named);
    }
    if (ids.length === 0 && typeof raw.folderId === 'string') {
      const folder = folders.get(raw.folderId);
      if (folder !== undefined) item.collections.push(folder);
    }
    if (type === 'login' && item.login) {
      const login = isObject(raw.login) ? raw.login : {};
      item.login.username = str(login.username);
      item.login.password = str(login.password);
      item.login.totp = str(login.totp);
      item.login.uris = Array.isArray(login.uris) ? login.uris.filter(isObject).flatMap((u) => uriList(str(u.uri))) : [];
    }
    if (type === 'card') {
      const card = isObject(raw.card) ? raw.card : {};
      item.card = {
        cardholderName: str(card.cardholderName),
        brand: str(card.brand),
        number: str(card.number),
        expMonth: str(card.expMonth),
        expYear: str(card.expYear),
        code: str(card.code),
      };
    }
    if (type === 'identity') {
      const identity = isObject(raw.identity) ? raw.identity : {};
      const out: ImportIdentity = {};
      for (const field of IDENTITY_FIELDS) out[field] = str(identity[field]);
      item.identity = out;
    }
    return item;
  });
  return { items };
}
