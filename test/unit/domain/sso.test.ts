import { describe, expect, it } from 'vitest';
import { buildSsoRequest, MASKED, ssoUnchanged, ssoView } from '../../../src/domain/sso.js';
import type { OrganizationSsoResponse } from '../../../src/protocol/sso.js';

const urls = {
  callbackPath: 'https://h/sso/oidc-signin',
  signedOutCallbackPath: 'https://h/sso/oidc-signedout',
  spEntityIdStatic: 'https://h/sso/saml2',
  spEntityId: 'https://h/sso/saml2/o1',
  spMetadataUrl: 'https://h/sso/saml2/o1',
  spAcsUrl: 'https://h/sso/saml2/o1/Acs',
};
const none: OrganizationSsoResponse = { enabled: false, identifier: null, data: null, urls };
const oidcStored: OrganizationSsoResponse = {
  enabled: true,
  identifier: 'contoso',
  data: { configType: 1, memberDecryptionType: 0, authority: 'https://login.example.com', clientId: 'bw', clientSecret: 's3cret' },
  urls,
};

describe('buildSsoRequest', () => {
  it('builds an OIDC body with the secret and defaults', () => {
    const body = buildSsoRequest({ type: 'oidc', identifier: ' contoso ', oidc: { authority: 'https://login.example.com', clientId: 'bw' } }, 'pw', none);
    expect(body).toEqual({
      enabled: true,
      identifier: 'contoso',
      data: { memberDecryptionType: 0, configType: 1, authority: 'https://login.example.com', clientId: 'bw', clientSecret: 'pw' },
    });
  });

  it('names the missing flags, all at once', () => {
    expect(() => buildSsoRequest({ type: 'oidc' }, undefined, none)).toThrow(/--identifier[\s\S]*--authority[\s\S]*--client-id[\s\S]*--client-secret-env/);
    expect(() => buildSsoRequest({ identifier: 'x' }, undefined, none)).toThrow('--type (type in --from FILE) is required: oidc or saml');
    expect(() => buildSsoRequest({ type: 'saml', identifier: 'x', saml: { idpEntityId: 'urn:x', idpSingleSignOnServiceUrl: 'ftp://idp' } }, undefined, none)).toThrow(
      "--idp-sso-url (saml.idpSingleSignOnServiceUrl in --from FILE) 'ftp://idp' is not an http(s) URL",
    );
    expect(() => buildSsoRequest({ type: 'oidc', identifier: 'x'.repeat(51), oidc: { authority: 'https://a', clientId: 'c' } }, 's', none)).toThrow(/longer than 50/);
    expect(() => buildSsoRequest({ type: 'saml', identifier: 'x', memberDecryption: 'key-connector', saml: { idpEntityId: 'e', idpSingleSignOnServiceUrl: 'https://i' } }, undefined, none)).toThrow(/--key-connector-url/);
  });

  it('keeps the stored identifier and OIDC secret when not given', () => {
    const body = buildSsoRequest({ type: 'oidc', oidc: { authority: 'https://login.example.com', clientId: 'bw' } }, undefined, oidcStored);
    expect(body.identifier).toBe('contoso');
    expect(body.data.clientSecret).toBe('s3cret');
    expect(ssoUnchanged(oidcStored, body)).toBe(true);
    expect(ssoUnchanged(oidcStored, { ...body, enabled: false })).toBe(false);
  });

  it('builds SAML with binding, stripped certificate and per-org entity id', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\nAAAA\n-----END CERTIFICATE-----\n';
    const body = buildSsoRequest(
      { type: 'saml', identifier: 'fab', memberDecryption: 'trusted-devices', saml: { idpEntityId: 'urn:idp', idpSingleSignOnServiceUrl: 'https://idp/sso', idpBindingType: 'http-post', idpX509PublicCert: pem } },
      undefined,
      none,
    );
    expect(body.data).toMatchObject({ configType: 2, memberDecryptionType: 2, idpBindingType: 2, idpX509PublicCert: 'MIIBAAAA', spUniqueEntityId: true });
  });
});

describe('ssoView', () => {
  it('masks the client secret unless asked', () => {
    const masked = ssoView({ name: 'Contoso', orgId: 'o1' }, oidcStored, false);
    expect(masked.oidc?.clientSecret).toBe(MASKED);
    expect(masked).toMatchObject({ type: 'oidc', enabled: true, identifier: 'contoso', memberDecryption: 'master-password' });
    expect(masked.serviceProvider.spEntityId).toBe(urls.spEntityIdStatic);
    expect(ssoView({ name: 'Contoso', orgId: 'o1' }, oidcStored, true).oidc?.clientSecret).toBe('s3cret');
    expect(JSON.stringify(masked)).not.toContain('s3cret');
  });

  it('shows an unconfigured organization', () => {
    expect(ssoView({ name: 'C', orgId: 'o1' }, none, false)).toMatchObject({ type: null, oidc: null, saml: null, enabled: false });
  });
});
