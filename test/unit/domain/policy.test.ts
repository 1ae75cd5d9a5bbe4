import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { findPolicy, POLICIES, REQUIRES_SINGLE_ORG } from '../../../src/domain/policy-catalog.js';
import { POLICY_FLAGS } from '../../../src/domain/policy-flags.js';
import { dataForEnable, policyDataFromOptions } from '../../../src/domain/policy-options.js';
import {
  changePolicy,
  checkDependencies,
  listPolicyStates,
  PolicyDependencyError,
  saveBody,
  saveShapeForVersion,
  type PolicyState,
} from '../../../src/domain/policy.js';
import { policyNames } from '../../../src/commands/policy/index.js';
import { apiError, fakeApi, fakeOrg, list, ORG_ID } from '../commands/collection/fake-org.js';

const def = (name: string) => findPolicy(name);

describe('the policy catalog', () => {
  it('covers every PolicyType 0-22 with the names the command tree lists', () => {
    expect(POLICIES.map((p) => p.type)).toEqual([...Array(23).keys()]);
    expect(POLICIES.map((p) => p.name)).toEqual([...policyNames]);
  });

  it.each([
    ['single-org', 3],
    ['SingleOrg', 3],
    ['9', 9],
    ['ResetPassword', 8],
    ['account-recovery', 8],
    ['Automatic_App_LogIn', 12],
  ])('finds %s', (ref, type) => {
    expect(findPolicy(ref).type).toBe(type);
  });

  it('suggests close names for unknown policies', () => {
    expect(() => findPolicy('single-organisation')).toThrow(UsageError);
    try {
      findPolicy('master-pasword');
    } catch (error) {
      expect((error as UsageError).message).toBe("unknown policy 'master-pasword'");
      expect((error as UsageError).hint).toContain('master-password');
    }
  });

  it('lists Single organization as needed by 4, 8, 9, 16, 18, 20', () => {
    expect([...REQUIRES_SINGLE_ORG]).toEqual([4, 8, 9, 16, 18, 20]);
  });
});

