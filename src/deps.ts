/**
 * Everything a command uses comes from `Deps` (STYLE.md section 2): streams and TTY rules, output,
 * prompts, config, clock, env, and a lazily built API client. Expensive pieces are created on first
 * use, so `--help` and `profile list` never need a server or a login.
 */
import type { Readable, Writable } from 'node:stream';
import type { ConfigStore } from './config/profile.js';
import type { SessionStore } from './config/session-store.js';
import type { ResolvedSettings } from './config/settings.js';
import type { GlobalOptions } from './root.js';
import { createIOStreams, type IOStreams } from './ui/io.js';
import { createPrinter, type Printer } from './ui/printer.js';
import { createPrompter, type Prompter } from './ui/prompter.js';
import { createStyle, type Style } from './ui/style.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Clock {
  now(): Date;
}

/** What the process provides; tests pass fake streams, env and overrides. */
export interface System {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Env;
  clock?: Clock;
  /** Force TTY flags (tests); otherwise read from the streams. */
  tty?: { stdin?: boolean; stdout?: boolean; stderr?: boolean; columns?: number };
  config?: ConfigStore;
  prompter?: Prompter;
  /** Resolves with the signal name on SIGINT/SIGTERM (foreground servers wait on it). */
  shutdownSignal?: () => Promise<string>;
}

export interface Deps {
  io: IOStreams;
  globals: GlobalOptions;
  env: Env;
  clock: Clock;
  style: Style;
  out: Printer;
  prompter: Prompter;
  /** Profiles (conf), loaded on first use. */
  config(): Promise<ConfigStore>;
  /** Session files of the config dir. */
  sessions(): Promise<SessionStore>;
  /** Profile, server and URLs after flag > env > profile > default. */
  settings(): Promise<ResolvedSettings>;
  /** One line of --debug trace on stderr (callers redact first). */
  debug(line: string): void;
  /** Resolves on SIGINT/SIGTERM. */
  shutdownSignal(): Promise<string>;
}

function processShutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export async function createDeps(system: System, globals: GlobalOptions): Promise<Deps> {
  const io = createIOStreams(system, system.env, { noInput: globals.noInput, noColor: globals.noColor, json: globals.json, quiet: globals.quiet }, system.tty);
  const style = await createStyle(io.colorEnabled);
  let config: Promise<ConfigStore> | undefined;
  let settings: Promise<ResolvedSettings> | undefined;
  const deps: Deps = {
    io,
    globals,
    env: system.env,
    clock: system.clock ?? { now: () => new Date() },
    style,
    out: createPrinter(io, globals, style),
    prompter: system.prompter ?? createPrompter(io),
    config: () =>
      (config ??= system.config
        ? Promise.resolve(system.config)
        : Promise.all([import('./config/profile-store.js'), import('./config/paths.js')]).then(([{ createConfStore }, { configDir }]) =>
            createConfStore({ dir: configDir(system.env) }),
          )),
    sessions: async () => {
      const [{ createSessionStore }, store] = await Promise.all([import('./config/session-store.js'), deps.config()]);
      return createSessionStore(store.dir);
    },
    settings: () =>
      (settings ??= Promise.all([import('./config/settings.js'), deps.config()]).then(([{ resolveSettings }, store]) =>
        resolveSettings({ flags: { profile: globals.profile, server: globals.server }, env: system.env, store }),
      )),
    debug: (line) => {
      if (globals.debug) io.stderr.write(`${style.dim(`[debug] ${line}`)}\n`);
    },
    shutdownSignal: system.shutdownSignal ?? processShutdownSignal,
  };
  return deps;
}
