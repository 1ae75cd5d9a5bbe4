import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { AuditFinding, AuditCounts } from '../../domain/audit-checks.js';
import type { ClientAudit } from '../../domain/audit.js';
import { allClientsOption, clientOption, type CommandSpec, type VerbInput } from '../spec.js';
import { concurrencyOption } from './all-clients.js';
import { providerOption, stringOpt } from './shared.js';

export interface ClientAuditOptions {
  client?: string | undefined;
  /** An organization reached directly (e.g. as Owner on a self-hosted server). */
  org?: string | undefined;
  allClients: boolean;
  provider?: string | undefined;
  inviteAgeDays: number;
  /** Raw --concurrency value (checked by parseConcurrency). */
  concurrency?: unknown;
}

/** `--invite-age`: whole days, 1 or more. */
export function parseInviteAge(value: unknown): number {
  if (value === undefined || value === null || value === '') return 7;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--invite-age ${String(value)}: use a whole number of days, 1 or more`);
  return n;
}

interface FindingRow extends AuditFinding {
  client: string;
  clientId: string;
}

/** The stable --json view of one client's audit. */
function auditView(a: ClientAudit, counts: AuditCounts) {
  return {
    client: a.client,
    clientId: a.clientId,
    result: counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : 'pass',
    summary: counts,
    checks: a.findings.map((f) => ({ id: f.id, level: f.level, message: f.message, hint: f.hint })),
  };
}

function summaryLine(counts: AuditCounts, clients: number): string {
  const where = clients === 1 ? '' : ` across ${clients} clients`;
  return `${counts.pass} passed, ${counts.warn} warning${counts.warn === 1 ? '' : 's'}, ${counts.fail} failed, ${counts.skip} skipped${where}`;
}

export async function clientAuditRun(o: ClientAuditOptions, d: Deps): Promise<void> {
  const targets = [o.client !== undefined && '--client', o.org !== undefined && '--org', o.allClients && '--all-clients'].filter((t) => t !== false);
  if (targets.length > 1) throw new UsageError(`pass one of --client, --org or --all-clients, not ${targets.join(' and ')}`);
  if (targets.length === 0) throw new UsageError('name what to audit: --client NAME|ID, --org ID (e.g. on a self-hosted server), or --all-clients');
  const [{ auditAllClients, auditClient, auditOrganization, auditFailure }, { countFindings }, { parseConcurrency }] = await Promise.all([
    import('../../domain/audit.js'),
    import('../../domain/audit-checks.js'),
    import('../../domain/fleet.js'),
  ]);
  const base = { inviteAgeDays: o.inviteAgeDays, now: d.clock.now(), provider: o.provider, warn: (m: string) => d.out.warn(m) };
  let audits: ClientAudit[];
  let failure;
  if (o.allClients) {
    const result = await auditAllClients(d, {
      ...base,
      concurrency: parseConcurrency(o.concurrency),
      onDone: (row) => {
        if (row.result === 'failed') d.out.warn(`${row.client}: not audited: ${row.detail}`);
      },
    });
    audits = result.audits;
    failure = auditFailure(audits, result.rows);
  } else if (o.org !== undefined) {
    audits = [await auditOrganization(d, o.org, base)];
    failure = auditFailure(audits);
  } else {
    audits = [await auditClient(d, o.client ?? '', base)];
    failure = auditFailure(audits);
  }

  const rows: FindingRow[] = audits.flatMap((a) => a.findings.map((f) => ({ ...f, client: a.client, clientId: a.clientId })));
  const total = countFindings(rows);
  if (d.out.format === 'json') {
    const views = audits.map((a) => auditView(a, countFindings(a.findings)));
    d.out.object(o.allClients ? { clients: views, summary: total } : (views[0] ?? {}));
  } else {
    d.out.list(
      rows,
      [
        ...(o.allClients ? [{ header: 'Client', value: (r: FindingRow) => r.client, maxWidth: 30 }] : []),
        { header: 'Level', value: (r: FindingRow) => r.level },
        { header: 'Check', value: (r: FindingRow) => r.id },
        { header: 'Message', value: (r: FindingRow) => r.message, maxWidth: 70 },
        { header: 'Hint', value: (r: FindingRow) => r.hint, maxWidth: 70 },
      ],
      { empty: 'The provider has no clients.' },
    );
  }
  d.out.info(summaryLine(total, audits.length));
  if (failure) throw failure;
}

export const clientAuditSpec: CommandSpec = {
  name: 'audit',
  summary: 'Check a client against the deployment checklist',
  description:
    'Checks a client (or every client) against the trial-to-production checklist: recommended policies (two-step login, master password requirements, single organization, account recovery with auto-enrolment), at least two confirmed owners or admins (provider users do not count; fewer fails), collections nobody can reach, groups without collections, members awaiting confirmation, invitations older than --invite-age days, and seats left (fail at 0 with invitations pending, warn under 10 %). License expiry and last billing sync apply to self-hosted organizations only: audit those with --org ID on the self-hosted server of the client (a profile logged in there as Owner); for cloud clients they show as skip. Each finding is pass, warn, fail or skip with a hint naming the command that fixes it. Reads only; exits 3 when a check fails.',
  options: [
    clientOption,
    { flags: '--org <org-id>', description: 'audit an organization this login reaches directly, e.g. a self-hosted client as its Owner' },
    allClientsOption,
    providerOption,
    { flags: '--invite-age <days>', description: 'invitations older than this are flagged', defaultValue: '7' },
    concurrencyOption,
  ],
  examples: [
    { comment: 'Audit one client', command: "bwmsp client audit --client 'Contoso Ltd'" },
    { comment: 'Audit every client as JSON', command: 'bwmsp client audit --all-clients --json' },
    { comment: 'Flag invitations older than three days', command: "bwmsp client audit --client 'Contoso Ltd' --invite-age 3" },
    { comment: "A self-hosted client on its own server: license expiry and last billing sync too", command: 'bwmsp client audit --org 1f0c... --profile contoso-selfhost' },
  ],
  run: (input: VerbInput, deps) =>
    clientAuditRun(
      {
        client: stringOpt(input.opts.client),
        org: stringOpt(input.opts.org),
        allClients: input.opts.allClients === true,
        provider: stringOpt(input.opts.provider),
        inviteAgeDays: parseInviteAge(input.opts.inviteAge),
        concurrency: input.opts.concurrency,
      },
      deps,
    ),
};
