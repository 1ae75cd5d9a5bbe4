/**
 * A `.env` file kept line by line, so edits preserve comments, blank lines and order
 * (bwdata/env/global.override.env, licensing-and-selfhost.md section 6). Keys compare
 * case-insensitively, as ASP.NET configuration does.
 */
export type EnvLine =
  | { kind: 'blank' | 'comment'; raw: string; line: number }
  | { kind: 'entry'; raw: string; line: number; key: string; value: string }
  | { kind: 'invalid'; raw: string; line: number };

export interface EnvFile {
  lines: EnvLine[];
  /** The file ended with a newline (kept on write). */
  trailingNewline: boolean;
}

const ENTRY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.:-]*)\s*=(.*)$/;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

export function parseEnvFile(text: string): EnvFile {
  const trailingNewline = text.endsWith('\n');
  const body = trailingNewline ? text.slice(0, -1) : text;
  const lines: EnvLine[] = body === '' && !trailingNewline ? [] : body.split(/\r?\n/).map((raw, i): EnvLine => {
    const line = i + 1;
    if (raw.trim() === '') return { kind: 'blank', raw, line };
    if (raw.trimStart().startsWith('#')) return { kind: 'comment', raw, line };
    const m = ENTRY.exec(raw);
    if (!m) return { kind: 'invalid', raw, line };
    return { kind: 'entry', raw, line, key: m[1] as string, value: unquote(m[2] as string) };
  });
  return { lines, trailingNewline };
}

export function formatEnvFile(file: EnvFile): string {
  const text = file.lines.map((l) => l.raw).join('\n');
  return file.trailingNewline || file.lines.length === 0 ? `${text}\n` : text;
}

function entries(file: EnvFile) {
  return file.lines.filter((l): l is Extract<EnvLine, { kind: 'entry' }> => l.kind === 'entry');
}

/** The value in force for `key` (the last assignment wins), or undefined. */
export function getEnv(file: EnvFile, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return entries(file).filter((e) => e.key.toLowerCase() === wanted).at(-1)?.value;
}

/** Keys assigned more than once, with their line numbers. */
export function duplicateKeys(file: EnvFile): { key: string; lines: number[] }[] {
  const seen = new Map<string, { key: string; lines: number[] }>();
  for (const e of entries(file)) {
    const found = seen.get(e.key.toLowerCase()) ?? { key: e.key, lines: [] };
    found.lines.push(e.line);
    seen.set(e.key.toLowerCase(), found);
  }
  return [...seen.values()].filter((d) => d.lines.length > 1);
}

export interface EnvChange {
  key: string;
  from: string | undefined;
  to: string;
}

/**
 * Sets values in place: an existing key keeps its line (and its spelling); a new key is appended.
 * Returns what changed (unchanged values are not listed).
 */
export function setEnv(file: EnvFile, values: Record<string, string>): EnvChange[] {
  const changes: EnvChange[] = [];
  for (const [key, value] of Object.entries(values)) {
    const wanted = key.toLowerCase();
    const matches = entries(file).filter((e) => e.key.toLowerCase() === wanted);
    const current = matches.at(-1);
    if (current && current.value === value && matches.length === 1) continue;
    changes.push({ key: current?.key ?? key, from: current?.value, to: value });
    if (current) {
      // Rewrite the last assignment (the one in force) and drop earlier duplicates.
      for (const dup of matches.slice(0, -1)) file.lines.splice(file.lines.indexOf(dup), 1);
      const index = file.lines.indexOf(current);
      file.lines[index] = { ...current, value, raw: `${current.key}=${value}` };
    } else {
      file.lines.push({ kind: 'entry', raw: `${key}=${value}`, line: file.lines.length + 1, key, value });
    }
  }
  return changes;
}
