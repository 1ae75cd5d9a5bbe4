/** Helpers of the policy verbs: the org target (or --all-clients), views and confirmations. */
import { UsageError } from '../../errors.js';
import type { PolicyState } from '../../domain/policy.js';
import { concurrencyOption } from '../client/all-clients.js';
import { allClientsOption, clientOption, orgOption, type OptionSpec, type VerbInput } from '../spec.js';
export { confirmDestructive } from '../input.js';

export const target: OptionSpec[] = [clientOption, orgOption, allClientsOption];
/** enable, disable, set: the target, and --concurrency for --all-clients runs. */
export const changeTarget: OptionSpec[] = [...target, concurrencyOption];

export interface OrgRefOptions {
  client?: string;
  org?: string;
  /** --all-clients: the verb's input, for the fleet run (src/commands/client/all-clients.ts). */
  allClients?: Pick<VerbInput, 'opts' | 'commandPath'>;
}

/** The org target; --all-clients is for enable, disable and set only (changeRef), elsewhere not implemented yet. */
export function orgRef(input: VerbInput): OrgRefOptions {
  const o = input.opts;
  if (o.allClients === true) {
    throw new UsageError(`bwmsp ${input.commandPath} --all-clients: not implemented yet`, {
      hint: 'Run the command once per client with --client NAME.',
      commandPath: input.commandPath,
    });
  }
  return {
    ...(typeof o.client === 'string' && o.client.trim() !== '' ? { client: o.client } : {}),
    ...(typeof o.org === 'string' && o.org.trim() !== '' ? { org: o.org } : {}),
  };
}

/** enable, disable, set: the org target, or --all-clients (every client of the provider). */
export function changeRef(input: VerbInput): OrgRefOptions {
  if (input.opts.allClients === true) return { allClients: { opts: input.opts, commandPath: input.commandPath } };
  return orgRef(input);
}

export function policyView(p: PolicyState) {
  return { name: p.name, type: p.type, title: p.title, enabled: p.enabled, data: p.data, canToggleState: p.canToggleState };
}

/** 'minLength=14, requireUpper' for tables. */
export function dataSummary(data: Record<string, unknown> | null): string {
  if (!data) return '';
  return Object.entries(data)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? k : `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`))
    .join(', ');
}

export const defaultCollectionNameOption: OptionSpec = {
  flags: '--default-collection-name <name>',
  description: "organization-data-ownership: name of each member's default collection (encrypted)",
};
