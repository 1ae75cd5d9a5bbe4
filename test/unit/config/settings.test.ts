import { describe, expect, it } from 'vitest';
import { NotFoundError, UsageError } from '../../../src/errors.js';
import type { Env } from '../../../src/config/env.js';
import type { Profile } from '../../../src/config/profile.js';
import { credentialsFromEnv, resolveSettings, type SettingsFlags } from '../../../src/config/settings.js';
import { MemoryConfigStore } from '../../helpers/memory-config-store.js';

const profiles: Profile[] = [
  { name: 'default', server: 'https://default.example' },
  {
    name: 'active',
    server: 'https://active.example',
    provider: 'prov-active',
    org: 'org-active',
    caFile: '/ca/active.pem',
  },
  { name: 'flagged', server: 'eu', provider: 'prov-flagged' },
  { name: 'envy', server: 'https://envy.example/' },
];

function storeWith(active: string | undefined, list: Profile[] = profiles): MemoryConfigStore {
  return new MemoryConfigStore(active === undefined ? { profiles: list } : { profiles: list, active });
}

describe('resolveSettings: profile name', () => {
  it.each<[string, SettingsFlags, Env, string | undefined, string, string]>([
    ['--profile beats everything', { profile: 'flagged' }, { BWMSP_PROFILE: 'envy' }, 'active', 'flagged', 'flag'],
    ['BWMSP_PROFILE beats the active profile', {}, { BWMSP_PROFILE: 'envy' }, 'active', 'envy', 'env'],
    ['the active profile beats default', {}, {}, 'active', 'active', 'active'],
    ['default when nothing is set', {}, {}, undefined, 'default', 'default'],
    ['an empty BWMSP_PROFILE counts as unset', {}, { BWMSP_PROFILE: '' }, 'active', 'active', 'active'],
    [
      '--profile beats BWMSP_PROFILE without an active profile',
      { profile: 'flagged' },
      { BWMSP_PROFILE: 'envy' },
      undefined,
      'flagged',
      'flag',
    ],
  ])('%s', (_what, flags, env, active, expectedName, expectedSource) => {
    const settings = resolveSettings({ flags, env, store: storeWith(active) });
    expect(settings.profileName).toBe(expectedName);
    expect(settings.source.profile).toBe(expectedSource);
    expect(settings.profile?.name).toBe(expectedName);
  });
});

describe('resolveSettings: server', () => {
  it.each<[string, SettingsFlags, Env, string, string, string]>([
    [
      '--server beats everything',
      { profile: 'flagged', server: 'us' },
      { BWMSP_SERVER: 'https://env.example' },
      'us',
      'flag',
      'https://api.bitwarden.com',
    ],
    [
      'BWMSP_SERVER beats the profile',
      { profile: 'flagged' },
      { BWMSP_SERVER: 'https://env.example/' },
      'https://env.example',
      'env',
      'https://env.example/api',
    ],
    ['the profile server beats the default', { profile: 'flagged' }, {}, 'eu', 'profile', 'https://api.bitwarden.eu'],
    [
      'the profile server is normalised',
      { profile: 'envy' },
      {},
      'https://envy.example',
      'profile',
      'https://envy.example/api',
    ],
    [
      'the active profile supplies the server',
      {},
      {},
      'https://active.example',
      'profile',
      'https://active.example/api',
    ],
    [
      'an empty BWMSP_SERVER counts as unset',
      { profile: 'flagged' },
      { BWMSP_SERVER: '' },
      'eu',
      'profile',
      'https://api.bitwarden.eu',
    ],
  ])('%s', (_what, flags, env, server, source, api) => {
    const settings = resolveSettings({ flags, env, store: storeWith('active') });
    expect(settings.server).toBe(server);
    expect(settings.source.server).toBe(source);
    expect(settings.urls.api).toBe(api);
  });

  it("falls back to 'us' when there is no profile at all", () => {
    const settings = resolveSettings({ flags: {}, env: {}, store: new MemoryConfigStore() });
    expect(settings).toEqual({
      profileName: 'default',
      server: 'us',
      urls: expect.objectContaining({ kind: 'us', identity: 'https://identity.bitwarden.com' }) as unknown,
      source: { profile: 'default', server: 'default' },
    });
    expect(settings.profile).toBeUndefined();
  });

  it('flags an http:// server as insecure', () => {
    const settings = resolveSettings({
      flags: { server: 'http://127.0.0.1:8080' },
      env: {},
      store: new MemoryConfigStore(),
    });
    expect(settings.urls.insecure).toBe(true);
    expect(settings.server).toBe('http://127.0.0.1:8080');
  });

  it('rejects a bad --server with a UsageError naming it', () => {
    expect(() => resolveSettings({ flags: { server: 'ftp://x' }, env: {}, store: storeWith('active') })).toThrow(
      "invalid server 'ftp://x'",
    );
  });

  it('says a bad server came from BWMSP_SERVER', () => {
    const run = (): unknown =>
      resolveSettings({ flags: {}, env: { BWMSP_SERVER: 'ftp://x' }, store: storeWith('active') });
    expect(run).toThrow(UsageError);
    expect(run).toThrow("BWMSP_SERVER: invalid server 'ftp://x'");
  });
});

