/**
 * Saving and presenting an organization's SSO configuration, in the official server's order
 * (admin-api.md §14.2–§14.4).
 */
import { EventType } from '../../protocol/event.js';
import { PolicyType } from '../../protocol/policy.js';
import {
  MemberDecryptionType,
  SsoType,
  type OrganizationSsoRequest,
  type SsoConfigData,
  type SsoUrls,
} from '../../protocol/sso.js';
import type { SandboxContext } from '../context.js';
import { BadRequestError, ModelStateError, type ValidationErrors } from '../errors.js';
import type { SsoConfigRecord } from '../repositories/sso-configs.js';
import { logOrganizationEvent } from './events.js';
import type { OrgCaller } from './org-caller.js';
import { savePolicy } from './policy-save.js';

/** SSO event types (admin-api.md §8.2 / §14.4). */
export const SsoEventType = {
  EnabledSso: 1604,
  DisabledSso: 1605,
  EnabledKeyConnector: 1606,
  DisabledKeyConnector: 1607,
} as const;

/** The SP URLs for an organization; the sandbox is self-hosted style: S = `<base>/sso` (§14.2). */
export function ssoUrls(baseUrl: string, organizationId: string): SsoUrls {
  const s = `${baseUrl}/sso`;
  return {
    callbackPath: `${s}/oidc-signin`,
    signedOutCallbackPath: `${s}/oidc-signedout`,
    spEntityIdStatic: `${s}/saml2`,
    spEntityId: `${s}/saml2/${organizationId}`,
    spMetadataUrl: `${s}/saml2/${organizationId}`,
    spAcsUrl: `${s}/saml2/${organizationId}/Acs`,
  };
}

function blank(value: string | null | undefined): boolean {
  return value == null || value.trim() === '';
}

function badSamlUrl(value: string): boolean {
  return !/^https?:\/\//i.test(value) || /[<>"]/.test(value);
}

/** Strips PEM armour and whitespace; undefined when the text is not base64 DER. */
function normaliseCertificate(text: string): string | undefined {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  // An X.509 certificate is a DER SEQUENCE: first byte 0x30.
  return Buffer.from(body, 'base64')[0] === 0x30 ? body : undefined;
}

/**
 * Model validation of `data` (§14.3). The OIDC messages are the documented ones; the SAML messages
 * follow the same wording (the exact SAML text is not in the protocol notes). Keys are nested as
 * `Data.<Field>` (the server's nested key path is UNVERIFIED).
 */
export function validateSsoData(data: SsoConfigData): SsoConfigData {
  const errors: ValidationErrors = {};
  const add = (field: string, message: string): void => {
    (errors[`Data.${field}`] ??= []).push(message);
  };
  const out: SsoConfigData = { ...data };
  if (data.configType === SsoType.OpenIdConnect) {
    if (blank(data.authority)) add('Authority', 'The Authority field is required on a Open ID Connect configuration.');
    if (blank(data.clientId)) add('ClientId', 'The Client ID field is required on a Open ID Connect configuration.');
    if (blank(data.clientSecret)) {
      add('ClientSecret', 'The Client Secret field is required on a Open ID Connect configuration.');
    }
  } else if (data.configType === SsoType.Saml2) {
    if (blank(data.idpEntityId)) add('IdpEntityId', 'The IdP Entity ID field is required on a SAML2 configuration.');
    if (blank(data.idpSingleSignOnServiceUrl)) {
      add('IdpSingleSignOnServiceUrl', 'The IdP Single Sign-On Service URL field is required on a SAML2 configuration.');
    }
    for (const [field, value] of [
      ['IdpSingleSignOnServiceUrl', data.idpSingleSignOnServiceUrl],
      ['IdpSingleLogoutServiceUrl', data.idpSingleLogoutServiceUrl],
    ] as const) {
      if (!blank(value) && value != null && badSamlUrl(value)) {
        add(field, `The ${field} must start with http:// or https:// and must not contain <, > or ".`);
      }
    }
    if (!blank(data.idpX509PublicCert) && data.idpX509PublicCert != null) {
      const cert = normaliseCertificate(data.idpX509PublicCert);
      if (cert === undefined) add('IdpX509PublicCert', 'The IdP X.509 public certificate could not be read.');
      else out.idpX509PublicCert = cert;
    }
  }
  if (Object.keys(errors).length > 0) throw new ModelStateError(errors);
  out.idpArtifactResolutionServiceUrl = null;
  out.memberDecryptionType = data.memberDecryptionType ?? MemberDecryptionType.MasterPassword;
  delete out.keyConnectorEnabled;
  return out;
}

