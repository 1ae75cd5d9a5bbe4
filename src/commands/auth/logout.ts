import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';

export async function logoutRun(d: Deps): Promise<void> {
  const [settings, sessions] = await Promise.all([d.settings(), d.sessions()]);
  const had = sessions.read(settings.profileName) !== undefined;
  sessions.remove(settings.profileName);
  if (had) d.out.success(`Logged out of profile ${settings.profileName}`);
  else d.out.info(`Profile ${settings.profileName} was not logged in.`);
  if (d.out.format === 'json') d.out.object({ profile: settings.profileName, loggedOut: had });
}

export const logoutSpec: CommandSpec = {
  name: 'logout',
  summary: 'Log out and delete the local session',
  examples: [
    { comment: 'Log out of the current profile', command: 'bwmsp logout' },
    { comment: 'Log out of another profile', command: 'bwmsp logout --profile contoso --json' },
  ],
  run: (_input, deps) => logoutRun(deps),
};
