import { PassThrough } from 'node:stream';
import type { System } from '../../src/deps.js';
import type { ConfigStore } from '../../src/config/profile.js';
import type { Prompter } from '../../src/ui/prompter.js';

export interface TestSystem extends System {
  stdoutText(): string;
  stderrText(): string;
}

/** Captured streams with forced TTY flags; env defaults to none (so CI and NO_COLOR come from the test). */
export function createTestSystem(options: { tty?: boolean; env?: Record<string, string>; stdin?: string; config?: ConfigStore; prompter?: Prompter } = {}): TestSystem {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const tty = options.tty ?? false;
  return {
    stdin,
    stdout,
    stderr,
    env: options.env ?? {},
    clock: { now: () => new Date('2026-11-22T10:00:00Z') },
    tty: { stdin: tty, stdout: tty, stderr: tty, columns: 120 },
    ...(options.config ? { config: options.config } : {}),
    ...(options.prompter ? { prompter: options.prompter } : {}),
    stdoutText: () => out,
    stderrText: () => err,
  };
}
