/**
 * Prompts, behind an interface so commands run in tests with a scripted fake. The real one wraps
 * @inquirer/prompts (loaded on first use), renders on stderr, and refuses to ask when prompting is
 * impossible: the error names the flag that supplies the value instead.
 */
import { CancelledError, UsageError } from '../errors.js';
import type { IOStreams } from './io.js';

export interface PromptBase {
  message: string;
  /** The flag (or env var) that answers this question non-interactively, e.g. '--password-stdin'. */
  flag: string;
}

export interface Prompter {
  input(q: PromptBase & { default?: string; validate?: (value: string) => true | string }): Promise<string>;
  password(q: PromptBase): Promise<string>;
  confirm(q: PromptBase & { default?: boolean }): Promise<boolean>;
  select<T extends string>(q: PromptBase & { choices: readonly { value: T; name: string; description?: string }[]; default?: T }): Promise<T>;
}

export function cannotPrompt(io: Pick<IOStreams, 'noPromptReason'>, q: PromptBase): UsageError {
  return new UsageError(`${q.message.replace(/[:?]\s*$/, '')}: cannot ask (${io.noPromptReason ?? 'no terminal'}); pass ${q.flag}`);
}

function isExitPrompt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

export function createPrompter(io: IOStreams): Prompter {
  const context = () => ({ input: io.stdin, output: io.stderr, clearPromptOnDone: false });
  async function ask<T>(q: PromptBase, fn: (prompts: typeof import('@inquirer/prompts')) => Promise<T>): Promise<T> {
    if (!io.canPrompt) throw cannotPrompt(io, q);
    const prompts = await import('@inquirer/prompts');
    try {
      return await fn(prompts);
    } catch (error) {
      if (isExitPrompt(error)) throw new CancelledError();
      throw error;
    }
  }
  return {
    input: (q) =>
      ask(q, (p) => p.input({ message: q.message, ...(q.default === undefined ? {} : { default: q.default }), ...(q.validate ? { validate: q.validate } : {}) }, context())),
    password: (q) => ask(q, (p) => p.password({ message: q.message, mask: '*' }, context())),
    confirm: (q) => ask(q, (p) => p.confirm({ message: q.message, default: q.default ?? false }, context())),
    select: (q) =>
      ask(q, (p) =>
        p.select({ message: q.message, choices: q.choices.map((c) => ({ ...c })), ...(q.default === undefined ? {} : { default: q.default }) }, context()),
      ),
  };
}

/** Reads a secret piped on stdin (first line, trailing newline removed), for --password-stdin. */
export async function readStdinSecret(io: Pick<IOStreams, 'stdin' | 'stdinIsTTY'>, flag: string): Promise<string> {
  if (io.stdinIsTTY) throw new UsageError(`${flag} expects the secret on a pipe, but stdin is a terminal`);
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new UsageError(`${flag}: nothing was read from stdin`);
  return line;
}
