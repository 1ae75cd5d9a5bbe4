import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { Plan } from '../../domain/organization.js';
import type { CommandSpec, VerbInput } from '../spec.js';

const plans = ['free', 'families', 'teams', 'enterprise'] as const;

export interface OrgCreateOptions {
  name?: string;
  billingEmail?: string;
  plan: Plan;
  seats?: number;
  collection: string;
}

export function orgCreateOptions(input: VerbInput): OrgCreateOptions {
  const o = input.opts;
  const plan = typeof o.plan === 'string' ? o.plan : 'free';
  if (!(plans as readonly string[]).includes(plan)) throw new UsageError(`--plan ${plan}: use one of ${plans.join(', ')}`);
  let seats: number | undefined;
  if (o.seats !== undefined) {
    seats = Number(o.seats);
    if (!Number.isInteger(seats) || seats < 1 || seats > 100_000) throw new UsageError(`--seats ${String(o.seats)}: not a whole number of seats (1 or more)`);
  }
  return {
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
    ...(typeof o.billingEmail === 'string' ? { billingEmail: o.billingEmail } : {}),
    plan: plan as Plan,
    ...(seats !== undefined ? { seats } : {}),
    collection: typeof o.collection === 'string' ? o.collection : 'Default collection',
  };
}

export async function orgCreateRun(opts: OrgCreateOptions, d: Deps): Promise<void> {
  const name = opts.name ?? (await d.prompter.input({ message: 'Organization name', flag: '--name' }));
  const { createOrganization, validateCreateInput } = await import('../../domain/organization.js');
  const input = { name, billingEmail: opts.billingEmail, plan: opts.plan, seats: opts.seats, collectionName: opts.collection };
  validateCreateInput(input);
  const org = await createOrganization(d, input);
  const view = { id: org.id, name: org.name, plan: org.plan, seats: org.seats, billingEmail: org.billingEmail, collectionName: org.collectionName };
  if (!org.tokenRefreshed) d.out.warn("Log in again before managing the new organization: the session could not pick up the new membership.");
  if (d.out.format === 'json') return d.out.object(view);
  d.out.success(`Created organization ${org.name} (${org.plan}) with collection '${org.collectionName}'`);
  if (d.out.format === 'table') d.out.object(view);
  else d.out.data(org.id);
}

export const orgCreateSpec: CommandSpec = {
  name: 'create',
  summary: 'Create an organization you own',
  description:
    'Creates an organization owned by this account. The organization key, its key pair and the first collection name are made and encrypted here; the server never sees them in the clear. Free has 2 seats and families 6; teams and enterprise need --seats. Needs BWMSP_SESSION. On a pipe, prints the new id.',
  options: [
    { flags: '--name <name>', description: 'organization name (at most 50 characters)' },
    { flags: '--billing-email <email>', description: 'billing e-mail address (default: your account e-mail)' },
    { flags: '--plan <plan>', description: 'plan', choices: plans, defaultValue: 'free' },
    { flags: '--seats <n>', description: 'seats (teams and enterprise)' },
    { flags: '--collection <name>', description: 'name of the first collection', defaultValue: 'Default collection' },
  ],
  examples: [
    { comment: 'A free organization', command: "bwmsp org create --name 'Lab' --billing-email me@msp.example" },
    { comment: 'A Teams organization, printing its id', command: "bwmsp org create --name 'Internal IT' --billing-email me@msp.example --plan teams --seats 10 --json" },
  ],
  run: (input, deps) => orgCreateRun(orgCreateOptions(input), deps),
};
