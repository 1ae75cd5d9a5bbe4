/**
 * SSO configuration of a client organization (admin-api.md §14.2–§14.4): a stable view (client
 * secret masked unless asked), and building the POST body from the settings a user gives (the
 * plan's `sso` block shape, from `--from FILE` and flags), validated before sending with messages
 * naming the flag or field.
 */
import { getOrganizationSso, saveOrganizationSso } from '../api/endpoints/sso.js';
import {
  MemberDecryptionType,
  Saml2BindingType,
  SsoType,
  type OrganizationSsoRequest,
  type OrganizationSsoResponse,
  type SsoConfigData,
} from '../protocol/sso.js';
import { z } from 'zod';
import { ApiError } from '../api/errors.js';
import { InputError, UsageError } from '../errors.js';
import type { Operation } from '../plan/diff.js';
import type { Plan } from '../plan/schema.js';
import { withAdminOrg, type AdminOrg, type OrgRef } from './admin-org.js';
import type { ConnectionDeps } from './connection.js';

export type SsoKind = 'oidc' | 'saml';
export type MemberDecryption = 'master-password' | 'key-connector' | 'trusted-devices';

const DECRYPTION: Readonly<Record<MemberDecryption, number>> = {
  'master-password': MemberDecryptionType.MasterPassword,
  'key-connector': MemberDecryptionType.KeyConnector,
  'trusted-devices': MemberDecryptionType.TrustedDeviceEncryption,
};
const NAME_ID_FORMATS = [
  'not-configured', 'unspecified', 'email-address', 'x509-subject-name', 'windows-domain-qualified-name',
  'kerberos-principal-name', 'entity-identifier', 'persistent', 'transient',
] as const;

export interface SsoView {
  client: string;
  organizationId: string;
  enabled: boolean;
  identifier: string | null;
  type: SsoKind | null;
  memberDecryption: MemberDecryption;
  keyConnectorUrl: string | null;
  oidc: { authority: string | null; clientId: string | null; clientSecret: string | null; metadataAddress: string | null } | null;
  saml: { idpEntityId: string | null; idpSingleSignOnServiceUrl: string | null; idpBindingType: 'http-redirect' | 'http-post' | null; hasCertificate: boolean; spUniqueEntityId: boolean } | null;
  /** What the admin copies into the identity provider. */
  serviceProvider: { callbackUrl: string; signedOutCallbackUrl: string; spEntityId: string; spMetadataUrl: string; spAcsUrl: string };
}

export const MASKED = '********';

export function ssoView(client: { name: string; orgId: string }, r: OrganizationSsoResponse, showSecret: boolean): SsoView {
  const data = r.data ?? null;
  const type: SsoKind | null = data?.configType === SsoType.OpenIdConnect ? 'oidc' : data?.configType === SsoType.Saml2 ? 'saml' : null;
  const decryption = (Object.entries(DECRYPTION).find(([, v]) => v === (data?.memberDecryptionType ?? 0))?.[0] ?? 'master-password') as MemberDecryption;
  const secret = data?.clientSecret ?? null;
  const unique = data?.spUniqueEntityId === true;
  return {
    client: client.name,
    organizationId: client.orgId,
    enabled: r.enabled,
    identifier: r.identifier ?? null,
    type,
    memberDecryption: decryption,
    keyConnectorUrl: data?.keyConnectorUrl ?? null,
    oidc:
      type === 'oidc'
        ? { authority: data?.authority ?? null, clientId: data?.clientId ?? null, clientSecret: secret === null || showSecret ? secret : MASKED, metadataAddress: data?.metadataAddress ?? null }
        : null,
    saml:
      type === 'saml'
        ? {
            idpEntityId: data?.idpEntityId ?? null,
            idpSingleSignOnServiceUrl: data?.idpSingleSignOnServiceUrl ?? null,
            idpBindingType: data?.idpBindingType === Saml2BindingType.HttpPost ? 'http-post' : data?.idpBindingType === Saml2BindingType.HttpRedirect ? 'http-redirect' : null,
            hasCertificate: (data?.idpX509PublicCert ?? '') !== '',
            spUniqueEntityId: unique,
          }
        : null,
    serviceProvider: {
      callbackUrl: r.urls.callbackPath,
      signedOutCallbackUrl: r.urls.signedOutCallbackPath,
      spEntityId: unique ? r.urls.spEntityId : r.urls.spEntityIdStatic,
      spMetadataUrl: r.urls.spMetadataUrl,
      spAcsUrl: r.urls.spAcsUrl,
    },
  };
}

