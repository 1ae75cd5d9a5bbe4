/**
 * The neutral item model every importer produces (plaintext, in memory only: the import use case
 * encrypts each string with the organization key before anything is sent), and the CSV reading
 * shared by the CSV formats. Importers are pure: text in, items out, or an `InputError` naming the
 * file, the line (CSV row) and the field.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../../errors.js';

export type ItemType = 'login' | 'note' | 'card' | 'identity';

export interface ImportField {
  name: string;
  value: string;
  /** FieldType: 0 Text, 1 Hidden, 2 Boolean. */
  type: 0 | 1 | 2;
}

export interface ImportLogin {
  username: string | null;
  password: string | null;
  totp: string | null;
  uris: string[];
}

export interface ImportCard {
  cardholderName: string | null;
  brand: string | null;
  number: string | null;
  expMonth: string | null;
  expYear: string | null;
  code: string | null;
}

export type ImportIdentity = Partial<Record<
  | 'title' | 'firstName' | 'middleName' | 'lastName' | 'address1' | 'address2' | 'address3' | 'city' | 'state'
  | 'postalCode' | 'country' | 'company' | 'email' | 'phone' | 'ssn' | 'username' | 'passportNumber' | 'licenseNumber',
  string | null
>>;

export interface ImportItem {
  type: ItemType;
  name: string;
  notes: string | null;
  favorite: boolean;
  /** CipherRepromptType: 0 None, 1 Password. */
  reprompt: 0 | 1;
  login: ImportLogin | null;
  card: ImportCard | null;
  identity: ImportIdentity | null;
  fields: ImportField[];
  /** Collection names, nested with '/' ("Finance/Banking"); empty = the --collection default. */
  collections: string[];
  /** Where the item came from, for messages: 'export.csv line 12'. */
  source: string;
}

export interface ParsedImport {
  items: ImportItem[];
}

/** A file's name and text as the importers receive them. */
export interface ImportSource {
  file: string;
  text: string;
}

export function inputError(file: string, where: string | null, message: string): InputError {
  return new InputError(`${file}${where ? ` ${where}` : ''}: ${message}`);
}

/** Empty or whitespace-only values become null (as Bitwarden's importers treat them). */
export function value(text: string | undefined | null): string | null {
  if (text === undefined || text === null) return null;
  return text.trim() === '' ? null : text;
}

export function emptyItem(type: ItemType, name: string | null, source: string): ImportItem {
  return {
    type,
    name: name ?? '--',
    notes: null,
    favorite: false,
    reprompt: 0,
    login: type === 'login' ? { username: null, password: null, totp: null, uris: [] } : null,
    card: null,
    identity: null,
    fields: [],
    collections: [],
    source,
  };
}

/** URIs of a cell: comma- or newline-separated, blanks dropped. */
export function uriList(cell: string | undefined | null): string[] {
  if (!cell) return [];
  return cell
    .split(/[\n,]/)
    .map((u) => u.trim())
    .filter((u) => u !== '');
}

/**
 * A collection name as Bitwarden nests them: '/'-separated, no empty level, surrounding
 * whitespace of each level trimmed. `null` when nothing is left.
 */
export function collectionName(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const parts = raw
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length ? parts.join('/') : null;
}

export interface CsvRow {
  /** The physical line the row starts on (1-based). */
  line: number;
  cells: string[];
}

/** Reads CSV text into rows of cells with their starting line (csv-parse, RFC 4180 quoting). */
export function readCsv(source: ImportSource): CsvRow[] {
  // Line endings normalised to \n so that line numbers count physical lines (csv-parse counts the
  // \r of a CRLF inside a quoted cell as a line of its own) and multi-line notes read the same.
  const text = source.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw inputError(source.file, e.lines !== undefined ? `line ${e.lines}` : null, `not valid CSV (${(e.message ?? String(error)).replace(/^.*?:\s*/, '')})`);
  }
  return records.map((r) => {
    const raw = r.raw.replace(/\n$/, '');
    const newlines = (raw.match(/\n/g) ?? []).length;
    return { line: r.info.lines - newlines, cells: r.record };
  });
}

/** A header row as a column index, matched case-insensitively; `required` columns must be there. */
export function headerIndex(source: ImportSource, header: CsvRow | undefined, required: readonly string[], format: string): Map<string, number> {
  if (header === undefined) throw inputError(source.file, null, `the file is empty; a ${format} export starts with a header row`);
  const index = new Map<string, number>();
  header.cells.forEach((cell, i) => {
    const key = cell.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = required.filter((column) => !index.has(column));
  if (missing.length) {
    throw inputError(
      source.file,
      `line ${header.line}`,
      `not a ${format} export: the header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.cells.join(', ')})`,
    );
  }
  return index;
}

/** The cell of `column` in a row (undefined when the column or the cell is absent). */
export function cell(row: CsvRow, index: Map<string, number>, column: string): string | undefined {
  const i = index.get(column);
  return i === undefined ? undefined : row.cells[i];
}
