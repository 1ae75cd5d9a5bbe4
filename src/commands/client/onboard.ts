import type { Deps } from '../../deps.js';
import { CancelledError, PartialFailureError, UsageError, type ItemFailure } from '../../errors.js';
import type { Inspection, OnboardReport, OperationView } from '../../domain/onboard.js';
import type { WizardOptions } from '../../domain/onboard-wizard.js';
import type { Column } from '../../ui/output.js';
import type { CommandSpec, VerbInput } from '../spec.js';
import { providerOption, stringOpt } from './shared.js';
import { stringList } from '../provider/provider-flags.js';

export interface ClientOnboardOptions {
  provider?: string | undefined;
  /** One file: that client; several: like --plans. */
  plan: string[];
  plans?: string | undefined;
  dryRun: boolean;
  concurrency: number;
  /** The wizard's answers given as flags (used when no plan is given). */
  wizard?: WizardOptions | undefined;
}

const operationColumns: readonly Column<OperationView>[] = [
  { header: 'Kind', value: (o) => o.kind },
  { header: 'Name', value: (o) => o.name, maxWidth: 40 },
  { header: 'Action', value: (o) => o.action },
  { header: 'Detail', value: (o) => o.detail, maxWidth: 60 },
];

const clientColumns: readonly Column<OnboardReport>[] = [
  { header: 'Client', value: (r) => r.client, maxWidth: 40 },
  { header: 'Result', value: (r) => r.result },
  { header: 'Created', value: (r) => r.summary.created },
  { header: 'Updated', value: (r) => r.summary.updated },
  { header: 'Unchanged', value: (r) => r.summary.unchanged },
  { header: 'Failed', value: (r) => r.summary.failed + r.summary.skipped },
  { header: 'Detail', value: (r) => r.error ?? (r.result === 'planned' ? `${pendingCount(r)} change(s) to make` : ''), maxWidth: 60 },
];

function pendingCount(r: OnboardReport): number {
  return r.operations.filter((o) => o.action === 'create' || o.action === 'update').length;
}

function reportView(r: OnboardReport) {
  return { ...r, summary: { ...r.summary }, operations: r.operations.map((o) => ({ ...o })) };
}

export function parseConcurrency(value: unknown): number {
  const n = Number(value ?? 4);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new UsageError(`--concurrency ${String(value)}: use a whole number from 1 to 32`);
  return n;
}

function failuresOf(r: OnboardReport): ItemFailure[] {
  return r.operations.filter((o) => o.outcome === 'failed' || o.outcome === 'skipped').map((o) => ({ item: `${o.kind} ${o.name}`, error: o.error ?? o.outcome ?? 'failed' }));
}

async function confirmApply(d: Deps, message: string): Promise<void> {
  if (d.globals.yes) return;
  const ok = await d.prompter.confirm({ message, flag: '--yes' });
  if (!ok) throw new CancelledError('cancelled: nothing was changed');
}

function upToDate(r: OnboardReport): string {
  return `${r.client}: up to date: ${r.summary.unchanged} unchanged${r.summary.unsupported ? `, ${r.summary.unsupported} not supported by this server yet` : ''}`;
}

function summaryLine(r: OnboardReport): string {
  const s = r.summary;
  return `${r.client}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`;
}

async function onboardOne(o: ClientOnboardOptions, file: string, d: Deps): Promise<void> {
  const [{ loadPlan }, onboard, { withProvider }, { pending }] = await Promise.all([
    import('../../plan/load.js'),
    import('../../domain/onboard.js'),
    import('../../domain/provider.js'),
    import('../../plan/diff.js'),
  ]);
  const loaded = loadPlan(file);
  const warn = (m: string) => d.out.warn(m);
  const configDir = (await d.config()).dir;
  await withProvider(d, { provider: o.provider }, { keys: true }, async (ctx) => {
    const journal = onboard.openJournal(configDir, loaded, () => d.clock.now());
    const inspection = await onboard.inspectClient(ctx, loaded, journal.clientId, warn);
    const planned = onboard.reportOf(inspection, { dryRun: o.dryRun });
    for (const op of inspection.ops.filter((x) => x.action === 'unsupported')) warn(`${op.kind}: ${op.detail}`);
    const todo = pending(inspection.ops).length;
    if (d.out.format !== 'json') d.out.list(planned.operations, operationColumns, { empty: 'The plan is empty.' });
    if (journal.previous.length) d.out.info(`Resuming: an earlier run completed ${journal.previous.length} operation(s) (${journal.path})`);
    if (todo === 0 || o.dryRun) {
      if (d.out.format === 'json') d.out.object(reportView(planned));
      // A journal left unfinished by an earlier run is closed once nothing is left to do.
      if (todo === 0 && !o.dryRun && journal.previous.length) journal.finish();
      if (todo === 0) d.out.success(upToDate(planned));
      else d.out.info(`Dry run: ${todo} change(s) to make in ${planned.client}; nothing was sent`);
      return;
    }
    await confirmApply(d, `Apply ${todo} change(s) to ${planned.client}?`);
    const report = await onboard.applyInspection(ctx, inspection, journal, warn, (line) => d.out.info(`${planned.client}: ${line}`), d.env);
    if (d.out.format === 'json') d.out.object(reportView(report));
    const failures = failuresOf(report);
    if (failures.length) {
      throw new PartialFailureError(`${summaryLine(report)}; ${failures.map((f) => `${f.item}: ${f.error}`).join('; ')}`, failures, {
        hint: 'Fix the cause and run the same command again: what is done is not redone.',
      });
    }
    d.out.success(summaryLine(report));
  });
}

