import type { Deps } from '../../deps.js';
import { PartialFailureError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export async function selfhostConfigCheckRun(input: VerbInput, d: Deps): Promise<void> {
  const [{ resolveBwdata, readOverrideEnv }, { checkSelfhostEnv }] = await Promise.all([import('../../domain/selfhost-files.js'), import('../../domain/selfhost-config.js')]);
  const { path, file, mode } = readOverrideEnv(resolveBwdata(typeof input.opts.bwdata === 'string' ? input.opts.bwdata : undefined));
  const findings = checkSelfhostEnv(file, { mode });
  const mark = { pass: d.style.green('pass'), warn: d.style.yellow('warn'), fail: d.style.red('fail') };
  d.out.list(findings, [
    { header: 'Check', value: (f) => f.check },
    { header: 'Result', value: (f) => (d.out.format === 'table' ? mark[f.level] : f.level) },
    { header: 'Finding', value: (f) => f.message },
    { header: 'Fix', value: (f) => f.fix },
  ]);
  const failed = findings.filter((f) => f.level === 'fail');
  if (d.out.format !== 'json') d.out.info(`${path}: ${findings.filter((f) => f.level === 'pass').length} pass, ${findings.filter((f) => f.level === 'warn').length} warn, ${failed.length} fail`);
  if (failed.length) {
    throw new PartialFailureError(`${failed.length} check${failed.length === 1 ? '' : 's'} failed in ${path}`, failed.map((f) => ({ item: f.check, error: f.message })), {
      hint: 'Apply the fixes, then ./bitwarden.sh restart.',
    });
  }
}

export const selfhostConfigCheckSpec: CommandSpec = {
  name: 'check',
  summary: 'Check global.override.env and say how to fix it',
  description:
    'Checks bwdata/env/global.override.env: installation id and key, SMTP for invitations, cloud communication for billing sync, the four region values set together and consistent, open registration, SSO enforcement, HIBP and Duo keys, syntax, duplicates and file mode. Exits 3 when a check fails.',
  options: [{ flags: '--bwdata <dir>', description: 'the bwdata directory of the installation (default ./bwdata)', complete: 'dirs' }],
  examples: [
    { comment: 'Check an installation', command: 'bwmsp selfhost config check --bwdata /opt/bitwarden/bwdata' },
    { comment: 'As JSON', command: 'bwmsp selfhost config check --bwdata ./bwdata --json' },
  ],
  run: selfhostConfigCheckRun,
};
