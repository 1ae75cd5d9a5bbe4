import type { Deps } from '../../deps.js';
import type { CommandSpec, VerbInput } from '../spec.js';

export async function orgViewRun(orgId: string, d: Deps): Promise<void> {
  const { viewOrganization } = await import('../../domain/organization.js');
  const org = await viewOrganization(d, orgId);
  const view = {
    id: org.id,
    name: org.name,
    role: org.role,
    status: org.status,
    plan: org.plan,
    planType: org.planType,
    seats: org.seats,
    maxAutoscaleSeats: org.maxAutoscaleSeats,
    maxCollections: org.maxCollections,
    billingEmail: org.billingEmail,
    businessName: org.businessName,
    enabled: org.enabled,
    providerId: org.providerId,
    providerName: org.providerName,
    features: org.features,
    selfHost: org.selfHost,
  };
  d.out.object(view, { view });
}

export const orgViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show one organization',
  description: 'Shows plan, seats, billing e-mail and features. Owners (and the provider) see everything; other members see what their membership says.',
  args: ['<org-id>'],
  examples: [
    { comment: 'Show an organization', command: 'bwmsp org view 1f0c...' },
    { comment: 'As JSON', command: 'bwmsp org view 1f0c... --json' },
  ],
  run: (input: VerbInput, deps) => orgViewRun(input.args[0] as string, deps),
};
