/**
 * Builds the program for one argv, runs it, and returns the exit code. Never calls process.exit:
 * only bin/bwmsp.js sets the exit status.
 */
import { Command, CommanderError } from 'commander';
import { buildCommand, commandPath, type RunLeaf } from './commands/build-program.js';
import { findTopLevel, registry } from './commands/registry.js';
import type { CommandSpec } from './commands/spec.js';
import type { System } from './deps.js';
import { ExitCode, exitCodeFor, UsageError } from './errors.js';
import { createRootProgram, globalOptions, globalValueFlags, helpTopics, importFormatAlias } from './root.js';
import { createIOStreams } from './ui/io.js';
import { reportError } from './ui/report-error.js';
import { createStyle } from './ui/style.js';

/** The words of argv that are not global flags or a global flag's value, up to `limit`. */
function leadingWords(argv: readonly string[], limit: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < limit; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      if (argv[i + 1] !== undefined) words.push(argv[i + 1] as string);
      break;
    }
    if (arg.startsWith('-')) {
      if (globalValueFlags.has(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

/** The first word of argv that is not a global flag or a global flag's value. */
export function firstWord(argv: readonly string[]): string | undefined {
  return leadingWords(argv, 1)[0];
}

/** Loads every top-level spec (for completions and the tree test). */
export async function loadCommandTree(): Promise<CommandSpec[]> {
  return Promise.all(registry.map((entry) => entry.load()));
}

function attachPlaceholders(program: Command, except?: string): void {
  for (const entry of registry) {
    if (entry.name !== except) program.command(entry.name).summary(entry.summary).description(entry.summary);
  }
}

export async function main(rawArgv: readonly string[], system: System): Promise<number> {
  const argv = importFormatAlias(rawArgv, leadingWords(rawArgv, 2));
  const program = createRootProgram();
  const early = { json: argv.includes('--json'), debug: argv.includes('--debug') };
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => void system.stdout.write(text),
    writeErr: (text) => void system.stderr.write(text),
    outputError: () => undefined,
  });

  const word = firstWord(argv);
  if (word === 'help' && argv.length >= 2) {
    const topic = argv[argv.indexOf('help') + 1];
    if (topic !== undefined && helpTopics[topic]) {
      system.stdout.write(helpTopics[topic]);
      return ExitCode.Ok;
    }
  }

  let failure: unknown;
  const runLeaf: RunLeaf = async (spec, input, command) => {
    const globals = globalOptions(command);
    const { createDeps } = await import('./deps.js');
    const deps = await createDeps(system, globals);
    try {
      await spec.run?.(input, deps);
    } catch (error) {
      if (error instanceof UsageError && error.commandPath === undefined) error.commandPath = input.commandPath;
      throw error;
    }
  };

  try {
    const entry = word === undefined ? undefined : findTopLevel(word);
    const spec = entry ? await entry.load() : undefined;
    attachPlaceholders(program, spec?.name);
    if (spec) program.addCommand(buildCommand(spec, runLeaf));
    for (const command of allCommands(program)) {
      command.exitOverride();
      command.configureOutput({
        writeOut: (text) => void system.stdout.write(text),
        writeErr: (text) => void system.stderr.write(text),
        outputError: () => undefined,
      });
    }
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.Ok;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.Ok;
      failure = new UsageError(error.message.replace(/^error: /, ''), { commandPath: usagePath(program, argv) });
    } else {
      failure = error;
    }
  }
  const io = createIOStreams(system, system.env, { noInput: true, noColor: argv.includes('--no-color'), json: early.json, quiet: false }, system.tty);
  reportError(system, failure, { json: early.json, debug: early.debug, style: await createStyle(io.colorEnabled && io.stderrIsTTY) });
  return exitCodeFor(failure);
}

function allCommands(root: Command): Command[] {
  return [root, ...root.commands.flatMap((c) => allCommands(c))];
}

/** The deepest command named in argv, for "Run 'bwmsp X --help'". */
function usagePath(program: Command, argv: readonly string[]): string {
  let command = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const next = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) break;
    command = next;
  }
  return command === program ? '' : commandPath(command);
}
