import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, requireRunning } from './shared.js';

export async function sandboxSeedRun(input: VerbInput, d: Deps): Promise<void> {
  const info = await requireRunning(d, input.opts.data);
  const [{ connect }, { seedSandbox }, { withSpinner }] = await Promise.all([
    import('../../domain/connection.js'),
    import('../../domain/seed.js'),
    import('../../ui/progress.js'),
  ]);
  // Talk to this sandbox whatever the profile says.
  const conn = await connect({
    ...d,
    settings: async () => {
      const { resolveServer, canonicalServer } = await import('../../config/servers.js');
      return {
        profileName: 'sandbox-seed',
        server: canonicalServer(info.url),
        urls: resolveServer(info.url),
        ...(info.caFile ? { caFile: info.caFile } : {}),
        source: { profile: 'default', server: 'flag' },
      };
    },
  });
  try {
    const accounts = await withSpinner(d.io, 'Registering demo accounts', (update) => seedSandbox(conn, (email) => update(`Registering ${email}`)));
    if (d.out.format === 'json') {
      d.out.object({ url: info.url, caFile: info.caFile, accounts: accounts.map(({ created: _created, ...a }) => a) });
      return;
    }
    d.out.list(accounts, [
      { header: 'Role', value: (a) => a.role },
      { header: 'Email', value: (a) => a.email },
      { header: 'Password', value: (a) => a.password },
      { header: 'Client id', value: (a) => a.clientId },
      { header: 'Client secret', value: (a) => a.clientSecret },
      { header: 'New', value: (a) => (a.created ? 'yes' : 'no') },
    ]);
    d.out.success(`Seeded ${accounts.length} accounts on ${info.url} (${accounts.filter((a) => a.created).length} new)`);
  } finally {
    await conn.api.close();
  }
}

export const sandboxSeedSpec: CommandSpec = {
  name: 'seed',
  summary: 'Register demo accounts and print their credentials',
  description:
    "Registers a provider admin, a second provider admin, a service user and client end users through the sandbox's public registration route, with keys made by bwmsp, and prints their e-mails, passwords and API keys. Re-running finds the same accounts.",
  options: [dataOption],
  examples: [
    { comment: 'Create the demo accounts', command: 'bwmsp sandbox seed' },
    { comment: 'Credentials as JSON for a script', command: 'bwmsp sandbox seed --json > seed.json' },
  ],
  run: sandboxSeedRun,
};