/** What `client sso set` (flags over `--from FILE`) and a plan's `sso` block describe. */
export interface SsoSettings {
  enabled?: boolean | undefined;
  type?: SsoKind | undefined;
  identifier?: string | undefined;
  memberDecryption?: MemberDecryption | undefined;
  keyConnectorUrl?: string | undefined;
  oidc?: {
    authority?: string | undefined;
    clientId?: string | undefined;
    metadataAddress?: string | undefined;
    redirectBehavior?: 'redirect-get' | 'form-post' | undefined;
    getClaimsFromUserInfoEndpoint?: boolean | undefined;
    additionalScopes?: string | undefined;
  } | undefined;
  saml?: {
    idpEntityId?: string | undefined;
    idpSingleSignOnServiceUrl?: string | undefined;
    idpBindingType?: 'http-redirect' | 'http-post' | undefined;
    idpX509PublicCert?: string | undefined;
    spNameIdFormat?: (typeof NAME_ID_FORMATS)[number] | undefined;
    spWantAssertionsSigned?: boolean | undefined;
    spUniqueEntityId?: boolean | undefined;
  } | undefined;
}

/** Where each setting comes from on the command line, for error messages. */
const FLAG: Readonly<Record<string, string>> = {
  type: '--type',
  identifier: '--identifier',
  keyConnectorUrl: '--key-connector-url',
  'oidc.authority': '--authority',
  'oidc.clientId': '--client-id',
  'oidc.clientSecret': '--client-secret-env',
  'saml.idpEntityId': '--idp-entity-id',
  'saml.idpSingleSignOnServiceUrl': '--idp-sso-url',
  'saml.idpX509PublicCert': '--idp-cert',
};
const named = (field: string): string => (FLAG[field] ? `${FLAG[field]} (${field} in --from FILE)` : field);

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(value);
}

/**
 * The POST body (§14.2/§14.3). The client secret is needed for OIDC: pass it, or it is kept from
 * `current` when the type stays OIDC. The identifier is kept from `current` when not given (the
 * server clears it otherwise).
 */
export function buildSsoRequest(s: SsoSettings, clientSecret: string | undefined, current: OrganizationSsoResponse | null): OrganizationSsoRequest {
  const problems: string[] = [];
  const need = (field: string, value: string | undefined): string => {
    if (value === undefined || value.trim() === '') problems.push(`${named(field)} is required${s.type ? ` for type ${s.type}` : ''}`);
    return value?.trim() ?? '';
  };
  const url = (field: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '' && !isHttpUrl(value.trim())) problems.push(`${named(field)} '${value}' is not an http(s) URL`);
  };
  if (s.type === undefined) problems.push(`${named('type')} is required: oidc or saml`);
  const identifier = s.identifier?.trim() ?? current?.identifier ?? undefined;
  if (identifier === undefined || identifier === '') problems.push(`${named('identifier')} is required (the SSO identifier members type at login)`);
  else if (identifier.length > 50) problems.push(`${named('identifier')} '${identifier}' is longer than 50 characters`);
  const decryption = s.memberDecryption ?? 'master-password';
  if (DECRYPTION[decryption] === undefined) problems.push(`--decryption '${String(decryption)}': use master-password, key-connector or trusted-devices`);
  const enabled = s.enabled ?? true;
  const data: SsoConfigData = { memberDecryptionType: DECRYPTION[decryption] ?? 0 };
  if (decryption === 'key-connector') {
    data.keyConnectorUrl = need('keyConnectorUrl', s.keyConnectorUrl);
    url('keyConnectorUrl', s.keyConnectorUrl);
    if (!enabled) problems.push('key-connector needs SSO enabled (drop --disable)');
  }
  const currentData = current?.data ?? null;
  if (s.type === 'oidc') {
    const o = s.oidc ?? {};
    data.configType = SsoType.OpenIdConnect;
    data.authority = need('oidc.authority', o.authority);
    url('oidc.authority', o.authority);
    data.clientId = need('oidc.clientId', o.clientId);
    const kept = currentData?.configType === SsoType.OpenIdConnect ? (currentData.clientSecret ?? undefined) : undefined;
    data.clientSecret = need('oidc.clientSecret', clientSecret ?? kept);
    if (o.metadataAddress !== undefined) {
      url('oidc.metadataAddress', o.metadataAddress);
      data.metadataAddress = o.metadataAddress;
    }
    if (o.redirectBehavior !== undefined) data.redirectBehavior = o.redirectBehavior === 'form-post' ? 1 : 0;
    if (o.getClaimsFromUserInfoEndpoint !== undefined) data.getClaimsFromUserInfoEndpoint = o.getClaimsFromUserInfoEndpoint;
    if (o.additionalScopes !== undefined) data.additionalScopes = o.additionalScopes;
  } else if (s.type === 'saml') {
    const m = s.saml ?? {};
    data.configType = SsoType.Saml2;
    data.idpEntityId = need('saml.idpEntityId', m.idpEntityId);
    data.idpSingleSignOnServiceUrl = need('saml.idpSingleSignOnServiceUrl', m.idpSingleSignOnServiceUrl);
    url('saml.idpSingleSignOnServiceUrl', m.idpSingleSignOnServiceUrl);
    data.idpBindingType = m.idpBindingType === 'http-post' ? Saml2BindingType.HttpPost : Saml2BindingType.HttpRedirect;
    if (m.idpX509PublicCert !== undefined) {
      const body = m.idpX509PublicCert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) problems.push(`${named('saml.idpX509PublicCert')} is not a PEM or base64 X.509 certificate`);
      data.idpX509PublicCert = body;
    }
    if (m.spNameIdFormat !== undefined) data.spNameIdFormat = NAME_ID_FORMATS.indexOf(m.spNameIdFormat);
    if (m.spWantAssertionsSigned !== undefined) data.spWantAssertionsSigned = m.spWantAssertionsSigned;
    data.spUniqueEntityId = m.spUniqueEntityId ?? true;
  }
  if (problems.length > 0) throw new InputError(problems.length === 1 ? (problems[0] as string) : `invalid SSO settings:\n  ${problems.join('\n  ')}`);
  return { enabled, identifier: identifier ?? null, data };
}

