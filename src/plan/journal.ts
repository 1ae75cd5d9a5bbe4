/**
 * The onboarding journal: `<configDir>/journal/<client-slug>.json` (0600) records each completed
 * operation and the new client's id once found. Live state stays the truth (a re-run reads it
 * again and reconciles by name / external id); the journal finds a client created by a killed run
 * by id, and tells the user what an earlier run already did.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({ key: z.string(), action: z.string(), at: z.string() });

const journalSchema = z.object({
  version: z.literal(1),
  client: z.string(),
  clientId: z.string().nullable(),
  plan: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  completed: z.array(entrySchema),
});

export type JournalData = z.infer<typeof journalSchema>;

/** `Contoso Ltd.` → `contoso-ltd`. */
export function clientSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'client';
}

export function journalPath(configDir: string, clientName: string): string {
  return join(configDir, 'journal', `${clientSlug(clientName)}.json`);
}

export class Journal {
  readonly path: string;
  #data: JournalData;
  /** Entries found when the journal was opened (from an earlier run). */
  readonly previous: readonly JournalData['completed'][number][];

  readonly #now: () => Date;

  private constructor(path: string, data: JournalData, previous: JournalData['completed'], now: () => Date) {
    this.path = path;
    this.#data = data;
    this.previous = previous;
    this.#now = now;
  }

  /** Opens (or starts) the journal of a client; a journal that does not parse is started afresh. */
  static open(configDir: string, clientName: string, planFile: string, now: () => Date): Journal {
    const path = journalPath(configDir, clientName);
    let existing: JournalData | undefined;
    try {
      const parsed = journalSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success && parsed.data.client.toLowerCase() === clientName.toLowerCase()) existing = parsed.data;
    } catch {
      existing = undefined;
    }
    const unfinished = existing && existing.finishedAt === null ? existing : undefined;
    const data: JournalData = unfinished
      ? { ...unfinished, plan: planFile }
      : { version: 1, client: clientName, clientId: existing?.clientId ?? null, plan: planFile, startedAt: now().toISOString(), finishedAt: null, completed: [] };
    return new Journal(path, data, unfinished?.completed ?? [], now);
  }

  get clientId(): string | null {
    return this.#data.clientId;
  }

  get data(): JournalData {
    return this.#data;
  }

  setClientId(id: string): void {
    if (this.#data.clientId === id) return;
    this.#data = { ...this.#data, clientId: id };
    this.#save();
  }

  record(key: string, action: string): void {
    this.#data = { ...this.#data, completed: [...this.#data.completed, { key, action, at: this.#now().toISOString() }] };
    this.#save();
  }

  finish(): void {
    this.#data = { ...this.#data, finishedAt: this.#now().toISOString() };
    this.#save();
  }

  #save(): void {
    const dir = join(this.path, '..');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${this.#now().getTime()}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.#data, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}
