import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organizationConnectionResponseSchema, organizationSsoResponseSchema } from '../../../src/protocol/sso.js';
import { BASE_URL } from './harness.js';
import { buildOrgWorld, call, eventTypes, ROLES, tokenOf, type OrgWorld, type Role } from './org-world.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await buildOrgWorld();
});
afterEach(() => w.h.close());

const sso = (w: OrgWorld, orgId = w.orgId): string => `/api/organizations/${orgId}/sso`;
const oidc = (overrides: Record<string, unknown> = {}) => ({
  configType: 1,
  authority: 'https://login.example.com',
  clientId: 'bitwarden',
  clientSecret: 'super-secret',
  ...overrides,
});

describe('SSO configuration', () => {
  it('reading and saving need manageSso (404 otherwise)', async () => {
    const expected: Record<Role, number> = { owner: 200, admin: 200, user: 404, custom: 404, revoked: 404, outsider: 404, none: 401 };
    for (const role of ROLES) {
      const read = await call(w.h, 'GET', sso(w), tokenOf(w, role));
      expect({ role, status: read.status }).toEqual({ role, status: expected[role] });
      const save = await call(w.h, 'POST', sso(w), tokenOf(w, role), { enabled: false, data: oidc() });
      expect({ role, status: save.status }).toEqual({ role, status: expected[role] });
    }
  });

  it('returns defaults and the SP URLs before any save', async () => {
    const read = await call(w.h, 'GET', sso(w), w.owner.token);
    const body = organizationSsoResponseSchema.parse(read.body);
    expect(body).toMatchObject({ object: 'organizationSso', enabled: false, identifier: null, data: null });
    expect(body.urls).toEqual({
      callbackPath: `${BASE_URL}/sso/oidc-signin`,
      signedOutCallbackPath: `${BASE_URL}/sso/oidc-signedout`,
      spEntityIdStatic: `${BASE_URL}/sso/saml2`,
      spEntityId: `${BASE_URL}/sso/saml2/${w.orgId}`,
      spMetadataUrl: `${BASE_URL}/sso/saml2/${w.orgId}`,
      spAcsUrl: `${BASE_URL}/sso/saml2/${w.orgId}/Acs`,
    });
  });

  it('saves an OIDC configuration, logs 1604 then 1605 on changes, and reads it back', async () => {
    const saved = await call(w.h, 'POST', sso(w), w.admin.token, { enabled: true, identifier: 'contoso', data: oidc() });
    expect(saved.status).toBe(200);
    expect(organizationSsoResponseSchema.parse(saved.body)).toMatchObject({
      enabled: true,
      identifier: 'contoso',
      data: { configType: 1, clientSecret: 'super-secret', memberDecryptionType: 0 },
    });
    const again = await call(w.h, 'POST', sso(w), w.admin.token, { enabled: true, identifier: 'contoso', data: oidc() });
    expect(again.status).toBe(200);
    await call(w.h, 'POST', sso(w), w.admin.token, { enabled: false, identifier: 'contoso', data: oidc() });
    const types = eventTypes(w.h, w.orgId);
    expect(types.filter((t) => t === 1604)).toHaveLength(1);
    expect(types.filter((t) => t === 1605)).toHaveLength(1);
    expect(types.filter((t) => t === 1600).length).toBeGreaterThanOrEqual(3);
    expect(w.h.store.organizations.findById(w.orgId)?.identifier).toBe('contoso');
  });

  it('names the missing OIDC and SAML fields', async () => {
    const bad = await call(w.h, 'POST', sso(w), w.owner.token, { enabled: true, data: { configType: 1, authority: 'https://x' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      message: 'The model state is invalid.',
      validationErrors: {
        'Data.ClientId': ['The Client ID field is required on a Open ID Connect configuration.'],
        'Data.ClientSecret': ['The Client Secret field is required on a Open ID Connect configuration.'],
      },
    });
    const saml = await call(w.h, 'POST', sso(w), w.owner.token, {
      enabled: true,
      data: { configType: 2, idpEntityId: 'urn:idp', idpSingleSignOnServiceUrl: 'ftp://idp/<x>', idpBindingType: 2 },
    });
    expect(saml.status).toBe(400);
    expect(JSON.stringify(saml.body)).toContain('Data.IdpSingleSignOnServiceUrl');
    const noData = await call(w.h, 'POST', sso(w), w.owner.token, { enabled: true });
    expect(noData.status).toBe(400);
  });

  it('keeps identifiers unique but leaves the clashing config saved', async () => {
    const mine = await call(w.h, 'POST', sso(w), w.owner.token, { enabled: true, identifier: 'shared-id', data: oidc() });
    expect(mine.status).toBe(200);
    const theirs = await call(w.h, 'POST', sso(w, w.outsider.orgId), w.outsider.token, {
      enabled: true,
      identifier: 'shared-id',
      data: oidc({ clientId: 'fabrikam' }),
    });
    expect(theirs.status).toBe(400);
    expect(theirs.body).toMatchObject({ message: 'Identifier already in use by another organization.' });
    const read = await call(w.h, 'GET', sso(w, w.outsider.orgId), w.outsider.token);
    expect(organizationSsoResponseSchema.parse(read.body)).toMatchObject({ enabled: true, identifier: null, data: { clientId: 'fabrikam' } });
  });

  it('applies the Key Connector and TDE rules', async () => {
    const kc = await call(w.h, 'POST', sso(w), w.owner.token, { enabled: true, data: oidc({ memberDecryptionType: 1 }) });
    expect(kc.status).toBe(400);
    expect(kc.body).toMatchObject({ message: 'Organization cannot use Key Connector.' });
    const tde = await call(w.h, 'POST', sso(w), w.owner.token, { enabled: true, data: oidc({ memberDecryptionType: 2 }) });
    expect(tde.status).toBe(200);
    for (const type of [3, 4, 8]) expect(w.h.store.policies.find(w.orgId, type)?.enabled).toBe(true);
    expect(JSON.parse(w.h.store.policies.find(w.orgId, 8)?.data ?? '{}')).toEqual({ autoEnrollEnabled: true });
  });
});

describe('SCIM connection', () => {
  const connections = '/api/organizations/connections';
  const body = (w: OrgWorld, enabled = true) => ({ type: 2, organizationId: w.orgId, enabled: true, config: { enabled, scimProvider: 2 } });

  it('reads defaults, creates once, updates and deletes; needs manageScim (400 otherwise)', async () => {
    const empty = await call(w.h, 'GET', `${connections}/${w.orgId}/2`, w.owner.token);
    expect(organizationConnectionResponseSchema.parse(empty.body)).toEqual({
      id: null,
      type: 0,
      organizationId: '00000000-0000-0000-0000-000000000000',
      enabled: false,
      config: null,
    });
    for (const role of ['user', 'custom', 'outsider'] as const) {
      expect((await call(w.h, 'POST', connections, w[role].token, body(w))).status).toBe(400);
      expect((await call(w.h, 'GET', `${connections}/${w.orgId}/2`, w[role].token)).status).toBe(400);
    }
    const created = await call(w.h, 'POST', connections, w.admin.token, body(w));
    expect(created.status).toBe(200);
    const connection = organizationConnectionResponseSchema.parse(created.body);
    expect(connection).toMatchObject({ type: 2, organizationId: w.orgId, enabled: true, config: { Enabled: true, ScimProvider: 2 } });
    const twice = await call(w.h, 'POST', connections, w.admin.token, body(w));
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('Only one of each connection type may exist per organization.');
    const updated = await call(w.h, 'PUT', `${connections}/${connection.id ?? ''}`, w.owner.token, body(w, false));
    expect(organizationConnectionResponseSchema.parse(updated.body).config).toMatchObject({ Enabled: false });
    const wrongOrg = await call(w.h, 'PUT', `${connections}/${connection.id ?? ''}`, w.outsider.token, {
      ...body(w),
      organizationId: w.outsider.orgId,
    });
    expect(wrongOrg.status).toBe(404);
    expect((await call(w.h, 'DELETE', `${connections}/${connection.id ?? ''}`, w.owner.token)).status).toBe(200);
    const after = await call(w.h, 'GET', `${connections}/${w.orgId}/2`, w.owner.token);
    expect(organizationConnectionResponseSchema.parse(after.body).id).toBeNull();
  });

  it('hands out the type-2 key to SCIM managers with the master password hash', async () => {
    const key = await call(w.h, 'POST', `/api/organizations/${w.orgId}/api-key`, w.admin.token, {
      type: 2,
      masterPasswordHash: w.admin.account.masterPasswordHash,
    });
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ object: 'apiKey', apiKey: expect.stringMatching(/^[A-Za-z0-9]{30}$/) });
    const wrong = await call(w.h, 'POST', `/api/organizations/${w.orgId}/rotate-api-key`, w.admin.token, {
      type: 2,
      masterPasswordHash: 'bm9wZQ==',
    });
    expect(wrong.body).toMatchObject({ validationErrors: { MasterPasswordHash: ['Invalid password.'] } });
  });
});
