/**
 * Rendering of command results (STYLE.md section 3): a table on a TTY, tab-separated rows on a pipe,
 * one JSON document for --json / --format json, RFC 4180 CSV for --format csv.
 */
import { createRequire } from 'node:module';
import type { IOStreams } from './io.js';

export type OutputFormat = 'table' | 'tsv' | 'json' | 'csv';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined | Date;
  /** Truncate on a TTY table to this many characters. */
  maxWidth?: number;
}

export function resolveFormat(io: Pick<IOStreams, 'stdoutIsTTY'>, globals: { json: boolean; format?: string | undefined }): OutputFormat {
  if (globals.json) return 'json';
  if (globals.format === 'json' || globals.format === 'csv') return globals.format;
  if (globals.format === 'table') return 'table';
  return io.stdoutIsTTY ? 'table' : 'tsv';
}

function cell(value: ReturnType<Column<unknown>['value']>): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tsvField(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}

export function renderCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(cell(c.value(row)))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function renderTsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  return rows.map((row) => `${columns.map((c) => tsvField(cell(c.value(row)))).join('\t')}\n`).join('');
}

export function renderJson(value: unknown, pretty: boolean): string {
  return `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
}

function truncate(text: string, width: number | undefined): string {
  if (width === undefined || text.length <= width) return text;
  return `${text.slice(0, Math.max(1, width - 1))}…`;
}

/** A borderless cli-table3 table with upper-case headers, for TTYs. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], bold: (s: string) => string = (s) => s): string {
  // Loaded on first use (a CommonJS package), so help and JSON output never load it.
  const Table = createRequire(import.meta.url)('cli-table3') as typeof import('cli-table3');
  const table = new Table({
    head: columns.map((c) => bold(c.header.toUpperCase())),
    chars: borderless,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
  });
  for (const row of rows) table.push(columns.map((c) => truncate(cell(c.value(row)), c.maxWidth)));
  return `${table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')}\n`;
}

const borderless = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '',
};
