import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOperations, summarise } from '../../../src/plan/apply.js';
import { diffPlan, type Operation } from '../../../src/plan/diff.js';
import { Journal } from '../../../src/plan/journal.js';
import { emptyLiveState } from '../../../src/plan/live-state.js';
import { parsePlanText } from '../../../src/plan/load.js';
import { CancelledError } from '../../../src/errors.js';

const plan = parsePlanText(
  `version: 1
client: { name: Contoso Ltd, ownerEmail: it@contoso.example, plan: teams, seats: 5 }
collections: [{ name: Finance }, { name: Finance/Banking }, { name: HR }]
groups:
  - { name: Accounting, collections: [Finance] }
  - { name: People, collections: [HR] }
policies: [{ type: single-org }]
members:
  - { email: ann@contoso.example, groups: [Accounting] }
  - { email: bob@contoso.example, groups: [People] }
`,
  'plan.yaml',
);

const label = (op: Operation) => `${op.kind}:${op.name}`;
const journalIn = () => Journal.open(mkdtempSync(join(tmpdir(), 'bwmsp-apply-')), 'Contoso Ltd', 'plan.yaml', () => new Date(0));

describe('applyOperations', () => {
  it('runs the pending operations in order and journals each one', async () => {
    const ops = diffPlan(plan, emptyLiveState());
    const seen: string[] = [];
    const lines: string[] = [];
    const journal = journalIn();
    const results = await applyOperations(ops, async (op) => void seen.push(label(op)), journal, (l) => lines.push(l));
    expect(seen).toEqual(ops.map(label));
    expect(results.every((r) => r.outcome === 'done')).toBe(true);
    expect(journal.data.completed.map((e) => e.key)).toEqual(ops.map((o) => o.key));
    expect(lines[0]).toBe(`[1/${ops.length}] create client Contoso Ltd`);
    expect(summarise(ops, results)).toEqual({ created: ops.length, updated: 0, unchanged: 0, failed: 0, skipped: 0, unsupported: 0 });
  });

  it('goes on with independent operations after a failure and skips the ones that need it', async () => {
    const ops = diffPlan(plan, emptyLiveState());
    const results = await applyOperations(
      ops,
      async (op) => {
        if (label(op) === 'collection:Finance') throw new Error('server said no');
      },
      journalIn(),
      () => undefined,
    );
    const outcome = Object.fromEntries(results.map((r) => [label(r.op), [r.outcome, r.error]]));
    expect(outcome['collection:Finance']).toEqual(['failed', 'server said no']);
    expect(outcome['collection:Finance/Banking']).toEqual(['skipped', 'needs collection finance, which failed']);
    expect(outcome['group:Accounting']?.[0]).toBe('skipped');
    expect(outcome['member:ann@contoso.example']?.[0]).toBe('skipped');
    expect(outcome['group:People']?.[0]).toBe('done');
    expect(outcome['member:bob@contoso.example']?.[0]).toBe('done');
    expect(outcome['policy:single-org']?.[0]).toBe('done');
    expect(summarise(ops, results)).toMatchObject({ failed: 1, skipped: 3 });
  });

  it('invites the new members in one call, reporting and journalling each', async () => {
    const ops = diffPlan(plan, emptyLiveState());
    const single: string[] = [];
    const batches: string[][] = [];
    const journal = journalIn();
    const lines: string[] = [];
    const results = await applyOperations(ops, async (op) => void single.push(label(op)), journal, (l) => lines.push(l), {
      inviteMany: async (members) => {
        batches.push(members.map((m) => m.email));
        return members.map((m) => (m.email === 'bob@contoso.example' ? 'seat limit reached' : null));
      },
    });
    expect(single.some((l) => l.startsWith('member:'))).toBe(false);
    expect(batches).toEqual([['ann@contoso.example', 'bob@contoso.example']]);
    expect(lines).toContain(`[${ops.length - 1}-${ops.length}/${ops.length}] invite 2 member(s)`);
    expect(results.map((r) => [label(r.op), r.outcome])).toEqual(ops.map((o) => [label(o), o.name === 'bob@contoso.example' ? 'failed' : 'done']));
    expect(journal.data.completed.map((e) => e.key)).toContain('member:ann@contoso.example');
    expect(journal.data.completed.map((e) => e.key)).not.toContain('member:bob@contoso.example');
  });

  it('leaves members whose group failed out of the invitation call', async () => {
    const ops = diffPlan(plan, emptyLiveState());
    const batches: string[][] = [];
    const results = await applyOperations(
      ops,
      async (op) => {
        if (label(op) === 'group:People') throw new Error('name taken');
      },
      undefined,
      () => undefined,
      { inviteMany: async (members) => (batches.push(members.map((m) => m.email)), members.map(() => null)) },
    );
    expect(batches).toEqual([['ann@contoso.example']]);
    expect(results.find((r) => r.op.name === 'bob@contoso.example')).toMatchObject({ outcome: 'skipped', error: 'needs group people, which failed' });
  });

  it('stops after a client that cannot be created', async () => {
    const ops = diffPlan(plan, emptyLiveState());
    const calls: string[] = [];
    const results = await applyOperations(
      ops,
      async (op) => {
        calls.push(label(op));
        throw new Error('seats exceed the purchase');
      },
      undefined,
      () => undefined,
    );
    expect(calls).toEqual(['client:Contoso Ltd']);
    expect(results.slice(1).every((r) => r.outcome === 'skipped' && r.error === 'the client could not be created: seats exceed the purchase')).toBe(true);
  });

  it('sends nothing when nothing is pending, and lets a cancellation through', async () => {
    const ops = diffPlan(plan, emptyLiveState()).map((o) => ({ ...o, action: 'unchanged' as const }));
    expect(await applyOperations(ops, async () => expect.unreachable(), undefined, () => undefined)).toEqual([]);
    await expect(
      applyOperations(diffPlan(plan, emptyLiveState()), async () => {
        throw new CancelledError();
      }, undefined, () => undefined),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
