/**
 * Loads `node:sqlite` without letting Node print its ExperimentalWarning (Node 22 prints one on
 * first load). The module is required synchronously while `process.emitWarning` drops only that
 * warning, then the original function is restored.
 */
import { createRequire } from 'node:module';

export type SqliteModule = typeof import('node:sqlite');
export type Database = import('node:sqlite').DatabaseSync;

let cached: SqliteModule | undefined;

export function loadSqlite(): SqliteModule {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const original = process.emitWarning;
  const filtered = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : typeof warning === 'string' ? '' : warning.name;
    const isSqliteWarning = /sqlite/i.test(text) && (type === 'ExperimentalWarning' || /experimental/i.test(text));
    if (isSqliteWarning) return;
    (original as (...args: unknown[]) => void).call(this, warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    cached = require('node:sqlite') as SqliteModule;
  } finally {
    process.emitWarning = original;
  }
  return cached;
}
