import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';

export async function lockRun(d: Deps): Promise<void> {
  const { requireSession } = await import('../../domain/connection.js');
  const { sessions, settings } = await requireSession(d);
  sessions.update(settings.profileName, { sessionProtectedUserKey: undefined });
  d.out.success(`Locked profile ${settings.profileName}: earlier session keys no longer work`);
  if (d.out.format === 'json') d.out.object({ profile: settings.profileName, status: 'locked' });
}

export const lockSpec: CommandSpec = {
  name: 'lock',
  summary: 'Forget the session key of the current profile',
  examples: [
    { comment: 'Lock: BWMSP_SESSION values printed before stop working', command: 'bwmsp lock' },
    { comment: 'Lock another profile', command: 'bwmsp lock --profile contoso --json' },
  ],
  run: (_input, deps) => lockRun(deps),
};
