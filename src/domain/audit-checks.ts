/**
 * The deployment checklist of `bwmsp client audit` as pure functions: a client's state in, one
 * finding per check out (pass / warn / fail / skip, a message and a hint naming the bwmsp command
 * that fixes it). The checks follow the trial-to-production checklist and the MSP deployment guide:
 * enterprise policies set before members are onboarded (two-step login, master password
 * requirements, account recovery), an admin team, collections and groups wired together, members
 * taken through invite → accept → confirm, seats, and for self-hosted organizations the license
 * and billing sync.
 *
 * Decisions:
 * - Owners and admins: at least two CONFIRMED owners or admins must exist among the organization's
 *   own members (provider users reach a client through the provider and are not members, so they do
 *   not count). Fewer than two fails: with one, losing that person locks the client out of its own
 *   administration. Two or more admins with no confirmed owner warns (only an owner can manage
 *   owners, billing sync and the organization's API key).
 * - Invitations: the age comes from the member's `creationDate` (admin-api.md §4.3,
 *   `organizationUserUserDetails`); when the server does not send it, the check is skipped.
 * - Seats: fail when no seat is left and invitations or acceptances are pending (no one else can be
 *   invited); warn when fewer than 10 % of the seats remain.
 */

export type AuditLevel = 'pass' | 'warn' | 'fail' | 'skip';

export interface AuditFinding {
  /** Stable id, e.g. `policy.two-factor-authentication`, `owners`, `seats`. */
  id: string;
  level: AuditLevel;
  message: string;
  /** What to do about it (empty when it passes). */
  hint: string;
}

export interface AuditMember {
  id: string;
  email: string | null;
  /** invited, accepted, confirmed, revoked, staged. */
  status: string;
  /** owner, admin, user, manager, custom. */
  role: string;
  /** ISO date the membership (invitation) was created; null when the server does not say. */
  creationDate: string | null;
}

export interface AuditCollection {
  id: string;
  /** Null when the name cannot be decrypted (vault locked). */
  name: string | null;
  groups: number;
  /** Null when the session cannot see member access. */
  members: number | null;
}

export interface AuditGroup {
  id: string;
  name: string;
  collections: number;
}

export interface AuditPolicy {
  type: number;
  enabled: boolean;
  data: Record<string, unknown> | null;
}

export interface AuditState {
  client: { id: string; name: string; seats: number | null; used: number | null; remaining: number | null };
  policies: AuditPolicy[];
  members: AuditMember[];
  collections: AuditCollection[];
  groups: AuditGroup[];
  /**
   * Self-hosted only: license expiry and last billing sync. Provider clients are cloud
   * organizations, for which these checks do not apply (null).
   */
  selfHosted: { licenseExpires: string | null; lastBillingSync: string | null } | null;
}

export interface AuditOptions {
  /** Invitations older than this many days are flagged. */
  inviteAgeDays: number;
  now: Date;
}

/** The recommended policies and the level of the finding when one is off. */
export const RECOMMENDED_POLICIES: readonly { type: number; name: string; title: string; missing: Exclude<AuditLevel, 'pass' | 'skip'> }[] = [
  { type: 0, name: 'two-factor-authentication', title: 'Require two-step login', missing: 'warn' },
  { type: 1, name: 'master-password', title: 'Master password requirements', missing: 'fail' },
  { type: 3, name: 'single-org', title: 'Single organization', missing: 'warn' },
  { type: 8, name: 'account-recovery', title: 'Account recovery administration', missing: 'fail' },
];

export const SEATS_WARN_RATIO = 0.1;
const DAY_MS = 24 * 60 * 60 * 1000;