/** True when saving `request` would change nothing the server holds (re-runs converge). */
export function ssoUnchanged(current: OrganizationSsoResponse, request: OrganizationSsoRequest): boolean {
  if (current.enabled !== (request.enabled ?? false) || (current.identifier ?? null) !== (request.identifier ?? null)) return false;
  const stored = current.data ?? null;
  if (stored === null) return false;
  return Object.entries(request.data).every(([key, value]) => (stored as Record<string, unknown>)[key] === value);
}

export async function viewSso(d: ConnectionDeps, ref: OrgRef, showSecret: boolean): Promise<SsoView> {
  return withAdminOrg(d, ref, { key: 'none', orgApiKey: false, why: 'SSO settings need a user login' }, async (org) =>
    ssoView({ name: org.name, orgId: org.orgId }, await getOrganizationSso(org.api, org.orgId), showSecret),
  );
}

export interface SsoSetResult {
  view: SsoView;
  result: 'saved' | 'unchanged';
}

/** Reads the current configuration, builds the request (validation first) and saves it unless unchanged. */
export async function setSso(
  d: ConnectionDeps,
  ref: OrgRef,
  settings: SsoSettings,
  /** The OIDC client secret; `required` is false when the stored one can be kept. */
  clientSecret: (required: boolean) => Promise<string | undefined>,
): Promise<SsoSetResult> {
  return withAdminOrg(d, ref, { key: 'none', orgApiKey: false, why: 'SSO settings need a user login' }, async (org) => {
    const current = await getOrganizationSso(org.api, org.orgId);
    const keepsSecret = settings.type === 'oidc' && current.data?.configType === SsoType.OpenIdConnect && (current.data.clientSecret ?? '') !== '';
    // Everything but the secret is checked before anyone is asked for it.
    buildSsoRequest(settings, settings.type === 'oidc' ? 'unchecked' : undefined, current);
    const secret = settings.type === 'oidc' ? await clientSecret(!keepsSecret) : undefined;
    const request = buildSsoRequest(settings, secret, current);
    const client = { name: org.name, orgId: org.orgId };
    if (ssoUnchanged(current, request)) return { view: ssoView(client, current, false), result: 'unchanged' };
    const saved = await saveOrganizationSso(org.api, org.orgId, request);
    return { view: ssoView(client, saved, false), result: 'saved' };
  });
}

const fileSchema = z.strictObject({
  enabled: z.boolean().optional(),
  type: z.enum(['oidc', 'saml']).optional(),
  identifier: z.string().optional(),
  memberDecryption: z.enum(['master-password', 'key-connector', 'trusted-devices']).optional(),
  keyConnectorUrl: z.string().optional(),
  oidc: z
    .strictObject({
      authority: z.string().optional(),
      clientId: z.string().optional(),
      clientSecretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name').optional(),
      metadataAddress: z.string().optional(),
      redirectBehavior: z.enum(['redirect-get', 'form-post']).optional(),
      getClaimsFromUserInfoEndpoint: z.boolean().optional(),
      additionalScopes: z.string().optional(),
    })
    .optional(),
  saml: z
    .strictObject({
      idpEntityId: z.string().optional(),
      idpSingleSignOnServiceUrl: z.string().optional(),
      idpBindingType: z.enum(['http-redirect', 'http-post']).optional(),
      idpX509PublicCert: z.string().optional(),
      spNameIdFormat: z.enum(NAME_ID_FORMATS).optional(),
      spWantAssertionsSigned: z.boolean().optional(),
      spUniqueEntityId: z.boolean().optional(),
    })
    .optional(),
});
export type SsoFile = z.infer<typeof fileSchema>;

