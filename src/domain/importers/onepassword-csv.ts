/**
 * 1Password 8 CSV export: Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes (header
 * matched case-insensitively; 1Password 7's `website` and `one-time password` names are accepted
 * too). Every row is a login; the first tag becomes the collection (1Password tags nest with '/').
 */
import { cell, collectionName, emptyItem, headerIndex, readCsv, uriList, value, type ImportSource, type ParsedImport } from './model.js';

const ALIASES: Record<string, string> = { website: 'url', 'one-time password': 'otpauth', 'notesplain': 'notes' };

export function parseOnePasswordCsv(source: ImportSource): ParsedImport {
  const [header, ...rows] = readCsv(source);
  if (header) header.cells = header.cells.map((c) => ALIASES[c.trim().toLowerCase()] ?? c);
  const index = headerIndex(source, header, ['title', 'url', 'username', 'password'], '1Password CSV');
  return {
    items: rows.map((row) => {
      const item = emptyItem('login', value(cell(row, index, 'title')), `${source.file} line ${row.line}`);
      item.notes = value(cell(row, index, 'notes'));
      item.favorite = /^(true|1|yes)$/i.test((cell(row, index, 'favorite') ?? '').trim());
      const tag = (cell(row, index, 'tags') ?? '').split(',')[0];
      const collection = collectionName(tag);
      if (collection !== null) item.collections = [collection];
      if (item.login) {
        item.login.uris = uriList(cell(row, index, 'url'));
        item.login.username = value(cell(row, index, 'username'));
        item.login.password = value(cell(row, index, 'password'));
        item.login.totp = value(cell(row, index, 'otpauth'));
      }
      return item;
    }),
  };
}