function q(name: string): string {
  return /[\s'"]/.test(name) ? `'${name.replace(/'/g, "'\\''")}'` : name;
}

function finding(id: string, level: AuditLevel, message: string, hint = ''): AuditFinding {
  return { id, level, message, hint: level === 'pass' ? '' : hint };
}

/** Up to `max` names in sorted order (stable output whatever order the server lists them in). */
function listed(items: readonly string[], max = 5): string {
  const shown = [...items].sort((a, b) => a.localeCompare(b)).slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function checkPolicies(state: AuditState): AuditFinding[] {
  const client = q(state.client.name);
  return RECOMMENDED_POLICIES.map((p) => {
    const on = state.policies.find((s) => s.type === p.type)?.enabled === true;
    return on
      ? finding(`policy.${p.name}`, 'pass', `${p.title} is on`)
      : finding(`policy.${p.name}`, p.missing, `${p.title} is off`, `bwmsp policy enable ${p.name} --client ${client}`);
  });
}

export function checkAutoEnroll(state: AuditState): AuditFinding {
  const id = 'account-recovery.auto-enroll';
  const policy = state.policies.find((s) => s.type === 8);
  if (policy?.enabled !== true) {
    return finding(id, 'skip', 'Account recovery is off (see policy.account-recovery)');
  }
  return policy.data?.autoEnrollEnabled === true
    ? finding(id, 'pass', 'New members are enrolled in account recovery automatically')
    : finding(id, 'warn', 'Account recovery is on but members must enroll themselves', `bwmsp policy set account-recovery --auto-enroll --client ${q(state.client.name)}`);
}

export function checkOwners(state: AuditState): AuditFinding {
  const confirmed = state.members.filter((m) => m.status === 'confirmed');
  const owners = confirmed.filter((m) => m.role === 'owner');
  const admins = confirmed.filter((m) => m.role === 'admin');
  const count = owners.length + admins.length;
  const hint = `Invite or promote a second owner or admin: bwmsp member invite EMAIL --role admin --client ${q(state.client.name)}, then confirm them once they accept`;
  if (count < 2) {
    const who = [...owners, ...admins].map((m) => m.email ?? m.id);
    return finding('owners', 'fail', `${count} confirmed ${count === 1 ? 'owner or admin' : 'owners or admins'}${who.length ? ` (${listed(who)})` : ''}; at least two are needed`, hint);
  }
  if (owners.length === 0) {
    return finding('owners', 'warn', `${count} confirmed admins but no confirmed owner`, `Make one of them owner: bwmsp member set-role EMAIL --role owner --client ${q(state.client.name)}`);
  }
  return finding('owners', 'pass', `${count} confirmed owners or admins (${owners.length} owner${owners.length === 1 ? '' : 's'})`);
}

export function checkUnreachableCollections(state: AuditState): AuditFinding {
  if (state.collections.some((c) => c.members === null)) {
    return finding('collections.unreachable', 'skip', 'Member access to collections is not readable with this login', 'Log in as a provider user or owner (not an organization API key)');
  }
  const lost = state.collections.filter((c) => c.groups === 0 && c.members === 0);
  if (lost.length === 0) return finding('collections.unreachable', 'pass', `Every collection (${state.collections.length}) is reachable by a group or member`);
  const names = lost.map((c) => c.name ?? c.id);
  return finding(
    'collections.unreachable',
    'warn',
    `${plural(lost.length, 'collection')} nobody can reach: ${listed(names)}`,
    `Grant a group access: bwmsp collection access grant COLLECTION --group GROUP --client ${q(state.client.name)}`,
  );
}

export function checkEmptyGroups(state: AuditState): AuditFinding {
  const empty = state.groups.filter((g) => g.collections === 0);
  if (empty.length === 0) return finding('groups.no-collections', 'pass', `Every group (${state.groups.length}) has collections`);
  return finding(
    'groups.no-collections',
    'warn',
    `${plural(empty.length, 'group')} with no collections: ${listed(empty.map((g) => g.name))}`,
    `Give the group access: bwmsp group access GROUP --grant COLLECTION --client ${q(state.client.name)}`,
  );
}

export function checkAwaitingConfirmation(state: AuditState): AuditFinding {
  const accepted = state.members.filter((m) => m.status === 'accepted');
  if (accepted.length === 0) return finding('members.awaiting-confirmation', 'pass', 'No member is waiting for confirmation');
  return finding(
    'members.awaiting-confirmation',
    'warn',
    `${plural(accepted.length, 'member')} accepted but not confirmed: ${listed(accepted.map((m) => m.email ?? m.id))}`,
    `bwmsp member confirm --all-accepted --client ${q(state.client.name)}`,
  );
}

export function checkOldInvitations(state: AuditState, options: AuditOptions): AuditFinding {
  const invited = state.members.filter((m) => m.status === 'invited');
  if (invited.length === 0) return finding('members.old-invitations', 'pass', 'No invitation is pending');
  const dated = invited.filter((m) => m.creationDate !== null && !Number.isNaN(Date.parse(m.creationDate)));
  if (dated.length === 0) {
    return finding('members.old-invitations', 'skip', `${plural(invited.length, 'invitation')} pending; the server does not say when they were sent`);
  }
  const limit = options.now.getTime() - options.inviteAgeDays * DAY_MS;
  const old = dated.filter((m) => Date.parse(m.creationDate as string) < limit);
  if (old.length === 0) {
    return finding('members.old-invitations', 'pass', `${plural(invited.length, 'invitation')} pending, none older than ${plural(options.inviteAgeDays, 'day')}`);
  }
  return finding(
    'members.old-invitations',
    'warn',
    `${plural(old.length, 'invitation')} older than ${plural(options.inviteAgeDays, 'day')}: ${listed(old.map((m) => m.email ?? m.id))}`,
    `Send them again: bwmsp member reinvite EMAIL --client ${q(state.client.name)} (or remove them)`,
  );
}

export function checkSeats(state: AuditState): AuditFinding {
  const { seats, used } = state.client;
  const remaining = state.client.remaining ?? (seats !== null && used !== null ? seats - used : null);
  if (seats === null || remaining === null) return finding('seats', 'skip', 'The provider does not report seats for this client');
  const pending = state.members.filter((m) => m.status === 'invited' || m.status === 'accepted').length;
  const hint = `bwmsp client edit ${q(state.client.name)} --seats ${seats + Math.max(1, Math.ceil(seats * SEATS_WARN_RATIO))}`;
  if (remaining <= 0 && pending > 0) {
    return finding('seats', 'fail', `No seat left (${used ?? seats}/${seats} used) with ${plural(pending, 'invitation')} pending`, hint);
  }
  if (remaining < seats * SEATS_WARN_RATIO) return finding('seats', 'warn', `${remaining} of ${seats} seats left (under ${SEATS_WARN_RATIO * 100} %)`, hint);
  return finding('seats', 'pass', `${remaining} of ${seats} seats left`);
}

export function checkSelfHosted(state: AuditState, options: AuditOptions): AuditFinding[] {
  const why = 'cloud organization: the license and billing sync apply to self-hosted organizations only';
  if (state.selfHosted === null) {
    return [finding('license.expiry', 'skip', why), finding('billing-sync.last-sync', 'skip', why)];
  }
  const out: AuditFinding[] = [];
  const expires = state.selfHosted.licenseExpires;
  if (expires === null || Number.isNaN(Date.parse(expires))) {
    out.push(finding('license.expiry', 'skip', 'The license expiry date is not readable'));
  } else {
    const days = Math.floor((Date.parse(expires) - options.now.getTime()) / DAY_MS);
    if (days < 0) out.push(finding('license.expiry', 'fail', `The license expired on ${expires.slice(0, 10)}`, 'bwmsp license update'));
    else if (days < 30) out.push(finding('license.expiry', 'warn', `The license expires in ${plural(days, 'day')} (${expires.slice(0, 10)})`, 'bwmsp license update'));
    else out.push(finding('license.expiry', 'pass', `The license is valid until ${expires.slice(0, 10)}`));
  }
  const last = state.selfHosted.lastBillingSync;
  if (last === null || Number.isNaN(Date.parse(last))) {
    out.push(finding('billing-sync.last-sync', 'warn', 'Billing sync has never run', 'bwmsp billing-sync configure, then bwmsp billing-sync run'));
  } else {
    const days = Math.floor((options.now.getTime() - Date.parse(last)) / DAY_MS);
    out.push(
      days > 2
        ? finding('billing-sync.last-sync', 'warn', `The last billing sync was ${plural(days, 'day')} ago`, 'bwmsp billing-sync run')
        : finding('billing-sync.last-sync', 'pass', `Billing sync ran on ${last.slice(0, 10)}`),
    );
  }
  return out;
}

/** Every check, in checklist order. */
export function runAuditChecks(state: AuditState, options: AuditOptions): AuditFinding[] {
  return [
    ...checkPolicies(state),
    checkAutoEnroll(state),
    checkOwners(state),
    checkUnreachableCollections(state),
    checkEmptyGroups(state),
    checkAwaitingConfirmation(state),
    checkOldInvitations(state, options),
    checkSeats(state),
    ...checkSelfHosted(state, options),
  ];
}

export interface AuditCounts {
  pass: number;
  warn: number;
  fail: number;
  skip: number;
}

export function countFindings(findings: readonly AuditFinding[]): AuditCounts {
  const counts: AuditCounts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const f of findings) counts[f.level] += 1;
  return counts;
}
