/**
 * Turns `CommandSpec` data into commander commands. The action of a leaf validates nothing itself:
 * it hands positional args and options to the spec's `run` with the deps built for this run.
 */
import { Command, Option } from 'commander';
import { NotImplementedError } from '../errors.js';
import type { CommandSpec, Example, OptionSpec, VerbInput } from './spec.js';

export type RunLeaf = (spec: CommandSpec, input: VerbInput, command: Command) => Promise<void>;

export function formatExamples(examples: readonly Example[]): string {
  return `\nExamples:\n${examples.map((e) => `  # ${e.comment}\n  $ ${e.command}\n`).join('\n')}`;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function buildOption(spec: OptionSpec): Option {
  const description = spec.env ? `${spec.description} (env ${spec.env})` : spec.description;
  const option = new Option(spec.flags, description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) option.argParser(collect);
  if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
  if (spec.env) option.env(spec.env);
  if (spec.hidden) option.hideHelp();
  return option;
}

/** Full path of a command without the root name: 'provider users list'. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function buildCommand(spec: CommandSpec, runLeaf: RunLeaf): Command {
  const command = new Command(spec.name).summary(spec.summary).description(spec.description ?? spec.summary);
  for (const alias of spec.aliases ?? []) command.alias(alias);
  for (const arg of spec.args ?? []) command.argument(arg);
  for (const option of spec.options ?? []) command.addOption(buildOption(option));
  if (spec.examples?.length) command.addHelpText('after', formatExamples(spec.examples));
  if (spec.subcommands) {
    for (const sub of spec.subcommands) command.addCommand(buildCommand(sub, runLeaf));
    return command;
  }
  command.action(async (...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const args = (params.slice(0, -2) as (string | string[] | undefined)[]).flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]));
    const input: VerbInput = { args, opts: self.optsWithGlobals(), commandPath: commandPath(self) };
    if (!spec.run) throw new NotImplementedError(input.commandPath);
    await runLeaf(spec, input, self);
  });
  return command;
}
