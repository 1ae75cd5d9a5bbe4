/** `org api-key view|rotate`: the organization API key, behind a master password re-prompt. */
import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface OrgApiKeyOptions {
  orgId: string;
  passwordStdin: boolean;
}

export function orgApiKeyOptions(input: VerbInput): OrgApiKeyOptions {
  return { orgId: (input.args[0] as string).trim(), passwordStdin: input.opts.passwordStdin === true };
}

const passwordOption = { flags: '--password-stdin', description: 'read the master password from stdin (or set BWMSP_PASSWORD)' };

async function run(opts: OrgApiKeyOptions, d: Deps, rotate: boolean): Promise<void> {
  if (rotate && !d.globals.yes) {
    const { CancelledError } = await import('../../errors.js');
    const ok = await d.prompter.confirm({ message: `Rotate the API key of organization ${opts.orgId}? Scripts using the old secret stop working.`, flag: '--yes' });
    if (!ok) throw new CancelledError('cancelled: the key was not rotated');
  }
  const [{ masterPassword }, { organizationApiKey }] = await Promise.all([import('../auth/shared.js'), import('../../domain/organization.js')]);
  const key = await organizationApiKey(d, opts.orgId, () => masterPassword(d, opts.passwordStdin), { rotate });
  const view = { organizationId: key.organizationId, clientId: key.clientId, clientSecret: key.clientSecret, revisionDate: key.revisionDate };
  if (rotate) d.out.success(`Rotated the API key of organization ${key.organizationId}; the old secret no longer works`);
  d.out.object(view);
  if (d.out.format === 'table') d.out.info("Log in with it: BWMSP_CLIENT_ID=<client id> BWMSP_CLIENT_SECRET=<client secret> bwmsp login --org-apikey");
}

export const orgApiKeyViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show the organization API key (asks the master password)',
  description: 'Shows the client id and secret of the organization API key (Public API, `bwmsp login --org-apikey`), creating it when the organization has none. Owners only; asks your master password again.',
  args: ['<org-id>'],
  options: [passwordOption],
  examples: [
    { comment: 'Show the client id and secret', command: 'bwmsp org api-key view 1f0c...' },
    { comment: 'As JSON, password from stdin', command: 'bwmsp org api-key view 1f0c... --password-stdin --json < pw.txt' },
  ],
  run: (input, deps) => run(orgApiKeyOptions(input), deps, false),
};

export const orgApiKeyRotateSpec: CommandSpec = {
  name: 'rotate',
  summary: 'Rotate the organization API key (asks the master password)',
  description: 'Replaces the organization API key secret; the old one stops working at once. Needs --yes without a terminal and asks your master password again.',
  args: ['<org-id>'],
  options: [passwordOption],
  examples: [
    { comment: 'Rotate the key', command: 'bwmsp org api-key rotate 1f0c... --yes' },
    { comment: 'Rotate and print the new key as JSON', command: 'bwmsp org api-key rotate 1f0c... --yes --json' },
  ],
  run: (input, deps) => run(orgApiKeyOptions(input), deps, true),
};