/** Saves the configuration (§14.4); the identifier check comes last and is not transactional. */
export function saveSsoConfig(ctx: SandboxContext, caller: OrgCaller, request: OrganizationSsoRequest): SsoConfigRecord {
  const org = caller.organization;
  const data = validateSsoData(request.data);
  const enabled = request.enabled ?? false;
  const current = ctx.store.ssoConfigs.find(org.id);
  const before = current === undefined ? undefined : (JSON.parse(current.data) as SsoConfigData);
  const wasKeyConnector = before?.memberDecryptionType === MemberDecryptionType.KeyConnector;
  const isKeyConnector = data.memberDecryptionType === MemberDecryptionType.KeyConnector;
  // 1. Key Connector rules.
  if (isKeyConnector) {
    if (!org.useKeyConnector) throw new BadRequestError('Organization cannot use Key Connector.');
    const singleOrg = ctx.store.policies.find(org.id, PolicyType.SingleOrg);
    const requireSso = ctx.store.policies.find(org.id, PolicyType.RequireSso);
    if (singleOrg?.enabled !== true) {
      throw new BadRequestError('Key Connector requires the Single Organization policy to be enabled.');
    }
    if (requireSso?.enabled !== true) {
      throw new BadRequestError('Key Connector requires the Single Sign-On Authentication policy to be enabled.');
    }
    if (!enabled) throw new BadRequestError('You must enable SSO to use Key Connector.');
  }
  // 2. Leaving Key Connector while members use it.
  if (wasKeyConnector && !isKeyConnector) {
    const inUse = ctx.store.organizations
      .listUsers(org.id)
      .some((m) => m.userId !== null && ctx.store.users.findById(m.userId)?.usesKeyConnector === true);
    if (inUse) throw new BadRequestError('Key Connector cannot be disabled at this moment.');
  }
  // 3. TDE: the server saves SingleOrg, ResetPassword (auto-enroll) and RequireSso itself.
  if (data.memberDecryptionType === MemberDecryptionType.TrustedDeviceEncryption) {
    const system: OrgCaller = { ...caller, actor: { ...caller.actor, userId: null, providerId: null } };
    savePolicy(ctx, system, { type: PolicyType.SingleOrg, enabled: true, data: null });
    savePolicy(ctx, system, { type: PolicyType.ResetPassword, enabled: true, data: { autoEnrollEnabled: true } });
    savePolicy(ctx, system, { type: PolicyType.RequireSso, enabled: true, data: null });
  }
  // 4. Store; events when `enabled` changes (a first save with false logs "disabled").
  const now = ctx.clock.now().toISOString();
  const saved = ctx.store.ssoConfigs.upsert({
    organizationId: org.id,
    enabled,
    data: JSON.stringify(data),
    creationDate: current?.creationDate ?? now,
    revisionDate: now,
  });
  if (current === undefined || current.enabled !== enabled) {
    logOrganizationEvent(ctx, org, caller.actor, enabled ? SsoEventType.EnabledSso : SsoEventType.DisabledSso);
  }
  if (wasKeyConnector !== isKeyConnector) {
    const type = isKeyConnector ? SsoEventType.EnabledKeyConnector : SsoEventType.DisabledKeyConnector;
    logOrganizationEvent(ctx, org, caller.actor, type);
  }
  // 5. Identifier: unique among organizations; a clash leaves the config saved.
  const identifier = request.identifier ?? null;
  if (identifier !== null) {
    const holder = ctx.store.ssoConfigs.findOrganizationIdByIdentifier(identifier);
    if (holder !== undefined && holder !== org.id) {
      throw new BadRequestError('Identifier already in use by another organization.');
    }
  }
  ctx.store.ssoConfigs.setIdentifier(org.id, identifier, now);
  logOrganizationEvent(ctx, org, caller.actor, EventType.Organization_Updated);
  return saved;
}
