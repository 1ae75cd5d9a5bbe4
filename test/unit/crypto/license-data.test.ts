import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatLicenseGuid,
  formatLicenseInstant,
  licenseDataString,
  licenseEpochSeconds,
  licenseHash,
  licenseSignedFieldNames,
  parseLicenseInstant,
  roundHalfToEven,
  type LicenseSignedFields,
} from '../../../src/crypto/license-data.js';
import { parseLicenseFile } from '../../../src/domain/license-file.js';

interface DataStringVectors {
  source: string;
  input: Omit<LicenseSignedFields, 'version' | 'hash'>;
  hashData: Record<string, string>;
  signatureData: Record<string, string>;
}

const fixture = (name: string) => new URL(`../../fixtures/licenses/${name}`, import.meta.url);
const vectors = JSON.parse(readFileSync(fixture('data-strings.json'), 'utf8')) as DataStringVectors;
const versions = Array.from({ length: 16 }, (_, i) => i + 1);

function licenseOfVersion(version: number): LicenseSignedFields {
  const withoutHash = { ...vectors.input, version, hash: null };
  return { ...withoutHash, hash: licenseHash(withoutHash) };
}

describe('legacy license data strings (known answers from bitwarden/server)', () => {
  it('has vectors for every version 1..16', () => {
    expect(Object.keys(vectors.hashData).map(Number)).toEqual(versions);
    expect(Object.keys(vectors.signatureData).map(Number)).toEqual(versions);
  });

  it.each(versions)('version %i: hash data matches', (version) => {
    expect(licenseDataString(licenseOfVersion(version), 'hash')).toBe(vectors.hashData[String(version)]);
  });

  it.each(versions)('version %i: signature data matches, including the Hash computed from the hash data', (version) => {
    expect(licenseDataString(licenseOfVersion(version), 'signature')).toBe(vectors.signatureData[String(version)]);
  });

  it('does not depend on the hash field when computing the hash', () => {
    const license = licenseOfVersion(15);
    expect(licenseHash({ ...license, hash: 'anything' })).toBe(license.hash);
  });

  it('orders fields culture-aware, not ordinally (UsersGetPremium between UseResetPassword and UseScim)', () => {
    const names = licenseSignedFieldNames(15, 'signature');
    expect(names.indexOf('UsersGetPremium')).toBe(names.indexOf('UseResetPassword') + 1);
    expect(names.indexOf('UseScim')).toBe(names.indexOf('UsersGetPremium') + 1);
    expect(names).toHaveLength(39);
    expect(licenseSignedFieldNames(16, 'signature')).toEqual(names);
    expect(licenseSignedFieldNames(15, 'hash')).toEqual(names.filter((n) => !['Hash', 'Issued', 'Refresh'].includes(n)));
  });

  it.each([0, 17, -1, 1.5])('refuses version %s with the server message', (version) => {
    expect(() => licenseDataString({ ...licenseOfVersion(15), version }, 'hash')).toThrow(`Version ${version} is not supported.`);
  });
});

