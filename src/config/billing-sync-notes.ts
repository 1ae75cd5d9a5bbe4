/**
 * Profile-local notes of billing sync tokens (licensing-and-selfhost.md §7 row 4). Connections
 * carry no revision date, so `billing-sync token` remembers, per cloud organization, when the
 * token it showed was set (`revisionDate` of `api-key-information/1`), a SHA-256 of the token
 * (never the token) and the cloud profile it came from; `billing-sync run` can then tell a rotated
 * or mismatched token from the generic server error. File `<config dir>/billing-sync.json`, 0600.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

export const BILLING_SYNC_NOTES_FILE = 'billing-sync.json';

const noteSchema = z.object({
  profile: z.string(),
  revisionDate: z.string().nullable(),
  tokenSha256: z.string(),
  /** Hashes of tokens this config dir saw before a rotation, newest first (at most 10). */
  previousTokenSha256: z.array(z.string()).default([]),
  recordedAt: z.string(),
});
export type BillingSyncTokenNote = z.infer<typeof noteSchema>;
export type NewBillingSyncTokenNote = z.input<typeof noteSchema>;

const fileSchema = z.object({ version: z.literal(1), tokens: z.record(z.string(), noteSchema) });

function notesPath(configDir: string): string {
  return path.join(configDir, BILLING_SYNC_NOTES_FILE);
}

function readAll(configDir: string): Record<string, BillingSyncTokenNote> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(notesPath(configDir), 'utf8')));
    return parsed.success ? parsed.data.tokens : {};
  } catch {
    // Missing or unreadable notes only mean the row-4 check is skipped.
    return {};
  }
}

/** The note of a cloud organization, if this config dir has one. */
export function readTokenNote(configDir: string, cloudOrgId: string): BillingSyncTokenNote | undefined {
  return readAll(configDir)[cloudOrgId.toLowerCase()];
}

/** Records (replacing) the note of a cloud organization. */
export function writeTokenNote(configDir: string, cloudOrgId: string, note: Omit<NewBillingSyncTokenNote, 'previousTokenSha256'>): void {
  const all = readAll(configDir);
  const old = all[cloudOrgId.toLowerCase()];
  const previous = old === undefined || old.tokenSha256 === note.tokenSha256 ? (old?.previousTokenSha256 ?? []) : [old.tokenSha256, ...old.previousTokenSha256];
  const tokens = { ...all, [cloudOrgId.toLowerCase()]: { ...note, previousTokenSha256: previous.filter((h) => h !== note.tokenSha256).slice(0, 10) } };
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const file = notesPath(configDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ version: 1, tokens }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
