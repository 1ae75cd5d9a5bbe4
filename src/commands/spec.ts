/**
 * The command tree as data. Every noun and verb is a `CommandSpec`; `build-program.ts` turns specs
 * into commander commands, `completions` and the tree-walking test read the same data.
 *
 * Laziness has two levels: the registry imports a noun's module only when argv names that noun, and
 * a verb's `run` imports the heavy layers (api, crypto, prompts, schemas) dynamically. So
 * `bwmsp --help` and `--version` import none of them. A verb with no `run` is registered but not
 * implemented yet (it exits 1 saying so).
 */
import type { Deps } from '../deps.js';

export interface OptionSpec {
  /** commander flag syntax: '--org <org-id>', '-y, --yes', '--no-verify'. */
  flags: string;
  description: string;
  choices?: readonly string[];
  defaultValue?: string | boolean | string[];
  /** Repeatable option: '--group <name>' given several times collects an array. */
  repeatable?: boolean;
  /** Env var that supplies the value when the flag is absent (shown in help). */
  env?: string;
  /** Shell completion for the value: profile names, files or directories. */
  complete?: 'profiles' | 'files' | 'dirs';
  hidden?: boolean;
}

export interface Example {
  /** What it does, shown as '# comment'. */
  comment: string;
  /** The command line, without the leading '$ '. */
  command: string;
}

/** What a verb receives: positional arguments and its parsed options (global flags live in deps). */
export interface VerbInput {
  args: string[];
  opts: Record<string, unknown>;
  /** 'member invite', for error messages pointing at --help. */
  commandPath: string;
}

export type VerbRun = (input: VerbInput, deps: Deps) => Promise<void>;

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  /** Imperative, sentence case, no trailing period, at most 60 characters. */
  summary: string;
  description?: string;
  /** commander argument syntax: '<email...>', '[name]'. */
  args?: readonly string[];
  options?: readonly OptionSpec[];
  examples?: readonly Example[];
  /** Offers --json / --format (data commands). Defaults to true for leaf verbs. */
  json?: boolean;
  subcommands?: readonly CommandSpec[];
  /** The implementation; absent = registered, not implemented yet. */
  run?: VerbRun;
}

/** A top-level entry of the registry: its summary is known without importing its module. */
export interface TopLevelEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandSpec>;
}

/** Options most admin verbs share. */
export const clientOption: OptionSpec = {
  flags: '--client <name-or-id>',
  description: "client organization of the provider, by name or id",
};
export const orgOption: OptionSpec = {
  flags: '--org <org-id>',
  description: 'organization id (outside a provider, or a self-hosted organization)',
};
export const allClientsOption: OptionSpec = {
  flags: '--all-clients',
  description: "run for every client of the provider, with bounded concurrency",
};
