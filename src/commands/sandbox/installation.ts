/** `sandbox installation`: register a self-hosted installation with the running cloud sandbox. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, requireRunning } from './shared.js';

export async function sandboxInstallationRun(input: VerbInput, d: Deps): Promise<void> {
  const email = typeof input.opts.email === 'string' ? input.opts.email.trim() : '';
  if (email === '' || !email.includes('@')) throw new UsageError(`--email ${email}: use an e-mail address`);
  const info = await requireRunning(d, input.opts.data);
  const { registerSandboxInstallation } = await import('../../domain/sandbox-installation.js');
  const installation = await registerSandboxInstallation(info, email, d.globals.debug ? d.debug : undefined);
  d.out.success(`Registered installation ${installation.id} with the cloud sandbox at ${info.url}`);
  d.out.object({ id: installation.id, key: installation.key });
  if (d.out.format === 'table') {
    d.out.info(
      `Start a self-hosted sandbox with it:\n  bwmsp sandbox start --mode selfhost --data DIR --cloud-url ${info.url} --installation-id ${installation.id} --installation-key <key>` +
        (info.licenseCertFile ? ` --license-cert ${info.licenseCertFile}` : ''),
    );
  }
}

export const sandboxInstallationSpec: CommandSpec = {
  name: 'installation',
  summary: 'Register a self-hosted installation and print its id and key',
  description:
    'Asks the running cloud sandbox of the data directory for a new installation (POST installations, what bitwarden.com/host does for the real cloud) and prints its id and key. The key is shown only once. Refused when that sandbox plays a self-hosted server.',
  options: [dataOption, { flags: '--email <email>', description: 'contact e-mail of the installation', defaultValue: 'admin@selfhost.example' }],
  examples: [
    { comment: 'Register an installation on the cloud sandbox', command: 'bwmsp sandbox installation' },
    { comment: 'For scripts', command: 'bwmsp sandbox installation --data /tmp/cloud --json' },
  ],
  run: sandboxInstallationRun,
};
