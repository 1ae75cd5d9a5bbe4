import type { Deps } from '../../deps.js';
import { InputError, UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** KEY=VALUE arguments; the value may be empty or contain '='. */
export function parseAssignments(args: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg : arg.slice(0, eq);
    if (eq < 0 || !KEY.test(key)) throw new UsageError(`'${arg}' is not KEY=VALUE (e.g. globalSettings__enableCloudCommunication=true)`);
    if (/[\r\n]/.test(arg)) throw new UsageError(`the value of ${key} contains a line break`);
    values[key] = arg.slice(eq + 1);
  }
  return values;
}

export async function selfhostConfigSetRun(input: VerbInput, d: Deps): Promise<void> {
  const values = parseAssignments(input.args);
  const region = input.opts.region;
  const [files, { setEnv }, { REGION_VALUES }] = await Promise.all([import('../../domain/selfhost-files.js'), import('../../domain/env-file.js'), import('../../domain/selfhost-config.js')]);
  if (region === 'us' || region === 'eu') Object.assign(values, REGION_VALUES[region]);
  if (Object.keys(values).length === 0) throw new UsageError('nothing to set: pass KEY=VALUE arguments or --region us|eu');
  const { path, file, mode } = files.readOverrideEnv(files.resolveBwdata(typeof input.opts.bwdata === 'string' ? input.opts.bwdata : undefined));
  // Editing around a line the installation cannot read would keep it broken and hide it: refuse.
  const invalid = file.lines.filter((l) => l.kind === 'invalid');
  if (invalid.length) {
    const first = invalid[0];
    throw new InputError(`${path}:${first?.line}: not KEY=VALUE: ${first?.raw.slice(0, 60)}${invalid.length > 1 ? ` (and ${invalid.length - 1} more such line${invalid.length > 2 ? 's' : ''})` : ''}`, {
      hint: 'Fix or comment out the line, then run the command again; `bwmsp selfhost config check` lists every such line.',
    });
  }
  const changes = setEnv(file, values);
  if (changes.length) files.writeOverrideEnv(path, file, mode);
  if (d.out.format === 'json') {
    d.out.object({ file: path, changes, restartNeeded: changes.length > 0 });
    return;
  }
  for (const c of changes) d.out.success(`${c.key}: ${c.from === undefined ? '(unset)' : c.from} -> ${c.to}`);
  if (changes.length === 0) d.out.info(`${path} already has these values; nothing changed.`);
  else d.out.info(`Run './bitwarden.sh restart' on the server to apply the change.`);
}

export const selfhostConfigSetSpec: CommandSpec = {
  name: 'set',
  summary: 'Set values in global.override.env, keeping comments',
  description:
    "Edits bwdata/env/global.override.env in place: existing keys keep their line, new ones are appended, comments and order are kept. --region sets the four region values together. './bitwarden.sh restart' applies the change.",
  args: ['[key=value...]'],
  options: [
    { flags: '--bwdata <dir>', description: 'the bwdata directory of the installation (default ./bwdata)', complete: 'dirs' },
    { flags: '--region <region>', description: 'set the four region values together', choices: ['us', 'eu'] },
  ],
  examples: [
    { comment: 'Turn on cloud communication for billing sync', command: 'bwmsp selfhost config set globalSettings__enableCloudCommunication=true --bwdata ./bwdata' },
    { comment: 'Switch the installation to the EU cloud', command: 'bwmsp selfhost config set --region eu --bwdata ./bwdata --json' },
  ],
  run: selfhostConfigSetRun,
};
