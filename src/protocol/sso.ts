/**
 * SSO configuration and organization connections (SCIM) wire shapes (admin-api.md §14), shared by
 * the client and the sandbox.
 */
import { z } from 'zod';

/** SsoType (§14.3). */
export const SsoType = { OpenIdConnect: 1, Saml2: 2 } as const;
export type SsoType = (typeof SsoType)[keyof typeof SsoType];

/** MemberDecryptionType (§14.3). */
export const MemberDecryptionType = { MasterPassword: 0, KeyConnector: 1, TrustedDeviceEncryption: 2 } as const;
export type MemberDecryptionType = (typeof MemberDecryptionType)[keyof typeof MemberDecryptionType];

/** Saml2BindingType (§14.3): 0 is not a valid value. */
export const Saml2BindingType = { HttpRedirect: 1, HttpPost: 2 } as const;

/** OrganizationConnectionType: 1 CloudBillingSync (licensing-and-selfhost.md §3.2), 2 SCIM (§14.5). */
export const OrganizationConnectionType = { CloudBillingSync: 1, Scim: 2 } as const;

/** ScimProviderType (§14.5). */
export const ScimProviderType = {
  Default: 0,
  AzureAd: 1,
  Okta: 2,
  OneLogin: 3,
  JumpCloud: 4,
  GoogleWorkspace: 5,
  Rippling: 6,
  Ping: 7,
} as const;

const optionalString = z.string().nullish();
const optionalBool = z.boolean().nullish();

/** `data` of `/organizations/{id}/sso` (same names in request and response, §14.3). */
export const ssoConfigDataSchema = z.looseObject({
  configType: z.int().min(0).max(2).nullish(),
  memberDecryptionType: z.int().min(0).max(2).nullish(),
  keyConnectorUrl: optionalString,
  authority: optionalString,
  clientId: optionalString,
  clientSecret: optionalString,
  metadataAddress: optionalString,
  redirectBehavior: z.int().min(0).max(1).nullish(),
  getClaimsFromUserInfoEndpoint: optionalBool,
  additionalScopes: optionalString,
  additionalUserIdClaimTypes: optionalString,
  additionalEmailClaimTypes: optionalString,
  additionalNameClaimTypes: optionalString,
  acrValues: optionalString,
  expectedReturnAcrValue: optionalString,
  idpEntityId: optionalString,
  idpSingleSignOnServiceUrl: optionalString,
  idpSingleLogoutServiceUrl: optionalString,
  idpBindingType: z.int().min(1).max(2).nullish(),
  idpX509PublicCert: optionalString,
  idpOutboundSigningAlgorithm: optionalString,
  idpAllowUnsolicitedAuthnResponse: optionalBool,
  idpDisableOutboundLogoutRequests: optionalBool,
  idpWantAuthnRequestsSigned: optionalBool,
  spUniqueEntityId: optionalBool,
  spWantAssertionsSigned: optionalBool,
  spValidateCertificates: optionalBool,
  spNameIdFormat: z.int().min(0).max(8).nullish(),
  spSigningBehavior: z.union([z.literal(0), z.literal(1), z.literal(3)]).nullish(),
  spOutboundSigningAlgorithm: optionalString,
  spMinIncomingSigningAlgorithm: optionalString,
});
export type SsoConfigData = z.infer<typeof ssoConfigDataSchema>;

/** POST `/organizations/{id}/sso` body (§14.2). */
export const organizationSsoRequestSchema = z.object({
  enabled: z.boolean().nullish(),
  identifier: z.string().max(50).nullish(),
  data: ssoConfigDataSchema,
});
export type OrganizationSsoRequest = z.infer<typeof organizationSsoRequestSchema>;

/** The SP URLs an admin copies into the identity provider (§14.2). */
export const ssoUrlsSchema = z.looseObject({
  callbackPath: z.string(),
  signedOutCallbackPath: z.string(),
  spEntityIdStatic: z.string(),
  spEntityId: z.string(),
  spMetadataUrl: z.string(),
  spAcsUrl: z.string(),
});
export type SsoUrls = z.infer<typeof ssoUrlsSchema>;

/** `organizationSso` response (§14.2). */
export const organizationSsoResponseSchema = z.looseObject({
  object: z.literal('organizationSso').optional(),
  enabled: z.boolean(),
  identifier: z.string().nullish(),
  data: ssoConfigDataSchema.nullish(),
  urls: ssoUrlsSchema,
});
export type OrganizationSsoResponse = z.infer<typeof organizationSsoResponseSchema>;

/** SCIM connection `config` (§14.5). The server stores it PascalCase; read case-insensitively. */
export const scimConfigSchema = z.looseObject({
  enabled: z.boolean().nullish(),
  scimProvider: z.int().min(0).max(7).nullish(),
  inviteUsersAfterProvisioning: z.boolean().nullish(),
});
export type ScimConfig = z.infer<typeof scimConfigSchema>;

/** POST/PUT `/organizations/connections[/{id}]` body (§14.5). */
export const organizationConnectionRequestSchema = z.object({
  type: z.int(),
  organizationId: z.string(),
  enabled: z.boolean().nullish(),
  config: scimConfigSchema.nullish(),
});
export type OrganizationConnectionRequest = z.infer<typeof organizationConnectionRequestSchema>;

/** Connection response: no `object` (§14.5). `id` null and type 0 when none is saved. */
export const organizationConnectionResponseSchema = z.looseObject({
  id: z.string().nullable(),
  type: z.int(),
  organizationId: z.string(),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).nullable(),
});
export type OrganizationConnectionResponse = z.infer<typeof organizationConnectionResponseSchema>;
