import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { ClientPlan } from '../../domain/client.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { parseSeats, printClient, providerOption, stringOpt } from './shared.js';

export interface ClientCreateOptions {
  provider?: string | undefined;
  name?: string | undefined;
  ownerEmail?: string | undefined;
  plan?: string | undefined;
  seats?: number | undefined;
  collection?: string | undefined;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

export async function clientCreateRun(o: ClientCreateOptions, d: Deps): Promise<void> {
  const name = o.name ?? (await d.prompter.input({ message: 'Client organization name', flag: '--name' }));
  const ownerEmail = (o.ownerEmail ?? (await d.prompter.input({ message: "E-mail of the client's owner", flag: '--owner-email' }))).trim();
  if (!EMAIL.test(ownerEmail)) throw new UsageError(`--owner-email '${ownerEmail}' is not an e-mail address`);
  const plan = (o.plan ??
    (await d.prompter.select<ClientPlan>({
      message: 'Plan',
      flag: '--plan',
      choices: [
        { value: 'teams', name: 'Teams' },
        { value: 'enterprise', name: 'Enterprise' },
      ],
    }))) as ClientPlan;
  if (plan !== 'teams' && plan !== 'enterprise') throw new UsageError(`--plan ${String(plan)}: use teams or enterprise`);
  const seats = o.seats ?? parseSeats(await d.prompter.input({ message: 'Seats assigned to the client', flag: '--seats' }));
  if (seats === undefined) throw new UsageError('--seats is required');
  const [{ withProvider }, { createClient }] = await Promise.all([import('../../domain/provider.js'), import('../../domain/client.js')]);
  const client = await withProvider(d, { provider: o.provider }, { keys: true }, (ctx) =>
    createClient(ctx, { name, ownerEmail, plan, seats, ...(o.collection ? { collectionName: o.collection } : {}) }),
  );
  if (d.out.format === 'json' || d.out.format === 'table') printClient(d, client);
  else d.out.data(client.id);
  d.out.success(`Created client ${client.name} (${client.id}); ${ownerEmail} is invited as its owner`);
}

export const clientCreateSpec: CommandSpec = {
  name: 'create',
  summary: 'Create a client organization',
  description:
    "Creates a client organization billed through the provider: the organization key is made on this machine and wrapped with the provider key, and the first collection's name is encrypted. The owner gets an invitation mail. Provider admins only; needs BWMSP_SESSION (bwmsp unlock). A name already used by a client is refused.",
  options: [
    providerOption,
    { flags: '--name <name>', description: 'organization name' },
    { flags: '--owner-email <email>', description: "e-mail of the client's owner" },
    { flags: '--plan <plan>', description: 'plan', choices: ['teams', 'enterprise'] },
    { flags: '--seats <n>', description: 'seats assigned to the client' },
    { flags: '--collection <name>', description: 'name of the first collection (default: Default collection)' },
  ],
  examples: [
    { comment: 'Create a Teams client with 25 seats', command: "bwmsp client create --name 'Contoso Ltd' --owner-email it@contoso.example --plan teams --seats 25" },
    { comment: 'Create and capture the id', command: 'id=$(bwmsp client create --name Fabrikam --owner-email it@fabrikam.example --plan enterprise --seats 100 --json | jq -r .id)' },
  ],
  run: (input: VerbInput, deps) =>
    clientCreateRun(
      {
        provider: stringOpt(input.opts.provider),
        name: stringOpt(input.opts.name),
        ownerEmail: stringOpt(input.opts.ownerEmail),
        plan: stringOpt(input.opts.plan),
        seats: parseSeats(input.opts.seats),
        collection: stringOpt(input.opts.collection),
      },
      deps,
    ),
};