describe('policy set: flags to data, for every policy type', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown> | null][] = [
    ['two-factor-authentication', {}, null],
    [
      'master-password',
      { minLength: '14', minComplexity: '3', requireUpper: true, requireLower: true, requireNumbers: true, requireSpecial: true, enforceOnLogin: true },
      { minLength: 14, minComplexity: 3, requireUpper: true, requireLower: true, requireNumbers: true, requireSpecial: true, enforceOnLogin: true },
    ],
    [
      'password-generator',
      { passwordType: 'passphrase', minLength: '16', useUpper: true, useLower: true, useNumbers: true, useSpecial: true, minNumbers: '2', minSpecial: '1', minNumberWords: '4', capitalize: true, includeNumber: true },
      { overridePasswordType: 'passphrase', minLength: 16, useUpper: true, useLower: true, useNumbers: true, useSpecial: true, minNumbers: 2, minSpecial: 1, minNumberWords: 4, capitalize: true, includeNumber: true },
    ],
    ['single-org', {}, null],
    ['require-sso', {}, null],
    ['organization-data-ownership', {}, null],
    ['disable-send', {}, null],
    ['send-options', { disableHideEmail: true }, { disableHideEmail: true }],
    ['send-options', {}, { disableHideEmail: false }],
    ['account-recovery', { autoEnroll: true }, { autoEnrollEnabled: true }],
    ['account-recovery', {}, { autoEnrollEnabled: false }],
    ['maximum-vault-timeout', { minutes: '15', action: 'lock' }, { minutes: 15, action: 'lock' }],
    ['maximum-vault-timeout', { minutes: '60' }, { minutes: 60 }],
    ['disable-personal-vault-export', {}, null],
    ['activate-autofill', {}, null],
    ['automatic-app-login', { idpHost: 'login.contoso.example' }, { idpHost: 'login.contoso.example' }],
    ['free-families-sponsorship', {}, null],
    ['remove-unlock-with-pin', {}, null],
    ['restricted-item-types', {}, null],
    ['uri-match-defaults', { uriMatch: 'starts-with' }, { uriMatchDetection: 2 }],
    ['uri-match-defaults', { uriMatch: 'never' }, { uriMatchDetection: 5 }],
    ['autotype-default-setting', {}, null],
    ['automatic-user-confirmation', {}, null],
    ['block-claimed-domain-account-creation', {}, null],
    [
      'organization-user-notification',
      { allowBanner: true, header: 'Heads up', description: 'Use the company vault', buttonText: 'Open', showAfterEveryLogin: true },
      { allowBanner: true, header: 'Heads up', description: 'Use the company vault', buttonText: 'Open', showAfterEveryLogin: true },
    ],
    [
      'send-controls',
      { disableHideEmail: true, whoCanAccess: 'specific-people', allowedDomains: 'contoso.example', deletionHours: '48', allowedSendTypes: 'text,file,text' },
      { disableSend: false, disableHideEmail: true, whoCanAccess: 2, allowedDomains: 'contoso.example', deletionHours: 48, allowedSendTypes: [0, 1] },
    ],
    ['send-controls', { disableSend: true }, { disableSend: true, disableHideEmail: false }],
    ['fill-assist', { rulesUrl: 'https://rules.contoso.example/fill.json' }, { rulesUrl: 'https://rules.contoso.example/fill.json' }],
  ];

  it.each(cases)('%s %j', (name, opts, data) => {
    expect(policyDataFromOptions(def(name), opts)).toEqual(data);
  });

  it('exercises every typed flag in the cases above', () => {
    const used = new Set(cases.flatMap(([, opts]) => Object.keys(opts)));
    expect(POLICY_FLAGS.map((f) => f.key).filter((k) => !used.has(k))).toEqual([]);
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(POLICIES.map((p) => p.name)));
  });

  it.each([
    ['master-password', { useUpper: true }, '--use-upper does not apply to master-password; it sets password-generator'],
    ['single-org', { minLength: '12' }, '--min-length does not apply to single-org; it sets master-password / password-generator'],
    ['master-password', { minLength: '8' }, '--min-length: Too small: expected number to be >=12'],
    ['master-password', { minLength: 'twelve' }, "--min-length expects a whole number, got 'twelve'"],
    ['master-password', { minComplexity: '5' }, '--min-complexity: Too big: expected number to be <=4'],
    ['maximum-vault-timeout', {}, '--minutes is required for maximum-vault-timeout'],
    ['maximum-vault-timeout', { minutes: '0' }, '--minutes: Too small: expected number to be >0'],
    ['automatic-app-login', {}, '--idp-host is required for automatic-app-login'],
    ['uri-match-defaults', {}, '--uri-match is required for uri-match-defaults'],
    ['organization-user-notification', { header: 'x'.repeat(41), description: 'ok' }, '--header: Too big: expected string to have <=40 characters'],
    ['organization-user-notification', {}, '--description is required for organization-user-notification'],
    ['fill-assist', { rulesUrl: 'http://plain.example/rules' }, '--rules-url: Invalid URL'],
    ['send-controls', { allowedSendTypes: 'text,video' }, "--allowed-send-types: unknown Send type 'video'; use text, file, item"],
    ['single-org', { defaultCollectionName: 'Mine' }, '--default-collection-name applies to organization-data-ownership only'],
  ])('%s %j is refused: %s', (name, opts, message) => {
    expect(() => policyDataFromOptions(def(name), opts)).toThrow(message);
  });

  it('takes --data checked against the shape, not mixed with typed flags', () => {
    expect(policyDataFromOptions(def('password-generator'), { data: '{"minLength":20,"useSpecial":true}' })).toEqual({ minLength: 20, useSpecial: true });
    expect(policyDataFromOptions(def('account-recovery'), { data: '{"autoEnrollEnabled":true}' })).toEqual({ autoEnrollEnabled: true });
    expect(policyDataFromOptions(def('single-org'), { data: 'null' })).toBeNull();
    expect(() => policyDataFromOptions(def('master-password'), { data: '{"minLenght":14}' })).toThrow("--data: master-password has no option 'minLenght'");
    expect(() => policyDataFromOptions(def('maximum-vault-timeout'), { data: '{"action":"lock"}' })).toThrow("--data: maximum-vault-timeout needs 'minutes'");
    expect(() => policyDataFromOptions(def('single-org'), { data: '{"x":1}' })).toThrow('single-org has no options (got x)');
    expect(() => policyDataFromOptions(def('master-password'), { data: '{oops' })).toThrow(InputError);
    expect(() => policyDataFromOptions(def('master-password'), { data: '[1]' })).toThrow('--data must be a JSON object');
    expect(() => policyDataFromOptions(def('master-password'), { data: '{}', minLength: '14' })).toThrow('--data cannot be combined with --min-length');
  });
});

