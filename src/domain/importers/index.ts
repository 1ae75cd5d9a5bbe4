/** The import formats `client import --format` reads, each a pure parser from text to items. */
import { parseBitwardenCsv } from './bitwarden-csv.js';
import { parseBitwardenJson } from './bitwarden-json.js';
import { parseKeeperCsv } from './keeper-csv.js';
import { parseLastPassCsv } from './lastpass-csv.js';
import type { ImportSource, ParsedImport } from './model.js';
import { parseOnePasswordCsv } from './onepassword-csv.js';

export const IMPORT_FORMATS = ['bitwarden-json', 'bitwarden-csv', 'lastpass-csv', '1password-csv', 'keeper-csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const PARSERS: Record<ImportFormat, (source: ImportSource) => ParsedImport> = {
  'bitwarden-json': parseBitwardenJson,
  'bitwarden-csv': parseBitwardenCsv,
  'lastpass-csv': parseLastPassCsv,
  '1password-csv': parseOnePasswordCsv,
  'keeper-csv': parseKeeperCsv,
};

export function parseImport(format: ImportFormat, source: ImportSource): ParsedImport {
  return PARSERS[format](source);
}

export type { ImportItem, ImportSource, ParsedImport } from './model.js';
