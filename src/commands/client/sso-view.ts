/** `client sso view`: a client's SSO configuration and the URLs its identity provider needs. */
import type { Deps } from '../../deps.js';
import type { SsoView } from '../../domain/sso.js';
import { clientOption, orgOption, type CommandSpec, type VerbInput } from '../spec.js';
import { stringOpt } from './shared.js';

export interface ClientSsoViewOptions {
  client?: string | undefined;
  org?: string | undefined;
  showSecret: boolean;
}

/** "Key: value" lines on a TTY; JSON is the whole view. */
export function printSsoView(d: Pick<Deps, 'out'>, v: SsoView): void {
  d.out.object(
    {
      client: v.client,
      organizationId: v.organizationId,
      enabled: v.enabled,
      identifier: v.identifier ?? undefined,
      type: v.type ?? 'not configured',
      memberDecryption: v.memberDecryption,
      keyConnectorUrl: v.keyConnectorUrl ?? undefined,
      authority: v.oidc?.authority ?? undefined,
      clientId: v.oidc?.clientId ?? undefined,
      clientSecret: v.oidc?.clientSecret ?? undefined,
      idpEntityId: v.saml?.idpEntityId ?? undefined,
      idpSsoUrl: v.saml?.idpSingleSignOnServiceUrl ?? undefined,
      idpBinding: v.saml?.idpBindingType ?? undefined,
      idpCertificate: v.saml ? (v.saml.hasCertificate ? 'set' : 'none') : undefined,
      callbackUrl: v.serviceProvider.callbackUrl,
      signedOutCallbackUrl: v.serviceProvider.signedOutCallbackUrl,
      spEntityId: v.serviceProvider.spEntityId,
      spMetadataUrl: v.serviceProvider.spMetadataUrl,
      spAcsUrl: v.serviceProvider.spAcsUrl,
    },
    { view: v },
  );
}

export async function clientSsoViewRun(o: ClientSsoViewOptions, d: Deps): Promise<void> {
  const { viewSso } = await import('../../domain/sso.js');
  const view = await viewSso(d, { client: o.client, org: o.org }, o.showSecret);
  printSsoView(d, view);
}

export const clientSsoViewSpec: CommandSpec = {
  name: 'view',
  summary: 'Show the SSO configuration of a client',
  description:
    'Shows whether login with SSO is on, the SSO identifier, the protocol and member decryption option, and the service provider URLs to copy into the identity provider (callback / redirect URL for OpenID Connect; SP entity ID, metadata URL and ACS URL for SAML). The OIDC client secret is masked unless --show-secret is given.',
  options: [
    clientOption,
    orgOption,
    { flags: '--show-secret', description: 'print the OIDC client secret in clear' },
  ],
  examples: [
    { comment: 'Show SSO settings', command: "bwmsp client sso view --client 'Contoso Ltd'" },
    { comment: 'As JSON', command: "bwmsp client sso view --client 'Contoso Ltd' --json" },
  ],
  run: (input: VerbInput, deps) =>
    clientSsoViewRun({ client: stringOpt(input.opts.client), org: stringOpt(input.opts.org), showSecret: input.opts.showSecret === true }, deps),
};
