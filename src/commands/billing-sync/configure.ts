/** `billing-sync configure`: store the billing sync token on the self-hosted server (connection type 1). */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface BillingSyncConfigureOptions {
  org: string;
  /** The token, or '-' to read it from stdin; absent = BWMSP_BILLING_SYNC_TOKEN (commander fills it) or stdin. */
  token: string | undefined;
}

export function billingSyncConfigureOptions(input: VerbInput): BillingSyncConfigureOptions {
  const org = typeof input.opts.org === 'string' ? input.opts.org.trim() : '';
  if (org === '') throw new UsageError('--org ID is required (the self-hosted organization id)', { commandPath: input.commandPath });
  const token = typeof input.opts.token === 'string' && input.opts.token.trim() !== '' ? input.opts.token.trim() : undefined;
  return { org, token };
}

export async function billingSyncConfigureRun(o: BillingSyncConfigureOptions, d: Deps): Promise<void> {
  let token = o.token;
  if (token === undefined || token === '-') {
    if (d.io.stdinIsTTY) {
      token = (await d.prompter.password({ message: 'Billing sync token', flag: '--token - (stdin) or BWMSP_BILLING_SYNC_TOKEN' })).trim();
    } else {
      const { readStdinSecret } = await import('../../ui/prompter.js');
      token = (await readStdinSecret(d.io, '--token -')).trim();
    }
  }
  if (!/^[A-Za-z0-9]{1,256}$/.test(token)) throw new UsageError('the billing sync token is letters and digits only (30 characters from the cloud)');
  const { configureBillingSync } = await import('../../domain/billing-sync.js');
  const result = await configureBillingSync(d, o.org, token);
  if (result.action === 'unchanged') d.out.info(`Billing sync of ${result.organizationId} already uses this token`);
  else d.out.success(`${result.action === 'created' ? 'Configured' : 'Updated'} billing sync of ${result.organizationId} (cloud organization ${result.cloudOrganizationId ?? 'unknown'})`);
  if (result.lastLicenseSyncCleared) d.out.warn('the server forgets the last sync time when the connection is updated: status shows "never" until the next billing-sync run');
  // Never echo the token.
  d.out.object(
    {
      organizationId: result.organizationId,
      connectionId: result.connectionId,
      result: result.action,
      enabled: result.enabled,
      cloudOrganizationId: result.cloudOrganizationId ?? 'unknown',
      lastLicenseSync: result.lastLicenseSync ?? 'never',
    },
    { view: result },
  );
}

export const billingSyncConfigureSpec: CommandSpec = {
  name: 'configure',
  summary: 'Store the billing sync token on a self-hosted server',
  description:
    'Creates or updates the billing sync connection of a self-hosted organization (Owner only) with the token from `billing-sync token` on the cloud. The token comes from --token, BWMSP_BILLING_SYNC_TOKEN, or stdin (--token - , or no --token on a pipe); it is never printed. The server checks the organization\'s license file first ("Cannot verify license file.") and links the connection to the cloud organization named in it. Updating the connection makes the server forget the last sync time.',
  options: [
    { flags: '--org <org-id>', description: 'self-hosted organization id' },
    { flags: '--token <token>', description: "billing sync token from the cloud, or - for stdin (or BWMSP_BILLING_SYNC_TOKEN)", env: 'BWMSP_BILLING_SYNC_TOKEN' },
  ],
  examples: [
    { comment: 'Token from the cloud profile piped into the self-hosted one', command: "bwmsp billing-sync token --client Contoso --profile cloud | bwmsp billing-sync configure --org 1f0c... --token - --profile contoso-selfhost" },
    { comment: 'Token from the environment, result as JSON', command: 'BWMSP_BILLING_SYNC_TOKEN=... bwmsp billing-sync configure --org 1f0c... --json' },
  ],
  run: (input, deps) => billingSyncConfigureRun(billingSyncConfigureOptions(input), deps),
};
