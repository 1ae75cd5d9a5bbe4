import { describe, expect, it } from 'vitest';
import { countActions, diffPlan, pending, type Operation } from '../../../src/plan/diff.js';
import { emptyLiveState, type LiveState } from '../../../src/plan/live-state.js';
import { parsePlanText } from '../../../src/plan/load.js';

const planYaml = `version: 1
client: { name: Contoso Ltd, ownerEmail: it@contoso.example, plan: enterprise, seats: 25 }
collections:
  - name: Finance/Banking
  - name: Finance
  - name: IT
    externalId: it-01
groups:
  - name: Accounting
    collections: ["Finance:read-only", "Finance/Banking"]
policies:
  - type: master-password
    options: { minLength: 14 }
  - type: single-org
members:
  - email: ann@contoso.example
    role: admin
    groups: [Accounting]
  - email: bob@contoso.example
autoConfirm: true
`;

const plan = parsePlanText(planYaml, 'plan.yaml');
const client = { id: 'org-1', providerOrganizationId: 'po-1', name: 'Contoso Ltd', seats: 25 };

/** The live state of a client where the plan is fully applied. */
function appliedState(): LiveState {
  return {
    client,
    collections: [
      { id: 'c-fin', name: 'Finance', externalId: null },
      { id: 'c-bank', name: 'Finance/Banking', externalId: null },
      { id: 'c-it', name: 'IT', externalId: 'it-01' },
    ],
    groups: [{ id: 'g-acc', name: 'Accounting', externalId: null, collections: [{ collectionId: 'c-fin', permission: 'read-only' }, { collectionId: 'c-bank', permission: 'edit' }] }],
    policies: [
      { type: 1, enabled: true, data: { minLength: 14, minComplexity: null } },
      { type: 3, enabled: true, data: null },
    ],
    members: [
      { id: 'm-ann', email: 'ann@contoso.example', status: 'invited', role: 'admin', permissions: [], groups: ['Accounting'] },
      { id: 'm-bob', email: 'bob@contoso.example', status: 'confirmed', role: 'user', permissions: [], groups: [] },
    ],
  };
}

const find = (ops: Operation[], kind: Operation['kind'], name: string) => ops.find((o) => o.kind === kind && o.name === name);

