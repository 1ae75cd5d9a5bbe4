import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvFile, setEnv } from '../../../src/domain/env-file.js';
import { checkSelfhostEnv, hasValue, REGION_VALUES } from '../../../src/domain/selfhost-config.js';

const fixture = readFileSync(new URL('../../fixtures/bwdata/global.override.env', import.meta.url), 'utf8');
const levels = (text: string, mode?: number) =>
  Object.fromEntries(checkSelfhostEnv(parseEnvFile(text), mode === undefined ? {} : { mode }).map((f) => [f.check, f.level]));

describe('selfhost config checks', () => {
  it('flags what an installer-fresh file lacks', () => {
    const r = levels(fixture, 0o644);
    expect(r).toMatchObject({
      installation: 'pass',
      smtp: 'fail',
      'cloud-communication': 'fail',
      region: 'fail',
      registration: 'warn',
      sso: 'warn',
      hibp: 'warn',
      permissions: 'warn',
    });
    expect(r.duo).toBeUndefined();
  });

  it('passes once the fixes are applied', () => {
    const file = parseEnvFile(fixture);
    setEnv(file, {
      ...REGION_VALUES.eu,
      globalSettings__mail__smtp__host: 'smtp.contoso.example',
      globalSettings__mail__smtp__username: 'mailer',
      globalSettings__mail__smtp__password: 'pw',
      globalSettings__enableCloudCommunication: 'true',
      globalSettings__disableUserRegistration: 'true',
      globalSettings__sso__enforceSsoPolicyForAllUsers: 'true',
      globalSettings__hibpApiKey: 'k',
    });
    const findings = checkSelfhostEnv(file, { mode: 0o600 });
    expect(findings.filter((f) => f.level !== 'pass')).toEqual([]);
  });

  it.each([
    ['US region with EU URIs', 'globalSettings__baseServiceUri__cloudRegion=US\nglobalSettings__installation__apiUri=https://api.bitwarden.eu\n', 'fail'],
    ['US region with nothing else set', 'globalSettings__baseServiceUri__cloudRegion=US\n', 'pass'],
    ['no region at all (defaults to US)', '', 'pass'],
    ['EU with only the region set', 'globalSettings__baseServiceUri__cloudRegion=EU\n', 'fail'],
    ['an unknown region', 'globalSettings__baseServiceUri__cloudRegion=APAC\n', 'fail'],
  ])('region: %s -> %s', (_name, text, level) => {
    expect(levels(text).region).toBe(level);
  });

  it.each([
    ['', 'fail'],
    ['globalSettings__installation__id=REPLACE\n', 'fail'],
    ['globalSettings__installation__id=not-a-guid\nglobalSettings__installation__key=k\n', 'fail'],
    ['globalSettings__installation__id=0b6e58a1-5a0c-4f8e-9f0a-2d3b4c5d6e7f\n', 'fail'],
    ['globalSettings__installation__id=0b6e58a1-5a0c-4f8e-9f0a-2d3b4c5d6e7f\nglobalSettings__installation__key=k\n', 'pass'],
  ])('installation in %j -> %s', (text, level) => {
    expect(levels(text).installation).toBe(level);
  });

  it('names the line of a malformed entry and warns about duplicates and ssl on 587', () => {
    const findings = checkSelfhostEnv(
      parseEnvFile('oops\nA=1\nA=2\nglobalSettings__mail__smtp__host=h\nglobalSettings__mail__replyToEmail=r@x\nglobalSettings__mail__smtp__port=587\nglobalSettings__mail__smtp__ssl=true\n'),
    );
    expect(findings.find((f) => f.check === 'syntax')?.message).toContain('line 1');
    expect(findings.find((f) => f.check === 'duplicates')?.message).toContain('lines 2, 3');
    expect(findings.find((f) => f.check === 'smtp-tls')?.level).toBe('warn');
  });

  it.each([
    [undefined, false],
    ['', false],
    ['  ', false],
    ['REPLACE', false],
    ['secret', false],
    ['x', true],
  ])('hasValue(%j) is %s', (value, expected) => {
    expect(hasValue(value)).toBe(expected);
  });
});
