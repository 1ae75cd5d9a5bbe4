import type { Deps } from '../../deps.js';
import type { InvoiceView, PlanView } from '../../domain/billing.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { providerOption, stringOpt } from './provider-flags.js';

export interface ProviderBillingOptions {
  provider?: string | undefined;
  invoices: boolean;
  invoice?: string | undefined;
}

export async function providerBillingRun(o: ProviderBillingOptions, d: Deps): Promise<void> {
  const [{ withProvider }, billing] = await Promise.all([import('../../domain/provider.js'), import('../../domain/billing.js')]);
  await withProvider(d, { provider: o.provider }, {}, async (ctx) => {
    if (o.invoice !== undefined) {
      d.out.data(await billing.invoiceCsv(ctx, o.invoice));
      return;
    }
    if (o.invoices) {
      const list = await billing.invoices(ctx);
      d.out.list(
        list,
        [
          { header: 'Number', value: (i: InvoiceView) => i.number ?? '' },
          { header: 'Date', value: (i) => i.date ?? '' },
          { header: 'Total', value: (i) => (i.total === null ? '' : i.total.toFixed(2)) },
          { header: 'Status', value: (i) => i.status ?? '' },
          { header: 'Due', value: (i) => i.dueDate ?? '' },
          { header: 'Id', value: (i) => i.id },
          { header: 'Url', value: (i) => i.url ?? '' },
        ],
        { view: (i) => i, empty: 'No invoices yet.' },
      );
      return;
    }
    const sub = await billing.subscription(ctx);
    const columns = [
      { header: 'Plan', value: (p: PlanView) => p.plan },
      { header: 'Seat minimum', value: (p: PlanView) => p.seatMinimum },
      { header: 'Purchased', value: (p: PlanView) => p.purchasedSeats },
      { header: 'Assigned', value: (p: PlanView) => p.assignedSeats },
      { header: 'Cost', value: (p: PlanView) => (p.cost === null ? '' : p.cost.toFixed(2)) },
      { header: 'Cadence', value: (p: PlanView) => p.cadence ?? '' },
    ];
    if (d.out.format === 'json') return d.out.object({ ...sub }, { view: sub });
    if (d.out.format === 'table') {
      d.out.object({
        status: sub.status ?? 'unknown',
        currentPeriodEnd: sub.currentPeriodEnd ?? undefined,
        discount: sub.discountPercentage ? `${sub.discountPercentage}%` : undefined,
        accountCredit: sub.accountCredit ?? undefined,
        cancelAt: sub.cancelAt ?? undefined,
      });
      d.out.data('');
    }
    d.out.list(sub.plans, columns, { empty: 'The subscription has no plans.' });
  });
}

export const providerBillingSpec: CommandSpec = {
  name: 'billing',
  summary: 'Show the provider subscription and invoices',
  description:
    'The provider subscription: status, and per plan the seat minimum, purchased and assigned seats. --invoices lists invoices (provider admins only); --invoice ID prints one invoice with its per-client breakdown as CSV. Read-only.',
  options: [
    providerOption,
    { flags: '--invoices', description: 'list invoices instead of the subscription' },
    { flags: '--invoice <invoice-id>', description: "print one invoice's client breakdown (CSV)" },
  ],
  examples: [
    { comment: 'Plans, seat minimums and assigned seats', command: 'bwmsp provider billing' },
    { comment: 'Invoices as CSV', command: 'bwmsp provider billing --invoices --format csv' },
    { comment: 'The subscription as JSON', command: 'bwmsp provider billing --json' },
  ],
  run: (input: VerbInput, deps) =>
    providerBillingRun({ provider: stringOpt(input.opts.provider), invoices: input.opts.invoices === true, invoice: stringOpt(input.opts.invoice) }, deps),
};
