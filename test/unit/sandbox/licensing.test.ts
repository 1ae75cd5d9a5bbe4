/**
 * Licensing in the sandbox (licensing-and-selfhost.md §1, §2): the issued license (claims, dates, legacy
 * hash and signature), the §1.1 refusals, and the self-hosted checks with their exact messages.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { licenseHash, licenseSignatureData, type LicenseSignedFields } from '../../../src/crypto/license-data.js';
import { decodeJwt, parseLicenseCertificate, verifyJwtSignature, verifyLicenseSignature } from '../../../src/crypto/license-signature.js';
import { multipartBody } from '../../../src/api/multipart.js';
import { LICENSE_UPLOAD_MAX_BYTES } from '../../../src/protocol/license.js';
import { licenseSigner } from '../../../src/sandbox/license-signing.js';
import { claimDate, dotnetDate, issueOrganizationLicense, licenseDates } from '../../../src/sandbox/services/license-issuer.js';
import { registerInstallation, verifyInstallationKey } from '../../../src/sandbox/services/installations.js';
import { licensedValues } from '../../../src/sandbox/services/license-apply.js';
import {
  invalidLicenseMessage,
  licenseCapacityError,
  parseUploadedLicense,
  validateLicense,
} from '../../../src/sandbox/services/license-validation.js';
import { saveSelfhostSettings, selfhostSettings } from '../../../src/sandbox/services/selfhost-settings.js';
import type { SandboxStore } from '../../../src/sandbox/store.js';
import { createHarness, type Harness } from './harness.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 7, 20, 12, 0, 0));

let harness: Harness | undefined;
afterEach(() => {
  harness?.close();
  harness = undefined;
});

function store(): SandboxStore {
  harness = createHarness();
  return harness.store;
}

function insertOrg(s: SandboxStore, overrides: { planType?: number; plan?: string; creationDate?: string; status?: number; expirationDate?: string | null } = {}) {
  return s.organizations.insert({
    id: randomUUID(),
    name: 'Contoso',
    billingEmail: 'billing@contoso.example',
    plan: overrides.plan ?? 'Enterprise (Annually)',
    planType: overrides.planType ?? 20,
    productTierType: 3,
    seats: 25,
    selfHost: true,
    useGroups: true,
    useSso: true,
    licenseKey: 'K7Qx2mP9vR4tY8wZ1aB3',
    status: overrides.status ?? 1,
    expirationDate: overrides.expirationDate ?? null,
    creationDate: overrides.creationDate ?? new Date(NOW.getTime() - 100 * DAY).toISOString(),
  });
}

function signedFieldsOf(license: Record<string, unknown>): LicenseSignedFields {
  const { licenseKey, installationId, id, name, billingEmail, businessName, enabled, plan, planType, seats, maxCollections, useGroups, useDirectory, useTotp, usersGetPremium, useEvents, use2fa, useApi, usePolicies, useSso, useResetPassword, useKeyConnector, useScim, useCustomPermissions, maxStorageGb, selfHost, version, issued, refresh, expires, expirationWithoutGracePeriod, usePasswordManager, useSecretsManager, smSeats, smServiceAccounts, limitCollectionCreationDeletion, allowAdminAccessToAllCollectionItems, trial, hash } = license;
  return { licenseKey, installationId, id, name, billingEmail, businessName, enabled, plan, planType, seats, maxCollections, useGroups, useDirectory, useTotp, usersGetPremium, useEvents, use2fa, useApi, usePolicies, useSso, useResetPassword, useKeyConnector, useScim, useCustomPermissions, maxStorageGb, selfHost, version, issued, refresh, expires, expirationWithoutGracePeriod, usePasswordManager, useSecretsManager, smSeats, smServiceAccounts, limitCollectionCreationDeletion, allowAdminAccessToAllCollectionItems, trial, hash } as LicenseSignedFields;
}

describe('installations', () => {
  it('stores only the key hash and checks the key', () => {
    const s = store();
    const { id, key } = registerInstallation(s, ' IT@Contoso.example ', NOW);
    expect(key).toMatch(/^[A-Za-z0-9]{20}$/);
    const stored = s.licensing.findInstallation(id);
    expect(stored).toMatchObject({ email: 'it@contoso.example', enabled: true });
    expect(stored?.keyHash).not.toContain(key);
    expect(verifyInstallationKey(s, id, key)?.id).toBe(id);
    expect(verifyInstallationKey(s, id, key.toLowerCase() === key ? key.toUpperCase() : key.toLowerCase())).toBeUndefined();
    s.licensing.setInstallationEnabled(id, false);
    expect(verifyInstallationKey(s, id, key)).toBeUndefined();
  });
});

describe('issueOrganizationLicense', () => {
  it('emits version 15 with RS256 token claims as the cloud writes them, and a legacy hash and signature', () => {
    const s = store();
    const org = insertOrg(s);
    const { id: installationId } = registerInstallation(s, 'it@contoso.example', NOW);
    const license = issueOrganizationLicense(s, { organizationId: org.id, installationId, now: NOW });
    const cert = parseLicenseCertificate(new TextEncoder().encode(licenseSigner(s).certPem));

    // Annual plan created 100 days ago: the period ends 265 days from now; expires adds the 60-day grace.
    const periodEnd = new Date(Date.UTC(2027, 4, 12, 12, 0, 0));
    expect(license).toMatchObject({ version: 15, licenseType: 1, id: org.id, installationId, seats: 25, selfHost: true, trial: false, planType: 20 });
    expect(license.issued).toBe('2026-08-20T12:00:00.0000000Z');
    expect(license.expires).toBe(dotnetDate(new Date(periodEnd.getTime() + 60 * DAY)));
    expect(license.expirationWithoutGracePeriod).toBe(dotnetDate(periodEnd));
    expect(license.refresh).toBe(dotnetDate(new Date(NOW.getTime() + 30 * DAY)));

    const jwt = decodeJwt(license.token ?? '');
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(verifyJwtSignature(jwt, cert)).toEqual({ valid: true });
    const nowSeconds = NOW.getTime() / 1000;
    expect(jwt.payload).toMatchObject({
      iss: 'bitwarden',
      aud: `organization:${org.id}`,
      nbf: nowSeconds,
      iat: nowSeconds,
      exp: nowSeconds + 365 * 86400,
      LicenseType: 'Organization',
      Id: org.id,
      InstallationId: installationId,
      Enabled: 'True',
      SelfHost: 'True',
      UseGroups: 'True',
      UsePolicies: 'False',
      PlanType: '20',
      Seats: '25',
      LicenseKey: 'K7Qx2mP9vR4tY8wZ1aB3',
      Issued: '08/20/2026 12:00:00',
      Expires: claimDate(new Date(periodEnd.getTime() + 60 * DAY)),
      ExpirationWithoutGracePeriod: claimDate(periodEnd),
      Trial: 'False',
    });
    expect(jwt.payload).not.toHaveProperty('MaxCollections');
    for (const [name, value] of Object.entries(jwt.payload)) {
      if (!['nbf', 'iat', 'exp'].includes(name)) expect(typeof value, name).toBe('string');
    }

    const fields = signedFieldsOf(license as unknown as Record<string, unknown>);
    expect(license.hash).toBe(licenseHash(fields));
    expect(verifyLicenseSignature(licenseSignatureData(fields), license.signature, cert)).toEqual({ valid: true });
  });

  it('refuses an unknown or disabled installation and an organization without a subscription, with the §1.1 messages', () => {
    const s = store();
    const org = insertOrg(s);
    expect(() => issueOrganizationLicense(s, { organizationId: org.id, installationId: randomUUID(), now: NOW })).toThrow('Invalid installation id');
    const { id } = registerInstallation(s, 'it@contoso.example', NOW);
    s.licensing.setInstallationEnabled(id, false);
    expect(() => issueOrganizationLicense(s, { organizationId: org.id, installationId: id, now: NOW })).toThrow('Invalid installation id');
    const { id: enabled } = registerInstallation(s, 'it@contoso.example', NOW);
    const free = insertOrg(s, { planType: 0, plan: 'Free' });
    expect(() => issueOrganizationLicense(s, { organizationId: free.id, installationId: enabled, now: NOW })).toThrow('No active subscription found.');
  });
});

describe('licenseDates (LicenseExtensions)', () => {
  const issued = NOW;
  it('without a subscription: the org expiration date, trial when there is none', () => {
    const exp = new Date(NOW.getTime() + 10 * DAY);
    expect(licenseDates(exp, null, issued)).toMatchObject({ expires: exp, refresh: exp, trial: false, expirationWithoutGracePeriod: null });
    expect(licenseDates(null, null, issued)).toMatchObject({ expires: new Date(NOW.getTime() + 7 * DAY), trial: true });
  });

  it('trialing: the trial end for both; monthly: org expiration + 11 months', () => {
    const trialEnd = new Date(NOW.getTime() + 5 * DAY);
    const trialing = { status: 'trialing', trialEnd, periodStart: NOW, periodEnd: trialEnd };
    expect(licenseDates(null, trialing, issued)).toMatchObject({ expires: trialEnd, refresh: trialEnd, trial: true, expirationWithoutGracePeriod: null });
    const periodEnd = new Date(Date.UTC(2026, 8, 1, 0, 0, 0));
    const monthly = { status: 'active', trialEnd: null, periodStart: new Date(Date.UTC(2026, 7, 1)), periodEnd };
    const dates = licenseDates(periodEnd, monthly, issued);
    expect(dates.expires).toEqual(new Date(Date.UTC(2027, 7, 1, 0, 0, 0)));
    expect(dates.refresh).toEqual(dates.expires);
    expect(dates.expirationWithoutGracePeriod).toBeNull();
  });
});

describe('validateLicense (CanUse)', () => {
  function settingsFor(s: SandboxStore, installationId: string) {
    saveSelfhostSettings(s, { installationId, licenseCerts: [new TextEncoder().encode(licenseSigner(s).certPem)] });
    return selfhostSettings(s);
  }

  it('accepts a fresh token license and reads the values from its claims, not the top-level fields', () => {
    const s = store();
    const org = insertOrg(s);
    const { id } = registerInstallation(s, 'it@contoso.example', NOW);
    const license = issueOrganizationLicense(s, { organizationId: org.id, installationId: id, now: NOW });
    const uploaded = parseUploadedLicense(JSON.stringify({ ...license, seats: 999, SEATS: 999 }));
    expect(uploaded).not.toBeNull();
    expect(validateLicense(uploaded!, settingsFor(s, id), NOW)).toEqual([]);
    expect(licensedValues(uploaded!)).toMatchObject({ seats: 25, maxStorageGb: 10240, selfHost: true, licenseKey: 'K7Qx2mP9vR4tY8wZ1aB3' });
  });

  it('reports the claim checks in order, and token lifetime with zero clock skew', () => {
    const s = store();
    const org = insertOrg(s);
    const { id } = registerInstallation(s, 'it@contoso.example', NOW);
    const license = issueOrganizationLicense(s, { organizationId: org.id, installationId: id, now: NOW });
    const uploaded = parseUploadedLicense(JSON.stringify(license))!;
    expect(validateLicense(uploaded, settingsFor(s, randomUUID()), NOW)).toEqual(['The installation ID does not match the current installation.']);
    const later = new Date(NOW.getTime() + 365 * DAY);
    const [expired] = validateLicense(uploaded, settingsFor(s, id), later);
    expect(expired).toMatch(/^IDX10223: Lifetime validation failed\. The token is expired\./);
    expect(validateLicense(uploaded, settingsFor(s, id), new Date(NOW.getTime() - 1000))[0]).toMatch(/^IDX10222: /);
    expect(invalidLicenseMessage(['a', 'b'])).toBe('Invalid license. a\nb');
  });

  it('legacy files: every failing check, then the signature', () => {
    const s = store();
    const org = insertOrg(s);
    const { id } = registerInstallation(s, 'it@contoso.example', NOW);
    const license = issueOrganizationLicense(s, { organizationId: org.id, installationId: id, now: NOW });
    const legacy = parseUploadedLicense(JSON.stringify({ ...license, token: null }))!;
    expect(validateLicense(legacy, settingsFor(s, id), NOW)).toEqual([]);
    const bad = parseUploadedLicense(JSON.stringify({ ...license, token: null, enabled: false, selfHost: false, version: 17, installationId: randomUUID() }))!;
    expect(validateLicense(bad, settingsFor(s, id), NOW)).toEqual([
      'Your cloud-hosted organization is currently disabled.',
      'Version 17 is not supported.',
      'The installation ID does not match the current installation.',
      'The license does not allow for on-premise hosting of organizations.',
      'The license verification failed.',
    ]);
    const tampered = parseUploadedLicense(JSON.stringify({ ...license, token: null, seats: 26 }))!;
    expect(validateLicense(tampered, settingsFor(s, id), NOW)).toEqual(['The license verification failed.']);
  });

  it('CanUseLicense: seats and collections against current usage', () => {
    const s = store();
    const org = insertOrg(s);
    for (const email of ['a@x.example', 'b@x.example']) {
      s.organizations.insertUser({ id: randomUUID(), organizationId: org.id, userId: null, email, key: null, status: 0, type: 2, creationDate: NOW.toISOString() });
    }
    const values = { ...licensedValues(parseUploadedLicense('{}')!), seats: 1, maxCollections: null };
    expect(licenseCapacityError(s, org.id, values)).toBe('Your organization currently has 2 seats filled. Your new license only has (1) seats. Remove some users.');
    expect(licenseCapacityError(s, org.id, { ...values, seats: 2 })).toBeNull();
  });
});

describe('parseUploadedLicense and the upload limit', () => {
  it('binds names case-insensitively and refuses non-objects', () => {
    expect(parseUploadedLicense('{"LICENSETYPE":1,"Seats":4}')?.fields).toEqual({ licenseType: 1, seats: 4 });
    expect(parseUploadedLicense('[1]')).toBeNull();
    expect(parseUploadedLicense('{nope')).toBeNull();
  });

  it('a multipart body carries its exact length; an issued license fits the 51 200-byte limit', () => {
    const s = store();
    const org = insertOrg(s);
    const { id } = registerInstallation(s, 'it@contoso.example', NOW);
    const text = JSON.stringify(issueOrganizationLicense(s, { organizationId: org.id, installationId: id, now: NOW }), null, 2);
    const body = multipartBody([{ name: 'license', value: text, filename: 'bitwarden_organization_license.json', contentType: 'application/json' }], 'B');
    expect(body.contentType).toBe('multipart/form-data; boundary=B');
    expect(body.body.toString('utf8')).toBe(
      `--B\r\nContent-Disposition: form-data; name="license"; filename="bitwarden_organization_license.json"\r\nContent-Type: application/json\r\n\r\n${text}\r\n--B--\r\n`,
    );
    expect(body.body.length).toBeLessThan(LICENSE_UPLOAD_MAX_BYTES);
  });
});
