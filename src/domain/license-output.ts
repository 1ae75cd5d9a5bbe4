/** Writing a downloaded license file: pretty JSON, mode 0644, never over an existing file unless forced. */
import { existsSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

export function writeLicenseOutput(path: string, json: unknown, force: boolean): void {
  if (!force && existsSync(path)) {
    throw new UsageError(`-o ${path}: the file exists`, { hint: 'Pass --force to replace it, or choose another file name.' });
  }
  try {
    writeFileSync(path, JSON.stringify(json, null, 2) + '\n', { mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`-o ${path}: cannot write the file (${code})`);
  }
}
