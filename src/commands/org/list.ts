import type { Deps } from '../../deps.js';
import type { OrganizationListItem } from '../../domain/organization.js';
import type { CommandSpec } from '../spec.js';

export function orgListView(o: OrganizationListItem) {
  return { id: o.id, name: o.name, role: o.role, status: o.status, plan: o.plan, seats: o.seats, enabled: o.enabled, providerId: o.providerId, providerName: o.providerName };
}

export async function orgListRun(d: Deps): Promise<void> {
  const { listMyOrganizations } = await import('../../domain/organization.js');
  const orgs = await listMyOrganizations(d);
  d.out.list(
    orgs,
    [
      { header: 'Name', value: (o) => o.name, maxWidth: 40 },
      { header: 'Role', value: (o) => o.role },
      { header: 'Plan', value: (o) => o.plan },
      { header: 'Seats', value: (o) => o.seats ?? '' },
      { header: 'Provider', value: (o) => o.providerName ?? '', maxWidth: 30 },
      { header: 'Id', value: (o) => o.id },
    ],
    { view: orgListView, empty: 'You are not a confirmed member of any organization' },
  );
}

export const orgListSpec: CommandSpec = {
  name: 'list',
  aliases: ['ls'],
  summary: 'List your organizations',
  description: "Organizations this account is a confirmed member of, with its role in each. A provider's client organizations are listed by 'bwmsp client list'.",
  examples: [
    { comment: 'Organizations you are a member of', command: 'bwmsp org list' },
    { comment: 'As JSON', command: 'bwmsp org list --json' },
  ],
  run: (_input, deps) => orgListRun(deps),
};
