import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { profileView } from './shared.js';

export async function profileViewRun(name: string | undefined, d: Pick<Deps, 'config' | 'settings' | 'out'>): Promise<void> {
  const store = await d.config();
  const { resolveServer } = await import('../../config/servers.js');
  const target = name ?? (await d.settings()).profileName;
  const profile = store.getProfile(target);
  if (!profile) {
    const names = store.listProfiles().map((p) => p.name);
    throw new NotFoundError(`profile '${target}' not found`, {
      hint: names.length ? `Profiles: ${names.join(', ')}` : "Add one with 'bwmsp profile add NAME --server us|eu|URL'.",
    });
  }
  const view = profileView(profile, store.getActiveProfile() === profile.name, resolveServer(profile.server));
  d.out.object({ ...view, urls: undefined, api: view.urls?.api, identity: view.urls?.identity }, { view });
}

export const profileViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show a connection profile and its service URLs',
  args: ['[name]'],
  examples: [
    { comment: 'The profile in use', command: 'bwmsp profile view' },
    { comment: 'A named profile as JSON', command: 'bwmsp profile view contoso --json' },
  ],
  run: (input: VerbInput, deps) => profileViewRun(input.args[0], deps),
};
