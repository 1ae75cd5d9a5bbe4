/** The plan files of a `--plans` directory: *.yaml, *.yml and *.json, sorted by name. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

export function planFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError(`--plans ${dir}: cannot read the directory`);
  }
  const files = names.filter((n) => /\.(ya?ml|json)$/i.test(n)).sort((a, b) => a.localeCompare(b));
  if (files.length === 0) throw new InputError(`--plans ${dir}: no plan files (*.yaml, *.yml, *.json) in the directory`);
  return files.map((n) => join(dir, n));
}
