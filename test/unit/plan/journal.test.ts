import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientSlug, Journal, journalPath } from '../../../src/plan/journal.js';

const now = () => new Date('2026-11-22T03:00:00Z');

describe('journal', () => {
  it('names the file after the client slug under <configDir>/journal', () => {
    expect(clientSlug('Contoso Ltd.')).toBe('contoso-ltd');
    expect(clientSlug('Société Générale')).toBe('societe-generale');
    expect(clientSlug('!!!')).toBe('client');
    expect(journalPath('/cfg', 'Contoso Ltd')).toBe(join('/cfg', 'journal', 'contoso-ltd.json'));
  });

  it('writes nothing until something is recorded, then a 0600 file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-journal-'));
    const journal = Journal.open(dir, 'Contoso Ltd', 'plan.yaml', now);
    expect(() => statSync(journal.path)).toThrow();
    journal.setClientId('org-1');
    journal.record('collection:finance', 'create');
    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(journal.path, 'utf8')) as { clientId: string; completed: { key: string }[]; finishedAt: null };
    expect(saved).toMatchObject({ clientId: 'org-1', finishedAt: null, completed: [{ key: 'collection:finance', action: 'create', at: '2026-11-22T03:00:00.000Z' }] });
  });

  it('resumes an unfinished journal and starts afresh after a finished one (keeping the client id)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-journal-'));
    const first = Journal.open(dir, 'Contoso Ltd', 'plan.yaml', now);
    first.setClientId('org-1');
    first.record('client', 'create');
    const resumed = Journal.open(dir, 'contoso ltd', 'plan.yaml', now);
    expect(resumed.previous.map((e) => e.key)).toEqual(['client']);
    expect(resumed.clientId).toBe('org-1');
    resumed.finish();
    const next = Journal.open(dir, 'Contoso Ltd', 'plan.yaml', now);
    expect(next.previous).toEqual([]);
    expect(next.clientId).toBe('org-1');
  });

  it('ignores a journal that does not parse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bwmsp-journal-'));
    const path = journalPath(dir, 'Contoso Ltd');
    Journal.open(dir, 'Contoso Ltd', 'plan.yaml', now).record('x', 'create');
    writeFileSync(path, '{not json');
    const journal = Journal.open(dir, 'Contoso Ltd', 'plan.yaml', now);
    expect(journal.previous).toEqual([]);
    expect(journal.clientId).toBeNull();
  });
});