function failedReport(client: string, plan: string, result: 'invalid' | 'failed', error: string, dryRun: boolean): OnboardReport {
  return {
    client,
    clientId: null,
    plan,
    dryRun,
    result,
    operations: [],
    summary: { created: 0, updated: 0, unchanged: 0, failed: 1, skipped: 0, unsupported: 0 },
    resumed: 0,
    journal: null,
    error,
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function onboardMany(o: ClientOnboardOptions, source: { dir: string } | { files: string[] }, d: Deps): Promise<void> {
  const [{ loadPlan }, onboard, { withProvider }, { planFiles }, { mapPool }, { pending }] = await Promise.all([
    import('../../plan/load.js'),
    import('../../domain/onboard.js'),
    import('../../domain/provider.js'),
    import('../../plan/files.js'),
    import('../../plan/pool.js'),
    import('../../plan/diff.js'),
  ]);
  const files = 'dir' in source ? planFiles(source.dir) : source.files;
  const where = 'dir' in source ? `--plans ${source.dir}` : '--plan';
  const configDir = (await d.config()).dir;
  const loadedPlans = files.map((file) => {
    try {
      return { file, loaded: loadPlan(file), error: null };
    } catch (error) {
      return { file, loaded: null, error: message(error) };
    }
  });
  const names = loadedPlans.flatMap((p) => (p.loaded ? [p.loaded.plan.client.name.toLowerCase()] : []));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new UsageError(`${where}: two plans onboard the client '${duplicate}'`);

  await withProvider(d, { provider: o.provider }, { keys: true }, async (ctx) => {
    type Entry = { report: OnboardReport; inspection?: Inspection };
    d.out.info(`Reading ${files.length} client(s)…`);
    const entries = await mapPool(loadedPlans, o.concurrency, async (p): Promise<Entry> => {
      if (!p.loaded) return { report: failedReport(p.file, p.file, 'invalid', p.error ?? 'invalid plan', o.dryRun) };
      const loaded = p.loaded;
      try {
        const journal = onboard.openJournal(configDir, loaded, () => d.clock.now());
        const inspection = await onboard.inspectClient(ctx, loaded, journal.clientId, (m) => d.out.warn(`${loaded.plan.client.name}: ${m}`));
        for (const op of inspection.ops.filter((x) => x.action === 'unsupported')) d.out.warn(`${loaded.plan.client.name}: ${op.kind}: ${op.detail}`);
        return { report: onboard.reportOf(inspection, { dryRun: o.dryRun }), inspection };
      } catch (error) {
        return { report: failedReport(loaded.plan.client.name, loaded.file, 'failed', message(error), o.dryRun) };
      }
    });
    const toApply = entries.filter((e) => e.inspection && pending(e.inspection.ops).length > 0);
    if (!o.dryRun && toApply.length) {
      const changes = toApply.reduce((n, e) => n + pending((e.inspection as Inspection).ops).length, 0);
      if (d.out.format !== 'json') d.out.list(entries.map((e) => e.report), clientColumns);
      await confirmApply(d, `Apply ${changes} change(s) to ${toApply.length} client(s)?`);
      let finished = 0;
      await mapPool(toApply, o.concurrency, async (entry) => {
        const inspection = entry.inspection as Inspection;
        const name = inspection.loaded.plan.client.name;
        try {
          const journal = onboard.openJournal(configDir, inspection.loaded, () => d.clock.now());
          entry.report = await onboard.applyInspection(ctx, inspection, journal, (m) => d.out.warn(`${name}: ${m}`), (line) => d.out.info(`${name}: ${line}`), d.env);
        } catch (error) {
          entry.report = { ...failedReport(name, inspection.loaded.file, 'failed', message(error), false), operations: entry.report.operations };
        }
        finished++;
        d.out.info(`[${finished}/${toApply.length} clients] ${name}: ${entry.report.result}`);
      });
    }
    const reports = entries.map((e) => e.report);
    d.out.list(reports, clientColumns, { view: (r) => reportView(r) });
    const bad = reports.filter((r) => r.result === 'invalid' || r.result === 'failed' || r.result === 'partial');
    if (bad.length) {
      const failures = bad.map((r) => ({ item: r.client, error: r.error ?? failuresOf(r).map((f) => `${f.item}: ${f.error}`).join('; ') }));
      throw new PartialFailureError(`${bad.length} of ${reports.length} client(s) failed: ${bad.map((r) => r.client).join(', ')}`, failures, {
        hint: 'The other clients are done. Fix the failed plans and run the same command again.',
      });
    }
    const upToDateCount = reports.filter((r) => r.result === 'up-to-date').length;
    d.out.success(o.dryRun ? `Dry run: ${reports.length - upToDateCount} client(s) to change; nothing was sent` : `${reports.length} client(s) onboarded (${upToDateCount} already up to date)`);
  });
}

/** The first wizard flag given, for the error when it is mixed with a plan. */
function wizardFlagGiven(w: WizardOptions): string | undefined {
  const flags: [unknown, string][] = [
    [w.name, '--name'],
    [w.ownerEmail, '--owner-email'],
    [w.planType, '--plan-type'],
    [w.seats, '--seats'],
    [w.collectionsTemplate, '--collections-template'],
    [w.collections, '--collections'],
    [w.groups?.length ? w.groups : undefined, '--groups'],
    [w.policyPreset, '--policy-preset'],
    [w.members?.length ? w.members : undefined, '--members'],
    [w.membersCsv, '--members-csv'],
    [w.writePlan, '--write-plan'],
    [w.force ? true : undefined, '--force'],
  ];
  return flags.find(([value]) => value !== undefined)?.[1];
}

/**
 * No plan: the wizard asks what the flags left out, writes the plan file, then applies it like
 * `--plan FILE` (diff, confirmation, apply).
 */
async function onboardWizard(o: ClientOnboardOptions, w: WizardOptions, d: Deps): Promise<void> {
  const wizard = await import('../../domain/onboard-wizard.js');
  if (!d.io.canPrompt && !wizard.wizardRequested(w)) {
    throw new UsageError('pass --plan FILE (one client) or --plans DIR (one plan file per client)', {
      hint: 'Or answer the wizard with flags (--name, --owner-email, --plan-type, --seats, ...), or run it on a terminal. See examples/contoso.yaml for a sample plan.',
    });
  }
  const result = await wizard.runOnboardWizard(w, { prompter: d.prompter, canPrompt: d.io.canPrompt });
  const { writePlanFile } = await import('../../plan/write.js');
  writePlanFile(result.file, result.plan, { force: w.force, flag: w.writePlan !== undefined ? '--write-plan' : 'plan file' });
  d.out.info(`Wrote the plan to ${result.file} (apply it again any time with --plan ${result.file})`);
  return onboardOne(o, result.file, d);
}

export async function clientOnboardRun(o: ClientOnboardOptions, d: Deps): Promise<void> {
  if (o.plan.length && o.plans) throw new UsageError('pass either --plan FILE or --plans DIR, not both');
  const wizardFlag = o.wizard ? wizardFlagGiven(o.wizard) : undefined;
  if ((o.plan.length || o.plans) && wizardFlag) throw new UsageError(`${wizardFlag} answers the wizard; leave it out with ${o.plans ? '--plans' : '--plan'}`);
  if (o.plan.length === 1) return onboardOne(o, o.plan[0] as string, d);
  if (o.plan.length > 1) return onboardMany(o, { files: o.plan }, d);
  if (o.plans) return onboardMany(o, { dir: o.plans }, d);
  if (o.wizard) return onboardWizard(o, o.wizard, d);
  throw new UsageError('pass --plan FILE (one client) or --plans DIR (one plan file per client)', { hint: 'See examples/contoso.yaml for a sample plan.' });
}

export const clientOnboardSpec: CommandSpec = {
  name: 'onboard',
  summary: 'Onboard clients from a plan, or with a wizard',
  description:
    'Brings a client organization to what a plan file describes: the client itself, collections, groups and their access, policies and members (invited; confirmed with autoConfirm once they accepted). Shows the changes first (--dry-run stops there), then applies them after a confirmation (--yes without a terminal). Running it again converges: what exists is left alone, nothing is invited twice, and an interrupted run resumes (a journal is kept under the config directory). Needs BWMSP_SESSION (bwmsp unlock). Without --plan or --plans it runs a wizard on a terminal: client details, collections (by department, by function or custom), groups, a security-policy preset and members, asking only what its flags left out; it writes the plan (--write-plan, default <client>.yaml) and then applies it the same way.',
  options: [
    providerOption,
    { flags: '--plan <file>', description: 'plan file (YAML or JSON); repeat for several clients', complete: 'files', repeatable: true },
    { flags: '--plans <dir>', description: 'directory of plan files, one client each', complete: 'dirs' },
    { flags: '--dry-run', description: 'show the changes without sending any' },
    { flags: '--concurrency <n>', description: 'clients onboarded at once with --plans', defaultValue: '4' },
    { flags: '--name <name>', description: 'wizard: client name' },
    { flags: '--owner-email <email>', description: "wizard: the client owner's e-mail" },
    { flags: '--plan-type <type>', description: 'wizard: teams or enterprise', choices: ['teams', 'enterprise'] },
    { flags: '--seats <n>', description: 'wizard: seats' },
    { flags: '--collections-template <t>', description: 'wizard: department, function or custom', choices: ['department', 'function', 'custom'] },
    { flags: '--collections <names>', description: 'wizard: custom collection names, comma-separated, nested with "/"' },
    { flags: '--groups <spec>', description: 'wizard: per-collection, none, or NAME=COLLECTION[:PERMISSION],...', repeatable: true },
    { flags: '--policy-preset <preset>', description: 'wizard: recommended, minimal or none', choices: ['recommended', 'minimal', 'none'] },
    { flags: '--members <list>', description: 'wizard: EMAIL[:ROLE[:GROUP;GROUP]],... or none', repeatable: true },
    { flags: '--members-csv <file>', description: 'wizard: members CSV (email, role, groups, collections)', complete: 'files' },
    { flags: '--write-plan <file>', description: 'wizard: where to write the plan (default <client>.yaml)', complete: 'files' },
    { flags: '--force', description: 'wizard: overwrite the plan file' },
  ],
  examples: [
    { comment: 'Preview what a plan would change', command: 'bwmsp client onboard --plan contoso.yaml --dry-run' },
    { comment: 'Apply a plan', command: 'bwmsp client onboard --plan contoso.yaml --yes' },
    { comment: 'Onboard every client in a folder, summary as JSON', command: 'bwmsp client onboard --plans clients/ --yes --json' },
    { comment: 'Run the wizard on a terminal: it asks, writes contoso-ltd.yaml, then applies it', command: 'bwmsp client onboard' },
    {
      comment: 'The wizard without questions',
      command:
        'bwmsp client onboard --name "Contoso Ltd" --owner-email it@contoso.example --plan-type enterprise --seats 40 --collections-template department --groups per-collection --policy-preset recommended --members none --yes',
    },
  ],
  run: (input: VerbInput, deps) =>
    clientOnboardRun(
      {
        provider: stringOpt(input.opts.provider),
        plan: stringList(input.opts.plan),
        plans: stringOpt(input.opts.plans),
        dryRun: input.opts.dryRun === true,
        concurrency: parseConcurrency(input.opts.concurrency),
        wizard: {
          name: stringOpt(input.opts.name),
          ownerEmail: stringOpt(input.opts.ownerEmail),
          planType: stringOpt(input.opts.planType),
          seats: stringOpt(input.opts.seats),
          collectionsTemplate: stringOpt(input.opts.collectionsTemplate),
          collections: stringOpt(input.opts.collections),
          groups: stringList(input.opts.groups),
          policyPreset: stringOpt(input.opts.policyPreset),
          members: stringList(input.opts.members),
          membersCsv: stringOpt(input.opts.membersCsv),
          writePlan: stringOpt(input.opts.writePlan),
          force: input.opts.force === true,
        },
      },
      deps,
    ),
};