describe('policy enable: data kept or defaulted', () => {
  it('keeps valid saved options, fills defaults, and asks for set when required fields are missing', () => {
    expect(dataForEnable(def('master-password'), { minLength: 14 })).toEqual({ minLength: 14 });
    expect(dataForEnable(def('account-recovery'), null)).toEqual({ autoEnrollEnabled: false });
    expect(dataForEnable(def('single-org'), null)).toBeNull();
    expect(dataForEnable(def('restricted-item-types'), { restrictedTypes: [3] })).toEqual({ restrictedTypes: [3] });
    expect(() => dataForEnable(def('maximum-vault-timeout'), null)).toThrow('maximum-vault-timeout needs options to be turned on');
    // options written by another client that bwmsp's shape does not know go back untouched
    expect(dataForEnable(def('password-generator'), { minLength: 10, someFutureOption: true })).toEqual({ minLength: 10, someFutureOption: true });
  });
});

describe('SavePolicy body shape', () => {
  it.each([
    ['2026.9.0', 'wrapped'],
    ['2026.4.0', 'wrapped'],
    ['2027.1.2', 'wrapped'],
    ['2026.3.1', 'flat'],
    ['2025.12.0', 'flat'],
    ['2024.6.2', 'flat'],
    [undefined, 'wrapped'],
    ['not-a-version', 'wrapped'],
  ])('server %s takes the %s body', (version, shape) => {
    expect(saveShapeForVersion(version)).toBe(shape);
  });

  it('builds both bodies', () => {
    expect(saveBody('flat', 9, true, { minutes: 5 })).toEqual({ type: 9, enabled: true, data: { minutes: 5 } });
    expect(saveBody('wrapped', 9, true, { minutes: 5 })).toEqual({ policy: { enabled: true, data: { minutes: 5 } } });
    expect(saveBody('wrapped', 5, true, null, { defaultUserCollectionName: '2.x|y|z' })).toEqual({ policy: { enabled: true, data: null }, metadata: { defaultUserCollectionName: '2.x|y|z' } });
  });
});

function policyServer(options: { version?: string; accepts: 'wrapped' | 'flat'; saved?: { type: number; enabled: boolean; data?: Record<string, unknown> | null }[] }) {
  const saved = new Map((options.saved ?? []).map((p) => [p.type, { organizationId: ORG_ID, data: null, ...p }]));
  const fake = fakeApi({
    'GET /config': () => ({ object: 'config', version: options.version ?? '2026.9.0' }),
    'GET /organizations/:org/policies': () => list([...saved.values()]),
    'PUT /organizations/:org/policies/:type': (req, [, type]) => {
      const body = req.json as Record<string, unknown>;
      const wrapped = 'policy' in body;
      if ((options.accepts === 'wrapped') !== wrapped) {
        throw apiError(400, 'PUT', `/organizations/${ORG_ID}/policies/${type}`, { message: 'The model state is invalid.', validationErrors: { Enabled: ['The Enabled field is required.'] } });
      }
      const inner = (wrapped ? body.policy : body) as { enabled: boolean; data: Record<string, unknown> | null };
      const stored = { id: 'p-' + type, organizationId: ORG_ID, type: Number(type), enabled: inner.enabled, data: inner.data };
      saved.set(Number(type), stored);
      return stored;
    },
  });
  return { ...fake, saved };
}

