/** `client scim enable`: turn on SCIM provisioning and print the base URL and key for the IdP. */
import type { Deps } from '../../deps.js';
import type { ScimAction, ScimView } from '../../domain/scim.js';
import { clientOption, orgOption, type CommandSpec, type OptionSpec, type VerbInput } from '../spec.js';
import { stringOpt } from './shared.js';

export interface ClientScimOptions {
  client?: string | undefined;
  org?: string | undefined;
  passwordStdin: boolean;
  showKey: boolean;
}

export const scimOptions: readonly OptionSpec[] = [
  clientOption,
  orgOption,
  { flags: '--password-stdin', description: 'read your master password from stdin (or set BWMSP_PASSWORD)' },
];

export function clientScimOptions(input: VerbInput): ClientScimOptions {
  return {
    client: stringOpt(input.opts.client),
    org: stringOpt(input.opts.org),
    passwordStdin: input.opts.passwordStdin === true,
    showKey: input.opts.showKey === true,
  };
}

export function printScimView(d: Pick<Deps, 'out'>, v: ScimView): void {
  d.out.object(
    {
      client: v.client,
      organizationId: v.organizationId,
      enabled: v.enabled,
      provider: v.provider ?? undefined,
      scimUrl: v.scimUrl,
      apiKey: v.apiKey ?? undefined,
      keyRevisionDate: v.keyRevisionDate ?? undefined,
    },
    { view: v },
  );
}

/** Shared by enable, rotate and view. */
export async function clientScimRun(o: ClientScimOptions, d: Deps, action: ScimAction): Promise<ScimView> {
  const needsKey = action !== 'view' || o.showKey;
  const [{ masterPassword }, { runScim }] = await Promise.all([import('../auth/shared.js'), import('../../domain/scim.js')]);
  const view = await runScim(d, { client: o.client, org: o.org }, action, needsKey ? { askPassword: () => masterPassword(d, o.passwordStdin) } : {});
  return view;
}

export async function clientScimEnableRun(o: ClientScimOptions, d: Deps): Promise<void> {
  const view = await clientScimRun(o, d, 'enable');
  if (view.connection === 'unchanged') d.out.info(`SCIM was already enabled for ${view.client}`);
  else d.out.success(`Enabled SCIM for ${view.client}`);
  printScimView(d, view);
  if (d.out.format === 'table') d.out.info("In the identity provider, use the SCIM URL as the base/tenant URL and the API key as the bearer token.");
}

export const clientScimEnableSpec: CommandSpec = {
  name: 'enable',
  summary: 'Enable SCIM and print the base URL and key',
  description:
    "Creates (or turns on) the client's SCIM connection and prints the SCIM base URL and the SCIM API key to enter in the identity provider. Getting the key asks your master password again (--password-stdin or BWMSP_PASSWORD without a terminal). Already enabled is reported, not an error. Needs a Teams or Enterprise client.",
  options: [...scimOptions],
  examples: [
    { comment: 'Enable SCIM for a client', command: "bwmsp client scim enable --client 'Contoso Ltd'" },
    { comment: 'As JSON, for the identity provider setup', command: "bwmsp client scim enable --client 'Contoso Ltd' --json" },
  ],
  run: (input, deps) => clientScimEnableRun(clientScimOptions(input), deps),
};
