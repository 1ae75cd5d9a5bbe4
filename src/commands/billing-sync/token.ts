/** `billing-sync token`: show (get-or-create) or rotate a cloud organization's billing sync token. */
import type { Deps } from '../../deps.js';
import { confirmDestructive, orgRef, type OrgRefOptions } from '../input.js';
import { clientOption, orgOption, type CommandSpec, type VerbInput } from '../spec.js';

export interface BillingSyncTokenOptions extends OrgRefOptions {
  rotate: boolean;
  passwordStdin: boolean;
}

export function billingSyncTokenOptions(input: VerbInput): BillingSyncTokenOptions {
  return { ...orgRef(input), rotate: input.opts.rotate === true, passwordStdin: input.opts.passwordStdin === true };
}

export async function billingSyncTokenRun(o: BillingSyncTokenOptions, d: Deps): Promise<void> {
  const who = o.client ?? o.org ?? 'this organization';
  if (o.rotate) await confirmDestructive(d, `Rotate the billing sync token of ${who}? Every self-hosted server using the old token fails to sync until it is configured again.`);
  const [{ masterPassword }, { billingSyncToken }] = await Promise.all([import('../auth/shared.js'), import('../../domain/billing-sync.js')]);
  const view = await billingSyncToken(d, o, () => masterPassword(d, o.passwordStdin), {
    rotate: o.rotate,
    onExisting: (revisionDate) => {
      if (o.rotate) return;
      d.out.info(revisionDate === null ? `${who} has no billing sync token yet; creating one` : `${who} has had a billing sync token since ${revisionDate}; showing it`);
    },
  });
  if (view.action === 'rotated') d.out.success(`Rotated the billing sync token of ${view.client}; configure the new one on its self-hosted server`);
  // The token goes to stdout only (never to logs); --json wraps it with its metadata.
  if (d.out.format === 'json') {
    d.out.object({}, { view: { client: view.client, organizationId: view.organizationId, token: view.token, revisionDate: view.revisionDate, action: view.action } });
  } else {
    d.out.data(view.token);
  }
  if (d.io.stdoutIsTTY) d.out.info(`On the self-hosted server: bwmsp billing-sync configure --org SELF-HOSTED-ORG-ID --token - --profile SELFHOST  (token on stdin)`);
}

export const billingSyncTokenSpec: CommandSpec = {
  name: 'token',
  summary: 'Show or rotate the billing sync token of a client',
  description:
    "Prints the billing sync token of a cloud organization (Teams or Enterprise) to stdout, creating it on first use; --rotate makes a new one (the old one stops working at once). Asks your master password again (--password-stdin or BWMSP_PASSWORD without a terminal). Owners and users of the managing provider only. The token is never logged. bwmsp also keeps a note (a hash, never the token) in the config dir so that `billing-sync run` can tell a rotated token apart.",
  options: [
    clientOption,
    orgOption,
    { flags: '--rotate', description: 'make a new token (the old one stops working)' },
    { flags: '--password-stdin', description: 'read your master password from stdin (or set BWMSP_PASSWORD)' },
  ],
  examples: [
    { comment: 'Show the token (asks the master password)', command: "bwmsp billing-sync token --client 'Contoso Ltd'" },
    { comment: 'Rotate it, password from stdin, as JSON', command: "bwmsp billing-sync token --client 'Contoso Ltd' --rotate --yes --password-stdin --json < pw.txt" },
  ],
  run: (input, deps) => billingSyncTokenRun(billingSyncTokenOptions(input), deps),
};
