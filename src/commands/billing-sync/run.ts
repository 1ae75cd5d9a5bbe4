/** `billing-sync run`: preflight (licensing-and-selfhost.md §7), then sync the license of one or more self-hosted organizations. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { stringList } from '../input.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export interface BillingSyncRunOptions {
  orgs: string[];
  concurrency: unknown;
}

export function billingSyncRunOptions(input: VerbInput): BillingSyncRunOptions {
  const orgs = stringList(input.opts.org).flatMap((o) => o.split(',')).map((o) => o.trim()).filter((o) => o !== '');
  if (orgs.length === 0) throw new UsageError('--org ID is required (repeat it, or separate ids with commas, for several organizations)', { commandPath: input.commandPath });
  return { orgs, concurrency: input.opts.concurrency };
}

interface RunLine {
  type: 'organization';
  organizationId: string;
  name: string;
  result: 'synced' | 'failed';
  previousSync?: string | null;
  lastLicenseSync?: string | null;
  licenseExpiration?: string | null;
  seats?: number | null;
  error?: { code: string; message: string; hint?: string };
}

export async function billingSyncRunRun(o: BillingSyncRunOptions, d: Deps): Promise<void> {
  const [{ runBillingSync, BillingSyncError }, { parseConcurrency }] = await Promise.all([import('../../domain/billing-sync.js'), import('../../domain/fleet.js')]);
  const concurrency = parseConcurrency(o.concurrency);
  const json = d.out.format === 'json';
  const lines: RunLine[] = [];
  const emit = (line: RunLine) => {
    lines.push(line);
    if (json) d.out.data(JSON.stringify(line));
    else if (line.result === 'synced') d.out.success(`${line.name}: license synced at ${line.lastLicenseSync ?? '?'} (expires ${line.licenseExpiration ?? 'unknown'}, seats ${line.seats ?? 'unlimited'})`);
    else d.out.warn(`${line.name}: ${line.error?.message ?? 'failed'}`);
  };
  const failureLine = (orgId: string, name: string, error: unknown): RunLine => ({
    type: 'organization',
    organizationId: orgId,
    name,
    result: 'failed',
    error:
      error instanceof BillingSyncError
        ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
        : { code: 'failure', message: error instanceof Error ? error.message : String(error) },
  });
  const summary = () => {
    if (json) {
      d.out.data(JSON.stringify({ type: 'summary', synced: lines.filter((l) => l.result === 'synced').length, failed: lines.filter((l) => l.result === 'failed').length }));
      return;
    }
    // Without --json: the result rows on stdout (progress and errors went to stderr).
    d.out.list(lines, [
      { header: 'Organization', value: (l) => l.name },
      { header: 'Result', value: (l) => l.result },
      { header: 'Last sync', value: (l) => l.lastLicenseSync ?? '' },
      { header: 'Expires', value: (l) => l.licenseExpiration ?? '' },
      { header: 'Seats', value: (l) => (l.seats === undefined || l.seats === null ? '' : l.seats) },
      { header: 'Error', value: (l) => l.error?.code ?? '' },
      { header: 'Id', value: (l) => l.organizationId },
    ]);
  };
  try {
    await runBillingSync(d, {
      orgIds: o.orgs,
      concurrency,
      onDone: (row) => {
        if (row.synced) {
          const s = row.synced;
          emit({ type: 'organization', organizationId: s.organizationId, name: s.name, result: 'synced', previousSync: s.previousSync, lastLicenseSync: s.lastLicenseSync, licenseExpiration: s.licenseExpiration, seats: s.seats });
        } else {
          emit(failureLine(row.clientId, row.client, row.failure ?? new Error(row.detail)));
        }
      },
    });
  } catch (error) {
    // One organization (or a server-wide check) failed before any row: report it as a line too.
    if (lines.length === 0 && o.orgs.length === 1 && error instanceof BillingSyncError) emit(failureLine(o.orgs[0] as string, o.orgs[0] as string, error));
    summary();
    throw error;
  }
  summary();
}

export const BILLING_SYNC_EXIT_HELP = [
  'Exit codes:',
  '  0  every organization synced (LastLicenseSync moved)',
  '  1  refused or failed: not self-hosted or cloud communication off;',
  '     billing sync not configured, disabled or without a token;',
  '     token rotated or not current (needs the note that',
  '     `billing-sync token` leaves in this config dir); clock skew;',
  '     the license refused by the server (its message verbatim); or',
  '     the generic cloud-side failure (wrong or rotated token,',
  '     installation id/key, region, firewall, cloud subscription)',
  '  2  bad usage (missing --org, bad --concurrency)',
  '  3  several --org given and some failed (the output names them)',
  '  4  not logged in, or not an Owner of the organization',
  'With --json each failure has a stable code: billing_sync_ +',
  '  not_self_hosted, not_owner, not_configured, connection_disabled,',
  '  no_token, token_rotated, token_mismatch, clock_skew,',
  '  cloud_refused, license_refused, not_recorded, unreachable.',
].join('\n');

export const billingSyncRunSpec: CommandSpec = {
  name: 'run',
  summary: 'Sync the license of a self-hosted organization now',
  description:
    `Asks the self-hosted server to pull the organization's license from the cloud (the web vault's "Sync license"), after checking what can be checked from here: the server is self-hosted with cloud communication on, you are an Owner, billing sync is configured, enabled and holds a token, the token is still current, and the clocks agree. Afterwards it checks that the server recorded the sync. Several --org run with bounded concurrency. With --json, one NDJSON line per organization and a summary line.\n\n${BILLING_SYNC_EXIT_HELP}`,
  options: [
    { flags: '--org <org-id>', description: 'self-hosted organization id (repeatable, or comma-separated)', repeatable: true },
    { flags: '--concurrency <n>', description: 'organizations synced at once (1-16, default 4)' },
  ],
  examples: [
    { comment: 'Sync now', command: 'bwmsp billing-sync run --org 1f0c... --profile contoso-selfhost' },
    { comment: 'In CI, two organizations, progress as NDJSON', command: 'bwmsp billing-sync run --org 1f0c... --org 7a2d... --json' },
  ],
  run: (input, deps) => billingSyncRunRun(billingSyncRunOptions(input), deps),
};
