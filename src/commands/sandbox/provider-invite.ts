import type { Deps } from '../../deps.js';
import { BwmspError, UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { dataOption, sandboxDir } from './shared.js';

export interface SandboxProviderInviteOptions {
  email: string;
  data?: string | undefined;
  name?: string | undefined;
  type: 'msp' | 'business-unit';
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * What Bitwarden staff do in their Admin portal: create a Pending provider with its owner as a
 * confirmed Provider Admin, and mail the setup link. Runs on the sandbox's store directly (the
 * server may be running; SQLite WAL lets a second process write).
 */
export async function sandboxProviderInviteRun(o: SandboxProviderInviteOptions, d: Deps): Promise<void> {
  const email = o.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new UsageError(`'${o.email}' is not an e-mail address`);
  const dir = await sandboxDir(d, o.data);
  const [{ existsSync }, { join }, { openStore, inviteProviderOwner, SANDBOX_DB_FILE }] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('../../sandbox/server.js'),
  ]);
  if (!existsSync(join(dir, SANDBOX_DB_FILE))) {
    throw new BwmspError(`no sandbox data in ${dir}`, { hint: `Start one with 'bwmsp sandbox start --detach${o.data ? ` --data ${o.data}` : ''}'.` });
  }
  const store = openStore({ dataDir: dir });
  let invitation;
  try {
    invitation = inviteProviderOwner(store, { email, ...(o.name ? { name: o.name } : {}), type: o.type === 'business-unit' ? 2 : 0 });
  } catch (error) {
    throw new BwmspError(`cannot invite ${email}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    store.close();
  }
  const view = { providerId: invitation.providerId, email: invitation.email, token: invitation.token, setupUrl: invitation.setupUrl, resent: invitation.resent };
  d.out.object(view, { view });
  d.out.success(
    invitation.resent
      ? `Provider ${invitation.providerId} was already waiting for ${email}; sent a fresh setup link`
      : `Created provider ${invitation.providerId} and invited ${email} to set it up`,
  );
  d.out.info(`Next, as ${email}: bwmsp provider setup --provider ${invitation.providerId} --token TOKEN --name NAME --billing-email EMAIL`);
}

export const sandboxProviderInviteSpec: CommandSpec = {
  name: 'provider-invite',
  summary: 'Invite someone to set up a provider, as Bitwarden staff do',
  description:
    "Plays Bitwarden staff: creates a provider waiting for setup, makes the account of EMAIL its Provider Admin and mails the setup link (see 'bwmsp sandbox mail'). Prints the provider id and setup token for 'bwmsp provider setup'. Inviting again while setup is pending re-sends the link.",
  args: ['<email>'],
  options: [
    dataOption,
    { flags: '--name <name>', description: 'provider name suggested in the invitation' },
    { flags: '--type <type>', description: 'provider type', choices: ['msp', 'business-unit'], defaultValue: 'msp' },
  ],
  examples: [
    { comment: 'Send a provider setup invitation', command: 'bwmsp sandbox provider-invite owner@msp.example' },
    { comment: 'Get the setup token as JSON', command: 'bwmsp sandbox provider-invite owner@msp.example --json' },
  ],
  run: (input: VerbInput, deps) =>
    sandboxProviderInviteRun(
      {
        email: input.args[0] ?? '',
        ...(typeof input.opts.data === 'string' ? { data: input.opts.data } : {}),
        ...(typeof input.opts.name === 'string' && input.opts.name.trim() !== '' ? { name: input.opts.name.trim() } : {}),
        type: input.opts.type === 'business-unit' ? 'business-unit' : 'msp',
      },
      deps,
    ),
};
