/**
 * Applies the diff's operations in order through an executor (the domain functions, paced by the
 * API transport). Each completed operation goes to the journal at once, so a run killed at any
 * point can be run again. One failure does not stop the independent operations; operations that
 * need a failed one (a group granting a collection that could not be created) are skipped with the
 * reason. A client that cannot be created stops everything after it.
 */
import { CancelledError } from '../errors.js';
import { pending, type Operation } from './diff.js';
import type { Journal } from './journal.js';

export type ApplyOutcome = 'done' | 'failed' | 'skipped';

export interface ApplyResult {
  op: Operation;
  outcome: ApplyOutcome;
  error: string | null;
}

export interface ApplySummary {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  skipped: number;
  unsupported: number;
}

/** Carries out one operation; throws on failure. */
export type Executor = (op: Operation) => Promise<void>;

export type MemberCreate = Extract<Operation, { kind: 'member' }>;

/** Invites several members at once (batched by the server's rules); one error (or null) per member, in order. */
export type InviteMany = (ops: MemberCreate[]) => Promise<(string | null)[]>;

export type Progress = (line: string) => void;

function keysNeeded(op: Operation): string[] {
  const collections = (grants: readonly { collection: string }[]) => grants.map((g) => `collection:${g.collection.toLowerCase()}`);
  switch (op.kind) {
    case 'client':
      return [];
    case 'collection': {
      const parts = op.name.split('/');
      return parts.slice(1).map((_, i) => `collection:${parts.slice(0, i + 1).join('/').toLowerCase()}`);
    }
    case 'group':
    case 'group-access':
      return collections(op.grants);
    case 'member':
      return [...collections(op.grants), ...op.groups.map((g) => `group:${g.toLowerCase()}`)];
    case 'confirm':
      return [`member:${op.email}`];
    default:
      return [];
  }
}

function describe(op: Operation): string {
  return `${op.action} ${op.kind} ${op.name}`;
}

const isInvite = (op: Operation): op is MemberCreate => op.kind === 'member' && op.action === 'create';

/**
 * Runs the pending operations. With `inviteMany`, the members to invite go in one call (after
 * everything they need); each is still journalled and reported on its own.
 */
export async function applyOperations(
  ops: readonly Operation[],
  execute: Executor,
  journal: Journal | undefined,
  progress: Progress,
  options: { inviteMany?: InviteMany } = {},
): Promise<ApplyResult[]> {
  const todo = pending(ops);
  const failedKeys = new Map<string, string>();
  const results: ApplyResult[] = [];
  const handled = new Set<Operation>();
  let stopAll: string | null = null;
  let index = 0;
  const blockedBy = (op: Operation): string | undefined => {
    const blocker = keysNeeded(op).find((k) => failedKeys.has(k));
    return blocker === undefined ? undefined : `needs ${blocker.replace(':', ' ')}, which failed`;
  };
  const fail = (op: Operation, outcome: 'failed' | 'skipped', reason: string, at: string) => {
    failedKeys.set(op.key, reason);
    results.push({ op, outcome, error: reason });
    progress(`[${at}/${todo.length}] ${outcome}: ${op.kind} ${op.name}: ${reason}`);
  };
  for (const op of todo) {
    index++;
    if (handled.has(op)) continue;
    if (stopAll !== null) {
      results.push({ op, outcome: 'skipped', error: stopAll });
      continue;
    }
    const blocked = blockedBy(op);
    if (blocked !== undefined) {
      fail(op, 'skipped', blocked, String(index));
      continue;
    }
    if (options.inviteMany && isInvite(op)) {
      const batch: MemberCreate[] = [];
      for (const other of todo.slice(index - 1)) {
        if (!isInvite(other)) continue;
        handled.add(other);
        const why = blockedBy(other);
        if (why === undefined) batch.push(other);
        else fail(other, 'skipped', why, String(todo.indexOf(other) + 1));
      }
      const last = index - 1 + batch.length;
      progress(`[${index}-${last}/${todo.length}] invite ${batch.length} member(s)`);
      let errors: (string | null)[];
      try {
        errors = await options.inviteMany(batch);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        errors = batch.map(() => (error instanceof Error ? error.message : String(error)));
      }
      batch.forEach((member, i) => {
        const error = errors[i] ?? null;
        if (error === null) {
          journal?.record(member.key, member.action);
          results.push({ op: member, outcome: 'done', error: null });
        } else fail(member, 'failed', error, String(todo.indexOf(member) + 1));
      });
      continue;
    }
    progress(`[${index}/${todo.length}] ${describe(op)}`);
    try {
      await execute(op);
      journal?.record(op.key, op.action);
      results.push({ op, outcome: 'done', error: null });
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      fail(op, 'failed', message, String(index));
      if (op.kind === 'client' && op.action === 'create') stopAll = `the client could not be created: ${message}`;
    }
  }
  // Reported in the order of the operations.
  return todo.flatMap((op) => results.filter((r) => r.op === op));
}

export function summarise(ops: readonly Operation[], results: readonly ApplyResult[]): ApplySummary {
  const done = results.filter((r) => r.outcome === 'done');
  return {
    created: done.filter((r) => r.op.action === 'create').length,
    updated: done.filter((r) => r.op.action === 'update').length,
    unchanged: ops.filter((o) => o.action === 'unchanged').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    unsupported: ops.filter((o) => o.action === 'unsupported').length,
  };
}
