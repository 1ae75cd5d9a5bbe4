/**
 * Bitwarden CSV (an organization export): collections,type,name,notes,fields,reprompt,login_uri,
 * login_username,login_password,login_totp. `type` is `login` or `note`; `collections` lists
 * names separated by commas; `fields` holds one `name: value` per line; `login_uri` separates
 * URIs with commas. A personal export has `folder` and `favorite` instead of `collections`: the
 * folder becomes the collection.
 */
import { cell, collectionName, emptyItem, headerIndex, inputError, readCsv, uriList, value, type ImportField, type ImportSource, type ParsedImport } from './model.js';

const REQUIRED = ['type', 'name', 'notes', 'fields', 'login_uri', 'login_username', 'login_password', 'login_totp'];

function parseFields(text: string | null): ImportField[] {
  if (text === null) return [];
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf(': ');
      return at < 0 ? { name: line.trim(), value: '', type: 0 as const } : { name: line.slice(0, at), value: line.slice(at + 2), type: 0 as const };
    });
}

export function parseBitwardenCsv(source: ImportSource): ParsedImport {
  const [header, ...rows] = readCsv(source);
  const index = headerIndex(source, header, REQUIRED, 'Bitwarden CSV');
  if (!index.has('collections') && !index.has('folder')) {
    throw inputError(source.file, `line ${header?.line ?? 1}`, 'not a Bitwarden CSV export: the header has neither collections nor folder');
  }
  return {
    items: rows.map((row) => {
      const where = `line ${row.line}`;
      const source_ = `${source.file} ${where}`;
      const typeWord = (cell(row, index, 'type') ?? '').trim().toLowerCase();
      if (typeWord !== 'login' && typeWord !== 'note') {
        throw inputError(source.file, where, `field type: '${typeWord.slice(0, 20)}' is not a Bitwarden CSV type (login or note)`);
      }
      const name = value(cell(row, index, 'name'));
      if (name === null) throw inputError(source.file, where, 'field name: the item has no name');
      const item = emptyItem(typeWord === 'login' ? 'login' : 'note', name, source_);
      item.notes = value(cell(row, index, 'notes'));
      item.fields = parseFields(value(cell(row, index, 'fields')));
      const reprompt = (cell(row, index, 'reprompt') ?? '').trim();
      if (reprompt !== '' && reprompt !== '0' && reprompt !== '1') throw inputError(source.file, where, `field reprompt: '${reprompt}' is not 0 or 1`);
      item.reprompt = reprompt === '1' ? 1 : 0;
      item.favorite = (cell(row, index, 'favorite') ?? '').trim() === '1';
      const groups = index.has('collections') ? (cell(row, index, 'collections') ?? '').split(',') : [cell(row, index, 'folder') ?? ''];
      item.collections = groups.map(collectionName).filter((c): c is string => c !== null);
      if (item.login) {
        item.login.uris = uriList(cell(row, index, 'login_uri'));
        item.login.username = value(cell(row, index, 'login_username'));
        item.login.password = value(cell(row, index, 'login_password'));
        item.login.totp = value(cell(row, index, 'login_totp'));
      }
      return item;
    }),
  };
}
