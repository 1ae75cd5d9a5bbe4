/**
 * Keeper CSV export: no header; each row is folder, title, login, password, url, notes, shared
 * folder, then custom fields as name/value pairs. The folder becomes the collection (Keeper nests
 * folders with '\'); the custom field `TFC:Keeper` is the TOTP secret, as Bitwarden's Keeper
 * importer reads it. A row needs at least the first six columns.
 */
import { collectionName, emptyItem, inputError, readCsv, uriList, value, type ImportSource, type ParsedImport } from './model.js';

export function parseKeeperCsv(source: ImportSource): ParsedImport {
  const rows = readCsv(source);
  return {
    items: rows.map((row) => {
      const where = `line ${row.line}`;
      if (row.cells.length < 6) {
        throw inputError(source.file, where, `a Keeper CSV row has at least 6 columns (folder, title, login, password, url, notes); this one has ${row.cells.length}`);
      }
      const [folder, title, login, password, url, notes] = row.cells;
      const item = emptyItem('login', value(title), `${source.file} ${where}`);
      const trimmedNotes = (notes ?? '').trimEnd();
      item.notes = trimmedNotes === '' ? null : trimmedNotes;
      const collection = collectionName((folder ?? '').replace(/\\/g, '/'));
      if (collection !== null) item.collections = [collection];
      if (item.login) {
        item.login.username = value(login);
        item.login.password = value(password);
        item.login.uris = uriList(url);
      }
      const custom = row.cells.slice(7);
      if (custom.length % 2 !== 0) {
        throw inputError(source.file, where, `custom fields come in name/value pairs; column ${row.cells.length} has a name without a value`);
      }
      for (let i = 0; i < custom.length; i += 2) {
        const name = custom[i] ?? '';
        const fieldValue = custom[i + 1] ?? '';
        if (name === 'TFC:Keeper' && item.login) item.login.totp = value(fieldValue);
        else if (name.trim() !== '' || fieldValue.trim() !== '') item.fields.push({ name, value: fieldValue, type: 0 });
      }
      return item;
    }),
  };
}