describe('changePolicy', () => {
  it('sends the wrapped body to a current server', async () => {
    const s = policyServer({ accepts: 'wrapped', saved: [{ type: 3, enabled: true }] });
    const out = await changePolicy(fakeOrg(s.api), def('maximum-vault-timeout'), { enabled: true, data: { minutes: 15, action: 'lock' } });
    expect(out).toMatchObject({ changed: true, shape: 'wrapped', policy: { name: 'maximum-vault-timeout', enabled: true, data: { minutes: 15, action: 'lock' } } });
    expect(s.log().filter((l) => l.startsWith('PUT'))).toHaveLength(1);
  });

  it('sends the flat body to a server older than 2026.4', async () => {
    const s = policyServer({ version: '2025.11.1', accepts: 'flat' });
    const out = await changePolicy(fakeOrg(s.api), def('master-password'), { enabled: true, data: { minLength: 14 } });
    expect(out.shape).toBe('flat');
    expect(s.calls.find((c) => c.method === 'PUT')?.json).toEqual({ type: 1, enabled: true, data: { minLength: 14 } });
  });

  it('retries a 400 once with the other shape when the version misleads', async () => {
    const s = policyServer({ version: '2025.11.1', accepts: 'wrapped' });
    const out = await changePolicy(fakeOrg(s.api), def('two-factor-authentication'), { enabled: true, data: null });
    expect(out.shape).toBe('wrapped');
    expect(s.calls.filter((c) => c.method === 'PUT').map((c) => Object.keys(c.json as object))).toEqual([['type', 'enabled', 'data'], ['policy']]);
  });

  it('reports the telling error when both shapes fail', async () => {
    const fake = fakeApi({
      'GET /config': () => ({ version: '2026.9.0' }),
      'GET /organizations/:org/policies': () => list([]),
      'PUT /organizations/:org/policies/:type': (req) => {
        if ('policy' in (req.json as object)) throw apiError(400, 'PUT', '/p', { message: 'This organization cannot use policies.', validationErrors: null });
        throw apiError(400, 'PUT', '/p', { message: 'The model state is invalid.', validationErrors: { Type: ['bad'] } });
      },
    });
    await expect(changePolicy(fakeOrg(fake.api), def('disable-send'), { enabled: true, data: null })).rejects.toThrow('This organization cannot use policies.');
  });

  it('does not retry errors other than 400', async () => {
    const fake = fakeApi({
      'GET /config': () => ({ version: '2026.9.0' }),
      'GET /organizations/:org/policies': () => list([]),
      'PUT /organizations/:org/policies/:type': () => {
        throw apiError(404, 'PUT', '/p', { message: 'Resource not found.' });
      },
    });
    await expect(changePolicy(fakeOrg(fake.api), def('disable-send'), { enabled: true, data: null })).rejects.toThrow('Resource not found.');
    expect(fake.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('changes nothing when the policy already is as asked', async () => {
    const s = policyServer({ accepts: 'wrapped', saved: [{ type: 1, enabled: true, data: { minLength: 14, requireUpper: true } }] });
    const out = await changePolicy(fakeOrg(s.api), def('master-password'), { enabled: true, data: { requireUpper: true, minLength: 14, requireLower: null } });
    expect(out.changed).toBe(false);
    expect(s.calls.some((c) => c.method === 'PUT')).toBe(false);
    const off = await changePolicy(fakeOrg(s.api), def('single-org'), { enabled: false });
    expect(off.changed).toBe(false);
  });

  it('asks before turning on a policy that is off, and not when it already is on', async () => {
    const s = policyServer({ accepts: 'wrapped' });
    const asked: string[] = [];
    const hooks = { beforeEnable: async (d: { name: string }) => void asked.push(d.name) };
    await changePolicy(fakeOrg(s.api), def('single-org'), { enabled: true, data: null }, hooks);
    await changePolicy(fakeOrg(s.api), def('single-org'), { enabled: true, data: null }, hooks);
    expect(asked).toEqual(['single-org']);
    const refusing = { beforeEnable: async () => Promise.reject(new Error('cancelled')) };
    await expect(changePolicy(fakeOrg(s.api), def('two-factor-authentication'), { enabled: true, data: null }, refusing)).rejects.toThrow('cancelled');
    expect(s.saved.has(0)).toBe(false);
  });

  it('uses the flat Public API body with an organization API key', async () => {
    const fake = fakeApi({
      'GET /public/policies': () => list([{ id: 'x', type: 3, enabled: true, data: null }]),
      'PUT /public/policies/:type': (req, [type]) => ({ id: 'y', type: Number(type), ...(req.json as object) }),
    });
    const out = await changePolicy(fakeOrg(fake.api, { kind: 'organization' }), def('require-sso'), { enabled: true, data: null });
    expect(out).toMatchObject({ changed: true, shape: 'public', policy: { enabled: true } });
    expect(fake.calls.find((c) => c.method === 'PUT')?.json).toEqual({ enabled: true, data: null });
  });

  it('refuses a dependant of Single organization before sending anything', async () => {
    const s = policyServer({ accepts: 'wrapped' });
    await expect(changePolicy(fakeOrg(s.api), def('require-sso'), { enabled: true, data: null })).rejects.toThrow(PolicyDependencyError);
    expect(s.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('encrypts the default collection name into metadata and needs the org key for it', async () => {
    const s = policyServer({ accepts: 'wrapped' });
    await changePolicy(fakeOrg(s.api), def('organization-data-ownership'), { enabled: true, data: null, defaultCollectionName: 'My items' });
    expect((s.calls.find((c) => c.method === 'PUT')?.json as { metadata: { defaultUserCollectionName: string } }).metadata.defaultUserCollectionName).toMatch(/^2\./);
    await expect(changePolicy(fakeOrg(s.api, { key: false }), def('organization-data-ownership'), { enabled: true, data: {}, defaultCollectionName: 'Mine' })).rejects.toThrow(/unlock first/);
  });
});

describe('dependency checks', () => {
  const states = (on: number[], extra: Partial<PolicyState> = {}): PolicyState[] =>
    POLICIES.map((p) => ({ type: p.type, name: p.name, title: p.title, enabled: on.includes(p.type), data: null, canToggleState: null, ...(p.type === 3 ? extra : {}) }));

  it.each(REQUIRES_SINGLE_ORG.map((t) => [POLICIES[t]?.name as string]))('enabling %s needs single-org', (name) => {
    expect(() => checkDependencies(def(name), true, states([]))).toThrow(`${name} needs the single-org policy (Single organization), which is off`);
    expect(() => checkDependencies(def(name), true, states([3]))).not.toThrow();
  });

  it('refuses to turn single-org off while dependants are on, naming them', () => {
    expect(() => checkDependencies(def('single-org'), false, states([3, 4, 9]))).toThrow('single-org cannot be turned off while require-sso, maximum-vault-timeout are on (they require it)');
    expect(() => checkDependencies(def('single-org'), false, states([3, 1]))).not.toThrow();
    expect(() => checkDependencies(def('single-org'), false, states([3], { canToggleState: false }))).toThrow('verified domains');
  });

  it('lists every known policy, off unless saved, plus unknown types from the server', async () => {
    const fake = fakeApi({ 'GET /organizations/:org/policies': () => list([{ type: 1, enabled: true, data: { minLength: 14 } }, { type: 99, enabled: true, data: null }]) });
    const all = await listPolicyStates(fakeOrg(fake.api));
    expect(all).toHaveLength(24);
    expect(all.find((p) => p.type === 1)).toMatchObject({ name: 'master-password', enabled: true, data: { minLength: 14 } });
    expect(all.find((p) => p.type === 0)).toMatchObject({ enabled: false, data: null });
    expect(all.at(-1)).toMatchObject({ type: 99, name: 'policy-99' });
  });
});