describe('diffPlan', () => {
  it('creates everything, in dependency order, for a client that does not exist', () => {
    const ops = diffPlan(plan, emptyLiveState());
    expect(ops.map((o) => `${o.kind}:${o.name}:${o.action}`)).toEqual([
      'client:Contoso Ltd:create',
      'collection:Finance:create',
      'collection:IT:create',
      'collection:Finance/Banking:create',
      'group:Accounting:create',
      'policy:single-org:create',
      'policy:master-password:create',
      'member:ann@contoso.example:create',
      'member:bob@contoso.example:create',
    ]);
    expect(find(ops, 'group', 'Accounting')).toMatchObject({ grants: [{ collection: 'Finance', permission: 'read-only' }, { collection: 'Finance/Banking', permission: 'edit' }] });
    expect(countActions(ops)).toEqual({ create: 9, update: 0, unchanged: 0, unsupported: 0 });
  });

  it('has nothing to do when the live state matches the plan', () => {
    const ops = diffPlan(plan, appliedState());
    expect(pending(ops)).toEqual([]);
    expect(ops.every((o) => o.action === 'unchanged')).toBe(true);
    expect(ops.filter((o) => o.kind === 'group-access')).toHaveLength(1);
  });

  it('reconciles collections and groups by name case-insensitively, and by external id', () => {
    const live = appliedState();
    live.collections = [
      { id: 'c-fin', name: 'FINANCE', externalId: null },
      { id: 'c-bank', name: 'finance/banking', externalId: null },
      { id: 'c-it', name: 'Information Technology', externalId: 'it-01' },
    ];
    live.groups = [{ ...(live.groups[0] as LiveState['groups'][number]), name: 'accounting' }];
    const ops = diffPlan(plan, live);
    expect(find(ops, 'collection', 'Finance')?.action).toBe('unchanged');
    expect(find(ops, 'collection', 'IT')).toMatchObject({ action: 'update', id: 'c-it', rename: true, detail: "rename 'Information Technology' → 'IT'" });
    expect(find(ops, 'group', 'Accounting')?.action).toBe('unchanged');
  });

  it('sets a missing external id on a collection found by name', () => {
    const live = appliedState();
    live.collections = live.collections.map((c) => (c.id === 'c-it' ? { ...c, externalId: null } : c));
    expect(find(diffPlan(plan, live), 'collection', 'IT')).toMatchObject({ action: 'update', rename: false, detail: 'external id - → it-01' });
  });

  it('grants group access that is missing or has another permission', () => {
    const live = appliedState();
    live.groups = [{ id: 'g-acc', name: 'Accounting', externalId: null, collections: [{ collectionId: 'c-fin', permission: 'manage' }] }];
    const access = find(diffPlan(plan, live), 'group-access', 'Accounting');
    expect(access).toMatchObject({ action: 'update', groupId: 'g-acc', grants: [{ collection: 'Finance', permission: 'read-only' }, { collection: 'Finance/Banking', permission: 'edit' }] });
  });

  it('compares policies by enabled and data, ignoring nulls and key order', () => {
    const live = appliedState();
    live.policies = [
      { type: 1, enabled: true, data: { minLength: 12 } },
      { type: 3, enabled: false, data: null },
    ];
    const ops = diffPlan(plan, live);
    expect(find(ops, 'policy', 'master-password')).toMatchObject({ action: 'update', detail: 'options change', data: { minLength: 14 } });
    expect(find(ops, 'policy', 'single-org')).toMatchObject({ action: 'create', detail: 'off → on' });
    // single-org comes before the policies that may need it.
    expect(ops.filter((o) => o.kind === 'policy').map((o) => o.name)).toEqual(['single-org', 'master-password']);
  });

  it('never re-invites a present member; changes its role and adds missing groups', () => {
    const live = appliedState();
    live.members = [
      { id: 'm-ann', email: 'ann@contoso.example', status: 'confirmed', role: 'user', permissions: [], groups: [] },
      { id: 'm-bob', email: 'bob@contoso.example', status: 'revoked', role: 'user', permissions: [], groups: ['Other'] },
    ];
    const ops = diffPlan(plan, live);
    expect(find(ops, 'member', 'ann@contoso.example')).toMatchObject({ action: 'update', roleChange: true, addGroups: ['Accounting'], detail: 'role user → admin, add to Accounting' });
    expect(find(ops, 'member', 'bob@contoso.example')).toMatchObject({ action: 'unchanged', detail: 'revoked, user' });
    expect(ops.some((o) => o.kind === 'member' && o.action === 'create')).toBe(false);
  });

  it('confirms accepted members when autoConfirm is on, and only then', () => {
    const live = appliedState();
    live.members = live.members.map((m) => (m.email === 'ann@contoso.example' ? { ...m, status: 'accepted' } : m));
    const ops = diffPlan(plan, live);
    expect(ops.at(-1)).toMatchObject({ kind: 'confirm', name: 'ann@contoso.example', action: 'create' });
    expect(diffPlan({ ...plan, autoConfirm: false }, live).some((o) => o.kind === 'confirm')).toBe(false);
  });

  it('counts a server echoing every field of the policy (nulls, false) as unchanged', () => {
    const live = appliedState();
    live.policies[0] = { type: 1, enabled: true, data: { requireUpper: false, minLength: 14, minComplexity: null, enforceOnLogin: false } };
    expect(find(diffPlan(plan, live), 'policy', 'master-password')?.action).toBe('unchanged');
    live.policies[0] = { type: 1, enabled: true, data: { requireUpper: true, minLength: 14 } };
    expect(find(diffPlan(plan, live), 'policy', 'master-password')?.action).toBe('update');
  });

  it('turns off a policy the plan disables', () => {
    const off = parsePlanText(planYaml.replace('  - type: single-org', '  - type: single-org\n  - type: disable-send\n    enabled: false'), 'plan.yaml');
    const live = appliedState();
    live.policies.push({ type: 6, enabled: true, data: null });
    expect(find(diffPlan(off, live), 'policy', 'disable-send')).toMatchObject({ action: 'update', enabled: false, detail: 'on → off' });
  });

  it('updates the seats of an existing client', () => {
    const ops = diffPlan(plan, { ...appliedState(), client: { ...client, seats: 10 } });
    expect(ops[0]).toMatchObject({ kind: 'client', action: 'update', detail: 'seats 10 → 25' });
  });

  it('plans SSO and SCIM: create on a client without them, unsupported where the server has no endpoint, unchanged once applied', () => {
    const withSso = parsePlanText(
      `${planYaml}sso:\n  type: oidc\n  identifier: contoso\n  oidc: { authority: "https://login.example/", clientId: bw, clientSecretEnv: OIDC_SECRET }\nscim: { enabled: true }\n`,
      'plan.yaml',
    );
    const created = diffPlan(withSso, appliedState());
    expect(find(created, 'sso', 'contoso')).toMatchObject({ action: 'create', clientSecretEnv: 'OIDC_SECRET', settings: { type: 'oidc', identifier: 'contoso' } });
    expect(JSON.stringify(find(created, 'sso', 'contoso'))).not.toContain('secret-value');
    expect(find(created, 'scim', 'enabled')).toMatchObject({ action: 'create', enabled: true });
    const noEndpoints = diffPlan(withSso, { ...appliedState(), sso: null, scim: null });
    expect(noEndpoints.filter((o) => o.action === 'unsupported').map((o) => o.kind)).toEqual(['sso', 'scim']);
    const urls = { callbackPath: 'c', signedOutCallbackPath: 's', spEntityIdStatic: 'e', spEntityId: 'e', spMetadataUrl: 'm', spAcsUrl: 'a' };
    const applied = diffPlan(withSso, {
      ...appliedState(),
      sso: { enabled: true, identifier: 'contoso', urls, data: { configType: 1, memberDecryptionType: 0, authority: 'https://login.example/', clientId: 'bw', clientSecret: 'stored' } },
      scim: true,
    });
    expect(pending(applied)).toEqual([]);
    const changed = diffPlan(withSso, {
      ...appliedState(),
      sso: { enabled: true, identifier: 'other', urls, data: { configType: 1, memberDecryptionType: 0, authority: 'https://login.example/', clientId: 'bw', clientSecret: 'stored' } },
      scim: false,
    });
    expect(pending(changed).map((o) => [o.kind, o.action])).toEqual([['sso', 'update'], ['scim', 'create']]);
  });

  it('refuses an unknown policy or bad options, naming the field, before anything is sent', () => {
    // Loading already refuses them with the line (parsePlanText); diffPlan checks plans made in code.
    expect(() => parsePlanText(planYaml.replace('type: single-org', 'type: singel-org'), 'plan.yaml')).toThrow(/plan\.yaml:\d+:\d+: policies\[1\]\.type: unknown policy 'singel-org'/);
    expect(() => parsePlanText(planYaml.replace('minLength: 14', 'minLength: 4'), 'plan.yaml')).toThrow(/plan\.yaml:\d+:\d+: policies\[0\]\.options\.minLength/);
    const plan = parsePlanText(planYaml, 'plan.yaml');
    const bad = { ...plan, policies: plan.policies.map((p, i) => (i === 1 ? { ...p, type: 'singel-org' } : p)) };
    expect(() => diffPlan(bad, emptyLiveState())).toThrow(/policies\[1\]\.type: unknown policy 'singel-org'/);
    const badData = { ...plan, policies: plan.policies.map((p, i) => (i === 0 ? { ...p, options: { minLength: 4 } } : p)) };
    expect(() => diffPlan(badData, emptyLiveState())).toThrow(/policies\[0\]\.options \(master-password\): minLength/);
  });
});
