/**
 * Writes an error to stderr: one line saying what failed, an optional hint, and with --json a single
 * `{"error":{...}}` line instead. Never prints secrets: messages are built without them.
 */
import { BwmspError, PartialFailureError, UsageError } from '../errors.js';
import type { IOStreams } from './io.js';
import type { Style } from './style.js';

export interface ErrorReportOptions {
  json: boolean;
  debug: boolean;
  style: Style;
}

function errorCode(error: unknown): string {
  if (error instanceof BwmspError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.name !== 'Error') return error.code;
  return 'unexpected';
}

function isKnown(error: unknown): error is Error & { hint?: string } {
  if (error instanceof BwmspError) return true;
  return error instanceof Error && 'exitCode' in error;
}

export function reportError(io: Pick<IOStreams, 'stderr'>, error: unknown, options: ErrorReportOptions): void {
  const known = isKnown(error);
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    error instanceof UsageError && error.commandPath !== undefined
      ? (error.hint ?? `Run 'bwmsp ${error.commandPath ? `${error.commandPath} ` : ''}--help' for usage.`)
      : known
        ? error.hint
        : 'This is a bug in bwmsp; please report it with the output of --debug.';
  if (options.json) {
    const body: Record<string, unknown> = { code: errorCode(error), message: known ? message : `unexpected error: ${message}` };
    if (hint) body.hint = hint;
    if (error instanceof PartialFailureError) body.failures = error.failures;
    io.stderr.write(`${JSON.stringify({ error: body })}\n`);
    return;
  }
  const prefix = options.style.red('error:');
  io.stderr.write(`${prefix} ${known ? message : `unexpected error: ${message}`}\n`);
  if (error instanceof PartialFailureError) {
    for (const failure of error.failures) io.stderr.write(`  ${options.style.red('✗')} ${failure.item}: ${failure.error}\n`);
  }
  if (hint) io.stderr.write(`${options.style.dim(hint)}\n`);
  if (options.debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
}
