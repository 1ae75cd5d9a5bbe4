import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface MemberAcceptOptions {
  org?: string;
  user?: string;
  token?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function memberAcceptOptions(input: VerbInput): MemberAcceptOptions {
  const o = input.opts;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const org = text(o.org);
  const user = text(o.user);
  const token = text(o.token);
  return { ...(org ? { org } : {}), ...(user ? { user } : {}), ...(token ? { token } : {}) };
}

function guid(value: string, flag: string): string {
  if (!GUID.test(value)) throw new UsageError(`${flag} ${value}: not an id (the organizationId / organizationUserId values of the invitation link)`);
  return value.toLowerCase();
}

export async function memberAcceptRun(opts: MemberAcceptOptions, d: Deps): Promise<void> {
  const ask = (message: string, flag: string) => d.prompter.input({ message, flag });
  const orgId = guid(opts.org ?? (await ask('Organization id (organizationId in the invitation link)', '--org')), '--org');
  const organizationUserId = guid(opts.user ?? (await ask('Organization user id (organizationUserId in the invitation link)', '--user')), '--user');
  const token = opts.token ?? (await ask('Invitation token (token in the invitation link)', '--token'));
  const { acceptInvite } = await import('../../domain/member.js');
  const result = await acceptInvite(d, { orgId, organizationUserId, token: token.trim() });
  if (result.result === 'accepted') d.out.success(`Accepted the invitation to organization ${orgId}; an administrator must now confirm you`);
  else d.out.info(`Nothing to do: ${result.reason ?? 'the invitation was already accepted'}`);
  d.out.object({ ...result });
}

export const memberAcceptSpec: CommandSpec = {
  name: 'accept',
  summary: 'Accept an organization invitation as the invitee',
  description:
    'Run as the invited user (logged in with their own account): takes the organizationId, organizationUserId and token values of the invitation link. After accepting, an administrator confirms the member (bwmsp member confirm).',
  options: [
    { flags: '--org <org-id>', description: 'organization id from the invitation link' },
    { flags: '--user <org-user-id>', description: 'organization user id from the invitation link' },
    { flags: '--token <token>', description: 'invitation token from the mail' },
  ],
  examples: [
    { comment: 'Accept with the values from the invitation link', command: 'bwmsp member accept --org 1f0c... --user 77aa... --token abc...' },
    { comment: 'Accept, result as JSON', command: 'bwmsp member accept --org 1f0c... --user 77aa... --token abc... --json' },
  ],
  run: (input, deps) => memberAcceptRun(memberAcceptOptions(input), deps),
};
