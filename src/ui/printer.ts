/**
 * The one object commands print through: data to stdout in the chosen format, everything else
 * (success lines, warnings, hints) to stderr.
 */
import type { IOStreams } from './io.js';
import { renderCsv, renderJson, renderTable, renderTsv, resolveFormat, type Column, type OutputFormat } from './output.js';
import type { Style } from './style.js';

export interface Printer {
  readonly format: OutputFormat;
  /** A list: table / tsv / csv from `columns`, JSON from `view` (stable camelCase keys). */
  list<T>(rows: readonly T[], columns: readonly Column<T>[], options?: { view?: (row: T) => unknown; empty?: string }): void;
  /** One object: JSON as is; otherwise "Key: value" lines on a TTY, tab-separated pairs on a pipe. */
  object(value: Record<string, unknown>, options?: { view?: unknown }): void;
  /** Raw text to stdout (ids, scripts, secrets the user asked for). */
  data(text: string): void;
  /** ✓ line on stderr (suppressed by --quiet and on pipes with --json). */
  success(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

function label(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function createPrinter(io: IOStreams, globals: { json: boolean; format?: string | undefined }, style: Style): Printer {
  const format = resolveFormat(io, globals);
  const write = (text: string) => io.stdout.write(text);
  const note = (text: string) => io.stderr.write(`${text}\n`);
  return {
    format,
    list(rows, columns, options = {}) {
      if (format === 'json') return void write(renderJson(rows.map((r) => (options.view ? options.view(r) : r)), io.stdoutIsTTY));
      if (format === 'csv') return void write(renderCsv(rows, columns));
      if (rows.length === 0) {
        if (io.stdoutIsTTY && options.empty) note(options.empty);
        return;
      }
      write(format === 'table' ? renderTable(rows, columns, style.bold) : renderTsv(rows, columns));
    },
    object(value, options = {}) {
      if (format === 'json') return void write(renderJson(options.view ?? value, io.stdoutIsTTY));
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (format === 'csv') {
        return void write(renderCsv([value], entries.map(([k]) => ({ header: k, value: (r: Record<string, unknown>) => plain(r[k]) }))));
      }
      if (format === 'tsv') return void write(entries.map(([k, v]) => `${k}\t${plain(v)}\n`).join(''));
      const width = Math.max(...entries.map(([k]) => label(k).length));
      write(entries.map(([k, v]) => `${style.bold(`${label(k)}:`.padEnd(width + 1))} ${plain(v)}\n`).join(''));
    },
    data(text) {
      write(text.endsWith('\n') ? text : `${text}\n`);
    },
    success(message) {
      if (!io.quiet) note(`${style.green('✓')} ${message}`);
    },
    warn(message) {
      note(`${style.yellow('!')} ${message}`);
    },
    info(message) {
      if (!io.quiet) note(message);
    },
  };
}
