/** Typed access to `node:sqlite` result rows (used by the repositories only). */
import type { SQLOutputValue } from 'node:sqlite';

export type Row = Record<string, SQLOutputValue>;

export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`column ${column}: expected text`);
  return value;
}

export function strOrNull(row: Row, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new Error(`column ${column}: expected text`);
  return value;
}

export function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'number') throw new Error(`column ${column}: expected integer`);
  return value;
}

export function intOrNull(row: Row, column: string): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return int(row, column);
}

export function bool(row: Row, column: string): boolean {
  return int(row, column) !== 0;
}

export function flag(value: boolean): number {
  return value ? 1 : 0;
}

export function asRow(value: unknown): Row | undefined {
  return value === undefined ? undefined : (value as Row);
}

export function asRows(value: unknown[]): Row[] {
  return value as Row[];
}

/** Number of rows changed by a run() result. */
export function changed(result: { changes: number | bigint }): number {
  return Number(result.changes);
}

/**
 * `UPDATE <table>` of the name and external id of a collection or group: only the fields the patch
 * carries change; `revision_date` always does.
 */
export function updateNameAndExternalId(
  db: { prepare(sql: string): { run(...values: (string | null)[]): unknown } },
  table: 'collections' | 'groups',
  id: string,
  patch: { name?: string; externalId?: string | null },
  revisionDate: string,
): void {
  const sets: string[] = ['revision_date = ?'];
  const values: (string | null)[] = [revisionDate];
  if (patch.name !== undefined) {
    sets.push('name = ?');
    values.push(patch.name);
  }
  if (patch.externalId !== undefined) {
    sets.push('external_id = ?');
    values.push(patch.externalId);
  }
  db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, id.toLowerCase());
}