describe('resolveSettings: CA file, provider and org', () => {
  it.each<[string, SettingsFlags, Env, string | undefined, string | undefined]>([
    ['--ca-file beats everything', { caFile: '/flag.pem' }, { BWMSP_CA_FILE: '/env.pem' }, '/flag.pem', 'flag'],
    ['BWMSP_CA_FILE beats the profile', {}, { BWMSP_CA_FILE: '/env.pem' }, '/env.pem', 'env'],
    ['the profile supplies it', {}, {}, '/ca/active.pem', 'profile'],
    [
      "NODE_EXTRA_CA_CERTS is Node's own and ignored",
      {},
      { NODE_EXTRA_CA_CERTS: '/node.pem' },
      '/ca/active.pem',
      'profile',
    ],
  ])('%s', (_what, flags, env, caFile, source) => {
    const settings = resolveSettings({ flags, env, store: storeWith('active') });
    expect(settings.caFile).toBe(caFile);
    expect(settings.source.caFile).toBe(source);
  });

  it('has no CA file when none is configured', () => {
    const settings = resolveSettings({
      flags: { profile: 'flagged' },
      env: { NODE_EXTRA_CA_CERTS: '/n.pem' },
      store: storeWith(undefined),
    });
    expect(settings.caFile).toBeUndefined();
    expect(settings.source.caFile).toBeUndefined();
    expect('caFile' in settings).toBe(false);
  });

  it('takes provider and org from the profile', () => {
    const settings = resolveSettings({ flags: {}, env: {}, store: storeWith('active') });
    expect(settings.provider).toBe('prov-active');
    expect(settings.org).toBe('org-active');
    const flagged = resolveSettings({ flags: { profile: 'flagged' }, env: {}, store: storeWith('active') });
    expect(flagged.provider).toBe('prov-flagged');
    expect(flagged.org).toBeUndefined();
  });
});

describe('resolveSettings: missing profiles', () => {
  it.each<[string, SettingsFlags, Env]>([
    ['--profile', { profile: 'ghost' }, {}],
    ['BWMSP_PROFILE', {}, { BWMSP_PROFILE: 'ghost' }],
  ])('throws NotFoundError for a %s naming no profile, listing the existing ones', (_what, flags, env) => {
    let caught: unknown;
    try {
      resolveSettings({ flags, env, store: storeWith(undefined) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NotFoundError);
    expect((caught as NotFoundError).message).toBe("profile 'ghost' not found");
    expect((caught as NotFoundError).hint).toBe(
      "Existing profiles: active, default, envy, flagged. Create one with 'bwmsp profile add'.",
    );
  });

  it('suggests bwmsp profile add when there are no profiles', () => {
    const run = (): unknown =>
      resolveSettings({ flags: { profile: 'ghost' }, env: {}, store: new MemoryConfigStore() });
    expect(run).toThrow(NotFoundError);
    try {
      run();
    } catch (error) {
      expect((error as NotFoundError).hint).toBe("No profiles yet. Create one with 'bwmsp profile add'.");
    }
  });

  it.each<[string, SettingsFlags, Env, string]>([
    ['--server', { profile: 'new', server: 'eu' }, {}, 'flag'],
    ['BWMSP_SERVER', {}, { BWMSP_PROFILE: 'new', BWMSP_SERVER: 'https://new.example' }, 'env'],
  ])('allows a missing profile when a server is given by %s', (_what, flags, env, source) => {
    const settings = resolveSettings({ flags, env, store: storeWith(undefined) });
    expect(settings.profileName).toBe('new');
    expect(settings.profile).toBeUndefined();
    expect(settings.source.server).toBe(source);
  });

  it('throws NotFoundError when the active profile (e.g. from a hand-edited config) does not exist', () => {
    const store = {
      getActiveProfile: () => 'gone',
      getProfile: () => undefined,
      listProfiles: () => [],
    };
    expect(() => resolveSettings({ flags: {}, env: {}, store })).toThrow("profile 'gone' not found");
    expect(resolveSettings({ flags: { server: 'eu' }, env: {}, store }).profileName).toBe('gone');
  });

  it("does not require the implicit 'default' profile to exist", () => {
    const settings = resolveSettings({
      flags: {},
      env: {},
      store: new MemoryConfigStore({ profiles: [profiles[2] as Profile] }),
    });
    expect(settings.profileName).toBe('default');
    expect(settings.server).toBe('us');
  });

  it('rejects an invalid --profile name with a UsageError', () => {
    expect(() => resolveSettings({ flags: { profile: 'Bad Name' }, env: {}, store: storeWith(undefined) })).toThrow(
      "invalid profile name 'Bad Name'",
    );
  });

  it('says an invalid profile name came from BWMSP_PROFILE', () => {
    expect(() => resolveSettings({ flags: {}, env: { BWMSP_PROFILE: '../x' }, store: storeWith(undefined) })).toThrow(
      "BWMSP_PROFILE: invalid profile name '../x'",
    );
  });
});

describe('credentialsFromEnv', () => {
  it('reads the four BWMSP_ credential variables', () => {
    expect(
      credentialsFromEnv({
        BWMSP_CLIENT_ID: 'organization.abc',
        BWMSP_CLIENT_SECRET: 'shh',
        BWMSP_PASSWORD: 'pw',
        BWMSP_SESSION: 'c2Vzc2lvbg==',
        BW_SESSION: 'ignored',
      }),
    ).toEqual({ clientId: 'organization.abc', clientSecret: 'shh', password: 'pw', sessionKey: 'c2Vzc2lvbg==' });
  });

  it('leaves out variables that are unset or empty', () => {
    const credentials = credentialsFromEnv({ BWMSP_CLIENT_ID: '', BWMSP_PASSWORD: 'pw' });
    expect(credentials).toEqual({ password: 'pw' });
    expect(Object.keys(credentials)).toEqual(['password']);
  });
});
