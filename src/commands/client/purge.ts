/** `client purge`: delete every item in a client's vault (collections stay), behind a master password re-prompt. */
import type { Deps } from '../../deps.js';
import { CancelledError } from '../../errors.js';
import { orgRef, orgTarget, type OrgRefOptions } from '../input.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface ClientPurgeOptions extends OrgRefOptions {
  passwordStdin: boolean;
}

export function clientPurgeOptions(input: VerbInput): ClientPurgeOptions {
  return { ...orgRef(input), passwordStdin: input.opts.passwordStdin === true };
}

export async function clientPurgeRun(opts: ClientPurgeOptions, d: Deps): Promise<void> {
  const [{ purgeOrganization }, { masterPassword }] = await Promise.all([import('../../domain/vault-purge.js'), import('../auth/shared.js')]);
  const ref = { client: opts.client, org: opts.org };
  const result = await purgeOrganization(d, ref, {
    confirm: async (target) => {
      if (d.globals.yes) return;
      const ok = await d.prompter.confirm({
        message: `Delete all ${target.items} items in the vault of ${target.name}? Collections stay; the items cannot be recovered.`,
        flag: '--yes',
      });
      if (!ok) throw new CancelledError('cancelled: nothing was deleted');
    },
    password: () => masterPassword(d, opts.passwordStdin),
  });
  d.out.success(`Purged the vault of ${result.name}: ${result.deleted} item${result.deleted === 1 ? '' : 's'} deleted; collections kept`);
  d.out.object({ client: result.name, organizationId: result.orgId, deleted: result.deleted }, { view: { client: result.name, organizationId: result.orgId, deleted: result.deleted } });
}

export const clientPurgeSpec: CommandSpec = {
  name: 'purge',
  summary: "Delete every item in a client's vault",
  description: [
    "Empties the client's organization vault, as Bitwarden's trial-to-production guide advises before importing production data:",
    'every item is deleted for good; collections, members and groups stay. Only an owner of the organization or an admin of',
    'its provider may purge. Asks your master password again, and a confirmation on a terminal; without one --yes is required.',
  ].join(' '),
  options: [
    ...orgTarget,
    { flags: '--password-stdin', description: 'read the master password from stdin (or set BWMSP_PASSWORD)' },
  ],
  examples: [
    { comment: 'Empty the vault after a trial', command: "bwmsp client purge --client 'Contoso Ltd'" },
    { comment: 'Non-interactive (asks for the master password on stdin)', command: "bwmsp client purge --client 'Contoso Ltd' --yes --password-stdin --json < pw.txt" },
  ],
  run: (input, deps) => clientPurgeRun(clientPurgeOptions(input), deps),
};
