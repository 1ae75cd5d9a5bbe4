/** Sandbox logging: silent by default; `verbose` adds request lines. Writes to stderr, never stdout. */
export interface SandboxLogger {
  readonly verbose: boolean;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const silentLogger: SandboxLogger = {
  verbose: false,
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export interface StreamLoggerOptions {
  verbose?: boolean;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Info/debug lines only when verbose; warnings and errors always. Timestamps and colour on a TTY. */
export function createStreamLogger(options: StreamLoggerOptions = {}): SandboxLogger {
  const stream = options.stream ?? process.stderr;
  const verbose = options.verbose ?? false;
  const tty = stream.isTTY === true && process.env.NO_COLOR === undefined;
  const colours: Record<string, string> = { debug: '\x1b[90m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' };
  function write(level: string, message: string): void {
    if (tty) {
      const time = new Date().toISOString().slice(11, 19);
      stream.write(`\x1b[90m${time}\x1b[0m ${colours[level] ?? ''}${level}\x1b[0m ${message}\n`);
    } else {
      stream.write(`${new Date().toISOString()} ${level} ${message}\n`);
    }
  }
  return {
    verbose,
    debug(message) {
      if (verbose) write('debug', message);
    },
    info(message) {
      if (verbose) write('info', message);
    },
    warn(message) {
      write('warn', message);
    },
    error(message, error) {
      const detail = error instanceof Error ? `: ${verbose ? (error.stack ?? error.message) : error.message}` : '';
      write('error', message + detail);
    },
  };
}
