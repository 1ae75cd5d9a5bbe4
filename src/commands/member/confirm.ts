import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { allClientsOption } from '../spec.js';
import { concurrencyOption } from '../client/all-clients.js';
import { identifiers, orgRef, reportOutcomes, target, type OrgRefOptions } from './shared.js';

export interface MemberConfirmOptions extends OrgRefOptions {
  members: string[];
  allAccepted: boolean;
  verify: boolean;
  /** --all-clients: the verb's input, for the fleet run (src/commands/client/all-clients.ts). */
  allClients?: Pick<VerbInput, 'opts' | 'commandPath'>;
}

export function memberConfirmOptions(input: VerbInput): MemberConfirmOptions {
  const o = input.opts;
  const fleet = o.allClients === true ? { allClients: { opts: o, commandPath: input.commandPath } } : {};
  if (o.allClients === true && o.allAccepted !== true) throw new UsageError('--all-clients confirms every accepted member: add --all-accepted');
  const opts = { ...(o.allClients === true ? {} : orgRef(input)), ...fleet, members: identifiers(input), allAccepted: o.allAccepted === true, verify: o.verify === true };
  if (opts.allAccepted && opts.members.length) throw new UsageError('pass member e-mails or ids, or --all-accepted, not both');
  if (!opts.allAccepted && !opts.members.length) throw new UsageError('name the members to confirm by e-mail or id, or pass --all-accepted');
  return opts;
}

export async function memberConfirmRun(opts: MemberConfirmOptions, d: Deps): Promise<void> {
  if (opts.verify && !d.io.canPrompt) {
    throw new UsageError(`--verify asks about each fingerprint phrase on a terminal, but it cannot ask here (${d.io.noPromptReason ?? 'no terminal'})`, {
      hint: 'Without --verify the phrases are printed (and included with --json) for you to compare.',
    });
  }
  if (opts.allClients) {
    const { memberConfirmAllClientsRun } = await import('../client/all-clients.js');
    return memberConfirmAllClientsRun(opts.allClients, d, { members: opts.members, verify: opts.verify });
  }
  const [{ withAdminOrg }, { confirm }] = await Promise.all([import('../../domain/admin-org.js'), import('../../domain/member.js')]);
  await withAdminOrg(d, opts, { key: 'required', why: 'confirming shares the organization key, which needs the unlocked vault' }, async (org) => {
    const outcomes = await confirm(org, {
      identifiers: opts.members,
      allAccepted: opts.allAccepted,
      onFingerprint: (c) => d.out.info(`Fingerprint phrase of ${c.email ?? c.id}: ${c.fingerprint}`),
      ...(opts.verify
        ? {
            approve: (c) =>
              d.prompter.confirm({
                message: `Confirm ${c.email ?? c.id}? Only if their account settings show the same fingerprint phrase: ${c.fingerprint}`,
                flag: '--verify',
                default: false,
              }),
          }
        : {}),
    });
    reportOutcomes(d, outcomes, { done: 'confirmed', verb: 'Confirmed', orgName: org.name, fingerprint: true });
  });
}

export const memberConfirmSpec: CommandSpec = {
  name: 'confirm',
  summary: 'Confirm accepted members (shares the organization key)',
  description: [
    "Confirms members who accepted their invitation: the organization key is encrypted to each member's public key.",
    "Prints each member's fingerprint phrase (the member sees the same phrase in their account settings); with --verify,",
    'asks about each one on a terminal before confirming. Confirmed members are skipped. Needs BWMSP_SESSION.',
  ].join(' '),
  args: ['[email-or-id...]'],
  options: [
    ...target,
    { flags: '--all-accepted', description: 'confirm every member awaiting confirmation' },
    allClientsOption,
    concurrencyOption,
    { flags: '--verify', description: 'show each fingerprint phrase and ask before confirming' },
  ],
  examples: [
    { comment: 'Confirm one member after checking the fingerprint phrase', command: "bwmsp member confirm ana@contoso.example --client 'Contoso Ltd' --verify" },
    { comment: 'Confirm everyone who accepted, results with fingerprints as JSON', command: "bwmsp member confirm --all-accepted --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => memberConfirmRun(memberConfirmOptions(input), deps),
};
