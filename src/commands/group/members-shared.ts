/** What `group members add|remove|set` share. */
import type { Deps } from '../../deps.js';
import type { MembershipChange } from '../../domain/group.js';
import type { OptionSpec, VerbInput } from '../spec.js';
import { groupView, orgRef, target, type OrgRefOptions } from './shared.js';

export const membersArgs = ['<group>', '<email-or-id...>'];
export const membersOptions: OptionSpec[] = target;

export interface GroupMembersOptions extends OrgRefOptions {
  group: string;
  members: string[];
}

export function groupMembersOptions(input: VerbInput): GroupMembersOptions {
  const [group = '', ...members] = input.args;
  const seen = new Set<string>();
  return {
    ...orgRef(input),
    group,
    members: members.map((m) => m.trim()).filter((m) => m !== '' && !seen.has(m.toLowerCase()) && seen.add(m.toLowerCase())),
  };
}

const WORDS: Record<MembershipChange['result'], string> = {
  added: 'added',
  removed: 'removed',
  'already-member': 'already a member (skipped)',
  'not-member': 'not a member (skipped)',
};

export async function groupMembersRun(opts: GroupMembersOptions, mode: 'add' | 'remove' | 'set', d: Deps): Promise<void> {
  const [{ withAdminOrg }, { changeGroupMembers }, { PartialFailureError }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/group.js'),
    import('../../errors.js'),
  ]);
  await withAdminOrg(d, opts, { key: 'none' }, async (org) => {
    const outcome = await changeGroupMembers(org, opts.group, mode, opts.members);
    for (const c of outcome.changes) {
      const who = c.email ?? c.id;
      if (c.result === 'added') d.out.success(`Added ${who} to ${outcome.group.name}`);
      else if (c.result === 'removed') d.out.success(`Removed ${who} from ${outcome.group.name}`);
      else d.out.info(`${who}: ${WORDS[c.result]}`);
    }
    for (const f of outcome.failures) d.out.warn(`${f.item}: ${f.error}`);
    if (d.out.format === 'json') {
      d.out.object({}, {
        view: {
          group: groupView(outcome.group),
          changes: outcome.changes.map((c) => ({ ref: c.ref, id: c.id, email: c.email, result: c.result })),
          failures: outcome.failures,
        },
      });
    } else if (d.out.format === 'tsv' || d.out.format === 'csv') {
      d.out.list(outcome.changes, [
        { header: 'Member', value: (c) => c.email ?? c.id },
        { header: 'Result', value: (c) => c.result },
        { header: 'Id', value: (c) => c.id },
      ]);
    }
    if (outcome.failures.length) {
      throw new PartialFailureError(
        `group members ${mode}: ${outcome.failures.length} of ${outcome.failures.length + outcome.changes.length} failed: ${outcome.failures.map((f) => `${f.item}: ${f.error}`).join('; ')}`,
        outcome.failures,
      );
    }
  });
}