describe('the Hash of the server repository fixture files', () => {
  it.each([11, 12, 13, 14])('server-fixture-v%i.json: recomputed hash equals the file Hash', (version) => {
    const file = parseLicenseFile(readFileSync(fixture(`server-fixture-v${version}.json`), 'utf8'), `v${version}`);
    expect(file.fields.version).toBe(version);
    expect(file.fields.hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(licenseHash(file.fields)).toBe(file.fields.hash);
  });
});

describe('the v15 server fixture (written 2025-05-16)', () => {
  // Its Hash predates bitwarden/server b2c8c0230f (2025-05-19, "Ignoring newer properties when generating the
  // license's signature"), which took UseAdminSponsoredFamilies out of the signed data. The server never
  // recomputes Hash, so its own tests do not notice; the data string of that time reproduces it exactly.
  const file = parseLicenseFile(readFileSync(fixture('server-fixture-v15.json'), 'utf8'), 'v15');

  it('does not match the current rules, which leave UseAdminSponsoredFamilies out', () => {
    expect(file.fields.version).toBe(15);
    expect(licenseHash(file.fields)).not.toBe(file.fields.hash);
  });

  it('matches the data string with UseAdminSponsoredFamilies:false between Use2fa and UseApi', () => {
    const then = licenseDataString(file.fields, 'hash').replace('|Use2fa:true|', '|Use2fa:true|UseAdminSponsoredFamilies:false|');
    expect(createHash('sha256').update(then, 'utf8').digest('base64')).toBe(file.fields.hash);
  });
});

describe('value formatting', () => {
  it.each([
    ['PlanType 0..6 use the legacy names', { planType: 0 }, 'PlanType:Free'],
    ['', { planType: 1 }, 'PlanType:FamiliesAnnually'],
    ['', { planType: 5 }, 'PlanType:EnterpriseAnnually'],
    ['', { planType: 6 }, 'PlanType:Custom'],
    ['later plan types are numbers', { planType: 7 }, 'PlanType:7'],
    ['', { planType: 20 }, 'PlanType:20'],
    ['GUIDs are lower-case and hyphenated', { id: '{12300000000000000000ABCDEF000456}' }, 'Id:12300000-0000-0000-0000-abcdef000456'],
    ['null strings are empty', { businessName: null }, 'BusinessName:|'],
    ['null numbers are empty', { seats: null }, 'Seats:|'],
    ['booleans are lower-case', { selfHost: false }, 'SelfHost:false'],
  ])('%s: %j gives %s', (_what, change, expected) => {
    expect(licenseDataString({ ...licenseOfVersion(15), ...change }, 'signature')).toContain(expected);
  });

  it('rounds Unix seconds half to even from the 7 fractional digits', () => {
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:33.374297Z'))).toBe(1702519413);
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:33.5Z'))).toBe(1702519414); // odd + .5 -> even above
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:34.5Z'))).toBe(1702519414); // even + .5 -> stays
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:34.5000002Z'))).toBe(1702519415);
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:33.4999990Z'))).toBe(1702519413);
    // Ticks are converted to a double first (2 ticks apart at this magnitude), as .NET's TotalSeconds does:
    // one tick off .5 lands on exactly .5 and is rounded half to even.
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:34.5000001Z'))).toBe(1702519414);
    expect(licenseEpochSeconds(parseLicenseInstant('2023-12-14T02:03:33.4999999Z'))).toBe(1702519414);
    expect(licenseEpochSeconds(parseLicenseInstant('2025-09-26T12:00:01Z'))).toBe(1758888001);
  });

  it('rounds like .NET Math.Round', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfToEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
  });

  it('reads offsets as UTC and no zone as the UTC wall clock', () => {
    expect(licenseEpochSeconds(parseLicenseInstant('2025-03-01T02:00:00+02:00'))).toBe(1740787200);
    expect(licenseEpochSeconds(parseLicenseInstant('2025-03-01T00:00:00'))).toBe(1740787200);
    expect(licenseEpochSeconds(parseLicenseInstant('2025-03-01'))).toBe(1740787200);
    expect(licenseEpochSeconds(parseLicenseInstant('0001-01-01T00:00:00Z'))).toBe(-62135596800);
  });

  it.each(['2025-02-30T00:00:00Z', 'yesterday', '2025-03-01T24:00:00Z', '2025-03-01T00:00:00.12345678Z'])('refuses the date %s', (text) => {
    expect(() => parseLicenseInstant(text)).toThrow(/date/);
  });

  it('formats instants as the .NET JSON writer does', () => {
    expect(formatLicenseInstant(parseLicenseInstant('2025-05-16T20:50:09.036931Z'))).toBe('2025-05-16T20:50:09.036931Z');
    expect(formatLicenseInstant(parseLicenseInstant('2025-05-16T20:50:09Z'))).toBe('2025-05-16T20:50:09Z');
  });

  it('normalises GUID text', () => {
    expect(formatLicenseGuid('78900000-0000-0000-0000-000000000ABC')).toBe('78900000-0000-0000-0000-000000000abc');
  });
});
