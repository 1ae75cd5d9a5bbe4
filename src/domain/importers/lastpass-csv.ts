/**
 * LastPass CSV: url,username,password,totp,extra,name,grouping,fav. A `url` of `http://sn` is a
 * secure note (its text is in `extra`); `grouping` is the folder, with `\` as the level separator,
 * which becomes the collection ('(none)' means no folder); `extra` is the notes of a login.
 */
import { cell, collectionName, emptyItem, headerIndex, readCsv, uriList, value, type ImportSource, type ParsedImport } from './model.js';

const REQUIRED = ['url', 'username', 'password', 'extra', 'name', 'grouping'];

export function parseLastPassCsv(source: ImportSource): ParsedImport {
  const [header, ...rows] = readCsv(source);
  const index = headerIndex(source, header, REQUIRED, 'LastPass CSV');
  return {
    items: rows.map((row) => {
      const url = (cell(row, index, 'url') ?? '').trim();
      const note = url === 'http://sn';
      const item = emptyItem(note ? 'note' : 'login', value(cell(row, index, 'name')), `${source.file} line ${row.line}`);
      item.notes = value(cell(row, index, 'extra'));
      item.favorite = (cell(row, index, 'fav') ?? '').trim() === '1';
      // Control characters are dropped from folder names, as Bitwarden's LastPass importer does.
      // eslint-disable-next-line no-control-regex
      const grouping = (cell(row, index, 'grouping') ?? '').replace(/\\/g, '/').replace(/[\x00-\x1F\x7F-\x9F]/g, '');
      const collection = grouping.trim() === '(none)' ? null : collectionName(grouping);
      if (collection !== null) item.collections = [collection];
      if (item.login) {
        item.login.uris = uriList(url);
        item.login.username = value(cell(row, index, 'username'));
        item.login.password = value(cell(row, index, 'password'));
        item.login.totp = value(cell(row, index, 'totp'));
      }
      return item;
    }),
  };
}
