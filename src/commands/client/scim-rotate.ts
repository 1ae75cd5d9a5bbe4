/** `client scim rotate`: replace a client's SCIM API key. */
import type { Deps } from '../../deps.js';
import { CancelledError } from '../../errors.js';
import type { CommandSpec } from '../spec.js';
import { clientScimOptions, clientScimRun, printScimView, scimOptions, type ClientScimOptions } from './scim-enable.js';

export async function clientScimRotateRun(o: ClientScimOptions, d: Deps): Promise<void> {
  if (!d.globals.yes) {
    const who = o.client ?? o.org ?? 'this client';
    const ok = await d.prompter.confirm({ message: `Rotate the SCIM API key of ${who}? Provisioning stops until the identity provider has the new key.`, flag: '--yes' });
    if (!ok) throw new CancelledError('cancelled: the SCIM key was not rotated');
  }
  const view = await clientScimRun(o, d, 'rotate');
  d.out.success(`Rotated the SCIM API key of ${view.client}; the old key no longer works`);
  printScimView(d, view);
}

export const clientScimRotateSpec: CommandSpec = {
  name: 'rotate',
  summary: 'Rotate the SCIM API key of a client',
  description: "Replaces the client's SCIM API key; the old key stops working at once, so update the identity provider. Needs --yes without a terminal and asks your master password again.",
  options: [...scimOptions],
  examples: [
    { comment: 'Rotate the key', command: "bwmsp client scim rotate --client 'Contoso Ltd' --yes" },
    { comment: 'Rotate and print the new key as JSON', command: "bwmsp client scim rotate --client 'Contoso Ltd' --yes --json" },
  ],
  run: (input, deps) => clientScimRotateRun(clientScimOptions(input), deps),
};
