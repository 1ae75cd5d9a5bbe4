/** `client scim view`: SCIM status and base URL of a client (the key only with --show-key). */
import type { Deps } from '../../deps.js';
import type { CommandSpec } from '../spec.js';
import { clientScimOptions, clientScimRun, printScimView, scimOptions, type ClientScimOptions } from './scim-enable.js';

export async function clientScimViewRun(o: ClientScimOptions, d: Deps): Promise<void> {
  printScimView(d, await clientScimRun(o, d, 'view'));
}

export const clientScimViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show the SCIM status and base URL of a client',
  description: "Shows whether SCIM is enabled, the identity provider stored on the connection, the SCIM base URL and when the key was last set. --show-key also prints the key (asks your master password again).",
  options: [...scimOptions, { flags: '--show-key', description: 'also print the SCIM API key (asks the master password)' }],
  examples: [
    { comment: 'Show SCIM settings', command: "bwmsp client scim view --client 'Contoso Ltd'" },
    { comment: 'As JSON, with the key', command: "bwmsp client scim view --client 'Contoso Ltd' --show-key --password-stdin --json < pw.txt" },
  ],
  run: (input, deps) => clientScimViewRun(clientScimOptions(input), deps),
};