/**
 * `--from FILE`: YAML or JSON shaped like a plan's `sso` block (or a whole plan with an `sso` key).
 * The client secret never sits in the file: `oidc.clientSecretEnv` names the env var holding it.
 */
export async function readSsoFile(path: string): Promise<SsoFile> {
  const [{ readFile }, { parse }] = await Promise.all([import('node:fs/promises'), import('yaml')]);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError(`--from ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
  }
  let raw: unknown;
  try {
    raw = parse(text) as unknown;
  } catch (error) {
    throw new InputError(`--from ${path}: not valid YAML or JSON (${(error as Error).message.split('\n')[0] ?? ''})`);
  }
  if (raw !== null && typeof raw === 'object' && 'sso' in raw) raw = (raw as { sso: unknown }).sso;
  if (raw !== null && typeof raw === 'object' && 'oidc' in raw) {
    const oidc = (raw as { oidc: unknown }).oidc;
    if (oidc !== null && typeof oidc === 'object' && 'clientSecret' in oidc) {
      throw new InputError(`--from ${path}: oidc.clientSecret must not be stored in a file; name an env var with oidc.clientSecretEnv or use --client-secret-env`);
    }
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new InputError(`--from ${path}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** Reads an IdP certificate file (`--idp-cert FILE`). */
export async function readCertificateFile(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new InputError(`--idp-cert ${path}: cannot be read`);
  }
}

// ---- onboarding plans (src/plan): the `sso` block ----

type PlanSso = NonNullable<Plan['sso']>;
export type SsoOperation = Extract<Operation, { kind: 'sso' }>;

/** The plan's `sso` block as settings (the secret's env var name is kept apart). */
export function planSsoSettings(sso: PlanSso): { settings: SsoSettings; clientSecretEnv: string | null } {
  const { clientSecretEnv, ...oidc } = sso.oidc ?? { clientSecretEnv: undefined };
  return {
    settings: { enabled: sso.enabled, type: sso.type, identifier: sso.identifier, memberDecryption: sso.memberDecryption, keyConnectorUrl: sso.keyConnectorUrl, oidc, saml: sso.saml },
    clientSecretEnv: clientSecretEnv ?? null,
  };
}

const hasStoredSecret = (type: SsoKind | undefined, current: OrganizationSsoResponse): boolean =>
  type === 'oidc' && current.data?.configType === SsoType.OpenIdConnect && (current.data.clientSecret ?? '') !== '';

/**
 * The plan operation: create when nothing is configured, unchanged when the server holds the same
 * settings (a stored OIDC secret counts as the same: it cannot be compared without the env var),
 * else update. `live` undefined = new client; null = the server has no SSO endpoint.
 */
export function ssoPlanOperation(sso: PlanSso, live: OrganizationSsoResponse | null | undefined): SsoOperation {
  const { settings, clientSecretEnv } = planSsoSettings(sso);
  const base = { kind: 'sso' as const, key: 'sso', name: sso.identifier, settings, clientSecretEnv };
  const what = `${sso.type} ${sso.enabled ? 'enabled' : 'disabled'}, ${sso.memberDecryption}`;
  if (live === null) return { ...base, action: 'unsupported', detail: 'this server has no per-organization SSO configuration; set it up on the server' };
  if (live === undefined || live.data == null) return { ...base, action: 'create', detail: what };
  const keeps = hasStoredSecret(settings.type, live);
  const request = buildSsoRequest(settings, settings.type === 'oidc' && !keeps ? 'pending' : undefined, live);
  const same = (settings.type !== 'oidc' || keeps) && ssoUnchanged(live, request);
  return { ...base, action: same ? 'unchanged' : 'update', detail: same ? what : `${what} (changes)` };
}

/** Reads the SSO configuration for the plan diff; null when the server has no such endpoint (404). */
export async function readSsoState(org: AdminOrg): Promise<OrganizationSsoResponse | null> {
  try {
    return await getOrganizationSso(org.api, org.orgId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Applies a plan's SSO operation; the OIDC secret comes from the env var the plan names. */
export async function applySsoOperation(org: AdminOrg, op: SsoOperation, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const current = await getOrganizationSso(org.api, org.orgId);
  const secret = op.clientSecretEnv === null ? undefined : env[op.clientSecretEnv];
  if (op.settings.type === 'oidc' && (secret === undefined || secret === '') && !hasStoredSecret('oidc', current)) {
    throw new UsageError(`sso.oidc.clientSecretEnv: the environment variable ${op.clientSecretEnv ?? '(none named)'} is not set or empty`);
  }
  await saveOrganizationSso(org.api, org.orgId, buildSsoRequest(op.settings, secret === '' ? undefined : secret, current));
}
