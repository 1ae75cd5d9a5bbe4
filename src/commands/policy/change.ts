/** What `policy enable`, `disable` and `set` share: the change and its report. */
import type { Deps } from '../../deps.js';
import type { PolicyChange } from '../../domain/policy.js';
import type { PolicyDef } from '../../domain/policy-catalog.js';
import { confirmDestructive, policyView, type OrgRefOptions } from './shared.js';

export interface PolicyChangeOptions extends OrgRefOptions {
  policy: string;
  defaultCollectionName?: string;
}

export async function runPolicyChange(
  opts: PolicyChangeOptions,
  d: Deps,
  enabled: boolean,
  data: (def: PolicyDef) => Promise<Record<string, unknown> | null | ((saved: Record<string, unknown> | null) => Record<string, unknown> | null) | undefined>,
): Promise<void> {
  if (opts.allClients) {
    const { policyAllClientsRun } = await import('../client/all-clients.js');
    return policyAllClientsRun(opts.allClients, d, { policy: opts.policy, enabled, defaultCollectionName: opts.defaultCollectionName, data });
  }
  const [{ withAdminOrg }, { changePolicy, REVOKES_ON_ENABLE }, { findPolicy }] = await Promise.all([
    import('../../domain/admin-org.js'),
    import('../../domain/policy.js'),
    import('../../domain/policy-catalog.js'),
  ]);
  const def = findPolicy(opts.policy);
  const wanted = await data(def);
  const need = opts.defaultCollectionName !== undefined ? ({ key: 'required', why: '--default-collection-name is encrypted with the organization key', orgApiKey: false } as const) : ({ key: 'none' } as const);
  await withAdminOrg(d, opts, need, async (org) => {
    const consequence = REVOKES_ON_ENABLE[def.type];
    const beforeEnable = consequence ? () => confirmDestructive(d, `Turn on ${def.name} for ${org.name}? ${consequence.charAt(0).toUpperCase()}${consequence.slice(1)}.`) : undefined;
    const change: PolicyChange = await changePolicy(
      org,
      def,
      { enabled, ...(wanted !== undefined ? { data: wanted } : {}), defaultCollectionName: opts.defaultCollectionName },
      beforeEnable ? { beforeEnable } : {},
    );
    if (!change.changed) d.out.info(`${def.name} is already ${enabled ? 'on' : 'off'}${enabled && wanted !== undefined && typeof wanted !== 'function' ? ' with these options' : ''} in ${org.name}; nothing changed`);
    else d.out.success(`${enabled ? 'Turned on' : 'Turned off'} ${def.name} for ${org.name}${enabled && change.policy.data ? ' with the given options' : ''}`);
    if (d.out.format === 'json') d.out.object({}, { view: { ...policyView(change.policy), changed: change.changed } });
  });
}
