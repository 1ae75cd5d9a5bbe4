import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';
import { profileView } from './shared.js';

export async function profileListRun(d: Pick<Deps, 'config' | 'out'>): Promise<void> {
  const store = await d.config();
  const active = store.getActiveProfile();
  const rows = store.listProfiles().map((p) => profileView(p, p.name === active));
  d.out.list(
    rows,
    [
      { header: 'Name', value: (r) => (d.out.format === 'table' && r.active ? `* ${r.name}` : r.name) },
      { header: 'Server', value: (r) => r.server },
      { header: 'Provider', value: (r) => r.provider },
      { header: 'Org', value: (r) => r.org },
      { header: 'Active', value: (r) => (r.active ? 'yes' : '') },
    ],
    { empty: "No profiles. Add one with 'bwmsp profile add NAME --server us|eu|URL'." },
  );
}

export const profileListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List connection profiles',
  examples: [
    { comment: 'All profiles; the active one is starred', command: 'bwmsp profile list' },
    { comment: 'Profile names only, for scripts', command: 'bwmsp profile list | cut -f1' },
    { comment: 'As JSON', command: 'bwmsp profile list --json' },
  ],
  run: (_input, deps) => profileListRun(deps),
};
