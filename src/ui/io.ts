import type { Readable, Writable } from 'node:stream';

/**
 * The process's streams and the TTY rules derived from them (STYLE.md sections 3 and 4).
 * Commands write through this object only; tests build one with `createTestIO`.
 */
export interface IOStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width for tables, 80 when unknown. */
  readonly columns: number;
  /** Colour on stdout/stderr: off for NO_COLOR, --no-color, TERM=dumb and pipes; FORCE_COLOR turns it on. */
  readonly colorEnabled: boolean;
  /** True only when stdin and stdout are TTYs and none of --no-input, BWMSP_NO_PROMPT or CI is set. */
  readonly canPrompt: boolean;
  /** Spinners and progress only when both stdout and stderr are TTYs, no --json, no CI. */
  readonly progressEnabled: boolean;
  /** --quiet: no success lines on stderr. */
  readonly quiet: boolean;
  /** Why prompting is impossible, for error messages ("--no-input is set", "stdin is not a terminal"). */
  readonly noPromptReason: string | undefined;
}

export interface IOSettings {
  noInput: boolean;
  noColor: boolean;
  json: boolean;
  quiet: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

function isTTY(stream: Readable | Writable): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

export function colorWanted(env: Env, streamIsTTY: boolean, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (truthy(env.FORCE_COLOR) || truthy(env.CLICOLOR_FORCE)) return true;
  if (env.TERM === 'dumb') return false;
  return streamIsTTY;
}

/** Why prompts are refused, or undefined when they are allowed. */
export function promptRefusal(env: Env, stdinTTY: boolean, stdoutTTY: boolean, noInput: boolean): string | undefined {
  if (noInput) return '--no-input is set';
  if (truthy(env.BWMSP_NO_PROMPT)) return 'BWMSP_NO_PROMPT is set';
  if (truthy(env.CI)) return 'CI is set';
  if (!stdinTTY) return 'stdin is not a terminal';
  if (!stdoutTTY) return 'stdout is not a terminal';
  return undefined;
}

export function createIOStreams(
  streams: { stdin: Readable; stdout: Writable; stderr: Writable },
  env: Env,
  settings: IOSettings,
  tty: { stdin?: boolean; stdout?: boolean; stderr?: boolean; columns?: number } = {},
): IOStreams {
  const stdinIsTTY = tty.stdin ?? isTTY(streams.stdin);
  const stdoutIsTTY = tty.stdout ?? isTTY(streams.stdout);
  const stderrIsTTY = tty.stderr ?? isTTY(streams.stderr);
  const noPromptReason = promptRefusal(env, stdinIsTTY, stdoutIsTTY, settings.noInput);
  const columns = tty.columns ?? ((streams.stdout as { columns?: number }).columns || 80);
  return {
    ...streams,
    stdinIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    columns,
    colorEnabled: colorWanted(env, stdoutIsTTY, settings.noColor),
    canPrompt: noPromptReason === undefined,
    noPromptReason,
    progressEnabled: stdoutIsTTY && stderrIsTTY && !settings.json && !truthy(env.CI),
    quiet: settings.quiet,
  };
}
