/**
 * Errors the CLI maps to exit codes (DESIGN.md "Exit codes"). Everything below `bin/` throws one of
 * these; only `bin/bwmsp.js` turns the code into the process exit status.
 */

export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  Partial: 3,
  Auth: 4,
  NotFound: 5,
  Cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class: a message for humans, an optional hint line, a stable machine code. */
export class BwmspError extends Error {
  readonly exitCode: ExitCode = ExitCode.Failure;
  readonly code: string = 'failure';
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BwmspError';
    this.hint = options.hint;
  }
}

/** Bad flags or arguments, or a value that a non-interactive run must pass as a flag. Exit 2. */
export class UsageError extends BwmspError {
  override readonly exitCode = ExitCode.Usage;
  override readonly code = 'usage';
  /** The command path (e.g. "member invite") whose --help the message should point to. */
  commandPath: string | undefined;

  constructor(message: string, options: { hint?: string; commandPath?: string } = {}) {
    super(message, options);
    this.name = 'UsageError';
    this.commandPath = options.commandPath;
  }
}

/** An input file or stream is invalid; the message names file, line, column and field. Exit 2. */
export class InputError extends BwmspError {
  override readonly exitCode = ExitCode.Usage;
  override readonly code = 'invalid_input';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** Not logged in, locked, or the credentials/token were refused. Exit 4. */
export class AuthError extends BwmspError {
  override readonly exitCode = ExitCode.Auth;
  override readonly code = 'auth';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { hint: options.hint ?? "Run 'bwmsp login' first.", cause: options.cause });
    this.name = 'AuthError';
  }
}

/** The named object (client, member, profile, ...) does not exist. Exit 5. */
export class NotFoundError extends BwmspError {
  override readonly exitCode = ExitCode.NotFound;
  override readonly code = 'not_found';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

export interface ItemFailure {
  item: string;
  error: string;
}

/** A bulk operation partly failed; `failures` says which items. Exit 3. */
export class PartialFailureError extends BwmspError {
  override readonly exitCode = ExitCode.Partial;
  override readonly code = 'partial_failure';
  readonly failures: readonly ItemFailure[];

  constructor(message: string, failures: readonly ItemFailure[], options: { hint?: string } = {}) {
    super(message, options);
    this.name = 'PartialFailureError';
    this.failures = failures;
  }
}

/** Ctrl-C at a prompt or a declined confirmation. Exit 130. */
export class CancelledError extends BwmspError {
  override readonly exitCode = ExitCode.Cancelled;
  override readonly code = 'cancelled';

  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** A verb registered in the command tree whose issue has not landed yet. Exit 1. */
export class NotImplementedError extends BwmspError {
  override readonly code = 'not_implemented';

  constructor(commandPath: string) {
    super(`bwmsp ${commandPath}: not implemented yet`);
    this.name = 'NotImplementedError';
  }
}

/**
 * Exit code for any thrown value. Errors from other layers (ApiError, CryptoError) carry their own
 * `exitCode`; anything unknown is a failure (1).
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof BwmspError) return error.exitCode;
  if (typeof error === 'object' && error !== null && 'exitCode' in error) {
    const code = (error as { exitCode: unknown }).exitCode;
    if (typeof code === 'number') return code;
  }
  return ExitCode.Failure;
}
