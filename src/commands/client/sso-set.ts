/** `client sso set`: configure SAML 2.0 or OpenID Connect login for a client. */
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { MemberDecryption, SsoKind, SsoSettings } from '../../domain/sso.js';
import { clientOption, orgOption, type CommandSpec, type VerbInput } from '../spec.js';
import { stringOpt } from './shared.js';
import { printSsoView } from './sso-view.js';

export interface ClientSsoSetOptions {
  client?: string | undefined;
  org?: string | undefined;
  type?: string | undefined;
  identifier?: string | undefined;
  from?: string | undefined;
  decryption?: string | undefined;
  keyConnectorUrl?: string | undefined;
  authority?: string | undefined;
  clientId?: string | undefined;
  clientSecretEnv?: string | undefined;
  idpEntityId?: string | undefined;
  idpSsoUrl?: string | undefined;
  idpCert?: string | undefined;
  idpBinding?: string | undefined;
  disable: boolean;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} '${value}': use one of ${allowed.join(', ')}`);
  return value as T;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export async function clientSsoSetRun(o: ClientSsoSetOptions, d: Deps): Promise<void> {
  const type = oneOf<SsoKind>('--type', o.type, ['oidc', 'saml']);
  const decryption = oneOf<MemberDecryption>('--decryption', o.decryption, ['master-password', 'key-connector', 'trusted-devices']);
  const binding = oneOf<'http-redirect' | 'http-post'>('--idp-binding', o.idpBinding, ['http-redirect', 'http-post']);
  if (o.clientSecretEnv !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(o.clientSecretEnv)) {
    throw new UsageError(`--client-secret-env '${o.clientSecretEnv}': give the NAME of an environment variable (the secret itself never goes on the command line)`);
  }
  const { readSsoFile, readCertificateFile, setSso } = await import('../../domain/sso.js');
  const file = o.from === undefined ? {} : await readSsoFile(o.from);
  const cert = o.idpCert === undefined ? undefined : await readCertificateFile(o.idpCert);
  const settings: SsoSettings = {
    enabled: o.disable ? false : (file.enabled ?? true),
    type: type ?? file.type,
    identifier: o.identifier ?? file.identifier,
    memberDecryption: decryption ?? file.memberDecryption,
    keyConnectorUrl: o.keyConnectorUrl ?? file.keyConnectorUrl,
    oidc: { ...file.oidc, ...defined({ authority: o.authority, clientId: o.clientId }) },
    saml: { ...file.saml, ...defined({ idpEntityId: o.idpEntityId, idpSingleSignOnServiceUrl: o.idpSsoUrl, idpX509PublicCert: cert, idpBindingType: binding }) },
  };
  const secretEnv = o.clientSecretEnv ?? file.oidc?.clientSecretEnv;
  const clientSecret = async (required: boolean): Promise<string | undefined> => {
    if (secretEnv !== undefined) {
      const value = d.env[secretEnv];
      if (value === undefined || value === '') throw new UsageError(`--client-secret-env ${secretEnv}: the environment variable ${secretEnv} is not set or empty`);
      return value;
    }
    if (!required) return undefined;
    return d.prompter.password({ message: 'OIDC client secret', flag: '--client-secret-env NAME' });
  };
  if (settings.memberDecryption === 'trusted-devices') {
    d.out.warn('Trusted-device encryption makes the server turn on the Single organization, Account recovery (auto-enroll) and Require SSO policies; Single organization revokes members (not owners/admins) who belong to other organizations.');
  }
  const { view, result } = await setSso(d, { client: o.client, org: o.org }, settings, clientSecret);
  if (result === 'unchanged') d.out.info(`SSO of ${view.client} already matches; nothing to change`);
  else d.out.success(`Saved ${view.type === 'saml' ? 'SAML 2.0' : 'OpenID Connect'} SSO for ${view.client} (identifier ${view.identifier ?? ''}, ${view.enabled ? 'enabled' : 'disabled'})`);
  printSsoView(d, view);
}

export const clientSsoSetSpec: CommandSpec = {
  name: 'set',
  summary: 'Configure SAML 2.0 or OpenID Connect SSO for a client',
  description:
    "Saves the client's SSO configuration and turns login with SSO on (--disable saves it off). Settings come from flags, or from --from FILE (YAML or JSON shaped like a plan's sso block) with flags taking precedence. OpenID Connect needs --authority, --client-id and a client secret: from the environment variable named by --client-secret-env (never a plain flag), else a prompt; a secret already stored is kept. SAML needs --idp-entity-id and --idp-sso-url (--idp-cert FILE optional). An unchanged configuration is not re-sent. Trusted-device encryption makes the server turn on three policies.",
  options: [
    clientOption,
    orgOption,
    { flags: '--type <type>', description: 'SSO protocol', choices: ['saml', 'oidc'] },
    { flags: '--identifier <id>', description: 'SSO identifier users type at login' },
    { flags: '--from <file>', description: 'settings file (YAML or JSON)', complete: 'files' },
    { flags: '--decryption <option>', description: 'member decryption option', choices: ['master-password', 'key-connector', 'trusted-devices'] },
    { flags: '--key-connector-url <url>', description: 'Key Connector URL (with --decryption key-connector)' },
    { flags: '--authority <url>', description: 'OIDC authority (issuer) URL' },
    { flags: '--client-id <id>', description: 'OIDC client id' },
    { flags: '--client-secret-env <name>', description: 'env var holding the OIDC client secret' },
    { flags: '--idp-entity-id <id>', description: 'SAML IdP entity id' },
    { flags: '--idp-sso-url <url>', description: 'SAML IdP single sign-on service URL' },
    { flags: '--idp-cert <file>', description: 'SAML IdP X.509 certificate (PEM)', complete: 'files' },
    { flags: '--idp-binding <binding>', description: 'SAML binding', choices: ['http-redirect', 'http-post'] },
    { flags: '--disable', description: 'save the configuration with SSO turned off' },
  ],
  examples: [
    { comment: 'Configure OpenID Connect from a file', command: "bwmsp client sso set --client 'Contoso Ltd' --type oidc --identifier contoso --from oidc.yaml" },
    { comment: 'Configure SAML and print the result', command: "bwmsp client sso set --client Fabrikam --type saml --identifier fabrikam --from saml.yaml --json" },
    { comment: 'OpenID Connect from flags, secret from the environment', command: "OIDC_SECRET=... bwmsp client sso set --client Contoso --type oidc --identifier contoso --authority https://login.example.com --client-id bitwarden --client-secret-env OIDC_SECRET" },
  ],
  run: (input: VerbInput, deps) => {
    const s = (name: string) => stringOpt(input.opts[name]);
    return clientSsoSetRun(
      {
        client: s('client'),
        org: s('org'),
        type: s('type'),
        identifier: s('identifier'),
        from: s('from'),
        decryption: s('decryption'),
        keyConnectorUrl: s('keyConnectorUrl'),
        authority: s('authority'),
        clientId: s('clientId'),
        clientSecretEnv: s('clientSecretEnv'),
        idpEntityId: s('idpEntityId'),
        idpSsoUrl: s('idpSsoUrl'),
        idpCert: s('idpCert'),
        idpBinding: s('idpBinding'),
        disable: input.opts.disable === true,
      },
      deps,
    );
  },
};
